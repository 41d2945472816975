import { parentPort, workerData } from "node:worker_threads";
import { startSimulator } from "../../src/testbed/callkit-sim/server.js";
import type { SimThreadRequest, SimThreadStats } from "./sim-thread.js";

/** The simulator on its own thread: see sim-thread.ts. */
const port = parentPort;
if (!port) throw new Error("sim-thread-worker must run as a worker thread");
const sim = await startSimulator(workerData);
port.postMessage({ url: sim.url });

port.on("message", async (message: SimThreadRequest) => {
  if (message.type === "stop") {
    await sim.stop();
    port.close();
    return;
  }
  if (message.type === "inject") sim.faults.inject(message.fault);
  if (message.type === "clear") sim.faults.clear();
  if (message.type === "reset") sim.stats.reset();
  const stats: SimThreadStats = {
    requests: sim.stats.requests("filter"),
    rejectedForRate: sim.stats.rejectedForRate(),
    maxInWindow: sim.stats.maxInWindow("filter"),
  };
  port.postMessage(stats);
});
