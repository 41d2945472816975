import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { readDigest } from "../../src/digest/read.js";
import { readCountsFromArchive, readDigestFromArchive } from "../../src/digest/trends.js";
import { everyCall } from "../../src/query/filter.js";
import type { CallFilter } from "../../src/query/types.js";
import { digestDay } from "../../src/report/digest.js";
import { createArchiveRepository, LATE_RECORD_SECONDS } from "../../src/store/archive.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SDK_APP_ID, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

/**
 * The digest counted by the archive's database (GROUP BYs) against the same day streamed from the
 * vendor record by record (the simulator over the very records the archive holds): every figure
 * equal, on both stores, for filters and days (a DST day of 25 hours among them) that vary.
 */

let sim: Simulator;
let records: CallRecord[];
beforeAll(async () => {
  sim = await startDigestSimulator(3000);
  records = Array.from({ length: sim.dataset.size }, (_, i) => sim.dataset.at(i));
});
afterAll(() => sim.stop());

function callersOf(filterRecords: CallRecord[]): string[] {
  const seen = new Map<string, number>();
  for (const r of filterRecords) seen.set(r.caller, (seen.get(r.caller) ?? 0) + 1);
  return [...seen].sort((a, b) => b[1] - a[1]).map(([caller]) => caller);
}

const cases: { name: string; date: string; zone: string; filter: () => CallFilter }[] = [
  {
    name: "every call, a DST day (25 h)",
    date: "2026-11-01",
    zone: "America/Los_Angeles",
    filter: everyCall,
  },
  { name: "every call", date: "2026-11-02", zone: "Asia/Shanghai", filter: everyCall },
  // Zones whose hours start at :30 and :45 UTC: the day's quarter-hour slices still fall in hours.
  {
    name: "every call, half-hour offset",
    date: "2026-11-02",
    zone: "Asia/Kolkata",
    filter: everyCall,
  },
  {
    name: "every call, quarter-hour offset",
    date: "2026-11-01",
    zone: "Asia/Kathmandu",
    filter: everyCall,
  },
  {
    name: "failed results only",
    date: "2026-11-02",
    zone: "UTC",
    filter: () => ({ ...everyCall(), results: ["reject", "not_answer", "cancel", "busy"] }),
  },
  {
    name: "group video calls",
    date: "2026-11-01",
    zone: "Europe/Berlin",
    filter: () => ({ ...everyCall(), callTypes: ["group"], mediaTypes: ["video"] }),
  },
  {
    name: "calls of two users, as caller or callee",
    date: "2026-11-02",
    zone: "UTC",
    filter: () => ({
      ...everyCall(),
      users: { caller: [], callee: [], either: callersOf(records).slice(0, 2) },
    }),
  },
];

describe.each(backends())("the digest from the archive on $name", (backend) => {
  let store: TestStore;
  beforeAll(async () => {
    if (!backend.available) return;
    store = await backend.open();
    const repository = createArchiveRepository(store.db);
    await repository.upsert(records);
    await repository.saveCoverage({
      sdkAppId: SDK_APP_ID,
      from: 0,
      until: Math.floor(SIM_NOW_MS / 1000),
      syncedAt: new Date(SIM_NOW_MS),
      backfilled: true,
    });
  });
  afterAll(async () => {
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available).each(cases)(
    "$name ($date, $zone): the same figures as streaming the day",
    async ({ date, zone, filter }) => {
      const archive = { repository: createArchiveRepository(store.db), sdkAppId: SDK_APP_ID };
      const day = digestDay(date, zone);
      const previous = { total: 1, byResult: { normal_end: 1 } };
      const counted = await readDigestFromArchive(archive, day, filter(), previous);
      const streamed = await readDigest(clientFor(sim), { day, filter: filter(), previous });
      // Not vacuous: the day has calls, failures and talk times.
      expect(streamed.summary.total).toBeGreaterThan(20);
      if (streamed.summary.answered > 0) expect(streamed.summary.medianTalkSeconds).toBeDefined();
      else expect(streamed.failed).toBe(streamed.summary.total);
      expect(counted).toEqual(streamed);
      const before = digestDay("2026-10-31", zone);
      const beforeStreamed = await readDigest(clientFor(sim), { day: before, filter: filter() });
      expect(await readCountsFromArchive(archive, before, filter())).toEqual({
        total: beforeStreamed.summary.total,
        byResult: beforeStreamed.summary.byResult,
        answered: beforeStreamed.summary.answered,
        // The chart's comparison line: the day before's calls per hour, counted by the database.
        perHour: beforeStreamed.perHour,
      });
    },
  );

  it.skipIf(!backend.available)(
    "a day the archive does not hold in full (or not yet trusted) is left to the vendor",
    async () => {
      const repository = createArchiveRepository(store.db);
      const archive = { repository, sdkAppId: SDK_APP_ID };
      const day = digestDay("2026-11-02", "UTC");
      await repository.saveCoverage({
        sdkAppId: SDK_APP_ID,
        from: 0,
        // Synced past the day's end, but by less than calls may run late: not trusted yet.
        until: day.endTs + LATE_RECORD_SECONDS - 1,
        syncedAt: new Date(SIM_NOW_MS),
        backfilled: true,
      });
      expect(await readDigestFromArchive(archive, day, everyCall())).toBeUndefined();
      await repository.saveCoverage({
        sdkAppId: SDK_APP_ID,
        from: day.startTs + 1,
        until: Math.floor(SIM_NOW_MS / 1000),
        syncedAt: new Date(SIM_NOW_MS),
        backfilled: true,
      });
      expect(await readDigestFromArchive(archive, day, everyCall())).toBeUndefined();
      expect(await readCountsFromArchive(archive, day, everyCall())).toBeUndefined();
    },
  );
});

describe("the digest from a SQLite archive", () => {
  it("lets the event loop run between the day's slices (acks are not held)", async () => {
    const sqlite = backends().find((b) => b.name === "sqlite");
    if (!sqlite) throw new Error("the SQLite backend is always available");
    const store = await sqlite.open();
    try {
      const repository = createArchiveRepository(store.db);
      await repository.upsert(records);
      const day = digestDay("2026-11-02", "UTC");
      let turns = 0;
      let counting = true;
      const turn = () => {
        turns++;
        if (counting) setImmediate(turn);
      };
      setImmediate(turn);
      const figures = await repository.dayFigures(
        { startTs: day.startTs, endTs: day.endTs },
        day.startTs,
        5,
      );
      counting = false;
      expect(figures.groups.reduce((n, g) => n + g.count, 0)).toBeGreaterThan(20);
      // 96 quarter hours, each followed by a turn of the loop; one long query would allow none.
      expect(turns).toBeGreaterThanOrEqual(90);
    } finally {
      await store.dispose();
    }
  });
});
