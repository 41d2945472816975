import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallRecord, callRecordSchema } from "../../../src/callkit/schemas.js";
import type { Simulator } from "../../../src/testbed/callkit-sim/server.js";
import {
  ADMIN,
  DAY,
  NOW_SEC,
  pipelined,
  post,
  RECORDS,
  record,
  SDK_APP_ID,
  SECRET_KEY,
  signedParams,
  simulators,
  WINDOW,
} from "./server-helpers.js";
import { forgeUserSig, vendorUserSig } from "./sig-helpers.js";

const { sim, stopAll } = simulators();
afterAll(stopAll);

describe("get_records_by_filter: the answer", () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim();
  });

  it("answers a signed request with the contract's envelope", async () => {
    const { status, json } = await post(s, "filter", WINDOW);
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(["data", "errorCode", "errorMessage", "requestId"]);
    expect(json.errorCode).toBe(0);
    expect(json.requestId).toMatch(/^[0-9a-f]{32}$/);
    const data = json.data as { totalNum: number; page: number; callRecordList: unknown[] };
    expect(data.totalNum).toBe(25);
    expect(data.page).toBe(1);
    const list = data.callRecordList.map((r) => callRecordSchema.parse(r));
    expect(list.map((r) => r.callId).sort()).toEqual(RECORDS.map((r) => r.callId).sort());
  });

  it("gives each answer its own requestId", async () => {
    const [a, b] = await Promise.all([post(s, "filter", WINDOW), post(s, "filter", WINDOW)]);
    expect(a.json.requestId).not.toBe(b.json.requestId);
  });

  it.each([
    ["callResult", { callResult: "reject" }, (r: CallRecord) => r.callResult === "reject"],
    ["callType", { callType: "single" }, () => true],
    [
      "the window [start, end) by start time",
      { startTimestamp: RECORDS[3]!.startCallTs, endTimestamp: RECORDS[7]!.startCallTs },
      (r: CallRecord) =>
        r.startCallTs >= RECORDS[3]!.startCallTs && r.startCallTs < RECORDS[7]!.startCallTs,
    ],
  ])("filters by %s", async (_name, filter, keep) => {
    const { json } = await post(s, "filter", { ...WINDOW, ...filter });
    const data = json.data as { totalNum: number; callRecordList: CallRecord[] };
    const expected = RECORDS.filter(keep).map((r) => r.callId);
    expect(data.callRecordList.map((r) => r.callId).sort()).toEqual(expected.sort());
    expect(data.totalNum).toBe(expected.length);
  });

  it("defaults endTimestamp to now", async () => {
    const { json } = await post(s, "filter", { startTimestamp: WINDOW.startTimestamp });
    expect((json.data as { totalNum: number }).totalNum).toBe(25);
  });

  it.each([
    ["an unknown callResult", { ...WINDOW, callResult: "no_such_thing" }],
    ["an empty window", { startTimestamp: NOW_SEC - 60, endTimestamp: NOW_SEC - 60 }],
    [
      "a window with no calls",
      { startTimestamp: NOW_SEC - 6 * DAY, endTimestamp: NOW_SEC - 5 * DAY },
    ],
    ["a group filter on single calls only", { ...WINDOW, callType: "group" }],
  ])("answers 70011 with no data for %s", async (_name, body) => {
    const { json } = await post(s, "filter", body);
    expect(json.errorCode).toBe(70011);
    expect(json.errorMessage).toBe("no record found");
    expect(json.data).toBeUndefined();
    expect(json.requestId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("get_records_by_filter: pagination", () => {
  async function pages(s: Simulator, numberPerPage: number, count: number) {
    const out = [];
    for (let page = 1; page <= count; page++) {
      const { json } = await post(s, "filter", { ...WINDOW, numberPerPage, page });
      out.push(json);
    }
    return out;
  }

  it("reads totalNum as the total and echoes the page by default", async () => {
    const s = await sim();
    const answers = await pages(s, 10, 4);
    const data = answers
      .slice(0, 3)
      .map((a) => a.data as { totalNum: number; page: number; callRecordList: CallRecord[] });
    expect(data.map((d) => d.callRecordList.length)).toEqual([10, 10, 5]);
    expect(data.map((d) => d.totalNum)).toEqual([25, 25, 25]);
    expect(data.map((d) => d.page)).toEqual([1, 2, 3]);
    const ids = data.flatMap((d) => d.callRecordList.map((r) => r.callId));
    expect(new Set(ids).size).toBe(25);
    expect(answers[3]!.errorCode).toBe(70011);
  });

  it("can read totalNum as this page's count and answer page 0 on the last page", async () => {
    const s = await sim({ pagination: { totalNum: "page", page: "zero-when-done" } });
    const data = (await pages(s, 10, 3)).map((a) => a.data as { totalNum: number; page: number });
    expect(data.map((d) => d.totalNum)).toEqual([10, 10, 5]);
    expect(data.map((d) => d.page)).toEqual([1, 2, 0]);
  });

  it("treats page 0 and a missing page as the first page, and defaults to 100 a page", async () => {
    const s = await sim();
    const first = await post(s, "filter", { ...WINDOW, numberPerPage: 7, page: 1 });
    const zero = await post(s, "filter", { ...WINDOW, numberPerPage: 7, page: 0 });
    const missing = await post(s, "filter", { ...WINDOW, numberPerPage: 7 });
    const ids = (c: typeof first) =>
      (c.json.data as { callRecordList: CallRecord[] }).callRecordList.map((r) => r.callId);
    expect(ids(zero)).toEqual(ids(first));
    expect(ids(missing)).toEqual(ids(first));
    const big = await sim({
      dataset: Array.from({ length: 150 }, (_, i) =>
        record(i, { startCallTs: NOW_SEC - 3600 + i }),
      ),
    });
    const page = await post(big, "filter", WINDOW);
    expect((page.json.data as { callRecordList: unknown[] }).callRecordList).toHaveLength(100);
  });
});

describe("parameter checks", () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim();
  });

  it.each([
    ["sdkappid missing", { sdkappid: undefined }],
    ["sdkappid not a number", { sdkappid: "14000abc" }],
    ["identifier missing", { identifier: undefined }],
    ["usersig missing", { usersig: undefined }],
    ["usersig empty", { usersig: "" }],
    ["random missing", { random: undefined }],
    ["random negative", { random: "-1" }],
    ["random fractional", { random: "1.5" }],
    ["random above 2^32-1", { random: "4294967296" }],
    ["random not a number", { random: "abc" }],
    ["contenttype missing", { contenttype: undefined }],
    ["contenttype not json", { contenttype: "xml" }],
  ])("answers 70001 for %s", async (name, over) => {
    const { status, json } = await post(s, "filter", WINDOW, { params: signedParams(over) });
    expect(status).toBe(200);
    expect(json.errorCode).toBe(70001);
    expect(json.errorMessage).toContain(name.split(" ")[0]);
  });

  it.each([["0"], ["4294967295"]])("accepts random %s", async (random) => {
    const { json } = await post(s, "filter", WINDOW, { params: signedParams({ random }) });
    expect(json.errorCode).toBe(0);
  });

  const nowSec = Math.floor(Date.now() / 1000);
  it.each([
    ["another sdkappid", { sdkappid: "1400000001" }, 70002],
    [
      "a signature made with another key",
      { usersig: vendorUserSig(SDK_APP_ID, "wrong-key", ADMIN) },
      70002,
    ],
    [
      "a tampered signature",
      {
        usersig: forgeUserSig({
          sdkAppId: SDK_APP_ID,
          identifier: ADMIN,
          key: SECRET_KEY,
          timeSec: nowSec,
          expire: 60,
          sig: "AAAA",
        }),
      },
      70002,
    ],
    [
      "a signature for another identifier",
      { usersig: vendorUserSig(SDK_APP_ID, SECRET_KEY, "alice") },
      70002,
    ],
    [
      "a non-admin identifier",
      { identifier: "alice", usersig: vendorUserSig(SDK_APP_ID, SECRET_KEY, "alice") },
      70004,
    ],
  ])("answers %s with %s", async (_name, over, code) => {
    const { json } = await post(s, "filter", WINDOW, { params: signedParams(over) });
    expect(json.errorCode).toBe(code);
    expect(JSON.stringify(json)).not.toContain(SECRET_KEY);
  });

  it("answers 70003 when the UserSig has expired on the simulator's clock", async () => {
    const later = await sim({ now: () => Date.now() + 2 * DAY * 1000 });
    const { json } = await post(later, "filter", { startTimestamp: Math.floor(Date.now() / 1000) });
    expect(json.errorCode).toBe(70003);
  });

  it.each([
    ["an empty body", "", 70009],
    ["a body that is not JSON", "{startTimestamp: 1}", 70009],
    ["an empty object (startTimestamp is required)", "{}", 70001],
    ["a JSON array", "[]", 70001],
    ["startTimestamp as a string", JSON.stringify({ startTimestamp: String(NOW_SEC - 60) }), 70001],
    ["startTimestamp in fractions", JSON.stringify({ startTimestamp: NOW_SEC - 60.5 }), 70001],
    ["endTimestamp as a string", JSON.stringify({ ...WINDOW, endTimestamp: "now" }), 70001],
    [
      "endTimestamp before startTimestamp",
      JSON.stringify({ startTimestamp: NOW_SEC - 60, endTimestamp: NOW_SEC - 120 }),
      70001,
    ],
    ["callResult as a number", JSON.stringify({ ...WINDOW, callResult: 3 }), 70001],
    ["an unknown callType", JSON.stringify({ ...WINDOW, callType: "conference" }), 70001],
    ["numberPerPage 0", JSON.stringify({ ...WINDOW, numberPerPage: 0 }), 70001],
    ["numberPerPage above 1000", JSON.stringify({ ...WINDOW, numberPerPage: 1001 }), 70001],
    ["a negative page", JSON.stringify({ ...WINDOW, page: -1 }), 70001],
  ])("answers %s with %s", async (_name, body, code) => {
    const { json } = await post(s, "filter", body, { raw: true });
    expect(json.errorCode).toBe(code);
  });

  it("accepts numberPerPage 1000", async () => {
    const { json } = await post(s, "filter", { ...WINDOW, numberPerPage: 1000 });
    expect(json.errorCode).toBe(0);
  });

  it("refuses a window starting more than 7 days ago, and says so", async () => {
    const tooOld = await post(s, "filter", { startTimestamp: NOW_SEC - 7 * DAY - 1 });
    expect(tooOld.json.errorCode).toBe(70001);
    expect(tooOld.json.errorMessage).toMatch(/7 days/);
    const justInside = await post(s, "filter", { startTimestamp: NOW_SEC - 7 * DAY });
    expect(justInside.json.errorCode).toBe(0);
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    expect((await fetch(`${s.url}/v1/records/other`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${s.url}/v1/records/get_records_by_filter`)).status).toBe(405);
  });
});

describe("get_record_by_callId", () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim({
      dataset: [...RECORDS, record(99, { callId: "old-call", startCallTs: NOW_SEC - 8 * DAY })],
    });
  });

  it("answers the record", async () => {
    const { json } = await post(s, "callId", { callId: "call-007" });
    expect(json.errorCode).toBe(0);
    expect(json.data).toEqual(RECORDS[7]);
  });

  it.each([
    ["an unknown callId", { callId: "nope" }, 70011],
    ["a call older than 7 days", { callId: "old-call" }, 70011],
    ["a missing callId", {}, 70001],
    ["a numeric callId", { callId: 7 }, 70001],
  ])("answers %s with %s", async (_name, body, code) => {
    const { json } = await post(s, "callId", body);
    expect(json.errorCode).toBe(code);
  });

  it("finds generated records too", async () => {
    const generated = await sim({ dataset: { seed: 5, callsPerDay: 500, days: 2 } });
    const wanted = generated.dataset.at(42);
    const { json } = await post(generated, "callId", { callId: wanted.callId });
    expect(json.data).toEqual(wanted);
  });
});

describe("rate limiting", () => {
  it.each([
    ["filter" as const, { rateLimit: 20 }, WINDOW],
    ["callId" as const, { callIdRateLimit: 20 }, { callId: "call-001" }],
  ])(
    "accepts exactly the limit in a second on %s and answers the rest 70005",
    async (endpoint, limits, body) => {
      const s = await sim(limits);
      // One connection, one write: the 40 requests arrive together even on a loaded machine.
      const codes = await pipelined(s, endpoint, Array(40).fill(body), signedParams());
      expect(codes.filter((c) => c === 0)).toHaveLength(20);
      expect(codes.filter((c) => c === 70005)).toHaveLength(20);
      expect(s.stats.requests(endpoint)).toBe(40);
      expect(s.stats.rejectedForRate(endpoint)).toBe(20);
      expect(s.stats.maxInWindow(endpoint)).toBe(20);
      expect(s.stats.times(endpoint)).toHaveLength(20);
      s.stats.reset();
      expect(s.stats.requests()).toBe(0);
    },
  );

  it("keeps the two endpoints' limits apart", async () => {
    const s = await sim({ rateLimit: 5, callIdRateLimit: 5 });
    const filter = await pipelined(s, "filter", Array(6).fill(WINDOW), signedParams());
    expect(filter.at(-1)).toBe(70005);
    const { json } = await post(s, "callId", { callId: "call-001" });
    expect(json.errorCode).toBe(0);
  });
});
