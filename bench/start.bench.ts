import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "../src/testbed/callkit-sim/server.js";
import { freePort } from "../src/testbed/free-port.js";
import { startFakeSlack } from "../src/testbed/slack-standin/fake-slack.js";
import type { BenchRow } from "./run.js";

/**
 * How fast `npm start` is healthy and how much memory it holds idle: the bundle run by node
 * (`node dist/main.js`, built afresh by `npm run build`; what a container runs) beside the same
 * app through tsx at run time, in one run on the same machine. Resident memory is the whole
 * process tree's (tsx starts a loader). Beside wall time, the CPU time the tree spent until it was
 * healthy, which a busy machine spoils less. The issue's goals as ratios: healthy ÷ 1000 ms and
 * idle RSS ÷ 120 MB, each below 1 when met, with the archive off and on (the default: idle is
 * then after its first sync). The command is `npm start`'s, read from package.json, without npm.
 */

const RUNS = 3;
const IDLE_MS = 3000;
const GOAL_HEALTHY_MS = 1000;
const GOAL_IDLE_RSS_MB = 120;
/** /proc/<pid>/stat counts CPU time in clock ticks: 100 a second on Linux. */
const TICK_MS = 10;

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** User + system CPU time of one process, in ms (fields 14 and 15 after the command's name). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The process and its descendants (tsx runs the app in a child of the CLI process). */
function treeSum(root: number, of: (pid: number) => number): number {
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    try {
      total += of(pid);
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

interface PackageJson {
  scripts: { start: string };
}

interface Variant {
  name: string;
  /** Node's arguments. */
  args: string[];
  /** ARCHIVE_ENABLED (on by default; off, idle is idle at once). */
  archive: boolean;
}

const START = "npm start's command (node, no npm)";
const TSX = "tsx src/main.ts";

/** Resolves when the app logs the end of its first archive sync; fails after 30 s without it. */
function firstSyncDone(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("no first sync within 30 s")), 30_000);
    timer.unref();
    child.stdout?.on("data", (chunk: Buffer) => {
      // Only the tail is kept: a line split across chunks still matches.
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes('"event":"archive.sync.done"')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export default async function startBench(): Promise<BenchRow[]> {
  // Built afresh, as `npm ci` would: the bench measures the sources as they are.
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  const secretKey = "start-bench-secret-0123456789abcdef";
  const sim = await startSimulator({
    sdkAppId: 1_400_000_321,
    secretKey,
    dataset: { seed: 5, callsPerDay: 200, days: 1 },
  });
  const slack = await startFakeSlack({ botToken: "xoxb-start-bench" });
  // What `npm start` runs, without npm: its command's arguments after `node`.
  const startScript = (JSON.parse(readFileSync("package.json", "utf8")) as PackageJson).scripts
    .start;
  const startArgs = startScript.split(/\s+/).slice(1);
  const variants: Variant[] = [
    { name: START, args: startArgs, archive: false },
    { name: `${START}, archive on`, args: startArgs, archive: true },
    { name: TSX, args: ["--import", "tsx", "src/main.ts"], archive: false },
  ];
  const results = new Map<string, { readyMs: number[]; cpuMs: number[]; rssMb: number[] }>();
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
            ARCHIVE_ENABLED: String(variant.archive),
            // The first sync's end is an info line; otherwise as quiet as before.
            LOG_LEVEL: variant.archive ? "info" : "warn",
          },
          stdio: ["ignore", "pipe", "ignore"],
        });
        const synced = variant.archive ? firstSyncDone(child) : undefined;
        // Read, so no output waits in the app's memory.
        if (!synced) child.stdout?.resume();
        try {
          const readyMs = await healthyAfter(child, port);
          const startCpuMs = treeSum(child.pid as number, cpuMs);
          // With the archive on (the default), idle is after its first sync.
          await synced;
          await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
          const rssMb = treeSum(child.pid as number, rssKb) / 1024;
          const entry = results.get(variant.name) ?? { readyMs: [], cpuMs: [], rssMb: [] };
          entry.readyMs.push(readyMs);
          entry.cpuMs.push(startCpuMs);
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
  const bundle = results.get(START);
  const interpreted = results.get(TSX);
  const rows: BenchRow[] = [...results].map(([name, r]) => ({
    name,
    figures: {
      runs: RUNS,
      healthyMsMedian: median(r.readyMs),
      cpuMsUntilHealthyMedian: median(r.cpuMs),
      idleRssMbMedian: median(r.rssMb),
    },
  }));
  if (bundle && interpreted) {
    rows.push({
      name: "npm start's command ÷ tsx (archive off)",
      figures: {
        healthyTime: median(bundle.readyMs) / median(interpreted.readyMs),
        cpuUntilHealthy: median(bundle.cpuMs) / median(interpreted.cpuMs),
        idleRss: median(bundle.rssMb) / median(interpreted.rssMb),
      },
    });
  }
  for (const archive of ["off", "on"]) {
    const measured = results.get(archive === "on" ? `${START}, archive on` : START);
    if (!measured) continue;
    rows.push({
      name: `npm start's command ÷ goal, archive ${archive} (below 1: met)`,
      figures: {
        healthyPer1000ms: median(measured.readyMs) / GOAL_HEALTHY_MS,
        idleRssPer120MB: median(measured.rssMb) / GOAL_IDLE_RSS_MB,
        slowestHealthyPer1000ms: Math.max(...measured.readyMs) / GOAL_HEALTHY_MS,
        largestIdleRssPer120MB: Math.max(...measured.rssMb) / GOAL_IDLE_RSS_MB,
      },
    });
  }
  return rows;
}
