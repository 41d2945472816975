import {
  type Callscope,
  type CallscopeOverrides,
  createCallscope,
} from "../../src/app/callscope.js";
import { appConfigSchema, parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { EVENTS_PATH } from "../../src/slack/app.js";
import type { Store } from "../../src/store/database.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import {
  blockActionsPayload,
  messageShortcutPayload,
  slashCommandFields,
} from "../../src/testbed/slack-standin/payloads.js";
import { sendInteraction, sendSlashCommand } from "../../src/testbed/slack-standin/sign.js";

/** The whole app with its webhook receiver on, over HTTP, on a given store (a test's schema). */

export const WEBHOOK_TOKEN = "wh-test-token-0123456789abcdefghijklmnopqrstuv";

export interface WebhookApp {
  callscope: Callscope;
  baseUrl: string;
  /** The URL to POST events to (the right token unless another is given). */
  hookUrl(query: string, token?: string): string;
  slack: FakeSlack;
  /** `/calls <text>` as Slack sends it; resolves with the answer's body. */
  command(text: string): Promise<Record<string, unknown>>;
  /** A button click (e.g. Details) with this value; resolves with the answer's body. */
  click(actionId: string, value: string): Promise<Record<string, unknown>>;
  /** The response_url id the last command, shortcut or click answered through. */
  lastResponseId(): string;
  /** The "look up calls" message shortcut on a message with this text. */
  shortcut(text: string): Promise<Record<string, unknown>>;
  logLines: string[];
  logs(event: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startWebhookApp(options: {
  store: Store;
  sdkAppId: number;
  upstreamUrl: string;
  secretKey: string;
  generation?: "v1" | "v4";
  env?: Record<string, string>;
  overrides?: CallscopeOverrides;
}): Promise<WebhookApp> {
  const slack = await startFakeSlack({
    botToken: "xoxb-webhook-test",
    users: [{ id: "U0ALICE", tz: "UTC" }],
  });
  const logLines: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logLines.push(line) });
  const config = parseConfig(appConfigSchema, {
    TRTC_SDKAPPID: String(options.sdkAppId),
    TRTC_SECRET_KEY: options.secretKey,
    TRTC_API_URL: options.upstreamUrl,
    TRTC_V4_API_URL: options.upstreamUrl,
    TRTC_API_GENERATION: options.generation ?? "v4",
    SLACK_BOT_TOKEN: "xoxb-webhook-test",
    SLACK_SIGNING_SECRET: "webhook-test-signing-secret",
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    CALLKIT_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    // No background sync in these tests: each runs it when it means to.
    ARCHIVE_SYNC_SECONDS: "86400",
    ...options.env,
  });
  const callscope = await createCallscope(config, {
    logger,
    host: "127.0.0.1",
    store: options.store,
    ...options.overrides,
  });
  const { port } = await callscope.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  let responses = 0;
  return {
    callscope,
    baseUrl,
    slack,
    async command(text) {
      const id = `wh${++responses}`;
      const fields = slashCommandFields(
        {
          teamId: "T0FAKE",
          userId: "U0ALICE",
          userName: "alice",
          channelId: "C1",
          channelName: "oncall",
        },
        { text, responseUrl: slack.responseUrl(id), triggerId: "1.2.3" },
      );
      await sendSlashCommand(`${baseUrl}${EVENTS_PATH}`, "webhook-test-signing-secret", fields);
      const post = await slack.waitForResponse((p) => p.id === id && p.accepted, 20_000);
      return post.body as Record<string, unknown>;
    },
    async shortcut(text) {
      const id = `wh${++responses}`;
      const payload = messageShortcutPayload(
        {
          teamId: "T0FAKE",
          userId: "U0ALICE",
          userName: "alice",
          channelId: "C1",
          channelName: "oncall",
        },
        {
          callbackId: "lookup_calls",
          text,
          responseUrl: slack.responseUrl(id),
          triggerId: "1.2.3",
        },
      );
      await sendInteraction(`${baseUrl}${EVENTS_PATH}`, "webhook-test-signing-secret", payload);
      const post = await slack.waitForResponse((p) => p.id === id && p.accepted, 20_000);
      return post.body as Record<string, unknown>;
    },
    async click(actionId, value) {
      const id = `wh${++responses}`;
      const payload = blockActionsPayload(
        {
          teamId: "T0FAKE",
          userId: "U0ALICE",
          userName: "alice",
          channelId: "C1",
          channelName: "oncall",
        },
        {
          action: { type: "button", actionId, label: actionId, value },
          responseUrl: slack.responseUrl(id),
          triggerId: "1.2.3",
          messageTs: "1.1",
          actionTs: "1.2",
        },
      );
      await sendInteraction(`${baseUrl}${EVENTS_PATH}`, "webhook-test-signing-secret", payload);
      const post = await slack.waitForResponse((p) => p.id === id && p.accepted, 20_000);
      return post.body as Record<string, unknown>;
    },
    lastResponseId: () => `wh${responses}`,
    hookUrl: (query, token = WEBHOOK_TOKEN) => `${baseUrl}/callkit/events/${token}?${query}`,
    logLines,
    logs: (event) =>
      logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.event === event),
    stop: async () => {
      await callscope.stop({ graceMs: 2000 });
      await slack.stop();
    },
  };
}
