import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import { colorAllowed, createStyle } from "../cli/ansi.js";
import { EXIT } from "../cli/run.js";
import { parse } from "../query/parse.js";
import { plan } from "../query/plan.js";
import type { Query } from "../query/types.js";
import { isIanaZone, systemTimeZone } from "../time/zone.js";
import { writeReplyCharts } from "./charts.js";
import { blockKitBuilderUrl, type Choice, renderMessage } from "./render-blocks.js";
import { type DemoSession, type Exchange, DemoSession as Session } from "./session.js";
import { type DemoStack, PortTakenError, startDemoStack } from "./stack.js";

/**
 * `npm run demo`: callscope working end to end with no Slack workspace and no Tencent account.
 * The simulator, a stand-in for Slack and the real app run in this process; this prompt plays the
 * Slack client: it signs what you type as a slash command, shows the reply as text, and presses
 * buttons when you type their number. `npm run demo -- "/calls …"` answers once and exits.
 */

const USAGE = `Usage:
  npm run demo                                interactive: type /calls …, press buttons by number
  npm run demo -- "/calls rejected yesterday"   answer once and exit (exit code as callscope's)

Options:
  --json            print the Block Kit JSON instead of the rendering
  --builder-links   also print each reply's Block Kit Builder link
  --port N          the Slack app's port (default 3000; 0 = any free port)
  --sim-port N      the simulator's port (default 0 = any)
  --slack-port N    the Slack stand-in's port (default 0 = any)
  --tz ZONE         the demo user's time zone in Slack (default: the system's)
  --now ISO         the demo's reference instant; the simulated week ends there (default: now)
  --generation G    where the simulated calls are: v1 (default), v4 (calls()/join() apps) or both
                    (mid-migration); the app finds out itself (TRTC_API_GENERATION=auto)
  --charts DIR      where the charts the replies show are written as PNG files
                    (default: callscope-demo-charts in the system's temporary folder)
  --log             also print the app's JSON log lines on stderr
  -h, --help        this help`;

interface DemoArgs {
  text: string | undefined;
  json: boolean;
  builderLinks: boolean;
  log: boolean;
  ports: { app: number; simulator: number; slack: number };
  timeZone: string;
  now: Date;
  generation: "v1" | "v4" | "both";
  chartsDir: string;
}

class DemoUsageError extends Error {}

function parseDemoArgs(argv: string[]): DemoArgs | "help" {
  let parsed: ReturnType<typeof parseDemo>;
  try {
    parsed = parseDemo(argv);
  } catch (error) {
    throw new DemoUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const port = (flag: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65_535) {
      throw new DemoUsageError(`${flag} must be a port number from 0 to 65535`);
    }
    return n;
  };
  const timeZone = values.tz ?? systemTimeZone();
  if (!isIanaZone(timeZone)) throw new DemoUsageError(`--tz ${timeZone} is not an IANA time zone`);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new DemoUsageError("--now must be an ISO time");
  const generation = values.generation ?? "v1";
  if (generation !== "v1" && generation !== "v4" && generation !== "both") {
    throw new DemoUsageError(`--generation takes v1, v4 or both, not ${generation}`);
  }
  return {
    text: positionals.length > 0 ? positionals.join(" ") : undefined,
    json: values.json === true,
    builderLinks: values["builder-links"] === true,
    log: values.log === true,
    ports: {
      app: port("--port", values.port, 3000),
      simulator: port("--sim-port", values["sim-port"], 0),
      slack: port("--slack-port", values["slack-port"], 0),
    },
    timeZone,
    now,
    generation,
    chartsDir: values.charts ?? join(tmpdir(), "callscope-demo-charts"),
  };
}

function parseDemo(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      json: { type: "boolean" },
      "builder-links": { type: "boolean" },
      log: { type: "boolean" },
      port: { type: "string" },
      "sim-port": { type: "string" },
      "slack-port": { type: "string" },
      tz: { type: "string" },
      now: { type: "string" },
      generation: { type: "string" },
      charts: { type: "string" },
    },
  });
}

/** An interrupted call of the simulated week, to ask why it failed (TRTC's data), in both languages. */
function diagnosisExamples(stack: DemoStack): string[] {
  if (!stack.trtc) return [];
  const dataset = stack.simulator.dataset;
  for (let i = dataset.size - 1; i >= 0; i--) {
    const record = dataset.at(i);
    if (record.callResult !== "interrupt" || (record.acceptTs ?? 0) === 0) continue;
    if (record.callType !== "single") continue;
    return [
      `  /calls ${record.callId}        why this interrupted call failed (TRTC's data)`,
      `  /calls 为什么 ${record.callId}   同一通话，中文`,
    ];
  }
  return [];
}

/**
 * `fill key=value …` → the search form's state as Slack sends it (block_id → element value):
 * the demo's way to fill the modal a person would click through.
 */
