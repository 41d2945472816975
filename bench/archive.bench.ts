/**
 * The archive: (1) sync throughput against the simulator, in records/s, beside the rate-limit
 * floor (pageSize × rate: what the vendor lets anyone read); (2) over an archive of 1,000,000
 * calls (the simulator's generated 7 days) on SQLite and on PostgreSQL: p50/p95 of a user search
 * and a callId lookup, and the same questions asked of the vendor (simulator) as a ratio.
 * ARCHIVE_BENCH_CALLS changes the size; TEST_DATABASE_URL the PostgreSQL server.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { createArchiveSync } from "../src/archive/sync.js";
import { CallKitClient } from "../src/callkit/client.js";
import type { CallRecord } from "../src/callkit/schemas.js";
import { searchQuerySchema } from "../src/query/types.js";
import { runSearch } from "../src/records/search.js";
import { chooseSearchSource } from "../src/routing/router.js";
import { createArchiveRepository, LATE_RECORD_SECONDS } from "../src/store/archive.js";
import { openStore, type Store } from "../src/store/database.js";
import { startSimulator } from "../src/testbed/callkit-sim/server.js";
import type { Bench, BenchRow } from "./run.js";

const sdkAppId = 1400008888;
const secretKey = "archive-bench-secret-0123456789abcdef";
const RATE = 200;
/** TRTC_PAGE_SIZE: what the sync's scans ask once past their first page of 100. */
const PAGE = Number(process.env.TRTC_PAGE_SIZE ?? 1000);
const CALLS = Number(process.env.ARCHIVE_BENCH_CALLS ?? 1_000_000);
const QUERIES = 200;
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const clientFor = (url: string) =>
  new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: url,
    rateLimit: RATE,
    callIdRateLimit: 20,
    timeoutMs: 8000,
    pageSize: PAGE,
  });

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function timeEach(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return times;
}

