import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { type ArchiveQuery, createArchiveRepository } from "../../src/store/archive.js";
import { createLeaseRepository } from "../../src/store/archive-lease.js";
import { makeRecords } from "../callkit/support/records.js";
import { wasConnected } from "../support/answered.js";
import { backends, type TestStore } from "../support/store.js";

const APP = 1400000001;
const END = 1_760_000_000;
// 60 calls, one every 10 s before END; callers user_0..16, callee the next user.
const records = makeRecords(60, APP, END).map((record, i) => ({
  ...record,
  callType: i % 5 === 0 ? "group" : "single",
  callees: i % 5 === 0 ? [`user_${(i + 1) % 17}`, "user_group"] : record.callees,
  extraField: { kept: i },
}));

/** What the query language's local filter would keep: the reference the indexes must match. */
function expected(query: ArchiveQuery): CallRecord[] {
  const u = query.users ?? {};
  return records
    .filter((r) => r.startCallTs >= query.startTs && r.startCallTs < query.endTs)
    .filter((r) => !query.results?.length || query.results.includes(r.callResult))
    .filter((r) => !query.callTypes?.length || query.callTypes.includes(r.callType))
    .filter((r) => !query.mediaTypes?.length || query.mediaTypes.includes(r.mediaType))
    .filter((r) => !query.rooms?.length || query.rooms.includes(String(r.roomId)))
    .filter((r) => !u.caller?.length || u.caller.includes(r.caller))
    .filter((r) => !u.callee?.length || r.callees.some((c) => u.callee?.includes(c)))
    .filter(
      (r) =>
        !u.either?.length ||
        u.either.includes(r.caller) ||
        r.callees.some((c) => u.either?.includes(c)),
    )
    .sort((a, b) => b.startCallTs - a.startCallTs || (a.callId < b.callId ? 1 : -1));
}

const window = { startTs: END - 600, endTs: END - 100 };
const queries: [string, ArchiveQuery][] = [
  ["window only", window],
  ["one result", { ...window, results: ["reject"] }],
  ["several results", { ...window, results: ["reject", "cancel", "offline"] }],
  ["group video", { ...window, callTypes: ["group"], mediaTypes: ["video"] }],
  ["caller", { ...window, users: { caller: ["user_3"] } }],
  ["callee", { ...window, users: { callee: ["user_4", "user_group"] } }],
  ["either", { ...window, users: { either: ["user_5"] } }],
  ["caller and callee", { ...window, users: { caller: ["user_3"], callee: ["user_4"] } }],
  ["nobody", { ...window, users: { either: ["nobody"] } }],
  ["rooms", { ...window, rooms: ["room-12", "room-20", "room-99"] }],
  ["rooms and media", { ...window, rooms: ["room-12", "room-13"], mediaTypes: ["audio"] }],
];

/** Counts by result tallied from the records themselves. */
function tally(list: readonly CallRecord[]) {
  const byResult: Record<string, number> = {};
  for (const r of list) byResult[r.callResult] = (byResult[r.callResult] ?? 0) + 1;
  return { total: list.length, byResult, answered: list.filter(wasConnected).length };
}

