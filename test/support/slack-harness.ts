import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCallscope } from "../../src/app/callscope.js";
import { findCallIds } from "../../src/callkit/call-id.js";
import type { RecordSource } from "../../src/callkit/source.js";
import { appConfigSchema, parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import type { RecordRouter } from "../../src/routing/router.js";
import type { Admission } from "../../src/runtime/admission.js";
import type { Lifecycle } from "../../src/runtime/lifecycle.js";
import { EVENTS_PATH, type SlackApp } from "../../src/slack/app.js";
import type { AlertHandler, DigestHandler } from "../../src/slack/deps.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/testbed/callkit-sim/server.js";
import {
  type FakeSlack,
  type FakeSlackUser,
  type ResponsePost,
  startFakeSlack,
} from "../../src/testbed/slack-standin/fake-slack.js";
import {
  type ActionPayload,
  appHomeOpenedEnvelope,
  blockActionsPayload,
  messageShortcutPayload,
  type SentView,
  type SlackActor,
  slashCommandFields,
  viewBlockActionsPayload,
  viewSubmissionPayload,
} from "../../src/testbed/slack-standin/payloads.js";
import {
  type SendOptions,
  type SignedResponse,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
} from "../../src/testbed/slack-standin/sign.js";

/**
 * The whole Slack side for real: the Bolt app over HTTP, signed requests as Slack sends them,
 * the fake Slack Web API and response_url receiver, and the TUICallKit simulator as upstream.
 */

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-bot-token-abcdef";
export const TRTC_SECRET = "trtc-secret-key-for-tests-0123456789abcdef";
export const SDK_APP_ID = 1_400_000_001;

export interface HarnessOptions {
  sim?: Partial<SimulatorOptions>;
  rateLimit?: number;
  allowedUserIds?: string[];
  allowedChannelIds?: string[];
  digest?: DigestHandler;
  alerts?: AlertHandler;
  timeoutMs?: number;
  /** When `/calls` says "still reading"; far off by default so `answer()` sees the answer first. */
  slowAnswerMs?: number;
  /** Send upstream requests here instead of to the in-process simulator (e.g. a sim thread). */
  upstreamUrl?: string;
  /** Where records come from, given the vendor client (e.g. an archive router); default the vendor. */
  router?: (vendor: RecordSource) => RecordRouter;
  /** Who may scan now (e.g. one search in all); default the app's own. */
  admission?: Admission;
  /** More variables (e.g. TRTC_CLOUD_* for the diagnosis against the TRTC simulator). */
  env?: Record<string, string>;
  /** How long details wait for the diagnosis before it follows in a second message. */
  diagnosisWaitMs?: number;
  /** TRTC_API_GENERATION; default v1 (these tests were written for it: no start-up probe). */
  generation?: "v1" | "v4" | "both" | "auto";
  /** A SQLite store in a temp folder (saved searches, digests); default none. */
  store?: boolean;
  /** Slack users besides the three built in (a locale, another zone). */
  users?: FakeSlackUser[];
}

export interface Harness {
  sim: Simulator;
  slack: FakeSlack;
  app: SlackApp;
  lifecycle: Lifecycle;
  eventsUrl: string;
  baseUrl: string;
  logLines: string[];
  logs(event?: string): Record<string, unknown>[];
  command(
    text: string,
    options?: { userId?: string; channelId?: string; responseId?: string } & SendOptions,
  ): Promise<{ ack: SignedResponse; responseId: string }>;
  click(
    actionId: string,
    value: string | undefined,
    options?: { userId?: string; channelId?: string; responseId?: string } & SendOptions,
  ): Promise<{ ack: SignedResponse; responseId: string }>;
  shortcut(
    text: string,
    options?: { userId?: string; channelId?: string; responseId?: string; threadTs?: string },
  ): Promise<{ ack: SignedResponse; responseId: string }>;
  /** Upstream requests so far, once nothing has arrived for 300 ms (earlier work has settled). */
  settledRequests(): Promise<number>;
  /** Submits a modal as Slack does (view_submission); the ack body carries response_action. */
  submitView(view: SentView, options?: { userId?: string } & SendOptions): Promise<SignedResponse>;
  /** A click inside a view (the Home tab or a modal): no channel, no response_url. */
  viewClick(
    action: ActionPayload,
    view: SentView,
    options?: { userId?: string },
  ): Promise<SignedResponse>;
  /** The Events API's app_home_opened for this user (signed). */
  openHome(userId?: string, options?: SendOptions): Promise<SignedResponse>;
  /** The accepted answer posted to this response_url (waits for it). */
  answer(responseId: string, effect?: ResponsePost["effect"]): Promise<ResponsePost>;
  stop(): Promise<void>;
}

let counter = 0;

const actor = (opts: { userId?: string; channelId?: string }): SlackActor => ({
  teamId: "T0FAKE",
  userId: opts.userId ?? "U0ALICE",
  userName: "someone",
  channelId: opts.channelId ?? "C1",
  channelName: "oncall",
});

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rateLimit = options.rateLimit ?? 50;
  const sim = await startSimulator({
    sdkAppId: SDK_APP_ID,
    secretKey: TRTC_SECRET,
    rateLimit,
    dataset: { seed: 7, callsPerDay: 1200, days: 7 },
    ...options.sim,
  });
  const slack = await startFakeSlack({
    botToken: BOT_TOKEN,
    users: [
      { id: "U0ALICE", tz: "Asia/Shanghai" },
      { id: "U0BOB", tz: "Europe/London" },
      { id: "UOUTSIDER", tz: "UTC" },
      ...(options.users ?? []),
    ],
  });
  const storeFolder = options.store ? mkdtempSync(join(tmpdir(), "callscope-harness-")) : undefined;
  const logLines: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logLines.push(line) });
  const config = parseConfig(appConfigSchema, {
    TRTC_SDKAPPID: String(SDK_APP_ID),
    TRTC_SECRET_KEY: TRTC_SECRET,
    TRTC_API_URL: options.upstreamUrl ?? sim.url,
    // The simulator speaks both generations.
    TRTC_V4_API_URL: options.upstreamUrl ?? sim.url,
    TRTC_API_GENERATION: options.generation ?? "v1",
    TRTC_RATE_LIMIT: String(rateLimit),
    TRTC_CALLID_RATE_LIMIT: "20",
    TRTC_TIMEOUT_MS: String(options.timeoutMs ?? 8000),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    DEFAULT_TIMEZONE: "UTC",
    ALLOWED_USER_IDS: (options.allowedUserIds ?? []).join(","),
    ALLOWED_CHANNEL_IDS: (options.allowedChannelIds ?? []).join(","),
    ...options.env,
    ...(storeFolder
      ? { DATABASE_URL: `sqlite:${join(storeFolder, "harness.sqlite")}`, ARCHIVE_ENABLED: "false" }
      : {}),
  });
  const callscope = await createCallscope(config, {
    logger,
    ...(storeFolder ? {} : { store: false as const }),
    slack: {
      responseUrlOptions: { maxRetryAfterMs: 2000 },
      slowAnswerMs: options.slowAnswerMs ?? 60_000,
      ...(options.admission ? { admission: options.admission } : {}),
      ...(options.diagnosisWaitMs !== undefined
        ? { diagnosisWaitMs: options.diagnosisWaitMs }
        : {}),
    },
    ...(options.digest ? { digest: options.digest } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
    ...(options.router ? { router: options.router } : {}),
  });
  const { app, lifecycle } = { app: callscope.slack, lifecycle: callscope.lifecycle };
  const { port } = await callscope.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const eventsUrl = `${baseUrl}${EVENTS_PATH}`;
  const nextResponseId = () => `t${++counter}`;

  return {
    sim,
    slack,
    app,
    lifecycle,
    eventsUrl,
    baseUrl,
    logLines,
    logs: (event) =>
      logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => event === undefined || line.event === event),
    async command(text, opts = {}) {
      const responseId = opts.responseId ?? nextResponseId();
      const fields = slashCommandFields(actor(opts), {
        text,
        responseUrl: slack.responseUrl(responseId),
        triggerId: slack.triggerId(opts.userId ?? "U0ALICE"),
      });
      const ack = await sendSlashCommand(eventsUrl, SIGNING_SECRET, fields, opts);
      return { ack, responseId };
    },
    async click(actionId, value, opts = {}) {
      const responseId = opts.responseId ?? nextResponseId();
      const payload = blockActionsPayload(actor(opts), {
        action: {
          type: "button",
          actionId,
          label: actionId,
          ...(value !== undefined ? { value } : {}),
        },
        responseUrl: slack.responseUrl(responseId),
        triggerId: slack.triggerId(opts.userId ?? "U0ALICE"),
        messageTs: "1.1",
        actionTs: "1.2",
      });
      const ack = await sendInteraction(eventsUrl, SIGNING_SECRET, payload, opts);
      return { ack, responseId };
    },
    async shortcut(text, opts = {}) {
      const responseId = opts.responseId ?? nextResponseId();
      const payload = messageShortcutPayload(actor(opts), {
        callbackId: "lookup_calls",
        text,
        responseUrl: slack.responseUrl(responseId),
        triggerId: "1.2.3",
        ...(opts.threadTs ? { threadTs: opts.threadTs } : {}),
      });
      const ack = await sendInteraction(eventsUrl, SIGNING_SECRET, payload);
      return { ack, responseId };
    },
    submitView(view, opts = {}) {
      const payload = viewSubmissionPayload(actor(opts), {
        view,
        triggerId: slack.triggerId(opts.userId ?? "U0ALICE"),
      });
      return sendInteraction(eventsUrl, SIGNING_SECRET, payload, opts);
    },
    viewClick(action, view, opts = {}) {
      const payload = viewBlockActionsPayload(actor(opts), {
        action,
        view,
        triggerId: slack.triggerId(opts.userId ?? "U0ALICE"),
        actionTs: "1.2",
      });
      return sendInteraction(eventsUrl, SIGNING_SECRET, payload);
    },
    openHome(userId = "U0ALICE", opts = {}) {
      const envelope = appHomeOpenedEnvelope(actor({ userId }), {
        eventTs: `${Math.floor(Date.now() / 1000)}.000100`,
      });
      return sendEvent(eventsUrl, SIGNING_SECRET, envelope, opts);
    },
    async settledRequests() {
      let last = -1;
      for (;;) {
        const now = sim.stats.requests();
        if (now === last && lifecycle.inFlight() === 0) return now;
        last = now;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
    answer: (responseId, effect) =>
      slack.waitForResponse(
        (post) =>
          post.id === responseId &&
          post.accepted &&
          (effect === undefined || post.effect === effect),
        20_000,
      ),
    async stop() {
      await callscope.stop({ graceMs: 5000 });
      await Promise.all([sim.stop(), slack.stop()]);
      if (storeFolder) rmSync(storeFolder, { recursive: true, force: true });
    },
  };
}

/** Every callId (UUID) mentioned anywhere in a message's blocks. */
export function callIdsInMessage(body: Record<string, unknown>): Set<string> {
  const text = JSON.stringify(body.blocks ?? []);
  return new Set(findCallIds(text));
}

/** The value of the button with this action_id in a message, if any. */
export function buttonValue(body: Record<string, unknown>, actionId: string): string | undefined {
  for (const block of (body.blocks ?? []) as { type: string; elements?: unknown[] }[]) {
    if (block.type !== "actions") continue;
    for (const element of (block.elements ?? []) as { action_id?: string; value?: string }[]) {
      if (element.action_id === actionId) return element.value;
    }
  }
  for (const block of (body.blocks ?? []) as {
    accessory?: { action_id?: string; value?: string };
  }[]) {
    if (block.accessory?.action_id === actionId) return block.accessory.value;
  }
  return undefined;
}

/** All visible text of a message (for assertions on what a person reads). */
export function messageText(body: Record<string, unknown>): string {
  return `${String(body.text ?? "")}\n${JSON.stringify(body.blocks ?? [])}`;
}
