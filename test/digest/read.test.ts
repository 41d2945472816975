import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallKitClient } from "../../src/callkit/client.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { isFailedResult } from "../../src/callkit/schemas.js";
import { readDigest, readResultCounts } from "../../src/digest/read.js";
import { everyCall } from "../../src/query/filter.js";
import type { CallFilter } from "../../src/query/types.js";
import { digestDay } from "../../src/report/digest.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { wasConnected } from "../support/answered.js";
import { clientFor, startDigestSimulator } from "./sim-setup.js";

const noFilter: CallFilter = everyCall();

let sim: Simulator;
let client: CallKitClient;
beforeAll(async () => {
  sim = await startDigestSimulator();
  client = clientFor(sim);
});
afterAll(() => sim.stop());

/** The figures straight from the simulator's own data, counted the plain way. */
function expected(records: CallRecord[], hours: { startTs: number }[]) {
  const byResult: Record<string, number> = {};
  const failedBy = new Map<string, number>();
  for (const r of records) {
    byResult[r.callResult] = (byResult[r.callResult] ?? 0) + 1;
    if (isFailedResult(r.callResult)) failedBy.set(r.caller, (failedBy.get(r.caller) ?? 0) + 1);
  }
  const perHour = hours.map(
    (h) =>
      records.filter((r) => r.startCallTs >= h.startTs && r.startCallTs < h.startTs + 3600).length,
  );
  const top = [...failedBy]
    .map(([caller, count]) => ({ caller, count }))
    .sort((a, b) => b.count - a.count || (a.caller < b.caller ? -1 : 1))
    .slice(0, 5);
  return { total: records.length, byResult, perHour, top };
}

describe("readDigest against the simulator", () => {
  it.each([
    ["2026-11-01", "America/Los_Angeles", 25],
    ["2026-11-02", "America/Los_Angeles", 24],
    ["2026-11-02", "Asia/Shanghai", 24],
  ])(
    "%s in %s: figures equal the simulator's data for that local day",
    async (date, zone, hours) => {
      const day = digestDay(date, zone);
      expect(day.hours).toHaveLength(hours);
      const records = sim.dataset.query({ startTs: day.startTs, endTs: day.endTs });
      expect(records.length).toBeGreaterThan(0);
      const want = expected(records, day.hours);
      const report = await readDigest(client, { day, filter: noFilter });
      expect(report.summary.total).toBe(want.total);
      expect(report.summary.byResult).toEqual(want.byResult);
      expect(report.perHour).toEqual(want.perHour);
      expect(report.topFailedCallers).toEqual(want.top);
      expect(report.outside).toBe(0);
      const answered = records.filter(wasConnected).length;
      expect(report.summary.answerRate).toBeCloseTo(answered / want.total, 10);
    },
  );

  it("a filter narrows every figure (group calls only)", async () => {
    const day = digestDay("2026-11-02", "Asia/Shanghai");
    const filter: CallFilter = { ...noFilter, callTypes: ["group"] };
    const records = sim.dataset.query({
      startTs: day.startTs,
      endTs: day.endTs,
      callType: "group",
    });
    const report = await readDigest(client, { day, filter });
    expect(report.summary.total).toBe(records.length);
    expect(report.summary.byCallType).toEqual(records.length > 0 ? { group: records.length } : {});
  });

  it("the day before's counts match the simulator too", async () => {
    const day = digestDay("2026-11-01", "Asia/Shanghai");
    const counts = await readResultCounts(client, day, noFilter);
    expect(counts.total).toBe(sim.dataset.count({ startTs: day.startTs, endTs: day.endTs }));
  });
});
