import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { createMetrics } from "../../src/runtime/metrics.js";
import {
  startTrtcSimulator,
  type TrtcFault,
  type TrtcSimulator,
} from "../../src/testbed/trtc-sim/server.js";
import { TrtcCloudClient } from "../../src/trtc/client.js";
import { TrtcCloudError } from "../../src/trtc/errors.js";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY, sampleCalls, settingsFor } from "./support/calls.js";

// The official SDK client against the simulator over HTTP: every request is TC3-signed by the SDK
// and checked by the simulator's independent verifier.

const calls = sampleCalls();
const interrupted = calls[0]!;
let sim: TrtcSimulator;
const lines: string[] = [];
const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });

beforeAll(async () => {
  sim = await startTrtcSimulator({
    sdkAppId: SDK_APP_ID,
    keys: { [SECRET_ID]: SECRET_KEY },
    calls,
  });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.clear());

const client = (overrides: Partial<ConstructorParameters<typeof TrtcCloudClient>[0]> = {}) =>
  new TrtcCloudClient({
    settings: settingsFor(sim.url),
    sdkAppId: SDK_APP_ID,
    logger,
    ...overrides,
  });

async function roomOfInterrupted(api = client()) {
  const rooms = await api.findRooms({
    roomId: interrupted.roomId,
    start: interrupted.startCallTs - 300,
    end: (interrupted.endTs ?? 0) + 60,
  });
  return rooms[0]!;
}

describe("TRTC requests in /metrics", () => {
  it("counts each request by action and outcome: ok, retry, error", async () => {
    const metrics = createMetrics();
    const api = client({ logger: metrics.observe(logger) });
    await roomOfInterrupted(api);
    sim.faults.inject({
      kind: "error",
      code: "InternalError",
      action: "DescribeRoomInfo",
      times: 2,
    });
    await expect(roomOfInterrupted(api)).rejects.toBeInstanceOf(TrtcCloudError);
    const text = await metrics.render();
    const sample = (labels: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(`callscope_trtc_requests_total{${labels}} `))
          ?.split(" ")
          .at(-1) ?? 0,
      );
    expect(sample('action="DescribeRoomInfo",outcome="ok"')).toBe(1);
    expect(sample('action="DescribeRoomInfo",outcome="retry"')).toBe(1);
    expect(sample('action="DescribeRoomInfo",outcome="error"')).toBe(1);
  });
});

