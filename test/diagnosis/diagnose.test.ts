import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decideVerdict, percentiles, pickRoom } from "../../src/diagnosis/analyse.js";
import { diagnose } from "../../src/diagnosis/diagnose.js";
import type { Diagnosis } from "../../src/diagnosis/model.js";
import { startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { startTrtcSimulator, type TrtcSimulator } from "../../src/testbed/trtc-sim/server.js";
import { TrtcCloudClient } from "../../src/trtc/client.js";
import {
  SDK_APP_ID,
  SECRET_ID,
  SECRET_KEY,
  sampleCalls,
  settingsFor,
} from "../trtc/support/calls.js";

const calls = sampleCalls();
const [interrupted, cancelled, normal] = calls as [
  (typeof calls)[0],
  (typeof calls)[0],
  (typeof calls)[0],
];
let sim: TrtcSimulator;
let api: TrtcCloudClient;

beforeAll(async () => {
  sim = await startTrtcSimulator({
    sdkAppId: SDK_APP_ID,
    keys: { [SECRET_ID]: SECRET_KEY },
    calls,
  });
  api = new TrtcCloudClient({ settings: settingsFor(sim.url), sdkAppId: SDK_APP_ID });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.clear());

describe("diagnose() over the SDK client and the TRTC simulator", () => {
  it("explains an interrupted call: network lost 12 s before, RTT ~900 ms before it", async () => {
    const diagnosis = await diagnose(api, interrupted);
    expect(diagnosis.status).toBe("found");
    expect(diagnosis.room?.commId).toMatch(new RegExp(`^${SDK_APP_ID}_`));
    expect(diagnosis.participants.map((p) => [p.userId, p.entered])).toEqual([
      ["10010", true],
      ["10086", true],
    ]);
    expect(diagnosis.participants[1]).toMatchObject({
      sdkVersion: expect.any(String),
      clientIp: expect.stringMatching(/^203\.0\./),
    });
    expect(diagnosis.events.some((e) => e.userId === "10086" && e.cause === "network_lost")).toBe(
      true,
    );
    expect(diagnosis.verdict).toMatchObject({
      kind: "event",
      userId: "10086",
      cause: "network_lost",
      eventId: 1003,
      secondsBeforeEnd: 12,
      callResult: "interrupt",
    });
    const verdict = diagnosis.verdict as Extract<Diagnosis["verdict"], { kind: "event" }>;
    expect(verdict.rttBeforeMs).toBeGreaterThanOrEqual(850);
    const quality = diagnosis.quality.find((q) => q.userId === "10086");
    expect(quality?.metrics.rtt?.p50).toBeLessThan(200);
    expect(quality?.metrics.rtt?.max).toBeGreaterThan(800);
    expect(diagnosis.abnormal[0]).toMatchObject({
      experienceId: 5,
      causes: [{ eventId: 2005, peerId: "10086" }],
    });
    expect(diagnosis.gaps).toEqual([]);
    // A plain data type: survives JSON as it is.
    expect(JSON.parse(JSON.stringify(diagnosis))).toEqual(diagnosis);
  });

  it("explains a cancelled call by the caller's refused microphone permission", async () => {
    const diagnosis = await diagnose(api, cancelled);
    expect(diagnosis.participants).toEqual([
      expect.objectContaining({ userId: "10010", entered: true }),
      { userId: "10086", entered: false },
    ]);
    expect(diagnosis.verdict).toMatchObject({
      kind: "event",
      userId: "10010",
      cause: "no_mic_permission",
      eventId: 2002,
      paramOne: 4,
    });
  });

  it("finds nothing wrong with a normal call", async () => {
    const diagnosis = await diagnose(api, normal);
    expect(diagnosis.verdict).toEqual({ kind: "nothing_found", callResult: "normal_end" });
  });

  it("says no one entered the room when TRTC has none", async () => {
    const diagnosis = await diagnose(api, { ...interrupted, roomId: "room-nobody" });
    expect(diagnosis.status).toBe("no_room");
    expect(diagnosis.verdict.kind).toBe("no_room");
    expect(diagnosis.participants.every((p) => !p.entered)).toBe(true);
  });

  it("fetches the parts in parallel: one DescribeRoomInfo, then the rest", async () => {
    const before = sim.requests.length;
    await diagnose(api, interrupted);
    const actions = sim.requests.slice(before).map((r) => r.action);
    expect(actions[0]).toBe("DescribeRoomInfo");
    expect(actions.filter((a) => a === "DescribeUserEvent").length).toBe(2);
    expect(new Set(actions)).toEqual(
      new Set([
        "DescribeRoomInfo",
        "DescribeUserInfo",
        "DescribeUserEvent",
        "DescribeCallDetailInfo",
        "DescribeUnusualEvent",
      ]),
    );
  });

  it("leaves a gap when one part fails, and fails whole on a missing package", async () => {
    sim.faults.inject({
      kind: "error",
      code: "InternalError.EsQueryError",
      action: "DescribeCallDetailInfo",
      times: 2,
    });
    const diagnosis = await diagnose(api, interrupted);
    expect(diagnosis.gaps).toEqual([{ part: "quality", kind: "upstream" }]);
    expect(diagnosis.verdict.kind).toBe("event");
    sim.faults.inject({
      kind: "error",
      code: "FailedOperation.MonitorDashboardNotOpen",
      action: "DescribeUserInfo",
    });
    await expect(diagnose(api, interrupted)).rejects.toMatchObject({ kind: "package_required" });
  });

  it("explains calls of the records simulator (same roomIds, users and times)", async () => {
    const records = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: "records-key-123456",
      dataset: { seed: 7, days: 1, callsPerDay: 400 },
    });
    const trtc = await startTrtcSimulator({
      sdkAppId: SDK_APP_ID,
      keys: { [SECRET_ID]: SECRET_KEY },
      calls: records.dataset,
    });
    try {
      const client = new TrtcCloudClient({ settings: settingsFor(trtc.url), sdkAppId: SDK_APP_ID });
      let found: Diagnosis | undefined;
      for (let i = records.dataset.size - 1; i >= 0 && !found; i--) {
        const record = records.dataset.at(i);
        if (
          record.callResult === "interrupt" &&
          (record.acceptTs ?? 0) > 0 &&
          record.callType === "single"
        ) {
          found = await diagnose(client, record);
        }
      }
      expect(found?.status).toBe("found");
      expect(found?.verdict).toMatchObject({
        kind: "event",
        cause: "network_lost",
        secondsBeforeEnd: 12,
      });
    } finally {
      await trtc.stop();
      await records.stop();
    }
  });
});

