/**
 * Archive sync throughput on both stores (issue 19): records/s of a backfill from the simulator
 * beside the rate-limit floor (pageSize × rate: what the vendor lets anyone read), at the vendor's
 * pages of 100 (the issue's goal: ≥ 0.8 of 100 × 200/s = 16,000 records/s) and at TRTC_PAGE_SIZE.
 * Where the time goes, in the same run: the scan alone (nothing written) and the writes alone
 * (the same records, already in memory, upserted as the sync batches them).
 * Each at 0 ms and at 50 ms of vendor latency per answer (SYNC_BENCH_LATENCIES, comma-separated):
 * with a realistic latency the pages in flight, not the CPU, decide what the sync can reach.
 * SYNC_BENCH_CALLS changes the size; TEST_DATABASE_URL the PostgreSQL server.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createArchiveSync } from "../src/archive/sync.js";
import { CallKitClient } from "../src/callkit/client.js";
import type { CallRecord } from "../src/callkit/schemas.js";
import { createArchiveRepository } from "../src/store/archive.js";
import { openStore, type Store } from "../src/store/database.js";
import type { Bench, BenchRow } from "./run.js";
import type { SimWorkerStats } from "./scan-sim-worker.js";
import { startSimWorker } from "./sim-thread.js";

const sdkAppId = 1400008889;
const secretKey = "sync-bench-secret-0123456789abcdef";
const RATE = 200;
const BIG_PAGE = Number(process.env.TRTC_PAGE_SIZE ?? 1000);
const CALLS = Number(process.env.SYNC_BENCH_CALLS ?? 40_000);
const LATENCIES = (process.env.SYNC_BENCH_LATENCIES ?? "0,50").split(",").map(Number);
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const clientFor = (url: string, pageSize: number) =>
  new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: url,
    rateLimit: RATE,
    callIdRateLimit: 20,
    timeoutMs: 8000,
    pageSize,
  });

interface Backend {
  name: "sqlite" | "postgres";
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

async function backendsHere(folder: string): Promise<Backend[]> {
  let n = 0;
  const list: Backend[] = [
    {
      name: "sqlite",
      open: () => openStore(`sqlite:${join(folder, `sync-${++n}.sqlite`)}`),
      dispose: async () => {},
    },
  ];
  const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch {
    process.stdout.write(`(PostgreSQL at ${PG_URL} is unreachable: its half is skipped)\n`);
    return list;
  }
  const schemas: string[] = [];
  list.push({
    name: "postgres",
    async open() {
      const schema = `bench_${randomBytes(4).toString("hex")}`;
      await probe.query(`create schema ${schema}`);
      schemas.push(schema);
      return openStore(PG_URL, { schema });
    },
    async dispose() {
      for (const schema of schemas) await probe.query(`drop schema ${schema} cascade`);
      await probe.end();
    },
  });
  return list;
}

const bench: Bench = async () => {
  const nowMs = Date.now();
  const window = {
    startTimestamp: Math.floor(nowMs / 1000) - 2 * 86_400,
    endTimestamp: Math.floor(nowMs / 1000),
  };
  // The vendor on a thread of its own (it is another machine in real life): the client's CPU and
  // SQLite's synchronous writes are then what this process spends.
  const sim = await startSimWorker({
    sdkAppId,
    secretKey,
    rateLimit: RATE,
    callsPerDay: CALLS,
    endMs: nowMs - 60_000,
    window: { startTs: window.startTimestamp, endTs: window.endTimestamp },
  });
  const stats = async () => (await sim.send({ type: "stats" })) as SimWorkerStats;
  const folder = mkdtempSync(join(tmpdir(), "sync-bench-"));
  const rows: BenchRow[] = [];
  const stores = await backendsHere(folder);
  try {
    for (const latencyMs of LATENCIES)
      for (const pageSize of [100, BIG_PAGE]) {
        await sim.send({ type: "clear" });
        if (latencyMs > 0) {
          await sim.send({
            type: "inject",
            fault: { kind: "latency", ms: latencyMs, endpoint: "filter" },
          });
        }
        const at = `${latencyMs} ms, pages of ${pageSize}`;
        // The scan alone: how fast the vendor (simulator) and the client deliver, nothing written.
        await sim.send({ type: "reset" });
        let t = performance.now();
        const records: CallRecord[] = [];
        for await (const record of clientFor(sim.url, pageSize).scan(window, { pageSize })) {
          records.push(record);
        }
        const scanSeconds = (performance.now() - t) / 1000;
        const floor = pageSize * RATE;
        rows.push({
          name: `${at}: scan alone`,
          figures: {
            records: records.length,
            recordsPerSecond: records.length / scanSeconds,
            floor,
            shareOfFloor: records.length / scanSeconds / floor,
          },
        });
        for (const backend of stores) {
          // The writes alone, 5,000 a transaction (the most one write of the sync takes).
          const writeStore = await backend.open();
          const archive = createArchiveRepository(writeStore.db);
          t = performance.now();
          let cpu = process.cpuUsage();
          for (let i = 0; i < records.length; i += 5000) {
            await archive.upsert(records.slice(i, i + 5000));
          }
          const writeSeconds = (performance.now() - t) / 1000;
          const writeCpu = process.cpuUsage(cpu);
          await writeStore.close();

          const store = await backend.open();
          await sim.send({ type: "reset" });
          t = performance.now();
          cpu = process.cpuUsage();
          const client = clientFor(sim.url, pageSize);
          const run = await createArchiveSync({
            db: store.db,
            source: client,
            sdkAppId,
            sliceSeconds: Number(process.env.SYNC_BENCH_SLICE ?? 6 * 3600),
            pageSize,
          }).runOnce();
          const seconds = (performance.now() - t) / 1000;
          const syncCpu = process.cpuUsage(cpu);
          await store.close();
          if (!run.ran) throw new Error("sync did not run");
          const perSecond = run.records / seconds;
          rows.push({
            name: `${at}, ${backend.name}: sync backfill`,
            figures: {
              records: run.records,
              seconds,
              recordsPerSecond: perSecond,
              writesAlonePerSecond: records.length / writeSeconds,
              // This process's CPU (every thread: the simulator's too, it is a worker here) per record.
              writesAloneCpuUsPerRecord: (writeCpu.user + writeCpu.system) / records.length,
              syncCpuUsPerRecord: (syncCpu.user + syncCpu.system) / run.records,
              pages: (await stats()).requests,
              floor,
              shareOfFloor: perSecond / floor,
              rejected70005: (await stats()).rejected,
              load1: loadavg()[0] ?? 0,
            },
          });
        }
      }
  } finally {
    for (const backend of stores) await backend.dispose();
    await sim.send({ type: "stop" });
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
};

export default bench;
