import { setMaxListeners } from "node:events";
import { runCli } from "./run.js";

/**
 * `callscope` (bin/callscope.js runs this through tsx). Ctrl-C stops the scan and any demo
 * simulator before exiting 130; a closed pipe (`callscope … --ndjson | head`) ends quietly.
 */

const controller = new AbortController();
// One signal is shared by every upstream request of a scan (concurrent pages each listen to it).
setMaxListeners(0, controller.signal);
process.once("SIGINT", () => controller.abort());
process.once("SIGTERM", () => controller.abort());
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") {
    controller.abort();
    process.exit(0);
  }
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
