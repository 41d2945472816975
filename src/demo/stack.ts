import { createCallscope } from "../app/callscope.js";
import type { RecordSource } from "../callkit/source.js";
import { appConfigSchema, parseConfig } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import type { Lifecycle } from "../runtime/lifecycle.js";
import { EVENTS_PATH } from "../slack/app.js";
import { DEMO_CREDENTIALS, DEMO_DATASET } from "../testbed/callkit-sim/demo-credentials.js";
import { type Simulator, startSimulator } from "../testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../testbed/slack-standin/fake-slack.js";
import { DEMO_TRTC_SECRET_ID, DEMO_TRTC_SECRET_KEY } from "../testbed/trtc-sim/demo-credentials.js";
import { startTrtcSimulator, type TrtcSimulator } from "../testbed/trtc-sim/server.js";

/**
 * Everything `npm run demo` runs, in this one process on 127.0.0.1: the simulator with the seeded
 * week, the TRTC cloud API simulator explaining the same calls (why a call failed), a stand-in for
 * slack.com (Web API and response_url), and the real Slack app in HTTP mode pointed at them through
 * TRTC_API_URL, TRTC_CLOUD_API_URL and SLACK_API_URL. stop() takes all of it down.
 */

export const DEMO_SLACK = {
  botToken: "xoxb-callscope-demo-token",
  signingSecret: "callscope-demo-signing-secret",
  userId: "U0DEMO",
  userName: "demo",
  channelId: "C0DEMO",
  channelName: "oncall",
  teamId: "T0FAKE",
} as const;

/** The demo's webhook token: public like its signing secret, since the app listens on loopback only. */
export const DEMO_WEBHOOK_TOKEN = "callscope-demo-webhook-token-0123456789abcdef";
/** The newest calls whose events the simulator sends at start-up (their details show a timeline). */
const DEMO_EVENT_CALLS = 60;

export interface DemoPorts {
  app: number;
  simulator: number;
  slack: number;
}

export interface DemoStack {
  eventsUrl: string;
  appPort: number;
  simulator: Simulator;
  /** The TRTC cloud API simulator; absent with `trtc: false` (details then show the hint). */
  trtc?: TrtcSimulator;
  slack: FakeSlack;
  lifecycle: Lifecycle;
  /** Each app log line, parsed: the demo reads outcomes from them. */
  logLines: Record<string, unknown>[];
  stop(): Promise<void>;
}

export class PortTakenError extends Error {
  override name = "PortTakenError";
  constructor(
    readonly what: string,
    readonly port: number,
    readonly flag: string,
  ) {
    super(
      `Port ${port} on 127.0.0.1 is already taken, so the demo's ${what} cannot listen there.\n` +
        `Stop what uses it, or choose another port: ${flag} N (${flag} 0 picks any free port).`,
    );
  }
}

function isAddressInUse(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error as { code?: unknown }).code === "EADDRINUSE"
  );
}

async function listening<T>(
  what: string,
  port: number,
  flag: string,
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (isAddressInUse(error)) throw new PortTakenError(what, port, flag);
    throw error;
  }
}

