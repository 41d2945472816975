/** Starts bench/scan-sim-worker.ts on its own thread: the vendor is another machine in real life. */
import { Worker } from "node:worker_threads";
import type { SimWorkerData, SimWorkerRequest } from "./scan-sim-worker.js";

export interface SimHandle {
  url: string;
  expected: number;
  send(message: SimWorkerRequest): Promise<unknown>;
}

export async function startSimWorker(data: SimWorkerData): Promise<SimHandle> {
  // Worker threads do not inherit tsx's loader on Node 20: register it, then load the TS module.
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(
    new URL("./scan-sim-worker.ts", import.meta.url).href,
  )}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  const replies: Array<(value: unknown) => void> = [];
  const ready = new Promise<{ url: string; expected: number }>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { url: string; expected: number }) => {
      worker.on("message", (reply: unknown) => replies.shift()?.(reply));
      resolve(message);
    });
  });
  const { url, expected } = await ready;
  return {
    url,
    expected,
    send: (message) =>
      new Promise((resolve) => {
        if (message.type === "stop") worker.once("exit", () => resolve(undefined));
        else replies.push(resolve);
        worker.postMessage(message);
      }),
  };
}