export function formValues(text: string): Record<string, unknown> | string {
  const values: Record<string, unknown> = {};
  const many = (list: string) =>
    list
      .split(",")
      .filter(Boolean)
      .map((value) => ({ value, text: { type: "plain_text", text: value } }));
  for (const pair of text.trim().split(/\s+/).filter(Boolean)) {
    const [key, value = ""] = pair.split("=", 2) as [string, string?];
    switch (key) {
      case "range":
      case "role":
        values[key] = { type: "static_select", selected_option: many(value)[0] ?? null };
        break;
      case "results":
        values.results = { type: "multi_static_select", selected_options: many(value) };
        break;
      case "types":
        values.call_types = { type: "checkboxes", selected_options: many(value) };
        break;
      case "media":
        values.media = { type: "checkboxes", selected_options: many(value) };
        break;
      case "users":
        values.users = { type: "plain_text_input", value: value.replace(/,/g, " ") };
        break;
      case "start":
      case "end": {
        const [date, time] = value.split("T");
        values[`${key}_date`] = { type: "datepicker", selected_date: date ?? null };
        if (time) values[`${key}_time`] = { type: "timepicker", selected_time: time };
        values.range ??= { type: "static_select", selected_option: many("custom")[0] };
        break;
      }
      default:
        return `fill does not know "${key}": range, results, types, media, users, role, start, end`;
    }
  }
  return values;
}

/** `/calls words` → `words`; bare words are taken as /calls too; other commands are refused. */
function wordsOf(input: string): string | { error: string } {
  const text = input.trim();
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return text;
  if (match[1] !== "calls") return { error: `Only /calls exists in this app (not /${match[1]}).` };
  return match[2] ?? "";
}

/**
 * Watches what the app reads, to give the one-shot run the CLI's exit codes (0 found, 1 none):
 * the same parse and plan as the app decide which records read count as matches.
 */
function createMatchWatch() {
  let query: Query | undefined;
  let found = false;
  let matches: ((record: CallRecord) => boolean) | undefined;
  return {
    expect(next: Query) {
      query = next;
      found = false;
      matches = next.kind === "search" ? plan(next).matches : undefined;
    },
    get found() {
      return found;
    },
    get query() {
      return query;
    },
    wrap(source: RecordSource): RecordSource {
      return {
        async *scan(filter, options) {
          for await (const record of source.scan(filter, options)) {
            if (matches?.(record)) found = true;
            yield record;
          }
        },
        async getRecordByCallId(callId, options) {
          const record = await source.getRecordByCallId(callId, options);
          if (record && query?.kind === "lookup" && query.callIds.includes(callId)) found = true;
          return record;
        },
      };
    },
  };
}

function exitCodeOf(exchange: Exchange, watch: ReturnType<typeof createMatchWatch>): number {
  const outcome = exchange.log?.outcome;
  if (outcome === "not_understood") return EXIT.badInput;
  if (outcome !== "answered" && !String(outcome).startsWith("button_")) return EXIT.upstream;
  const kind = watch.query?.kind;
  if (kind === "search" || kind === "lookup") return watch.found ? EXIT.found : EXIT.none;
  return EXIT.found;
}

