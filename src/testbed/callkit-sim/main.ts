/**
 * `tsx src/testbed/callkit-sim/main.ts --port 8787 --calls-per-day 3000`: the TUICallKit simulator on its own,
 * for trying the CLI or the Slack app against it. Prints the URL and the demo credentials.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEMO_CREDENTIALS } from "./demo-credentials.js";
import { startSimulator } from "./server.js";

const USAGE = `usage: tsx src/testbed/callkit-sim/main.ts [--port 8787] [--host 127.0.0.1] [--calls-per-day 3000]
       [--days 7] [--seed 1] [--rate-limit 200] [--callid-rate-limit 20] [--latency-ms 0]
       [--total-num total|page] [--page echo|zero-when-done] [--generation v1|v4|both]
       [--v4-rate-limit 200] [--v4-max-per-page 100]`;

const count = (fallback: number, max: number) =>
  z.coerce.number().int().min(0).max(max).optional().default(fallback);

const argsSchema = z.object({
  port: count(8787, 65_535),
  host: z.string().min(1).optional().default("127.0.0.1"),
  "calls-per-day": count(3000, 5_000_000),
  days: count(7, 366),
  seed: z.coerce.number().int().optional().default(1),
  "rate-limit": z.coerce.number().int().positive().optional().default(200),
  "callid-rate-limit": z.coerce.number().int().positive().optional().default(20),
  "latency-ms": count(0, 600_000),
  "total-num": z.enum(["total", "page"]).optional().default("total"),
  page: z.enum(["echo", "zero-when-done"]).optional().default("echo"),
  generation: z.enum(["v1", "v4", "both"]).optional().default("v1"),
  "v4-rate-limit": z.coerce.number().int().positive().optional().default(200),
  "v4-max-per-page": z.coerce.number().int().positive().optional().default(100),
});

function readArgs(): z.infer<typeof argsSchema> {
  const options = Object.fromEntries(
    Object.keys(argsSchema.shape).map((name) => [name, { type: "string" as const }]),
  );
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: "boolean" } } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const parsed = argsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    process.stderr.write(`bad arguments:\n${problems.join("\n")}\n${USAGE}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  }
  process.exit(2);
}

const args = readArgs();
const started = performance.now();
const sim = await startSimulator({
  ...DEMO_CREDENTIALS,
  host: args.host,
  port: args.port,
  dataset: { seed: args.seed, days: args.days, callsPerDay: args["calls-per-day"] },
  rateLimit: args["rate-limit"],
  callIdRateLimit: args["callid-rate-limit"],
  pagination: { totalNum: args["total-num"], page: args.page },
  generation: args.generation,
  v4: {
    rateLimit: args["v4-rate-limit"],
    callIdRateLimit: args["v4-rate-limit"],
    maxPerPage: args["v4-max-per-page"],
    pagination: { totalNum: args["total-num"], page: args.page },
  },
});
if (args["latency-ms"] > 0) sim.faults.inject({ kind: "latency", ms: args["latency-ms"] });

process.stdout.write(
  [
    `TUICallKit simulator listening on ${sim.url}`,
    `  ${sim.dataset.size} calls over ${args.days} days (seed ${args.seed}), ready in ${Math.round(performance.now() - started)} ms`,
    "  demo credentials (demo-only values, valid for this simulator alone):",
    `    TRTC_API_URL=${sim.url}`,
    `    TRTC_V4_API_URL=${sim.url}`,
    `    TRTC_API_GENERATION=${args.generation}   (the calls are in ${args.generation === "both" ? "v1 and v4" : args.generation})`,
    `    TRTC_SDKAPPID=${DEMO_CREDENTIALS.sdkAppId}`,
    `    TRTC_SECRET_KEY=${DEMO_CREDENTIALS.secretKey}`,
    `    TRTC_ADMIN_USER=${DEMO_CREDENTIALS.adminUser}`,
    "  Ctrl-C stops it.",
    "",
  ].join("\n"),
);

const shutdown = () => {
  sim.stop().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
