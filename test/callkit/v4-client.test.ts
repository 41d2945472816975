import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  CallKitClient,
  type CallKitClientOptions,
  type UpstreamRequestEvent,
} from "../../src/callkit/client.js";
import { CallKitError } from "../../src/callkit/errors.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "./support/records.js";
import { expectNoSecretsIn, userSigsSince } from "./support/secrets.js";

/** The v4 client against the simulator's v4 over HTTP: normalising, paging, the error table. */

const sdkAppId = 1400000044;
const secretKey = "v4-client-test-secret-key-0123456789abcdef";
const nowSec = Math.floor(Date.now() / 1000);
const records = makeRecords(135, sdkAppId, nowSec);
records[0] = { ...records[0]!, callResult: "mystery_result" };
records[1] = {
  ...records[1]!,
  callType: "group",
  callees: ["user_2", "user_3"],
  acceptTs: undefined,
};
const window = { startTimestamp: nowSec - 86_400, endTimestamp: nowSec + 60 };
const testStartSec = nowSec;

let sim: Simulator;
const events: UpstreamRequestEvent[] = [];

function client(extra: Partial<CallKitClientOptions> = {}): CallKitClient {
  return new CallKitClient({
    generation: "v4",
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 200,
    callIdRateLimit: 200,
    timeoutMs: 3500,
    onRequest: (event) => events.push(event),
    ...extra,
  });
}

async function collect(iterable: AsyncIterable<CallRecord>): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<CallKitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CallKitError);
    return error as CallKitError;
  }
  throw new Error("expected a CallKitError");
}

function expectNoSecrets(error: CallKitError): void {
  const sigs = userSigsSince(testStartSec, { sdkAppId, secretKey, identifier: "administrator" });
  for (const text of [
    error.message,
    JSON.stringify(error),
    error.stack ?? "",
    JSON.stringify(events),
  ])
    expectNoSecretsIn(text, secretKey, sigs);
}

beforeAll(async () => {
  sim = await startSimulator({
    sdkAppId,
    secretKey,
    dataset: records,
    generation: "v4",
    // A vendor that ignores the size asked for past 25 records a page.
    v4: { maxPerPage: 25 },
  });
});
afterAll(() => sim.stop());
afterEach(() => {
  sim.faults.clear();
  sim.stats.reset();
  events.length = 0;
});