export async function startDemoStack(options: {
  ports: DemoPorts;
  timeZone: string;
  /** The demo's clock: the data ends at its first reading. */
  now: () => Date;
  /** Where the simulated calls are (default v1); the app finds out itself (`auto`). */
  generation?: "v1" | "v4" | "both";
  /** Wraps the records source the app uses (the demo watches what it reads). */
  wrapSource?: (source: RecordSource) => RecordSource;
  /** Where app log lines also go (e.g. stderr with --log). */
  echoLog?: (line: string) => void;
  /** false: no TRTC cloud API (no credentials): details say what they would add. Default true. */
  trtc?: boolean;
}): Promise<DemoStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
    stops.length = 0;
  };
  try {
    const simulator = await listening("simulator", options.ports.simulator, "--sim-port", () =>
      startSimulator({
        sdkAppId: DEMO_CREDENTIALS.sdkAppId,
        secretKey: DEMO_CREDENTIALS.secretKey,
        adminUser: DEMO_CREDENTIALS.adminUser,
        port: options.ports.simulator,
        now: () => options.now().getTime(),
        dataset: { ...DEMO_DATASET, endMs: options.now().getTime() },
        generation: options.generation ?? "v1",
      }),
    );
    stops.push(() => simulator.stop());
    // TRTC's own account of the same calls. Its clock is the real one: the SDK signs with it.
    const trtc =
      options.trtc === false
        ? undefined
        : await startTrtcSimulator({
            sdkAppId: DEMO_CREDENTIALS.sdkAppId,
            keys: { [DEMO_TRTC_SECRET_ID]: DEMO_TRTC_SECRET_KEY },
            calls: simulator.dataset,
          });
    if (trtc) stops.push(() => trtc.stop());

    const slack = await listening("stand-in for Slack", options.ports.slack, "--slack-port", () =>
      startFakeSlack({
        botToken: DEMO_SLACK.botToken,
        port: options.ports.slack,
        users: [{ id: DEMO_SLACK.userId, name: DEMO_SLACK.userName, tz: options.timeZone }],
      }),
    );
    stops.push(() => slack.stop());

    const logLines: Record<string, unknown>[] = [];
    const logger: Logger = createLogger({
      level: "info",
      write: (line) => {
        options.echoLog?.(line);
        try {
          logLines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // Not JSON: nothing to read an outcome from.
        }
      },
    });
    const config = parseConfig(appConfigSchema, {
      TRTC_SDKAPPID: String(DEMO_CREDENTIALS.sdkAppId),
      TRTC_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
      TRTC_ADMIN_USER: DEMO_CREDENTIALS.adminUser,
      TRTC_API_URL: simulator.url,
      // The simulator speaks both generations; the app asks both which holds the calls.
      TRTC_V4_API_URL: simulator.url,
      TRTC_API_GENERATION: "auto",
      SLACK_BOT_TOKEN: DEMO_SLACK.botToken,
      SLACK_SIGNING_SECRET: DEMO_SLACK.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(options.ports.app),
      DEFAULT_TIMEZONE: options.timeZone,
      // Digests work in the demo too, kept in memory: `/calls digest now` posts to the stand-in.
      DATABASE_URL: "sqlite::memory:",
      ARCHIVE_ENABLED: "false",
      // The simulator sends the newest calls' events here, as the vendor's webhooks would.
      CALLKIT_WEBHOOK_TOKEN: DEMO_WEBHOOK_TOKEN,
      ...(trtc
        ? {
            TRTC_CLOUD_SECRET_ID: DEMO_TRTC_SECRET_ID,
            TRTC_CLOUD_SECRET_KEY: DEMO_TRTC_SECRET_KEY,
            TRTC_CLOUD_API_URL: trtc.url,
          }
        : {}),
    });
    const callscope = await createCallscope(config, {
      logger,
      now: options.now,
      // The demo's signing secret is public, so nothing outside this machine may reach the app.
      host: "127.0.0.1",
      ...(options.wrapSource ? { wrapSource: options.wrapSource } : {}),
    });
    stops.push(async () => {
      await callscope.stop({ graceMs: 2000 });
    });
    const { port } = await listening("Slack app", options.ports.app, "--port", () =>
      callscope.start(),
    );
    const appPort = port ?? options.ports.app;
    const lifecycle = callscope.lifecycle;
    // The vendor's webhooks, played by the simulator: the newest calls' events, in the background.
    const sending = new AbortController();
    stops.push(async () => sending.abort());
    const hookUrl = `http://127.0.0.1:${appPort}/callkit/events/${DEMO_WEBHOOK_TOKEN}`;
    for (const generation of ["v1", "v4"] as const) {
      const held = simulator.datasets[generation];
      if (held.size === 0) continue;
      // at(0) is the newest call.
      const records = Array.from({ length: Math.min(held.size, DEMO_EVENT_CALLS) }, (_, i) =>
        held.at(i),
      );
      void simulator
        .sendEvents({ generation, records, url: hookUrl, signal: sending.signal, concurrency: 2 })
        .catch(() => {});
    }
    return {
      eventsUrl: `http://127.0.0.1:${appPort}${EVENTS_PATH}`,
      appPort,
      simulator,
      ...(trtc ? { trtc } : {}),
      slack,
      lifecycle,
      logLines,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
