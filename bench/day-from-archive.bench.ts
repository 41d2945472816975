/**
 * A digest of one day from the archive (issue 19: under 1 s for a 1,000,000-call day), counted by
 * the database (readDigestFromArchive: a few GROUP BYs) beside streaming the same day's rows out
 * of the archive into the digest accumulator (what reading it record by record costs), on SQLite
 * and PostgreSQL. DAY_BENCH_CALLS sets the day's calls (default 1,000,000); loading them is not
 * timed but takes most of the run (the archive's own writer, 5,000 a transaction).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { CallRecord } from "../src/callkit/schemas.js";
import { readDigestFromArchive } from "../src/digest/trends.js";
import { everyCall } from "../src/query/filter.js";
import { createDigestAccumulator, digestDay } from "../src/report/digest.js";
import { createArchiveRepository } from "../src/store/archive.js";
import { openStore, type Store } from "../src/store/database.js";
import { generateDataset } from "../src/testbed/callkit-sim/dataset.js";
import type { Bench, BenchRow } from "./run.js";

const CALLS = Number(process.env.DAY_BENCH_CALLS ?? 1_000_000);
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const sdkAppId = 1400007777;
const RUNS = 5;

async function measure(store: Store, label: string, records: CallRecord[]): Promise<BenchRow> {
  const repository = createArchiveRepository(store.db);
  let t = performance.now();
  for (let i = 0; i < records.length; i += 5000) {
    await repository.upsert(records.slice(i, i + 5000));
  }
  const loadSeconds = (performance.now() - t) / 1000;
  const day = digestDay("2026-11-02", "UTC");
  await repository.saveCoverage({
    sdkAppId,
    from: day.startTs - 86_400,
    until: day.endTs + 86_400,
    syncedAt: new Date(),
    backfilled: true,
  });
  const archive = { repository, sdkAppId };
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    const report = await readDigestFromArchive(archive, day, everyCall());
    times.push(performance.now() - t);
    total = report?.summary.total ?? -1;
  }
  times.sort((a, b) => a - b);
  t = performance.now();
  const accumulator = createDigestAccumulator(day);
  for await (const record of repository.stream({ startTs: day.startTs, endTs: day.endTs })) {
    accumulator.add(record);
  }
  const streamedMs = performance.now() - t;
  const streamed = accumulator.result().summary.total;
  const median = times[Math.floor(RUNS / 2)] as number;
  return {
    name: `${label}: digest of a ${CALLS}-call day from the archive`,
    figures: {
      callsCounted: total,
      callsStreamed: streamed,
      groupByMedianMs: median,
      groupByFastestMs: times[0] as number,
      streamedMs,
      streamedOverGroupBy: streamedMs / median,
      underOneSecond: median < 1000 ? "yes" : "no",
      loadSeconds,
    },
  };
}

const bench: Bench = async () => {
  const day = digestDay("2026-11-02", "UTC");
  const dataset = generateDataset({
    sdkAppId,
    seed: 11,
    days: 1,
    callsPerDay: CALLS,
    endMs: day.endTs * 1000,
  });
  const records = Array.from({ length: dataset.size }, (_, i) => dataset.at(i));
  const rows: BenchRow[] = [];
  const folder = mkdtempSync(join(tmpdir(), "day-bench-"));
  try {
    const sqlite = await openStore(`sqlite:${join(folder, "day.sqlite")}`);
    rows.push(await measure(sqlite, "sqlite", records));
    await sqlite.close();

    // DAY_BENCH_STORES=sqlite measures SQLite alone (a PostgreSQL load takes minutes).
    if (process.env.DAY_BENCH_STORES === "sqlite") return rows;
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
      rows.push(await measure(store, "postgres", records));
      await store.close();
    } finally {
      await probe.query(`drop schema ${schema} cascade`);
      await probe.end();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
};

export default bench;