describe("CallKitClient (v4)", () => {
  it("normalises a v4 record into the one CallRecord: v1's words, callees without the caller, generation kept", async () => {
    const found = await client().getRecordByCallId(records[1]!.callId);
    const { sdkAppId: _app, totalUserNumber: _total, ...expected } = records[1]!;
    expect(found).toEqual({
      ...expected,
      sdkAppId, // from the configuration: v4 records carry none
      members: ["user_1", "user_2", "user_3"],
      roomIdType: 2,
      generation: "v4",
    });
    expect(found).not.toHaveProperty("totalUserNumber");
    expect(found).not.toHaveProperty("acceptTs");
    expect(events).toEqual([
      expect.objectContaining({ endpoint: "get_record_by_callid", outcome: "ok" }),
    ]);
  });

  it("keeps a result value it has no word for", async () => {
    expect((await client().getRecordByCallId(records[0]!.callId))?.callResult).toBe(
      "mystery_result",
    );
  });

  it("scans every record once when the vendor caps the page below the size asked for", async () => {
    const seen = await collect(client().scan(window, { pageSize: 100 }));
    expect(seen.map((r) => r.callId).sort()).toEqual(records.map((r) => r.callId).sort());
    // Page 1 showed the cap (25 of 135): the rest is read 25 at a time, pages 1..6, nothing twice.
    expect(sim.stats.requests("v4-filter")).toBe(Math.ceil(135 / 25));
    expect(sim.stats.requests("filter")).toBe(0);
    expect(seen.every((r) => r.generation === "v4")).toBe(true);
  });

  it.each([
    ["total", "echo"],
    ["page", "echo"],
    ["page", "zero-when-done"],
  ] as const)("reads every record with TotalNum as %s and Page %s", async (totalNum, page) => {
    const other = await startSimulator({
      sdkAppId,
      secretKey,
      dataset: records,
      generation: "v4",
      v4: { pagination: { totalNum, page } },
    });
    try {
      const seen = await collect(client({ apiUrl: other.url }).scan(window, { pageSize: 20 }));
      expect(new Set(seen.map((r) => r.callId)).size).toBe(135);
      expect(seen).toHaveLength(135);
    } finally {
      await other.stop();
    }
  });

  it("filters result and type itself: v4 is asked only the window", async () => {
    const rejected = await collect(
      client().scan({ ...window, callResult: "reject", callType: "single" }),
    );
    const expected = records.filter((r) => r.callResult === "reject" && r.callType === "single");
    expect(rejected.map((r) => r.callId).sort()).toEqual(expected.map((r) => r.callId).sort());
  });

  it("reads 101050 as an empty result and a call not found", async () => {
    const empty = await collect(
      client().scan({ startTimestamp: nowSec + 3600, endTimestamp: nowSec + 7200 }),
    );
    expect(empty).toEqual([]);
    expect(await client().getRecordByCallId("not-a-call")).toBeUndefined();
    expect(events.map((e) => e.outcome)).toEqual(["empty", "empty"]);
  });

  it("reads 70001 as an expired UserSig: signs afresh and tries again (on v1 the same code is a bug)", async () => {
    sim.faults.inject({ endpoint: "v4-callId", kind: "error", code: 70001, times: 1 });
    const found = await client().getRecordByCallId(records[2]!.callId);
    expect(found?.callId).toBe(records[2]!.callId);
    expect(events.map((e) => [e.outcome, e.errorCode])).toEqual([
      ["retry", 70001],
      ["ok", undefined],
    ]);
    sim.faults.inject({ endpoint: "v4-callId", kind: "error", code: 70001 });
    const error = await failure(client({ retries: 2 }).getRecordByCallId(records[2]!.callId));
    expect(error).toMatchObject({ kind: "config", code: 70001, endpoint: "get_record_by_callid" });
    expect(error.explanation).toMatch(/clock/);
    expectNoSecrets(error);
  });

  it.each([
    [60004, "config", 2],
    [70009, "config", 1],
    [60007, "rate_limited", 4],
    [101001, "upstream", 2],
    [60003, "bug", 1],
    [60021, "config", 1],
    [123456, "upstream", 2],
  ] as const)(
    "code %i → %s after %i request(s), no secrets",
    async (code, kind, requests) => {
      sim.faults.inject({ endpoint: "v4-filter", kind: "error", code });
      const error = await failure(
        client().getRecordsPage({ ...window, page: 1, numberPerPage: 10 }),
      );
      expect(error).toMatchObject({ kind, code, endpoint: "get_record_by_filter" });
      expect(error.requestId).toMatch(/^Id-/);
      expect(sim.stats.requests("v4-filter")).toBe(requests);
      expectNoSecrets(error);
    },
    15_000,
  );

  it("keeps a page whose one record does not fit, counting the misfit", async () => {
    sim.faults.inject({ endpoint: "v4-filter", kind: "bad-record", times: 1 });
    const page = await client().getRecordsPage({ ...window, page: 1, numberPerPage: 10 });
    expect(page.records).toHaveLength(9);
    expect(page.skipped).toBe(1);
    expect(events[0]?.skippedIssues?.[0]).toMatch(/^CallRecordList\[0\]\.StartTime/);
  });

  it("names TRTC_V4_API_URL when the v4 host is wrong", async () => {
    const error = await failure(
      client({ apiUrl: "http://127.0.0.1:9", retries: 0 }).getRecordByCallId("x"),
    );
    expect(error.kind).toBe("network");
    expect(error.explanation).toContain("TRTC_V4_API_URL");
  });
});
