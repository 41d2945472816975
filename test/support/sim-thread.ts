import { Worker } from "node:worker_threads";
import type { Fault } from "../../src/testbed/callkit-sim/faults.js";
import type { SimulatorOptions } from "../../src/testbed/callkit-sim/server.js";

/**
 * The simulator on a thread of its own. The vendor is another machine: sharing the app's event
 * loop, the simulator would stamp requests late whenever the app is busy and see bursts the
 * client never sent. Tests that judge the client's pacing under load run the simulator here.
 */

export type SimThreadRequest =
  | { type: "inject"; fault: Fault }
  | { type: "clear" }
  | { type: "reset" }
  | { type: "stats" }
  | { type: "stop" };

export interface SimThreadStats {
  requests: number;
  rejectedForRate: number;
  maxInWindow: number;
}

export interface SimThread {
  url: string;
  send(request: Exclude<SimThreadRequest, { type: "stop" }>): Promise<SimThreadStats>;
  stop(): Promise<void>;
}

/** Options must survive structured cloning: no `now` function. */
export async function startSimThread(options: Omit<SimulatorOptions, "now">): Promise<SimThread> {
  // Worker threads do not inherit tsx's loader on Node 20: register it, then load the TS module.
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(
    new URL("./sim-thread-worker.ts", import.meta.url).href,
  )}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const replies: ((stats: SimThreadStats) => void)[] = [];
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { url: string }) => {
      worker.on("message", (stats: SimThreadStats) => replies.shift()?.(stats));
      resolve(message);
    });
  });
  return {
    url,
    send: (request) =>
      new Promise((resolve) => {
        replies.push(resolve);
        worker.postMessage(request);
      }),
    stop: () =>
      new Promise((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage({ type: "stop" });
      }),
  };
}