describe("the pure steps", () => {
  it.each([
    { values: [], expected: undefined },
    { values: [5], expected: { p50: 5, p90: 5, p99: 5, max: 5, samples: 1 } },
    {
      values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      expected: { p50: 5, p90: 9, p99: 10, max: 10, samples: 10 },
    },
  ])("percentiles of $values", ({ values, expected }) => {
    expect(percentiles(values)).toEqual(expected);
  });

  it("picks the room created closest to the call's start, of the same RoomString", () => {
    const rooms = [
      { CommId: "a", RoomString: "r", CreateTime: 1000 },
      { CommId: "b", RoomString: "r", CreateTime: 5000 },
      { CommId: "c", RoomString: "other", CreateTime: 5001 },
      { CommId: "d", RoomString: "r", CreateTime: 5600 },
    ];
    expect(pickRoom(rooms, "r", 5010)?.CommId).toBe("b");
    expect(pickRoom(rooms, "r", 100_000)).toBeUndefined();
  });

  const event = (userId: string, timeMs: number, cause: string, eventId = 1003) =>
    ({
      userId,
      peerId: userId,
      timeMs,
      eventId,
      paramOne: 0,
      paramTwo: -1,
      cause,
    }) as Diagnosis["events"][number];
  const base = { status: "found" as const, callEnd: 1000, abnormal: [], quality: [] };
  it.each([
    {
      name: "a drop long before the end is not the cause",
      input: { ...base, callResult: "interrupt", events: [event("a", 100_000, "network_lost")] },
      kind: "nothing_found",
    },
    {
      name: "network loss beats the timeout it caused",
      input: {
        ...base,
        callResult: "interrupt",
        events: [event("a", 999_000, "left_timeout", 7001), event("a", 988_000, "network_lost")],
      },
      kind: "event",
      cause: "network_lost",
    },
    {
      name: "a permission refusal explains a cancel",
      input: {
        ...base,
        callResult: "cancel",
        events: [event("a", 500_000, "no_mic_permission", 2002)],
      },
      kind: "event",
      cause: "no_mic_permission",
    },
    {
      name: "TRTC's abnormal experience when no event",
      input: {
        ...base,
        callResult: "interrupt",
        events: [],
        abnormal: [
          {
            userId: "a",
            experienceId: 4,
            eventTime: 990,
            causes: [{ eventId: 2024, peerId: "b" }],
          },
        ],
      },
      kind: "abnormal",
    },
    {
      name: "a high RTT before the end",
      input: {
        ...base,
        callResult: "interrupt",
        events: [],
        quality: [{ userId: "b", metrics: {}, rttBeforeEndMs: 700 }],
      },
      kind: "high_rtt",
    },
    {
      name: "no room",
      input: { ...base, status: "no_room" as const, callResult: "cancel", events: [] },
      kind: "no_room",
    },
  ])("$name", ({ input, kind, cause }) => {
    const verdict = decideVerdict(input);
    expect(verdict.kind).toBe(kind);
    if (cause) expect(verdict).toMatchObject({ cause });
  });
});
