import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "../src/testbed/callkit-sim/server.js";
import { startFakeSlack } from "../src/testbed/slack-standin/fake-slack.js";
import type { BenchRow } from "./run.js";

/**
 * How fast `npm start` is healthy and how much memory it holds idle: the compiled app run by node
 * (`node dist/main.js`, what a container runs) beside the same app through tsx at run time, in one
 * run on the same machine. Resident memory is the whole process tree's (tsx starts a loader).
 */

const RUNS = 3;
const IDLE_MS = 3000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** The process and its descendants (tsx runs the app in a child of the CLI process). */
function treeRssKb(root: number): number {
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    try {
      total += rssKb(pid);
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      for (const child of children.split(/\s+/).filter(Boolean)) stack.push(Number(child));
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

async function healthyAfter(child: ChildProcess, port: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (answer.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > 30_000) throw new Error("not healthy within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export default async function startBench(): Promise<BenchRow[]> {
  if (!existsSync("dist/main.js")) execFileSync("npm", ["run", "build"], { stdio: "ignore" });
  const secretKey = "start-bench-secret-0123456789abcdef";
  const sim = await startSimulator({
    sdkAppId: 1_400_000_321,
    secretKey,
    dataset: { seed: 5, callsPerDay: 200, days: 1 },
  });
  const slack = await startFakeSlack({ botToken: "xoxb-start-bench" });
  const variants = [
    { name: "node dist/main.js", args: ["dist/main.js"] },
    { name: "tsx src/main.ts", args: ["--import", "tsx", "src/main.ts"] },
  ];
  const results = new Map<string, { readyMs: number[]; rssMb: number[] }>();
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const variant of variants) {
        const folder = mkdtempSync(join(tmpdir(), "callscope-start-bench-"));
        const port = await freePort();
        const child = spawn(process.execPath, variant.args, {
          env: {
            PATH: process.env.PATH,
            TRTC_SDKAPPID: "1400000321",
            TRTC_SECRET_KEY: secretKey,
            TRTC_API_URL: sim.url,
            SLACK_BOT_TOKEN: "xoxb-start-bench",
            SLACK_SIGNING_SECRET: "start-bench-signing-secret",
            SLACK_API_URL: slack.apiUrl,
            PORT: String(port),
            DATABASE_URL: `sqlite:${join(folder, "callscope.sqlite")}`,
            ARCHIVE_ENABLED: "false",
            LOG_LEVEL: "warn",
          },
          stdio: "ignore",
        });
        try {
          const readyMs = await healthyAfter(child, port);
          await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
          const rssMb = treeRssKb(child.pid as number) / 1024;
          const entry = results.get(variant.name) ?? { readyMs: [], rssMb: [] };
          entry.readyMs.push(readyMs);
          entry.rssMb.push(rssMb);
          results.set(variant.name, entry);
        } finally {
          child.kill("SIGTERM");
          await new Promise((resolve) => child.once("exit", resolve));
          rmSync(folder, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await Promise.all([sim.stop(), slack.stop()]);
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const compiled = results.get("node dist/main.js");
  const interpreted = results.get("tsx src/main.ts");
  const rows: BenchRow[] = [...results].map(([name, r]) => ({
    name,
    figures: { runs: RUNS, healthyMsMedian: median(r.readyMs), idleRssMbMedian: median(r.rssMb) },
  }));
  if (compiled && interpreted) {
    rows.push({
      name: "compiled ÷ tsx",
      figures: {
        healthyTime: median(compiled.readyMs) / median(interpreted.readyMs),
        idleRss: median(compiled.rssMb) / median(interpreted.rssMb),
        healthyUnder1s: median(compiled.readyMs) < 1000 ? "yes" : "no",
        rssUnder120MB: median(compiled.rssMb) < 120 ? "yes" : "no",
      },
    });
  }
  return rows;
}
