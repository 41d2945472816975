import { spawn } from "node:child_process";

/**
 * A fixture script run as its own OS process (a replica, as in production): it prints "ready"
 * once set up, waits for "go" on stdin so several start their work together, and prints its
 * result as the rest of stdout before exiting 0.
 */
export function startFixtureProcess(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  const done = new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith("ready\n")) signalReady();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(out.replace("ready\n", "").trim())
        : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
  return { ready, done, go: () => child.stdin.end("go\n") };
}
