/**
 * A full scan against the simulator over real HTTP: 100,000 records at 100 a page, 50 ms of
 * latency per answer, a 200/s limit. Figures: the achieved request rate as a share of the limit
 * (must be ≥ 0.9), the busiest sliding second as a share of the limit (must be ≤ 1), 70005
 * answers (must be 0), and resident memory growth for 20,000 vs 100,000 records (constant-memory
 * iteration means the two are about the same). The same scan on the second generation (v4:
 * its own paths, envelope, page numbering and limit) runs beside v1's, with the ratio of their
 * achieved rates and each scan's wall time over its floor (pages / limit).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CallKitClient } from "../src/callkit/client.js";
import type { Bench, BenchRow } from "./run.js";
import type { SimWorkerStats } from "./scan-sim-worker.js";
import { startSimWorker } from "./sim-thread.js";

const RATE = 200;
const LATENCY_MS = 50;
const PAGE_SIZE = 100;
const sdkAppId = 1400009999;
const secretKey = "bench-secret-key-0123456789abcdef";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const mb = (bytes: number) => bytes / 1024 / 1024;

function settledRss(): number {
  gc();
  gc();
  return process.memoryUsage().rss;
}

async function scanOnce(records: number, generation: "v1" | "v4" = "v1"): Promise<BenchRow> {
  const nowMs = Date.now();
  const nowSec = Math.floor(nowMs / 1000);
  const filter = { startTimestamp: nowSec - 2 * 86_400 + 3600, endTimestamp: nowSec };
  const sim = await startSimWorker({
    sdkAppId,
    secretKey,
    rateLimit: RATE,
    callsPerDay: records,
    endMs: nowMs - 60_000,
    window: { startTs: filter.startTimestamp, endTs: filter.endTimestamp },
    generation,
  });
  try {
    await sim.send({
      type: "inject",
      fault: {
        kind: "latency",
        ms: LATENCY_MS,
        endpoint: generation === "v4" ? "v4-filter" : "filter",
      },
    });
    const client = new CallKitClient({
      generation,
      sdkAppId,
      secretKey,
      adminUser: "administrator",
      apiUrl: sim.url,
      rateLimit: RATE,
      callIdRateLimit: generation === "v4" ? RATE : 20,
      timeoutMs: 8000,
    });
    // Warm up the connection pool and the JIT so the figures measure the scan, not start-up.
    await client.getRecordsPage({ ...filter, numberPerPage: PAGE_SIZE, page: 1 });
    await sim.send({ type: "reset" });

    const rssBefore = settledRss();
    const heapBefore = process.memoryUsage().heapUsed;
    let rssPeak = rssBefore;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      rssPeak = Math.max(rssPeak, usage.rss);
      heapPeak = Math.max(heapPeak, usage.heapUsed);
    }, 50);
    const started = performance.now();
    let seen = 0;
    let answered = 0;
    const loopBefore = performance.eventLoopUtilization();
    for await (const record of client.scan(filter, { pageSize: PAGE_SIZE })) {
      seen++;
      if (record.callResult === "normal_end") answered++;
    }
    const elapsedMs = performance.now() - started;
    const loop = performance.eventLoopUtilization(loopBefore);
    clearInterval(sampler);
    const rssAfter = settledRss();
    if (seen !== sim.expected)
      throw new Error(`scan read ${seen} records, expected ${sim.expected}`);

    const stats = (await sim.send({ type: "stats" })) as SimWorkerStats;
    const span = stats.lastMs - stats.firstMs;
    const achieved = stats.accepted > 1 ? ((stats.accepted - 1) / span) * 1000 : 0;
    return {
      name: `${generation} scan ${seen} records`,
      figures: {
        pages: stats.requests,
        seconds: elapsedMs / 1000,
        // The least a scan of these pages can take at the limit; the ratio is the overhead.
        floorSeconds: (stats.requests - 1) / RATE,
        wallOverFloor: elapsedMs / 1000 / Math.max(1e-9, (stats.requests - 1) / RATE),
        reqPerSec: achieved,
        rateOfLimit: achieved / RATE,
        maxInWindowOfLimit: stats.maxInWindow / RATE,
        rejected70005: stats.rejected,
        rssBeforeMB: mb(rssBefore),
        rssPeakGrowthMB: mb(rssPeak - rssBefore),
        rssAfterGrowthMB: mb(rssAfter - rssBefore),
        heapPeakGrowthMB: mb(heapPeak - heapBefore),
        answeredShare: answered / seen,
        // Share of the scan the client's thread was busy (near 1: CPU-bound or starved by load).
        clientLoopBusy: loop.utilization,
        // Client-thread time per page: 1000 / this is the page rate this machine allows right now.
        clientBusyMsPerPage: loop.active / Math.max(1, stats.requests),
      },
    };
  } finally {
    await sim.send({ type: "stop" });
  }
}

const bench: Bench = async () => {
  const small = await scanOnce(20_000);
  const large = await scanOnce(100_000);
  const v4 = await scanOnce(100_000, "v4");
  const growth = (row: BenchRow) => Number(row.figures.rssPeakGrowthMB);
  const rate = (row: BenchRow) => Number(row.figures.reqPerSec);
  return [
    small,
    large,
    v4,
    {
      name: "v4 beside v1 (100,000 records)",
      figures: {
        rateRatioV4OverV1: rate(v4) / Math.max(1e-9, rate(large)),
        wallOverFloorV1: Number(large.figures.wallOverFloor),
        wallOverFloorV4: Number(v4.figures.wallOverFloor),
      },
    },
    {
      name: "memory vs records",
      figures: {
        recordsRatio: 5,
        peakGrowthRatio100kOver20k: growth(large) / Math.max(1, growth(small)),
        peakGrowthDifferenceMB: growth(large) - growth(small),
      },
    },
  ];
};

export default bench;