async function main(): Promise<number> {
  let args: DemoArgs | "help";
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.found;
  }
  const { timeZone } = args;
  const started = Date.now();
  const base = args.now.getTime();
  // The demo's clock starts at --now and runs on, so relative times stay right in a long session.
  const now = () => new Date(base + (Date.now() - started));
  const watch = createMatchWatch();
  const color = !args.json && colorAllowed(process.stdout, process.env);
  const style = createStyle(color);
  const width = Math.min(100, process.stdout.columns ?? 80);

  let stack: DemoStack;
  try {
    stack = await startDemoStack({
      ports: args.ports,
      timeZone,
      now,
      generation: args.generation,
      wrapSource: watch.wrap,
      ...(args.log && { echoLog: (line: string) => process.stderr.write(`${line}\n`) }),
    });
  } catch (error) {
    if (error instanceof PortTakenError) {
      process.stderr.write(`demo: ${error.message}\n`);
      return EXIT.upstream;
    }
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stack.stop();
    return stopping;
  };
  const session: DemoSession = new Session(stack);

  const ask = async (input: string): Promise<{ exchange?: Exchange; error?: string }> => {
    const words = wordsOf(input);
    if (typeof words !== "string") return { error: words.error };
    const query = parse(words, { now: now(), timeZone });
    watch.expect(query.kind === "error" ? ({ kind: "help", lang: query.lang } as Query) : query);
    return { exchange: await session.command(words) };
  };

  const showCharts = async (exchange: Exchange) => {
    for (const reply of exchange.replies) {
      for (const path of await writeReplyCharts(reply.message, stack.slack, args.chartsDir)) {
        // stderr: stdout stays one JSON document.
        process.stderr.write(`chart: ${path}\n`);
      }
    }
  };

  const show = async (exchange: Exchange): Promise<Choice[] | undefined> => {
    let choices: Choice[] | undefined;
    for (const reply of exchange.replies) {
      if (reply.how === "removed the message above") {
        process.stdout.write(`${style.dim("(the ephemeral message above was removed)")}\n`);
        choices = [];
        continue;
      }
      const rendered = renderMessage(reply.message, { color, width });
      process.stdout.write(
        `\n${style.dim(`── reply, ${reply.how} ${"─".repeat(Math.max(0, width - 12 - reply.how.length))}`)}\n`,
      );
      process.stdout.write(`${rendered.text}\n`);
      if (args.builderLinks) {
        process.stdout.write(
          `${style.dim(`Block Kit Builder: ${blockKitBuilderUrl(reply.message.blocks ?? [])}`)}\n`,
        );
      }
      for (const path of await writeReplyCharts(reply.message, stack.slack, args.chartsDir)) {
        process.stdout.write(`${style.dim(`chart: ${path}`)}\n`);
      }
      choices = rendered.choices;
    }
    return choices;
  };

  // One-shot: answer, print, stop everything, exit with the CLI's codes.
  if (args.text !== undefined) {
    try {
      const { exchange, error } = await ask(args.text);
      if (!exchange) {
        process.stderr.write(`demo: ${error}\n`);
        return EXIT.badInput;
      }
      if (args.json) {
        const messages = exchange.replies.map((reply) => reply.message);
        process.stdout.write(
          `${JSON.stringify(messages.length === 1 ? messages[0] : messages, null, 2)}\n`,
        );
        if (args.builderLinks) {
          for (const message of messages) {
            process.stderr.write(
              `Block Kit Builder: ${blockKitBuilderUrl(message.blocks ?? [])}\n`,
            );
          }
        }
        await showCharts(exchange);
      } else {
        await show(exchange);
      }
      return exitCodeOf(exchange, watch);
    } finally {
      await stop();
    }
  }

  // Interactive.
  process.stdout.write(
    [
      style.bold("callscope demo"),
      `  simulator   ${stack.simulator.url}  (${stack.simulator.dataset.size} calls over 7 days, seed 1)`,
      `  Slack app   ${stack.eventsUrl}  (HTTP mode, real signatures)`,
      `  Slack       ${stack.slack.url}  (stand-in: Web API and response_url)`,
      `  you         ${"U0DEMO"} in ${timeZone}`,
      "",
      "Type a slash command, for example:",
      "  /calls failed video calls last 2h",
      "  /calls rejected yesterday",
      "  /calls 昨天 拒接",
      ...diagnosisExamples(stack),
      "  /calls help",
      "  home                                 the app's Home tab, as Slack would show it",
      "  /calls form                          opens the search form; then fill it:",
      "  fill range=last_2h results=failed media=video users=10086",
      "       (range: last_1h last_2h last_24h today yesterday last_7d, or",
      "        start=2026-12-01T10:00 end=2026-12-02T12:30; types=single,group; role=caller)",
      "Press a button by typing its number. quit (or Ctrl-D, Ctrl-C) leaves.",
      "",
    ].join("\n"),
  );

  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "/calls> " });
  const quit = async (code: number) => {
    rl.close();
    await stop();
    process.exit(code);
  };
  rl.on("SIGINT", () => void quit(0));
  process.once("SIGINT", () => void quit(0));
  process.once("SIGTERM", () => void quit(0));

  let choices: Choice[] = [];
  rl.prompt();
  for await (const line of rl) {
    const input = line.trim();
    try {
      if (input === "") {
        // Nothing typed: just prompt again.
      } else if (/^(quit|exit|q|bye)$/i.test(input)) {
        break;
      } else if (/^home$/i.test(input)) {
        choices = (await show(await session.openHome())) ?? choices;
      } else if (/^fill(\s|$)/i.test(input)) {
        const values = formValues(input.slice(4));
        if (typeof values === "string") process.stdout.write(`${values}\n`);
        else choices = (await show(await session.submitModal(values))) ?? choices;
      } else if (/^\d+$/.test(input)) {
        const choice = choices[Number(input) - 1];
        if (!choice) {
          process.stdout.write(
            choices.length === 0
              ? "There are no buttons to press yet: type /calls …\n"
              : `Choose a number from 1 to ${choices.length}.\n`,
          );
        } else {
          process.stdout.write(style.dim(`(pressing "${choice.label}")\n`));
          const exchange = await session.press(choice);
          choices = (await show(exchange)) ?? choices;
        }
      } else {
        const { exchange, error } = await ask(input);
        if (exchange) choices = (await show(exchange)) ?? choices;
        else process.stdout.write(`${error}\n`);
      }
    } catch (error) {
      process.stdout.write(`demo: ${(error as Error).message}\n`);
    }
    if (choices.length > 0) {
      process.stdout.write(style.dim("Type a number to press that button, or a new /calls …\n"));
    }
    rl.prompt();
  }
  await quit(0);
  return EXIT.found;
}

try {
  const code = await main();
  process.exit(code);
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.upstream);
}
