import { randomBytes } from "node:crypto";
import { sendInteraction, sendSlashCommand } from "../testbed/slack-standin/sign.js";
import type { Choice } from "./render-blocks.js";
import { DEMO_SLACK, type DemoStack } from "./stack.js";

/**
 * One demo user talking to the app the way Slack would: signed slash commands and button clicks,
 * each with its own response_url at the stand-in for Slack, and the replies collected from there
 * (or from chat.postEphemeral / chat.postMessage, where the app falls back to them).
 */

export interface Reply {
  /** How Slack would show it: a new ephemeral message, a replacement, in the channel… */
  how: "ephemeral" | "replaces the message above" | "in channel" | "removed the message above";
  message: { text?: string; blocks?: unknown[] };
}

export interface Exchange {
  replies: Reply[];
  /** The app's log line for this command or click (outcome, understood…), when it wrote one. */
  log: Record<string, unknown> | undefined;
}

const SETTLE_POLL_MS = 20;

export class DemoSession {
  private responseCount = 0;

  constructor(
    private readonly stack: DemoStack,
    private readonly timeoutMs = 60_000,
  ) {}

  /** `/calls <words>` as Slack sends it. */
  command(words: string): Promise<Exchange> {
    const id = this.nextResponseId("cmd");
    return this.exchange(id, () =>
      sendSlashCommand(this.stack.eventsUrl, DEMO_SLACK.signingSecret, {
        token: "demo-verification-token",
        team_id: DEMO_SLACK.teamId,
        team_domain: "demo",
        channel_id: DEMO_SLACK.channelId,
        channel_name: DEMO_SLACK.channelName,
        user_id: DEMO_SLACK.userId,
        user_name: DEMO_SLACK.userName,
        command: "/calls",
        text: words,
        api_app_id: "A0DEMO",
        is_enterprise_install: "false",
        response_url: this.stack.slack.responseUrl(id),
        trigger_id: randomId(),
      }),
    );
  }

  /** Pressing a button (or picking an option) of a reply: a block_actions payload with its own response_url. */
  press(choice: Choice): Promise<Exchange> {
    const id = this.nextResponseId("click");
    const actionTs = (Date.now() / 1000).toFixed(6);
    const blockId = choice.blockId ?? randomId().slice(0, 5);
    const action =
      choice.type === "button"
        ? {
            type: "button",
            action_id: choice.actionId,
            block_id: blockId,
            text: { type: "plain_text", text: choice.label, emoji: true },
            ...(choice.value !== undefined && { value: choice.value }),
            action_ts: actionTs,
          }
        : {
            type: choice.type,
            action_id: choice.actionId,
            block_id: blockId,
            selected_option: {
              text: { type: "plain_text", text: choice.selectedOption?.text ?? choice.label },
              value: choice.selectedOption?.value ?? "",
            },
            action_ts: actionTs,
          };
    const payload = {
      type: "block_actions",
      user: {
        id: DEMO_SLACK.userId,
        username: DEMO_SLACK.userName,
        name: DEMO_SLACK.userName,
        team_id: DEMO_SLACK.teamId,
      },
      api_app_id: "A0DEMO",
      token: "demo-verification-token",
      container: {
        type: "message",
        message_ts: actionTs,
        channel_id: DEMO_SLACK.channelId,
        is_ephemeral: true,
      },
      trigger_id: randomId(),
      team: { id: DEMO_SLACK.teamId, domain: "demo" },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: DEMO_SLACK.channelId, name: DEMO_SLACK.channelName },
      state: { values: {} },
      response_url: this.stack.slack.responseUrl(id),
      actions: [action],
    };
    return this.exchange(id, () =>
      sendInteraction(this.stack.eventsUrl, DEMO_SLACK.signingSecret, payload),
    );
  }

  private nextResponseId(kind: string): string {
    this.responseCount += 1;
    return `${kind}-${this.responseCount}-${randomId().slice(0, 6)}`;
  }

  /**
   * Sends, checks Slack's 3-second ack, then waits until the app has answered and has nothing left
   * in flight (every interaction ends in at least one reply: an answer or a friendly failure).
   */
  private async exchange(
    responseId: string,
    send: () => Promise<{ status: number; body: string }>,
  ): Promise<Exchange> {
    const { slack, lifecycle, logLines } = this.stack;
    const callsBefore = slack.calls().length;
    const logsBefore = logLines.length;
    const ack = await send();
    if (ack.status !== 200) {
      throw new Error(`the app refused the request: HTTP ${ack.status} ${ack.body.slice(0, 200)}`);
    }
    const collect = (): Reply[] => {
      const replies: Reply[] = slack
        .responses(responseId)
        .filter((post) => post.accepted)
        .map((post) => ({
          how:
            post.effect === "delete"
              ? "removed the message above"
              : post.effect === "replace"
                ? "replaces the message above"
                : post.body.response_type === "in_channel"
                  ? "in channel"
                  : "ephemeral",
          message: post.body as Reply["message"],
        }));
      for (const call of slack.calls().slice(callsBefore)) {
        if (call.method === "chat.postEphemeral" || call.method === "chat.postMessage") {
          replies.push({
            how: call.method === "chat.postMessage" ? "in channel" : "ephemeral",
            message: call.args as Reply["message"],
          });
        }
      }
      return replies;
    };
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const replies = collect();
      const logged = logLines.slice(logsBefore).find((line) => typeof line.outcome === "string");
      if (replies.length > 0 && lifecycle.inFlight() === 0 && logged) {
        return { replies, log: logged };
      }
      if (Date.now() > deadline) {
        if (replies.length > 0) return { replies, log: logged };
        throw new Error(`no reply from the app within ${this.timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }
}

function randomId(): string {
  return randomBytes(8).toString("hex");
}
