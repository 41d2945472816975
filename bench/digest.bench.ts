import { everyCall } from "../src/query/filter.js";
/**
 * The digest of a 1,000,000-call day against the simulator over real HTTP (simulator on its own
 * thread, as the vendor is another machine): wall time against the floor the vendor's rate limit
 * sets (pages ÷ 200/s), resident memory growth while reading (peak over the settled baseline), and
 * whether the figures account for every call of the day.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { CallKitClient } from "../src/callkit/client.js";
import { readDigest } from "../src/digest/read.js";
import { createDigestAccumulator, digestDay } from "../src/report/digest.js";
import { renderDigest } from "../src/slack/blocks/digest.js";
import { addDays, localDateOf } from "../src/time/calendar.js";
import type { Bench } from "./run.js";
import type { SimWorkerData, SimWorkerStats } from "./scan-sim-worker.js";

const CALLS = 1_000_000;
const RATE = 200;
/** TRTC_PAGE_SIZE; the digest's own first page stays the runner's 100, as in the app. */
const PAGE_SIZE = Number(process.env.TRTC_PAGE_SIZE ?? 1000);
const FIRST_PAGE = 100;
const sdkAppId = 1400008888;
const secretKey = "bench-digest-secret-0123456789abcdef";
const filter = everyCall();

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * The aggregation alone, no HTTP: a million generated calls from 100,000 distinct callers (every
 * one of them with failed calls, the worst case for the per-caller count), built one at a time.
 */
function aggregationOnly() {
  const day = digestDay("2026-11-01", "America/Los_Angeles");
  const results = ["normal_end", "reject", "not_answer", "cancel", "interrupt", "call_busy"];
  const seconds = day.endTs - day.startTs;
  gc();
  gc();
  const baseline = process.memoryUsage().rss;
  const start = performance.now();
  const accumulator = createDigestAccumulator(day);
  for (let i = 0; i < CALLS; i++) {
    const startCallTs = day.startTs + ((i * 7919) % seconds);
    accumulator.add({
      callId: `c${i}`,
      sdkAppId,
      mediaType: i % 2 ? "audio" : "video",
      roomId: "r",
      startCallTs,
      acceptTs: startCallTs + 3,
      endTs: startCallTs + 3 + (i % 1800),
      caller: `user${i % 100_000}`,
      totalUserNumber: 2,
      callType: i % 5 ? "single" : "group",
      callResult: results[i % results.length] ?? "normal_end",
      callees: ["callee"],
    });
  }
  const report = accumulator.result();
  const ms = performance.now() - start;
  return {
    name: "aggregation only: 1,000,000 calls, 100,000 distinct failing callers",
    figures: {
      calls: report.summary.total,
      ms,
      calls_per_s: report.summary.total / (ms / 1000),
      rss_growth_mb: mb(process.memoryUsage().rss - baseline),
    },
  };
}

const bench: Bench = async () => {
  const aggregation = aggregationOnly();
  const day = digestDay(addDays(localDateOf(new Date(), "UTC"), -1), "UTC");
  const data: SimWorkerData = {
    sdkAppId,
    secretKey,
    rateLimit: RATE,
    callsPerDay: CALLS,
    endMs: day.endTs * 1000,
    window: { startTs: day.startTs, endTs: day.endTs },
  };
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(
    new URL("./scan-sim-worker.ts", import.meta.url).href,
  )}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  const { url, expected } = await new Promise<{ url: string; expected: number }>(
    (resolve, reject) => {
      worker.once("error", reject);
      worker.once("message", resolve);
    },
  );
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve) => {
      worker.once("message", resolve);
      worker.postMessage(message);
    });

  const client = new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: url,
    rateLimit: RATE,
    callIdRateLimit: 20,
    timeoutMs: 8000,
    pageSize: PAGE_SIZE,
  });
  gc();
  gc();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  const report = await readDigest(client, { day, filter }, { pageSize: FIRST_PAGE });
  // What the scan asked once past the first page: TRTC_PAGE_SIZE, or the vendor's cap or default.
  const pageSizeUsed = client.scanPageSize;
  const wallS = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const message = renderDigest(report, { lang: "en", filter });
  const stats = await ask<SimWorkerStats>({ type: "stats" });
  await new Promise<void>((resolve) => {
    worker.once("exit", () => resolve());
    worker.postMessage({ type: "stop" });
  });

  const floorS = stats.accepted / RATE;
  return [
    aggregation,
    {
      name: `digest of a ${CALLS.toLocaleString("en")}-call day (page ${pageSizeUsed} of ${PAGE_SIZE} asked, ${RATE}/s)`,
      figures: {
        page_size_used: pageSizeUsed,
        calls_in_day: expected,
        calls_counted: report.summary.total,
        pages: stats.accepted,
        rejected_70005: stats.rejected,
        wall_s: wallS,
        floor_s: floorS,
        wall_over_floor: wallS / floorS,
        calls_per_s: report.summary.total / wallS,
        rss_baseline_mb: mb(baseline),
        rss_growth_peak_mb: mb(peak - baseline),
        message_chars: JSON.stringify(message.blocks).length,
      },
    },
  ];
};

export default bench;
