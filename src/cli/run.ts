import { CallKitError } from "../callkit/errors.js";
import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import { ConfigError } from "../config.js";
import { redact } from "../log.js";
import { describe } from "../query/describe.js";
import { EXAMPLES } from "../query/examples.js";
import { parse } from "../query/parse.js";
import type { LookupQuery, ParseError, SearchQuery } from "../query/types.js";
import { runLookup } from "../records/lookup.js";
import { scanQuery } from "../records/scan-query.js";
import { runSearch } from "../records/search.js";
import { colorAllowed, createStyle, type Style } from "./ansi.js";
import { type CliArgs, parseCliArgs, USAGE, UsageError } from "./args.js";
import { chartLine, digestChart, searchChart, writeChart } from "./chart.js";
import { formatDigestText, runDigest } from "./digest.js";
import { formatLookupText, formatSearchText } from "./format-text.js";
import { printableLine, printableText } from "./printable.js";
import { createProgressBar, parseProgressMode } from "./progress.js";
import { openSource, withProgress } from "./source.js";
import { runWebhookCli } from "./webhook.js";

/**
 * `callscope`: the Slack app's questions from a terminal. Same parser, same search and lookup
 * services, same figures; output for people (tables) or scripts (JSON, NDJSON).
 */

export const EXIT = { found: 0, none: 1, badInput: 2, upstream: 3, interrupted: 130 } as const;

export interface OutputStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
  once(event: "drain", listener: () => void): unknown;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C: scans stop, the simulator stops, exit 130. */
  signal?: AbortSignal;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`${printableText(redact(text))}\n`);
  if (argv[0] === "webhook") return runWebhookCli(argv.slice(1), io);
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`callscope: ${error.message}\nRun \`callscope --help\` for usage.`);
    return EXIT.badInput;
  }
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.found;
  }
  if (args.command === "query" && args.text === "") {
    err(`callscope: ask a question or give a callId.\n\n${USAGE}`);
    return EXIT.badInput;
  }

  const query =
    args.command === "digest"
      ? ({ kind: "cli-digest" } as const)
      : parse(args.text, { now: args.now, timeZone: args.timeZone });
  switch (query.kind) {
    case "error":
      err(formatParseError(query));
      return EXIT.badInput;
    case "help":
      io.stdout.write(`${helpText(query.lang)}\n`);
      return EXIT.found;
    case "digest":
      err(
        "Digest subscriptions live in Slack (`/calls digest on`). In a terminal, use\n" +
          "  callscope digest --date yesterday",
      );
      return EXIT.badInput;
  }

  const style = createStyle(args.output === "text" && colorAllowed(io.stdout, io.env));
  const bar = createProgressBar({
    stream: io.stderr,
    mode: parseProgressMode(io.env.CALLSCOPE_PROGRESS),
  });
  let opened: Awaited<ReturnType<typeof openSource>> | undefined;
  try {
    opened = await openSource({
      demo: args.demo,
      now: args.now,
      env: io.env,
      ...(args.generation ? { generation: args.generation } : {}),
    });
    const source = withProgress(opened.client, bar);
    const context: RunContext = { args, io, style, source, signal: io.signal };
    const code =
      query.kind === "cli-digest"
        ? await digest(context)
        : query.kind === "lookup"
          ? await lookup(query, context)
          : await search(query, context);
    bar.done();
    return code;
  } catch (error) {
    bar.done();
    if (io.signal?.aborted) return EXIT.interrupted;
    err(formatFailure(error));
    return error instanceof UsageError ? EXIT.badInput : EXIT.upstream;
  } finally {
    await opened?.close();
  }
}

interface RunContext {
  args: CliArgs;
  io: CliIo;
  style: Style;
  source: RecordSource;
  signal: AbortSignal | undefined;
}