async function syncThroughput(): Promise<BenchRow[]> {
  const nowMs = Date.now();
  const sim = await startSimulator({
    sdkAppId,
    secretKey,
    rateLimit: RATE,
    dataset: { seed: 3, days: 1, callsPerDay: 40_000, endMs: nowMs - 60_000 },
  });
  const folder = mkdtempSync(join(tmpdir(), "archive-bench-"));
  const rows: BenchRow[] = [];
  try {
    for (const concurrency of [1, 16]) {
      sim.stats.reset();
      const store = await openStore(`sqlite:${join(folder, `sync-${concurrency}.sqlite`)}`);
      const t = performance.now();
      const client = clientFor(sim.url);
      const run = await createArchiveSync({
        db: store.db,
        source: client,
        sdkAppId,
        sliceSeconds: 6 * 3600,
        concurrency,
      }).runOnce();
      const seconds = (performance.now() - t) / 1000;
      await store.close();
      if (!run.ran) throw new Error("sync did not run");
      const perSecond = run.records / seconds;
      // The floor at the page size the scans actually asked (a cap would lower it).
      const used = client.scanPageSize;
      rows.push({
        name: `sync backfill, concurrency ${concurrency}${concurrency === 1 ? " (default: interactive first)" : ""}`,
        figures: {
          records: run.records,
          seconds,
          recordsPerSecond: perSecond,
          pageSizeUsed: used,
          pages: sim.stats.requests("filter"),
          floor: used * RATE,
          shareOfFloor: perSecond / (used * RATE),
          rejected70005: sim.stats.rejectedForRate("filter"),
        },
      });
    }
  } finally {
    await sim.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

function* recordsOf(dataset: { size: number; at(i: number): CallRecord }): Generator<CallRecord> {
  for (let i = 0; i < dataset.size; i++) yield dataset.at(i);
}

function columns(records: CallRecord[], at: number) {
  const participants: [string, string, string, number][] = [];
  const rows = records.map((r) => {
    // Callees only (migration 010): the caller is call_records.caller.
    for (const c of new Set(r.callees)) participants.push([r.callId, c, "callee", r.startCallTs]);
    return [
      r.callId,
      r.sdkAppId,
      r.startCallTs,
      r.acceptTs,
      r.endTs,
      r.caller,
      r.callType,
      r.mediaType,
      r.callResult,
      String(r.roomId),
      r.totalUserNumber,
      JSON.stringify(r.callees),
      JSON.stringify(r),
      at,
    ] as const;
  });
  return { rows, participants };
}

async function loadSqlite(path: string, dataset: { size: number; at(i: number): CallRecord }) {
  const db = new SqliteDatabase(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert = db.prepare(
    // Named columns: later migrations add columns with defaults (generation).
    "insert into call_records (call_id, sdk_app_id, start_ts, accept_ts, end_ts, caller, call_type, media_type, call_result, room_id, total_user_number, callees, raw, archived_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
  );
  const member = db.prepare(
    "insert or ignore into call_participants (call_id, user_id, role, start_ts) values (?,?,?,?)",
  );
  const load = db.transaction((batch: CallRecord[]) => {
    const { rows, participants } = columns(batch, Date.now());
    for (const row of rows) insert.run(...row);
    for (const p of participants) member.run(...p);
  });
  let batch: CallRecord[] = [];
  for (const r of recordsOf(dataset)) {
    batch.push(r);
    if (batch.length === 20_000) {
      load(batch);
      batch = [];
    }
  }
  load(batch);
  db.exec("analyze");
  db.close();
}

async function loadPostgres(pool: pg.Pool, dataset: { size: number; at(i: number): CallRecord }) {
  const flush = async (batch: CallRecord[]) => {
    const { rows, participants } = columns(batch, Date.now());
    const col = (i: number) => rows.map((row) => row[i]);
    await pool.query(
      "insert into call_records (call_id, sdk_app_id, start_ts, accept_ts, end_ts, caller, call_type, media_type, call_result, room_id, total_user_number, callees, raw, archived_at) select * from unnest($1::text[],$2::bigint[],$3::bigint[],$4::bigint[],$5::bigint[],$6::text[],$7::text[],$8::text[],$9::text[],$10::text[],$11::int[],$12::text[],$13::text[],$14::bigint[])",
      Array.from({ length: 14 }, (_, i) => col(i)),
    );
    await pool.query(
      "insert into call_participants (call_id, user_id, role, start_ts) select * from unnest($1::text[],$2::text[],$3::text[],$4::bigint[]) on conflict do nothing",
      [0, 1, 2, 3].map((i) => participants.map((p) => p[i])),
    );
  };
  let batch: CallRecord[] = [];
  for (const r of recordsOf(dataset)) {
    batch.push(r);
    if (batch.length === 10_000) {
      await flush(batch);
      batch = [];
    }
  }
  await flush(batch);
  await pool.query("analyze");
}

async function questions(store: Store, label: string, context: Context): Promise<BenchRow[]> {
  const archive = createArchiveRepository(store.db);
  await archive.saveCoverage({
    sdkAppId,
    from: context.fromTs,
    // Answers trust the archive only up to LATE_RECORD_SECONDS before its last sync: synced that
    // much past the data's end, the whole measured window is the archive's (what is measured).
    until: context.untilTs + LATE_RECORD_SECONDS,
    syncedAt: new Date(),
    backfilled: true,
  });
  const deps = { archive, vendor: context.vendor, sdkAppId };
  const userSearch = async (i: number, window: { startTs: number; endTs: number }) => {
    const user = context.users[i % context.users.length] as string;
    const query = searchQuerySchema.parse({
      kind: "search",
      lang: "en",
      window,
      users: { either: [user] },
    });
    const choice = await chooseSearchSource(query, deps);
    return runSearch(choice.source, choice.query);
  };
  const week = await timeEach(QUERIES, (i) =>
    userSearch(i, { startTs: context.fromTs, endTs: context.untilTs }),
  );
  const hour = await timeEach(QUERIES, (i) => userSearch(i, context.hour));
  const lookups = await timeEach(QUERIES, (i) =>
    archive.get(context.callIds[i % context.callIds.length] as string),
  );
  return [
    {
      name: `${label}: user search, 7 days of ${CALLS} calls`,
      figures: {
        p50ms: quantile(week, 0.5),
        p95ms: quantile(week, 0.95),
        vendorScanMs: context.vendorWeekMs,
        vendorOverArchiveP50: context.vendorWeekMs / quantile(week, 0.5),
      },
    },
    {
      name: `${label}: user search, 1 hour`,
      figures: {
        p50ms: quantile(hour, 0.5),
        p95ms: quantile(hour, 0.95),
        vendorScanMs: context.vendorHourMs,
        vendorOverArchiveP50: context.vendorHourMs / quantile(hour, 0.5),
      },
    },
    {
      name: `${label}: callId lookup`,
      figures: {
        p50ms: quantile(lookups, 0.5),
        p95ms: quantile(lookups, 0.95),
        vendorP50ms: context.vendorLookupP50,
        vendorOverArchiveP50: context.vendorLookupP50 / quantile(lookups, 0.5),
      },
    },
  ];
}

interface Context {
  vendor: CallKitClient;
  fromTs: number;
  untilTs: number;
  hour: { startTs: number; endTs: number };
  users: string[];
  callIds: string[];
  vendorWeekMs: number;
  vendorHourMs: number;
  vendorLookupP50: number;
}

const bench: Bench = async () => {
  const rows = await syncThroughput();
  const nowMs = Date.now();
  const sim = await startSimulator({
    sdkAppId,
    secretKey,
    rateLimit: RATE,
    dataset: { seed: 5, days: 7, callsPerDay: Math.ceil(CALLS / 7), endMs: nowMs - 60_000 },
  });
  const folder = mkdtempSync(join(tmpdir(), "archive-bench-"));
  try {
    const dataset = sim.dataset;
    const vendor = clientFor(sim.url);
    const newest = dataset.at(0);
    const untilTs = newest.startCallTs + 1;
    const fromTs = Math.floor(nowMs / 1000) - 7 * 86_400 + 300;
    const hour = { startTs: untilTs - 3600, endTs: untilTs };
    const users = Array.from({ length: 50 }, (_, i) => dataset.at((i * 997) % dataset.size).caller);
    const callIds = Array.from(
      { length: 50 },
      (_, i) => dataset.at((i * 7919) % dataset.size).callId,
    );
    // The vendor cannot filter by user: a user search reads the whole window.
    const scan = async (window: { startTs: number; endTs: number }) => {
      const t = performance.now();
      await runSearch(
        vendor,
        searchQuerySchema.parse({
          kind: "search",
          lang: "en",
          window,
          users: { either: [users[0]] },
        }),
      );
      return performance.now() - t;
    };
    const vendorHourMs = await scan(hour);
    // The week is not scanned (minutes at 200 req/s): its floor is pages ÷ rate.
    const weekPages = Math.ceil(dataset.count({ startTs: fromTs, endTs: untilTs }) / PAGE);
    const vendorWeekMs = (weekPages / RATE) * 1000;
    const vendorLookupP50 = quantile(
      await timeEach(20, (i) => vendor.getRecordByCallId(callIds[i] as string)),
      0.5,
    );
    const context: Context = {
      vendor,
      fromTs,
      untilTs,
      hour,
      users,
      callIds,
      vendorWeekMs,
      vendorHourMs,
      vendorLookupP50,
    };
    rows.push({
      name: "vendor (simulator)",
      figures: {
        weekFloorMs: vendorWeekMs,
        weekPages,
        hourScanMs: vendorHourMs,
        lookupP50ms: vendorLookupP50,
      },
    });

    const path = join(folder, "million.sqlite");
    await (await openStore(`sqlite:${path}`)).close();
    let t = performance.now();
    await loadSqlite(path, dataset);
    rows.push({
      name: `sqlite: bulk load ${dataset.size} calls`,
      figures: { seconds: (performance.now() - t) / 1000 },
    });
    const sqlite = await openStore(`sqlite:${path}`);
    rows.push(...(await questions(sqlite, "sqlite", context)));
    await sqlite.close();

    const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await probe.connect();
    } catch {
      process.stdout.write(`(PostgreSQL at ${PG_URL} is unreachable: its half is skipped)\n`);
      return rows;
    }
    const schema = `bench_${randomBytes(4).toString("hex")}`;
    await probe.query(`create schema ${schema}`);
    try {
      const store = await openStore(PG_URL, { schema });
      const pool = new pg.Pool({
        connectionString: PG_URL,
        max: 2,
        options: `-c search_path=${schema}`,
      });
      t = performance.now();
      await loadPostgres(pool, dataset);
      await pool.end();
      rows.push({
        name: `postgres: bulk load ${dataset.size} calls`,
        figures: { seconds: (performance.now() - t) / 1000 },
      });
      rows.push(...(await questions(store, "postgres", context)));
      await store.close();
    } finally {
      await probe.query(`drop schema ${schema} cascade`);
      await probe.end();
    }
    return rows;
  } finally {
    await sim.stop();
    rmSync(folder, { recursive: true, force: true });
  }
};

export default bench;
