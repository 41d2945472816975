import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallKitError } from "../../src/callkit/errors.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import type { SearchQuery } from "../../src/query/types.js";
import { runSearch } from "../../src/records/search.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { wasConnected } from "../support/answered.js";
import { countBy, newestFirst, query, simulator, source } from "./support.js";

const HOUR = 3600;

describe("runSearch against the simulator", () => {
  let sim: Simulator;
  let nowS: number;

  beforeAll(async () => {
    sim = await simulator({ dataset: { seed: 7, days: 2, callsPerDay: 3000 } });
    nowS = sim.dataset.at(0).startCallTs + 1;
  });
  afterAll(() => sim.stop());

  /** The expected matches, computed from the simulator's own data with a filter written here. */
  function expected(q: SearchQuery): CallRecord[] {
    const all = sim.dataset.query({ startTs: q.window.startTs, endTs: q.window.endTs });
    return newestFirst(
      all.filter(
        (r) =>
          (q.results.length === 0 || q.results.includes(r.callResult)) &&
          (q.callTypes.length === 0 || (q.callTypes as string[]).includes(r.callType)) &&
          (q.mediaTypes.length === 0 || (q.mediaTypes as string[]).includes(r.mediaType)) &&
          (q.users.caller.length === 0 || q.users.caller.includes(r.caller)),
      ),
    );
  }

  const cases: { name: string; make: () => SearchQuery }[] = [
    {
      name: "every call of 6 hours",
      make: () => query({ window: { startTs: nowS - 6 * HOUR, endTs: nowS } }),
    },
    {
      name: "failed video calls (several results, local media filter)",
      make: () =>
        query({
          window: { startTs: nowS - 12 * HOUR, endTs: nowS },
          results: ["cancel", "reject", "not_answer", "call_busy", "interrupt", "offline"],
          mediaTypes: ["video"],
        }),
    },
    {
      name: "answered group calls",
      make: () =>
        query({
          window: { startTs: nowS - 24 * HOUR, endTs: nowS },
          results: ["normal_end"],
          callTypes: ["group"],
        }),
    },
    {
      name: "one caller's calls",
      make: () =>
        query({
          window: { startTs: nowS - 24 * HOUR, endTs: nowS },
          users: { caller: [sim.dataset.at(3).caller], callee: [], either: [] },
        }),
    },
    {
      name: "an empty window",
      make: () => query({ window: { startTs: nowS + HOUR, endTs: nowS + 2 * HOUR } }),
    },
  ];

  it.each(cases)("$name: figures and the first page match the data", async ({ make }) => {
    const q = make();
    const want = expected(q);
    const result = await runSearch(source(sim), q);
    expect(result.summary.total).toBe(want.length);
    expect(result.summary.byResult).toEqual(countBy(want, (r) => r.callResult));
    expect(result.summary.byCallType).toEqual(countBy(want, (r) => r.callType));
    expect(result.summary.byMedia).toEqual(countBy(want, (r) => r.mediaType));
    const answered = want.filter(wasConnected);
    expect(result.summary.answered).toBe(answered.length);
    const talks = answered.map((r) => (r.endTs ?? 0) - (r.acceptTs ?? 0)).sort((a, b) => a - b);
    const mid = Math.floor(talks.length / 2);
    const median =
      talks.length === 0
        ? undefined
        : talks.length % 2
          ? talks[mid]
          : (talks[mid - 1]! + talks[mid]!) / 2;
    expect(result.summary.medianTalkSeconds).toBe(median);
    expect(result.page.map((r) => r.callId)).toEqual(
      want.slice(0, q.pageSize).map((r) => r.callId),
    );
    expect(result.pageIndex).toBe(0);
    expect(result.pageCount).toBe(Math.max(1, Math.ceil(want.length / q.pageSize)));
    expect(result.upstreamRequests).toBeGreaterThanOrEqual(1);
    expect(result.source).toEqual({ kind: "vendor" });
  });

  it("pages walked to the end cover every match once, newest first", async () => {
    const q = query({ window: { startTs: nowS - 3 * HOUR, endTs: nowS }, pageSize: 25 });
    const want = expected(q);
    const seen: string[] = [];
    const first = await runSearch(source(sim), q);
    for (let p = 0; p < first.pageCount; p++) {
      const result = p === 0 ? first : await runSearch(source(sim), q, { pageIndex: p });
      expect(result.pageIndex).toBe(p);
      seen.push(...result.page.map((r) => r.callId));
    }
    expect(want.length).toBeGreaterThan(q.pageSize);
    expect(seen).toEqual(want.map((r) => r.callId));
  });

  it("a page past the end shows the last page", async () => {
    const q = query({ window: { startTs: nowS - 2 * HOUR, endTs: nowS } });
    const want = expected(q);
    const result = await runSearch(source(sim), q, { pageIndex: 10_000 });
    expect(result.pageIndex).toBe(result.pageCount - 1);
    expect(result.page.map((r) => r.callId)).toEqual(
      want.slice(result.pageIndex * q.pageSize).map((r) => r.callId),
    );
  });

  it("refuses a page index that is not a whole number", async () => {
    const q = query({ window: { startTs: nowS - HOUR, endTs: nowS } });
    await expect(runSearch(source(sim), q, { pageIndex: -1 })).rejects.toThrow(RangeError);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const q = query({ window: { startTs: nowS - HOUR, endTs: nowS } });
    await expect(runSearch(source(sim), q, { signal: controller.signal })).rejects.toThrow();
  });

  it("passes a vendor error on as a CallKitError with its requestId", async () => {
    sim.faults.inject({ kind: "error", code: 70004, endpoint: "filter" });
    try {
      const q = query({ window: { startTs: nowS - HOUR, endTs: nowS } });
      const error = await runSearch(source(sim), q).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallKitError);
      expect((error as CallKitError).code).toBe(70004);
    } finally {
      sim.faults.clear();
    }
  });

  it("leaves out a record that does not fit, counts it with its requestId, and keeps the rest", async () => {
    const q = query({ window: { startTs: nowS - HOUR, endTs: nowS } });
    const whole = await runSearch(source(sim), q);
    sim.faults.inject({
      kind: "edit-records",
      endpoint: "filter",
      times: 1,
      edits: [{ index: 0, set: { startCallTs: "yesterday" } }],
    });
    try {
      const result = await runSearch(source(sim), q);
      expect(result.summary.total).toBe(whole.summary.total - 1);
      expect(result.skipped?.records).toBe(1);
      expect(result.skipped?.requestIds).toHaveLength(1);
      expect(result.skipped?.requestIds[0]).toMatch(/^[0-9a-f]{32}$/);
      expect(whole.skipped).toBeUndefined();
    } finally {
      sim.faults.clear();
    }
  });
});
