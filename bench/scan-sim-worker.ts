/**
 * The simulator for bench/scan.bench.ts, on its own thread: the vendor is another machine in
 * real life, so the client under test should not share its event loop with the server.
 */

import { parentPort, workerData } from "node:worker_threads";
import type { Fault } from "../src/testbed/callkit-sim/faults.js";
import { startSimulator } from "../src/testbed/callkit-sim/server.js";

export interface SimWorkerData {
  sdkAppId: number;
  secretKey: string;
  rateLimit: number;
  callsPerDay: number;
  endMs: number;
  window: { startTs: number; endTs: number };
  /** Which generation holds the calls (and is measured); default v1. */
  generation?: "v1" | "v4";
}

export type SimWorkerRequest =
  | { type: "inject"; fault: Fault }
  | { type: "reset" }
  | { type: "clear" }
  | { type: "stats" }
  | { type: "stop" };

export interface SimWorkerStats {
  type: "stats";
  requests: number;
  rejected: number;
  maxInWindow: number;
  firstMs: number;
  lastMs: number;
  accepted: number;
}

const data = workerData as SimWorkerData;
const port = parentPort;
if (!port) throw new Error("scan-sim-worker must run as a worker thread");

const sim = await startSimulator({
  sdkAppId: data.sdkAppId,
  secretKey: data.secretKey,
  rateLimit: data.rateLimit,
  dataset: { seed: 7, days: 1, callsPerDay: data.callsPerDay, endMs: data.endMs },
  generation: data.generation ?? "v1",
  v4: { rateLimit: data.rateLimit, callIdRateLimit: data.rateLimit },
});
const endpoint = data.generation === "v4" ? "v4-filter" : "filter";
port.postMessage({ type: "ready", url: sim.url, expected: sim.dataset.count(data.window) });

port.on("message", async (message: SimWorkerRequest) => {
  if (message.type === "inject") sim.faults.inject(message.fault);
  else if (message.type === "reset") sim.stats.reset();
  else if (message.type === "clear") sim.faults.clear();
  else if (message.type === "stop") {
    await sim.stop();
    port.close();
    return;
  } else {
    const times = sim.stats.times(endpoint);
    const stats: SimWorkerStats = {
      type: "stats",
      requests: sim.stats.requests(endpoint),
      rejected: sim.stats.rejectedForRate(endpoint),
      maxInWindow: sim.stats.maxInWindow(endpoint),
      // performance.now() of a worker has its own origin: only differences are meaningful.
      firstMs: times[0] ?? 0,
      lastMs: times.at(-1) ?? 0,
      accepted: times.length,
    };
    port.postMessage(stats);
    return;
  }
  port.postMessage({ type: "ok" });
});
