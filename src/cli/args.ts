import { parseArgs } from "node:util";
import { isIanaZone, systemTimeZone } from "../time/zone.js";

/**
 * The `callscope` command line, parsed with node:util. Any mistake is a UsageError: the CLI
 * prints it with the usage and exits 2.
 */

export type OutputMode = "text" | "json" | "ndjson";

export interface CliArgs {
  help: boolean;
  /** `callscope digest …` */
  command: "query" | "digest";
  /** The words of the question (query), joined as typed. */
  text: string;
  output: OutputMode;
  timeZone: string;
  demo: boolean;
  /** `--generation v1|v4|both`: which records API to ask (with --demo, where the calls are). */
  generation?: "v1" | "v4" | "both";
  /** 0-based page of the search to show. */
  pageIndex: number;
  /** Digest day (`--date yesterday|today|YYYY-MM-DD`). */
  date: string;
  /** Reference instant for relative times (and the demo data's end): reproducible runs. */
  now: Date;
  /** `--chart FILE.png`: also draw the search's or the digest's chart into this file. */
  chart?: string;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage:
  callscope "<question>"            search call records in plain words
  callscope <callId> [<callId>…]    details of calls, with the users' other calls around them
  callscope digest [--date D]       yesterday's (or day D's) figures
  callscope help                    the query language, with examples
  callscope webhook url|set --base URL   the call-event webhook URL to register / register it

Options:
  --json            one JSON document on stdout
  --ndjson          one record per line, streamed as read (every match, not one page)
  --page N          page N of a search (1-based, default 1)
  --tz ZONE         IANA time zone for "yesterday", "9am" and printed times (default: the system's)
  --date D          digest day: yesterday (default), today or YYYY-MM-DD
  --chart FILE.png  also draw the chart (a search's calls over time, a digest's calls per hour)
  --demo            ask a built-in simulator with a seeded week of calls instead of the vendor
  --generation G    records API generation to ask: v1, v4 or both (default TRTC_API_GENERATION)
  --now ISO         reference instant for relative times (reproducible runs; default: now)
  -h, --help        this help

Without --demo, the vendor is reached with TRTC_SDKAPPID, TRTC_SECRET_KEY and the other TRTC_*
variables (environment or .env; see .env.example).

Exit codes: 0 found, 1 none found, 2 bad input, 3 upstream or configuration error.
Environment: CALLSCOPE_PROGRESS=auto|always|never (progress bar on stderr), NO_COLOR, FORCE_COLOR.

Examples:
  callscope "failed calls last 2h"
  callscope "rejected video calls yesterday" --tz Asia/Shanghai
  callscope "昨天 被拒绝 的 视频 通话"
  callscope "calls by alice today" --ndjson | jq .callId
  callscope --demo "failed calls yesterday"`;

export function parseCliArgs(argv: readonly string[], now: () => Date = () => new Date()): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.json && values.ndjson) throw new UsageError("choose one of --json and --ndjson");
  if (values.chart !== undefined) {
    if (!/\.png$/i.test(values.chart) || values.chart.length <= 4)
      throw new UsageError(`--chart takes a file name ending in .png, not ${values.chart}`);
    if (values.ndjson) throw new UsageError("--chart goes with a table or --json, not --ndjson");
  }

  const timeZone = values.tz ?? systemTimeZone();
  if (!isIanaZone(timeZone)) {
    throw new UsageError(
      `--tz ${timeZone} is not an IANA time zone (e.g. Europe/Berlin, Asia/Shanghai)`,
    );
  }
  let pageIndex = 0;
  if (values.page !== undefined) {
    const page = Number(values.page);
    if (!Number.isInteger(page) || page < 1)
      throw new UsageError("--page must be a whole number from 1");
    pageIndex = page - 1;
  }
  let reference = now();
  if (values.now !== undefined) {
    reference = new Date(values.now);
    if (Number.isNaN(reference.getTime())) {
      throw new UsageError("--now must be an ISO time such as 2025-11-25T09:00:00Z");
    }
  }
  const isDigest = positionals[0] === "digest";
  const words = isDigest ? positionals.slice(1) : positionals;
  if (values.date !== undefined && !isDigest)
    throw new UsageError("--date goes with `callscope digest`");
  if (isDigest && words.length > 0) {
    throw new UsageError(`callscope digest takes --date, not words (${words.join(" ")})`);
  }

  return {
    help: values.help === true,
    command: isDigest ? "digest" : "query",
    text: words.join(" ").trim(),
    output: values.json ? "json" : values.ndjson ? "ndjson" : "text",
    timeZone,
    demo: values.demo === true,
    ...(values.generation === undefined ? {} : { generation: generationOf(values.generation) }),
    pageIndex,
    date: values.date ?? "yesterday",
    now: reference,
    ...(values.chart === undefined ? {} : { chart: values.chart }),
  };
}

function generationOf(value: string): "v1" | "v4" | "both" {
  if (value === "v1" || value === "v4" || value === "both") return value;
  throw new UsageError(`--generation takes v1, v4 or both, not ${value}`);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      json: { type: "boolean" },
      ndjson: { type: "boolean" },
      tz: { type: "string" },
      demo: { type: "boolean" },
      generation: { type: "string" },
      page: { type: "string" },
      date: { type: "string" },
      now: { type: "string" },
      chart: { type: "string" },
    },
  });
}
