import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ArchiveSyncOptions,
  createArchiveSync,
  type SyncSource,
} from "../../src/archive/sync.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { createArchiveRepository, LATE_RECORD_SECONDS } from "../../src/store/archive.js";
import { createLeaseRepository } from "../../src/store/archive-lease.js";
import { backends, type TestStore } from "../support/store.js";
import {
  APP,
  call,
  callsBetween,
  DAY,
  startVendor,
  T0,
  T0_MS,
  type Vendor,
} from "./sync-fixtures.js";

const OLDEST = T0 - 7 * DAY + 120;
// 8 days of calls: the first day is past the vendor's reach and must never be asked for.
const world = callsBetween(T0 - 8 * DAY, T0 - 5, 480);

function within(records: CallRecord[], from: number, until: number): CallRecord[] {
  return records.filter((r) => r.startCallTs >= from && r.startCallTs < until);
}

async function archived(store: TestStore): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  for await (const r of createArchiveRepository(store.db).stream({ startTs: 0, endTs: 2 * T0 }))
    out.push(r);
  return out;
}

const ids = (records: CallRecord[]) => records.map((r) => r.callId).sort();

describe.each(backends())("archive sync on $name", (backend) => {
  let store: TestStore;
  let clockMs: number;
  const vendors: Vendor[] = [];
  const now = () => new Date(clockMs);
  const vendor = async (records: CallRecord[]) => {
    const v = await startVendor(records, () => clockMs);
    vendors.push(v);
    return v;
  };
  const job = (source: SyncSource, extra: Partial<ArchiveSyncOptions> = {}) =>
    createArchiveSync({ db: store.db, source, sdkAppId: APP, now, sliceSeconds: DAY, ...extra });

  beforeEach(async () => {
    clockMs = T0_MS;
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    for (const v of vendors.splice(0)) await v.stop();
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)(
    "backfills 7 days, then reads on with an overlap that catches late and changed records",
    async () => {
      // A call archived by the first run that the vendor later reports differently.
      const recent = call(8001, T0 - 300, "recent");
      const first = await vendor([...world, recent]);
      const run1 = await job(first.client).runOnce();
      expect(run1).toMatchObject({ ran: true, backfill: true, from: OLDEST, until: T0 - 10 });
      expect(ids(await archived(store))).toEqual(ids(within([...world, recent], OLDEST, T0 - 10)));
      const archive = createArchiveRepository(store.db);
      expect(await archive.coverage(APP)).toMatchObject({
        from: OLDEST,
        until: T0 - 10,
        backfilled: true,
      });

      // Five minutes later: a call that started half an hour before the sync point (a long call,
      // whose record appears when it ends) turned up only now, a known call changed, new calls
      // came in, and one started inside the settle time.
      clockMs += 300_000;
      const late = call(9001, T0 - 1800, "late");
      const changed = { ...recent, callResult: "interrupt", callees: ["user_12"] };
      const fresh = callsBetween(T0 - 5, T0 + 285, 30, "new");
      const settling = call(9002, T0 + 295, "settling");
      const grown = [...world, changed, late, ...fresh, settling];
      const second = await vendor(grown);
      const run2 = await job(second.client).runOnce();
      expect(run2).toMatchObject({
        ran: true,
        backfill: false,
        from: T0 - 10 - LATE_RECORD_SECONDS,
        until: T0 + 290,
      });
      // Only the last hours were read again, not 7 days.
      expect(second.sim.stats.requests("filter")).toBeLessThanOrEqual(2);

      const all = await archived(store);
      expect(all).toHaveLength(new Set(ids(all)).size);
      expect(ids(all)).toEqual(ids(within(grown, OLDEST, T0 + 290)));
      expect(await archive.get(late.callId)).toEqual(late);
      expect(await archive.get(changed.callId)).toEqual(changed);
      expect(await archive.get(settling.callId)).toBeUndefined();
      expect((await archive.coverage(APP))?.until).toBe(T0 + 290);
    },
  );

  it.skipIf(!backend.available)(
    "stores the records that fit, counts the one that does not, and moves past its slice",
    async () => {
      const v = await vendor(world);
      // The first page read (the oldest day's newest calls) gets three odd records.
      v.sim.faults.inject({
        kind: "edit-records",
        times: 1,
        edits: [
          { index: 0, set: { acceptTs: null } },
          { index: 1, drop: ["callees"] },
          { index: 2, set: { startCallTs: "yesterday" } },
        ],
      });
      const runs = await job(v.client, { pageSize: 20 }).runOnce();
      const expected = within(world, OLDEST, T0 - 10);
      const firstSlice = within(world, OLDEST, OLDEST + DAY).sort(
        (a, b) => b.startCallTs - a.startCallTs,
      );
      const [unanswered, noCallees, wrongType] = firstSlice;
      expect(runs).toMatchObject({ ran: true, skipped: 1, interrupted: false });
      const all = await archived(store);
      expect(ids(all)).toEqual(ids(expected.filter((r) => r.callId !== wrongType?.callId)));
      const archive = createArchiveRepository(store.db);
      expect((await archive.get(unanswered?.callId ?? ""))?.acceptTs).toBeUndefined();
      expect((await archive.get(noCallees?.callId ?? ""))?.callees).toEqual([]);
      expect(await archive.coverage(APP)).toMatchObject({ until: T0 - 10, backfilled: true });
    },
  );

  it.skipIf(!backend.available)("resumes after a crash from the last finished slice", async () => {
    const v = await vendor(world);
    let scans = 0;
    const crashing: SyncSource = {
      scan(filter, options) {
        if (++scans === 4) throw new Error("process killed");
        return v.client.scan(filter, options);
      },
    };
    await expect(job(crashing).runOnce()).rejects.toThrow("process killed");
    const archive = createArchiveRepository(store.db);
    expect(await archive.coverage(APP)).toMatchObject({
      from: OLDEST,
      until: OLDEST + 3 * DAY,
      backfilled: false,
    });

    const restarted = await store.reopen();
    v.sim.stats.reset();
    const run = await createArchiveSync({
      db: restarted.db,
      source: v.client,
      sdkAppId: APP,
      now,
      sliceSeconds: DAY,
    }).runOnce();
    expect(run).toMatchObject({
      ran: true,
      from: OLDEST + 3 * DAY - LATE_RECORD_SECONDS,
      backfill: false,
    });
    // Four days and the overlap left: 5 slices, not the 7 of a fresh backfill.
    expect(v.sim.stats.requests("filter")).toBeLessThanOrEqual(5 + 5);
    expect(ids(await archived(store))).toEqual(ids(within(world, OLDEST, T0 - 10)));
    expect(await archive.coverage(APP)).toMatchObject({
      from: OLDEST,
      until: T0 - 10,
      backfilled: true,
    });
  });

  it.skipIf(!backend.available)(
    "runs on one replica at a time across two store handles",
    async () => {
      const v = await vendor(world);
      v.sim.faults.inject({ kind: "latency", ms: 20, endpoint: "filter" });
      const other = await store.reopen();
      const a = job(v.client, { holder: "replica-a", sliceSeconds: DAY / 2 });
      const b = createArchiveSync({
        db: other.db,
        source: v.client,
        sdkAppId: APP,
        now,
        holder: "replica-b",
      });
      const runA = a.runOnce();
      const leases = createLeaseRepository(other.db);
      while ((await leases.holder(`archive-sync:${APP}`, now())) === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await b.runOnce()).toEqual({ ran: false, reason: "lease-held" });
      expect(await runA).toMatchObject({ ran: true, backfill: true });
      // Released at the end: the other replica takes the next run and carries on from the same point.
      expect(await b.runOnce()).toMatchObject({
        ran: true,
        backfill: false,
        from: T0 - 10 - LATE_RECORD_SECONDS,
      });
      expect(ids(await archived(store))).toEqual(ids(within(world, OLDEST, T0 - 10)));
    },
  );

  it.skipIf(!backend.available)(
    "writes while it reads on; a write that fails ends the run with its error, coverage at the last whole slice",
    async () => {
      const v = await vendor(world);
      const doomed = within(world, OLDEST + 3 * DAY, OLDEST + 4 * DAY)[20] as CallRecord;
      // A real refusal by the store, for one record of the fourth slice.
      if (backend.name === "sqlite") {
        await sql
          .raw(
            `create trigger refuse_one before insert on call_records when new.call_id = '${doomed.callId}' begin select raise(abort, 'the disk is full (test)'); end`,
          )
          .execute(store.db);
      } else {
        await sql
          .raw(
            `create function refuse_one() returns trigger language plpgsql as $$ begin if new.call_id = '${doomed.callId}' then raise exception 'the disk is full (test)'; end if; return new; end $$`,
          )
          .execute(store.db);
        await sql
          .raw(
            "create trigger refuse_one before insert on call_records for each row execute function refuse_one()",
          )
          .execute(store.db);
      }
      // Small writes, so several are started while pages are still being read.
      await expect(job(v.client, { batchSize: 7, maxWriteRecords: 7 }).runOnce()).rejects.toThrow(
        "the disk is full (test)",
      );
      const archive = createArchiveRepository(store.db);
      expect(await archive.coverage(APP)).toMatchObject({ until: OLDEST + 3 * DAY });
      const stored = new Set(ids(await archived(store)));
      for (const id of ids(within(world, OLDEST, OLDEST + 3 * DAY))) expect(stored).toContain(id);
      expect(stored).not.toContain(doomed.callId);
    },
  );

  it.skipIf(!backend.available)("prunes what is older than the retention", async () => {
    const archive = createArchiveRepository(store.db);
    const ancient = call(7777, T0 - 40 * DAY, "ancient");
    await archive.upsert([ancient]);
    const v = await vendor(world);
    const run = await job(v.client, { retentionDays: 2 }).runOnce();
    const kept = within(world, T0 - 2 * DAY, T0 - 10);
    expect(run).toMatchObject({
      ran: true,
      pruned: within(world, OLDEST, T0 - 2 * DAY).length + 1,
    });
    expect(ids(await archived(store))).toEqual(ids(kept));
    expect(await archive.coverage(APP)).toMatchObject({ from: T0 - 2 * DAY, until: T0 - 10 });
  });

  it.skipIf(!backend.available)(
    "stop() mid-backfill: nothing is written once it returns, coverage stops at a whole slice, and the next run resumes there",
    async () => {
      // A slow vendor and small pages: slices are read ahead of the one whose progress is next.
      const v = await startVendor(world, () => clockMs, { rateLimit: 20 });
      vendors.push(v);
      // Records read so far by each slice's scan, by the slice's start.
      const readBySlice = new Map<number, number>();
      const counting: SyncSource = {
        scan(filter, options) {
          const scan = v.client.scan(filter, options);
          return {
            async *[Symbol.asyncIterator]() {
              for await (const record of scan) {
                readBySlice.set(
                  filter.startTimestamp,
                  (readBySlice.get(filter.startTimestamp) ?? 0) + 1,
                );
                yield record;
              }
            },
          };
        },
      };
      let stopped = false;
      let writtenAfterStop = 0;
      const sync = job(counting, {
        pageSize: 10,
        intervalSeconds: 3600,
        onArchived: (batch) => {
          if (stopped) writtenAfterStop += batch.length;
        },
      });
      const archive = createArchiveRepository(store.db);
      sync.start();
      // Stopped once a slice past the next one to finish has records read but not yet written.
      const readAhead = async () => {
        const until = (await archive.coverage(APP))?.until;
        if (until === undefined) return false;
        return [...readBySlice].some(([start, read]) => start >= until + DAY && read > 0);
      };
      while (!(await readAhead())) await new Promise((r) => setTimeout(r, 5));
      await sync.stop();
      stopped = true;
      const atStop = ids(await archived(store));
      await new Promise((r) => setTimeout(r, 300));
      expect(writtenAfterStop).toBe(0);
      expect(ids(await archived(store))).toEqual(atStop);
      const coverage = await archive.coverage(APP);
      expect(coverage?.backfilled).toBe(false);
      const until = coverage?.until ?? 0;
      expect((until - OLDEST) % DAY).toBe(0);
      const stored = new Set(atStop);
      for (const id of ids(within(world, OLDEST, until))) expect(stored).toContain(id);

      const run = await job(v.client, { pageSize: 10 }).runOnce();
      expect(run).toMatchObject({ ran: true, backfill: false });
      expect(ids(await archived(store))).toEqual(ids(within(world, OLDEST, T0 - 10)));
      expect(await archive.coverage(APP)).toMatchObject({ until: T0 - 10, backfilled: true });
    },
  );

  it.skipIf(!backend.available)(
    "start() syncs in the background and stop() ends it; disabled does nothing",
    async () => {
      const v = await vendor(world);
      const disabled = job(v.client, { enabled: false });
      disabled.start();
      await disabled.stop();
      expect(v.sim.stats.requests("filter")).toBe(0);

      const sync = job(v.client, { intervalSeconds: 3600 });
      sync.start();
      const archive = createArchiveRepository(store.db);
      while (!(await archive.coverage(APP))?.backfilled)
        await new Promise((r) => setTimeout(r, 10));
      await sync.stop();
      expect(await sync.runOnce()).toEqual({ ran: false, reason: "stopping" });
      expect(ids(await archived(store))).toEqual(ids(within(world, OLDEST, T0 - 10)));
    },
  );
});