describe.each(backends())("archive on $name", (backend) => {
  let store: TestStore;

  describe.skipIf(!backend.available)("records", () => {
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.dispose();
    });
    it("upserts idempotently, keeps unknown fields, and replaces a changed record", async () => {
      const archive = createArchiveRepository(store.db);
      expect(await archive.upsert([...records, ...records.slice(0, 5)])).toBe(60);
      expect(await archive.upsert(records)).toBe(60);
      expect(await archive.count({ startTs: 0, endTs: END + 1 })).toBe(60);
      const first = records[0] as CallRecord;
      expect(await archive.get(first.callId)).toEqual(first);
      expect(await archive.get("missing")).toBeUndefined();

      const changed = { ...first, callResult: "offline", callees: ["late_user"] };
      await archive.upsert([changed]);
      expect(await archive.get(first.callId)).toEqual(changed);
      const late = await archive.count({
        startTs: 0,
        endTs: END + 1,
        users: { callee: ["late_user"] },
      });
      expect(late).toBe(1);
      expect(
        await archive.count({
          startTs: 0,
          endTs: END + 1,
          users: { callee: [first.callees[0] as string] },
        }),
      ).toBe(
        expected({ startTs: 0, endTs: END + 1, users: { callee: [first.callees[0] as string] } })
          .length - 1,
      );
    });

    it.each([
      { name: "ties within the callers read at once", tied: 8 },
      { name: "more ties than the callers read at once", tied: 40 },
    ])("gives every failed caller tied at the top-th count: $name", async ({ tied }) => {
      const archive = createArchiveRepository(store.db);
      const failedCall = (caller: string, i: number): CallRecord => ({
        ...(records[0] as CallRecord),
        callId: `tie-${caller}-${i}`,
        caller,
        callResult: "reject",
        startCallTs: END - 500 + i,
      });
      // Three callers ahead, then `tied` callers with one failed call each, then a normal call.
      const ahead = ["lead_a", "lead_a", "lead_a", "lead_b", "lead_b", "lead_c", "lead_c"];
      const tiedCallers = Array.from({ length: tied }, (_, i) => `tied_${i}`);
      await archive.upsert([
        ...[...ahead, ...tiedCallers].map(failedCall),
        { ...(records[0] as CallRecord), callId: "tie-ok", caller: "ok", startCallTs: END - 400 },
      ]);
      const figures = await archive.dayFigures(
        { startTs: END - 500, endTs: END - 300 },
        END - 500,
        5,
      );
      const counts = new Map(figures.failedCallers.map((c) => [c.caller, c.count]));
      expect(counts.get("lead_a")).toBe(3);
      expect([counts.get("lead_b"), counts.get("lead_c")]).toEqual([2, 2]);
      // The 5th count is 1: every caller with one failed call is there, and nobody else.
      expect(figures.failedCallers).toHaveLength(3 + tied);
      expect(tiedCallers.every((caller) => counts.get(caller) === 1)).toBe(true);
      expect(counts.has("ok")).toBe(false);
    });

    it("pages newest first without overlap when many calls share a second", async () => {
      const archive = createArchiveRepository(store.db);
      const same = records.slice(0, 12).map((r) => ({ ...r, startCallTs: END - 50 }));
      await archive.upsert(same);
      const seen: string[] = [];
      let after: { startTs: number; callId: string } | undefined;
      do {
        const page = await archive.page(
          { startTs: 0, endTs: END },
          { limit: 5, ...(after ? { after } : {}) },
        );
        seen.push(...page.records.map((r) => r.callId));
        after = page.next;
      } while (after);
      expect(seen).toEqual(
        same
          .map((r) => r.callId)
          .sort()
          .reverse(),
      );
    });

    it("prunes calls older than the cut and moves coverage up", async () => {
      const archive = createArchiveRepository(store.db);
      await archive.upsert(records);
      const syncedAt = new Date(END * 1000);
      await archive.saveCoverage({
        sdkAppId: APP,
        from: END - 700,
        until: END,
        syncedAt,
        backfilled: true,
      });
      const cut = END - 300;
      const older = records.filter((r) => r.startCallTs < cut).length;
      expect(await archive.prune(cut)).toBe(older);
      expect(await archive.count({ startTs: 0, endTs: END + 1 })).toBe(60 - older);
      expect(
        await archive.count({ startTs: 0, endTs: cut, users: { either: ["user_group"] } }),
      ).toBe(0);
      expect(await archive.coverage(APP)).toEqual({
        sdkAppId: APP,
        from: cut,
        until: END,
        syncedAt,
        backfilled: true,
      });
      expect(await archive.coverage(APP + 1)).toBeUndefined();
    });

    it("lets one holder in until it releases or its lease expires", async () => {
      const other = await store.reopen();
      const a = createLeaseRepository(store.db);
      const b = createLeaseRepository(other.db);
      const t0 = new Date(1_000_000);
      const later = (ms: number) => new Date(t0.getTime() + ms);
      // Expiries are on the database's clock, moved by `now`: steps of a second or more keep the
      // statements' round trips (milliseconds) out of the outcome.
      const ttl = 10_000;
      const both = await Promise.all([
        a.acquire("sync", "A", ttl, t0),
        b.acquire("sync", "B", ttl, t0),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      const [winner, loser, winnerName] = both[0] ? [a, b, "A"] : [b, a, "B"];
      const loserName = winnerName === "A" ? "B" : "A";
      expect(await winner.acquire("sync", winnerName, ttl, later(100))).toBe(true);
      expect(await loser.acquire("sync", loserName, ttl, later(5_000))).toBe(false);
      expect(await winner.renew("sync", winnerName, ttl, later(9_000))).toBe(true);
      expect(await loser.acquire("sync", loserName, ttl, later(18_000))).toBe(false);
      expect(await loser.acquire("sync", loserName, ttl, later(20_000))).toBe(true);
      expect(await winner.renew("sync", winnerName, ttl, later(21_000))).toBe(false);
      await winner.release("sync", winnerName);
      expect(await a.holder("sync", later(22_000))).toBe(loserName);
      expect(await a.holder("sync", later(31_000))).toBeUndefined();
      await loser.release("sync", loserName);
      expect(await winner.acquire("sync", winnerName, ttl, later(22_000))).toBe(true);
    });
  });

  describe.skipIf(!backend.available)("queries", () => {
    let shared: TestStore;
    beforeAll(async () => {
      shared = await backend.open();
      await createArchiveRepository(shared.db).upsert(records);
    });
    afterAll(async () => {
      await shared?.dispose();
    });

    it.each(queries)("%s: same records as the local filter, newest first", async (_, query) => {
      const archive = createArchiveRepository(shared.db);
      const want = expected(query);
      const streamed: CallRecord[] = [];
      for await (const record of archive.stream(query, { batchSize: 7 })) streamed.push(record);
      expect(streamed).toEqual(want);
      expect(await archive.count(query)).toBe(want.length);
      expect(await archive.countByResult(query)).toEqual(tally(want));
    });
  });
});