async function search(query: SearchQuery, context: RunContext): Promise<number> {
  const { args, io, style, source, signal } = context;
  const description = describe(query, args.timeZone, query.lang);
  if (args.output === "ndjson") {
    const written = await streamMatches(query, source, io.stdout, signal);
    return written > 0 ? EXIT.found : EXIT.none;
  }
  const result = await runSearch(source, query, {
    pageIndex: args.pageIndex,
    ...(signal && { signal }),
  });
  if (args.pageIndex > 0 && args.pageIndex >= result.pageCount && result.summary.total > 0) {
    throw new UsageError(
      `--page ${args.pageIndex + 1} is past the last page (${result.pageCount})`,
    );
  }
  if (args.output === "json") {
    const document = {
      kind: "search",
      description,
      timeZone: args.timeZone,
      window: {
        start: new Date(query.window.startTs * 1000).toISOString(),
        end: new Date(query.window.endTs * 1000).toISOString(),
        ...query.window,
      },
      query,
      summary: result.summary,
      pageIndex: result.pageIndex,
      pageCount: result.pageCount,
      pageSize: query.pageSize,
      source: result.source.kind,
      records: result.page,
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout.write(
      `${formatSearchText(result, {
        timeZone: args.timeZone,
        style,
        description,
        nextPageCommand: nextPageCommand(args, result.pageIndex + 2),
      })}\n`,
    );
  }
  if (args.chart) {
    const png = await writeChart(
      args.chart,
      searchChart(result.summary.timeline, args.timeZone, query.lang),
    );
    io.stderr.write(`${chartLine(args.chart, png)}\n`);
  }
  return result.summary.total > 0 ? EXIT.found : EXIT.none;
}

async function lookup(query: LookupQuery, context: RunContext): Promise<number> {
  const { args, io, style, source, signal } = context;
  if (args.chart) throw new UsageError("--chart draws searches and digests, not call lookups");
  const result = await runLookup(source, query.callIds, {
    now: args.now,
    ...(signal && { signal }),
  });
  if (args.output === "json") {
    io.stdout.write(
      `${JSON.stringify({ kind: "lookup", timeZone: args.timeZone, ...result }, null, 2)}\n`,
    );
  } else if (args.output === "ndjson") {
    for (const story of result.found) await writeLine(io.stdout, JSON.stringify(story.record));
    for (const id of result.notFound)
      io.stderr.write(`not found in the last 7 days: ${printableLine(id)}\n`);
  } else {
    io.stdout.write(`${formatLookupText(result, { timeZone: args.timeZone, style })}\n`);
  }
  return result.found.length > 0 ? EXIT.found : EXIT.none;
}

async function digest(context: RunContext): Promise<number> {
  const { args, io, style, source, signal } = context;
  const report = await runDigest(source, {
    date: args.date,
    now: args.now,
    timeZone: args.timeZone,
    ...(signal && { signal }),
  });
  if (args.output === "text") io.stdout.write(`${formatDigestText(report, style)}\n`);
  else
    io.stdout.write(
      `${JSON.stringify({ kind: "digest", ...report }, null, args.output === "json" ? 2 : 0)}\n`,
    );
  if (args.chart) {
    const png = await writeChart(args.chart, digestChart(report, "en"));
    io.stderr.write(`${chartLine(args.chart, png)}\n`);
  }
  return report.summary.total > 0 ? EXIT.found : EXIT.none;
}

/** Every match, one JSON line each, written as the upstream pages arrive (constant memory). */
async function streamMatches(
  query: SearchQuery,
  source: RecordSource,
  out: OutputStream,
  signal: AbortSignal | undefined,
): Promise<number> {
  let written = 0;
  for await (const record of scanQuery(source, query, signal ? { signal } : {})) {
    await writeLine(out, JSON.stringify(record satisfies CallRecord));
    written++;
  }
  return written;
}

async function writeLine(out: OutputStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once("drain", resolve));
}

function nextPageCommand(args: CliArgs, page: number): string {
  const parts = ["callscope", shellQuote(args.text), "--page", String(page)];
  if (args.demo) parts.push("--demo");
  // The same reference instant keeps "last 2h" the same window from page to page.
  parts.push("--tz", args.timeZone, "--now", args.now.toISOString());
  return parts.join(" ");
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

export function formatParseError(error: ParseError): string {
  const lines = [`callscope: ${error.message}`];
  for (const { word, suggestion } of error.suggestions) {
    lines.push(`  "${word}": did you mean "${suggestion}"?`);
  }
  if (error.examples.length > 0) {
    lines.push("", "Try for example:");
    for (const example of error.examples) lines.push(`  callscope ${shellQuote(example)}`);
  }
  lines.push("", "`callscope help` lists the words it understands.");
  return lines.join("\n");
}

function helpText(lang: "en" | "zh"): string {
  const examples = [...EXAMPLES[lang], ...EXAMPLES[lang === "en" ? "zh" : "en"]];
  return [
    USAGE,
    "",
    "Questions callscope understands (English and Chinese):",
    ...examples.map((example) => `  callscope ${shellQuote(example)}`),
    "",
    "Only the last 7 days can be asked (the vendor keeps no more); without time words: the last 24 hours.",
  ].join("\n");
}

function formatFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof UsageError) return `callscope: ${error.message}`;
  if (error instanceof CallKitError) {
    const details = [
      error.code !== undefined && `code ${error.code}`,
      error.status !== undefined && `HTTP ${error.status}`,
      error.requestId && `requestId ${error.requestId}`,
    ].filter(Boolean);
    return `callscope: ${error.explanation}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `callscope: unexpected error: ${message}`;
}