describe("TrtcCloudClient over HTTP against the simulator", () => {
  it("finds the room, its users, events, quality and abnormal experiences", async () => {
    const api = client();
    const room = await roomOfInterrupted(api);
    expect(room.RoomString).toBe(interrupted.roomId);
    expect(room.CommId).toMatch(new RegExp(`^${SDK_APP_ID}_\\d+_${interrupted.startCallTs}$`));
    const window = {
      commId: room.CommId,
      start: room.CreateTime,
      end: room.DestroyTime ?? room.CreateTime,
    };
    const users = await api.userInfo({ ...window, userIds: ["10010", "10086"] });
    expect(users.map((user) => user.UserId).sort()).toEqual(["10010", "10086"]);
    expect(users[0]!.SdkVersion).toMatch(/^\d+\.\d+/);
    const events = await api.userEvents({ ...window, roomId: room.RoomString, userId: "10086" });
    const ids = events.flatMap((entry) =>
      entry.events.map((event) => `${event.EventId}/${event.ParamOne}`),
    );
    expect(ids).toContain("1003/0");
    expect(ids).toContain("7001/1");
    const quality = await api.callQuality({ ...window, userIds: ["10010", "10086"] });
    const rtt = quality.find((series) => series.UserId === "10086" && series.DataType === "rtt")!;
    expect(Math.max(...rtt.Content.map((sample) => sample.Value))).toBeGreaterThan(800);
    const unusual = await api.unusualEvents({
      roomId: room.RoomString,
      start: window.start,
      end: window.end,
    });
    expect(unusual[0]).toMatchObject({
      ExperienceId: 5,
      AbnormalEventList: [{ AbnormalEventId: 2005, PeerId: "10086" }],
    });
  });

  it("a wrong SecretKey is refused by the simulator and mapped to auth", async () => {
    const api = client({ settings: settingsFor(sim.url, { secretKey: "wrongSecretKey-xyz-123" }) });
    const error = await roomOfInterrupted(api).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrtcCloudError);
    expect(error).toMatchObject({
      kind: "auth",
      code: "AuthFailure.SignatureFailure",
      retryable: false,
    });
    expect(sim.requests.at(-1)?.code).toBe("AuthFailure.SignatureFailure");
  });

  it("an unknown SecretId is mapped to auth", async () => {
    const api = client({ settings: settingsFor(sim.url, { secretId: "AKIDnobodyKnowsThis" }) });
    await expect(roomOfInterrupted(api)).rejects.toMatchObject({
      kind: "auth",
      code: "AuthFailure.SecretIdNotFound",
    });
  });

  it("splits windows and user lists by construction (none refused)", async () => {
    const api = client();
    const before = sim.requests.length;
    const nowSec = Math.floor(Date.now() / 1000);
    // 30 h of rooms → two DescribeRoomInfo requests; 2 h 30 min of quality for 8 users → 3 × 2.
    await api.findRooms({ roomId: interrupted.roomId, start: nowSec - 30 * 3600, end: nowSec });
    const room = await roomOfInterrupted(api);
    const users = ["10010", "10086", "a", "b", "c", "d", "e", "f"];
    await api.callQuality({
      commId: room.CommId,
      start: nowSec - 9000,
      end: nowSec,
      userIds: users,
    });
    await api.unusualEvents({ roomId: interrupted.roomId, start: nowSec - 9000, end: nowSec });
    const mine = sim.requests.slice(before);
    expect(mine.every((request) => request.code === undefined)).toBe(true);
    const of = (action: string) => mine.filter((request) => request.action === action);
    expect(of("DescribeRoomInfo").length).toBe(3);
    for (const request of of("DescribeRoomInfo")) {
      expect((request.body.EndTime as number) - (request.body.StartTime as number)).toBeLessThan(
        86_400,
      );
    }
    expect(of("DescribeCallDetailInfo").length).toBe(6);
    for (const request of of("DescribeCallDetailInfo")) {
      expect((request.body.UserIds as string[]).length).toBeLessThanOrEqual(6);
      expect((request.body.EndTime as number) - (request.body.StartTime as number)).toBeLessThan(
        3600,
      );
    }
    expect(of("DescribeUnusualEvent").length).toBe(3);
  });

  it("cuts a window to the 14-day reach, and refuses one wholly beyond it without asking", async () => {
    const api = client();
    const nowSec = Math.floor(Date.now() / 1000);
    const before = sim.requests.length;
    await expect(
      api.findRooms({ roomId: "r", start: nowSec - 20 * 86_400, end: nowSec - 15 * 86_400 }),
    ).rejects.toMatchObject({ kind: "too_old" });
    expect(sim.requests.length).toBe(before);
    await api.findRooms({
      roomId: "r",
      start: nowSec - 14 * 86_400 - 3600,
      end: nowSec - 13 * 86_400,
    });
    const first = sim.requests[before]!;
    expect(first.code).toBeUndefined();
    expect(first.body.StartTime as number).toBeGreaterThan(nowSec - 14 * 86_400);
  });

  const faults: { name: string; fault: TrtcFault; kind: string; code?: string; times?: number }[] =
    [
      {
        name: "no monitoring package",
        fault: { kind: "error", code: "FailedOperation.MonitorDashboardNotOpen" },
        kind: "package_required",
      },
      {
        name: "AuthFailure (CAM)",
        fault: { kind: "error", code: "AuthFailure.UnauthorizedOperation" },
        kind: "auth",
      },
      {
        name: "UnauthorizedOperation",
        fault: { kind: "error", code: "UnauthorizedOperation" },
        kind: "auth",
      },
      {
        name: "LimitExceeded twice",
        fault: { kind: "error", code: "RequestLimitExceeded", times: 2 },
        kind: "rate_limited",
      },
      {
        name: "LimitExceeded.*",
        fault: { kind: "error", code: "LimitExceeded.Api", times: 2 },
        kind: "rate_limited",
      },
      {
        name: "room not found",
        fault: { kind: "error", code: "ResourceNotFound.RoomNotExist" },
        kind: "not_found",
      },
      {
        name: "edition reach",
        fault: { kind: "error", code: "InvalidParameter.StartTimeOversize" },
        kind: "too_old",
      },
      {
        name: "invalid parameter (our bug)",
        fault: { kind: "error", code: "InvalidParameter.QueryScaleOversize" },
        kind: "bug",
      },
      { name: "region", fault: { kind: "error", code: "UnsupportedRegion" }, kind: "region" },
      {
        name: "internal error twice",
        fault: { kind: "error", code: "InternalError.DBError", times: 2 },
        kind: "upstream",
      },
      { name: "malformed JSON", fault: { kind: "malformed" }, kind: "malformed" },
      { name: "JSON of the wrong shape", fault: { kind: "wrong-shape" }, kind: "malformed" },
      { name: "HTTP 502", fault: { kind: "http", status: 502, times: 2 }, kind: "upstream" },
      { name: "timeout", fault: { kind: "delay", ms: 1500 }, kind: "timeout" },
    ];

  it.each(faults)(
    "maps $name to $kind, in plain words without the secret",
    async ({ fault, kind }) => {
      sim.faults.inject({ ...fault, action: "DescribeRoomInfo" });
      lines.length = 0;
      const api = client({ timeoutSec: 0.5 });
      const error = await roomOfInterrupted(api).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TrtcCloudError);
      const mapped = error as TrtcCloudError;
      expect(mapped.kind).toBe(kind);
      expect(mapped.action).toBe("DescribeRoomInfo");
      expect(mapped.explanation.length).toBeGreaterThan(10);
      expect(mapped.message).not.toContain(SECRET_KEY);
      expect(JSON.stringify(mapped)).not.toContain(SECRET_KEY);
      expect(lines.join("\n")).not.toContain(SECRET_KEY);
      expect(lines.some((line) => line.includes("trtc_cloud_failed"))).toBe(true);
    },
  );

  it("retries once after a single LimitExceeded and succeeds", async () => {
    sim.faults.inject({
      kind: "error",
      code: "RequestLimitExceeded",
      times: 1,
      action: "DescribeRoomInfo",
    });
    const room = await roomOfInterrupted();
    expect(room.RoomString).toBe(interrupted.roomId);
  });

  it("never shows the SecretKey even when the vendor's message echoes it", async () => {
    sim.faults.inject({
      kind: "error",
      code: "InternalError",
      message: `bad key ${SECRET_KEY}`,
      times: 2,
    });
    lines.length = 0;
    const error = (await roomOfInterrupted().catch((caught: unknown) => caught)) as TrtcCloudError;
    expect(error.vendorMessage).toContain("[redacted]");
    expect(
      `${error.message}${error.vendorMessage}${JSON.stringify(error)}${lines.join("")}`,
    ).not.toContain(SECRET_KEY);
  });

  it("holds 20 requests/s per API under concurrent requests (counted at the simulator)", async () => {
    const api = client();
    const room = await roomOfInterrupted(api);
    const before = sim.requests.length;
    const window = {
      commId: room.CommId,
      roomId: room.RoomString,
      start: room.CreateTime,
      end: room.DestroyTime ?? 0,
    };
    // Two clients (as two details at once) and 50 requests to one API.
    const other = client();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? api : other).userEvents({ ...window, userId: "10086" }),
      ),
    );
    const mine = sim.requests.slice(before);
    expect(mine.filter((request) => request.action === "DescribeUserEvent").length).toBe(50);
    expect(mine.some((request) => request.code === "RequestLimitExceeded")).toBe(false);
    expect(sim.maxPerSecond("DescribeUserEvent")).toBeLessThanOrEqual(20);
    expect(sim.maxPerSecond("DescribeUserEvent")).toBeGreaterThanOrEqual(15);
  });
});
