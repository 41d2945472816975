import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { diagnose } from "../src/diagnosis/diagnose.js";
import { generateDataset } from "../src/testbed/callkit-sim/dataset.js";
import { startTrtcSimulator, TRTC_ACTION_NAMES } from "../src/testbed/trtc-sim/server.js";
import { TrtcCloudClient } from "../src/trtc/client.js";
import type { BenchRow } from "./run.js";

/**
 * The TRTC cloud API client (issue 18): what loading only the TRTC client by its deep path saves
 * against the whole SDK (fresh node processes, alternately), and what diagnosing interrupted calls
 * costs against the simulator: requests per call, and the busiest second per API when 12 are
 * diagnosed at once (the limit is 20/s per API).
 */

const RUNS = 5;
const require = createRequire(import.meta.url);
const deep = require.resolve(
  "tencentcloud-sdk-nodejs/tencentcloud/services/trtc/v20190722/trtc_client.js",
);
const whole = require.resolve("tencentcloud-sdk-nodejs");

function loadMs(path: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(path)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export default async function bench(): Promise<BenchRow[]> {
  const deepMs: number[] = [];
  const wholeMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    deepMs.push(loadMs(deep));
    wholeMs.push(loadMs(whole));
  }
  const rows: BenchRow[] = [
    {
      name: "load the SDK (median of 5)",
      figures: {
        deepMs: median(deepMs),
        wholeMs: median(wholeMs),
        "deep÷whole": median(deepMs) / median(wholeMs),
      },
    },
  ];

  const sdkAppId = 1400000001;
  const dataset = generateDataset({
    sdkAppId,
    seed: 3,
    days: 1,
    callsPerDay: 3000,
    now: Date.now() - 3600_000,
  });
  const sim = await startTrtcSimulator({
    sdkAppId,
    keys: { AKIDbench: "bench-secret-key-123456" },
    calls: dataset,
  });
  try {
    const api = new TrtcCloudClient({
      settings: {
        secretId: "AKIDbench",
        secretKey: "bench-secret-key-123456",
        region: "ap-guangzhou",
        apiUrl: sim.url,
      },
      sdkAppId,
    });
    const interrupted = [];
    for (let i = dataset.size - 1; i >= 0 && interrupted.length < 12; i--) {
      const record = dataset.at(i);
      if (
        record.callResult === "interrupt" &&
        (record.acceptTs ?? 0) > 0 &&
        record.callType === "single"
      )
        interrupted.push(record);
    }
    const one = performance.now();
    await diagnose(api, interrupted[0] as (typeof interrupted)[0]);
    const oneMs = performance.now() - one;
    const perCall = sim.requests.length;
    sim.requests.length = 0;
    const start = performance.now();
    await Promise.all(interrupted.map((record) => diagnose(api, record)));
    const allMs = performance.now() - start;
    const refused = sim.requests.filter((r) => r.code === "RequestLimitExceeded").length;
    rows.push({ name: "one 1:1 interrupted call", figures: { requests: perCall, ms: oneMs } });
    rows.push({
      name: `${interrupted.length} at once`,
      figures: {
        requests: sim.requests.length,
        ms: allMs,
        refused,
        ...Object.fromEntries(
          TRTC_ACTION_NAMES.map((action) => [`max/s ${action}`, sim.maxPerSecond(action)]),
        ),
      },
    });
  } finally {
    await sim.stop();
  }
  return rows;
}
