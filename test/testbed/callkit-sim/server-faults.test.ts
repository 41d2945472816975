import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callRecordSchema } from "../../../src/callkit/schemas.js";
import { type Simulator, startSimulator } from "../../../src/testbed/callkit-sim/server.js";
import {
  NOW_MS,
  post,
  RECORDS,
  SDK_APP_ID,
  SECRET_KEY,
  simulators,
  WINDOW,
} from "./server-helpers.js";

const { sim, stopAll } = simulators();
afterAll(stopAll);

describe("faults", () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim();
  });
  afterEach(() => s.faults.clear());

  it("adds latency", async () => {
    s.faults.inject({ kind: "latency", ms: 150 });
    const started = performance.now();
    const { json } = await post(s, "filter", WINDOW);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(json.errorCode).toBe(0);
  });

  it("answers an HTTP error with an HTML body", async () => {
    s.faults.inject({ kind: "http", status: 502 });
    const { status, text } = await post(s, "filter", WINDOW);
    expect(status).toBe(502);
    expect(text).toContain("<html>");
  });

  it("answers 200 with a body that is not JSON", async () => {
    s.faults.inject({ kind: "malformed" });
    const { status, text } = await post(s, "filter", WINDOW);
    expect(status).toBe(200);
    expect(() => JSON.parse(text)).toThrow();
  });

  it.each([
    ["filter" as const, WINDOW],
    ["callId" as const, { callId: "call-003" }],
  ])("serves a record missing a required field on %s", async (endpoint, body) => {
    s.faults.inject({ kind: "bad-record" });
    const { json } = await post(s, endpoint, body);
    expect(json.errorCode).toBe(0);
    const data = json.data as { callRecordList?: unknown[] };
    const first = endpoint === "filter" ? data.callRecordList?.[0] : data;
    expect(callRecordSchema.safeParse(first).success).toBe(false);
  });

  it("edits records of a successful answer as told: null, dropped, wrong type", async () => {
    s.faults.inject({
      kind: "edit-records",
      edits: [
        { index: 0, set: { acceptTs: null } },
        { index: 1, drop: ["callees"] },
        { index: 2, set: { startCallTs: "yesterday" } },
      ],
    });
    const { json } = await post(s, "filter", { ...WINDOW, numberPerPage: 5 });
    const list = (json.data as { callRecordList: Record<string, unknown>[] }).callRecordList;
    expect(list).toHaveLength(5);
    expect(list[0]).toHaveProperty("acceptTs", null);
    expect(list[1]).not.toHaveProperty("callees");
    expect(list[2]).toHaveProperty("startCallTs", "yesterday");
    expect(list[3]).toEqual(expect.objectContaining({ callees: ["10086"], acceptTs: 0 }));
  });

  it.each([false, true])(
    "streams an oversized answer of exactly the bytes asked (chunked: %s)",
    async (chunked) => {
      s.faults.inject({ kind: "oversized", bytes: 3_000_000, chunked, times: 1 });
      const { status, text } = await post(s, "filter", WINDOW);
      expect(status).toBe(200);
      expect(Buffer.byteLength(text)).toBe(3_000_000);
      expect(JSON.parse(text)).toMatchObject({ errorCode: 0, data: { callRecordList: [] } });
    },
  );

  it("answers any error code", async () => {
    s.faults.inject({ kind: "error", code: 50001, message: "buy the group call package" });
    const { json } = await post(s, "filter", WINDOW);
    expect(json).toMatchObject({ errorCode: 50001, errorMessage: "buy the group call package" });
  });

  it("hangs until the client gives up, and stop() still finishes", async () => {
    const own = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: SECRET_KEY,
      dataset: RECORDS,
      now: () => NOW_MS,
    });
    own.faults.inject({ kind: "hang" });
    await expect(
      post(own, "filter", WINDOW, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    const pending = post(own, "filter", WINDOW).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.stop();
    expect(await pending).toBeInstanceOf(Error);
  });

  it("applies to one endpoint only when asked, for N requests", async () => {
    s.faults.inject({ kind: "error", code: 70003, endpoint: "callId", times: 2 });
    expect((await post(s, "filter", WINDOW)).json.errorCode).toBe(0);
    expect((await post(s, "callId", { callId: "call-001" })).json.errorCode).toBe(70003);
    expect((await post(s, "callId", { callId: "call-001" })).json.errorCode).toBe(70003);
    expect((await post(s, "callId", { callId: "call-001" })).json.errorCode).toBe(0);
  });

  it("stops when cleared", async () => {
    s.faults.inject({ kind: "http", status: 503 });
    expect((await post(s, "filter", WINDOW)).status).toBe(503);
    s.faults.clear();
    expect((await post(s, "filter", WINDOW)).status).toBe(200);
  });
});
