import { randomBytes } from "node:crypto";
import {
  type ActionPayload,
  appHomeOpenedEnvelope,
  blockActionsPayload,
  slashCommandFields,
  viewSubmissionPayload,
} from "../testbed/slack-standin/payloads.js";
import { sendEvent, sendInteraction, sendSlashCommand } from "../testbed/slack-standin/sign.js";
import type { Choice } from "./render-blocks.js";
import { DEMO_SLACK, type DemoStack } from "./stack.js";

/**
 * One demo user talking to the app the way Slack would: signed slash commands and button clicks,
 * each with its own response_url at the stand-in for Slack, and the replies collected from there
 * (or from chat.postEphemeral / chat.postMessage, where the app falls back to them).
 */

export interface Reply {
  /** How Slack would show it: a new ephemeral message, a replacement, in the channel… */
  how:
    | "ephemeral"
    | "replaces the message above"
    | "in channel"
    | "removed the message above"
    | "in the app's Messages tab"
    | "opens a modal"
    | "Home tab"
    | "field errors";
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
    const fields = slashCommandFields(DEMO_SLACK, {
      text: words,
      responseUrl: this.stack.slack.responseUrl(id),
      triggerId: this.stack.slack.triggerId(DEMO_SLACK.userId),
    });
    return this.exchange(id, () =>
      sendSlashCommand(this.stack.eventsUrl, DEMO_SLACK.signingSecret, fields),
    );
  }

  /** Pressing a button (or picking an option) of a reply: a block_actions payload with its own response_url. */
  press(choice: Choice): Promise<Exchange> {
    const id = this.nextResponseId("click");
    const actionTs = (Date.now() / 1000).toFixed(6);
    const blockId = choice.blockId ?? randomId().slice(0, 5);
    const action: ActionPayload =
      choice.type === "button"
        ? {
            type: "button",
            actionId: choice.actionId,
            label: choice.label,
            blockId,
            ...(choice.value !== undefined && { value: choice.value }),
          }
        : {
            type: choice.type,
            actionId: choice.actionId,
            label: choice.label,
            blockId,
            selectedOption: choice.selectedOption ?? { text: choice.label, value: "" },
          };
    const payload = blockActionsPayload(DEMO_SLACK, {
      action,
      responseUrl: this.stack.slack.responseUrl(id),
      triggerId: this.stack.slack.triggerId(DEMO_SLACK.userId),
      messageTs: actionTs,
      actionTs,
    });
    return this.exchange(id, () =>
      sendInteraction(this.stack.eventsUrl, DEMO_SLACK.signingSecret, payload),
    );
  }

  /** Opening the app's Home tab: app_home_opened, answered with views.publish when stale. */
  openHome(): Promise<Exchange> {
    const envelope = appHomeOpenedEnvelope(DEMO_SLACK, {
      eventTs: (Date.now() / 1000).toFixed(6),
    });
    // A fresh Home is not published again: then the one already published is shown.
    return this.exchange(
      "home",
      () => sendEvent(this.stack.eventsUrl, DEMO_SLACK.signingSecret, envelope),
      { acceptFresh: true },
    );
  }

  /** Submits the last modal opened with these inputs (block_id → Slack's element value). */
  submitModal(values: Record<string, unknown>): Promise<Exchange> {
    const opened = [...this.stack.slack.views()].reverse().find((v) => v.type === "modal");
    if (!opened) return Promise.reject(new Error("no form is open: type /calls form first"));
    const payload = viewSubmissionPayload(DEMO_SLACK, {
      triggerId: this.stack.slack.triggerId(DEMO_SLACK.userId),
      view: {
        id: opened.id,
        type: "modal",
        callbackId: String(opened.view.callback_id ?? ""),
        privateMetadata: String(opened.view.private_metadata ?? ""),
        values: Object.fromEntries(
          Object.entries(values).map(([block, value]) => [block, { [block]: value }]),
        ),
      },
    });
    return this.exchange("submit", () =>
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
    options: { acceptFresh?: boolean } = {},
  ): Promise<Exchange> {
    const { slack, lifecycle, logLines } = this.stack;
    const callsBefore = slack.calls().length;
    const logsBefore = logLines.length;
    const ack = await send();
    if (ack.status !== 200) {
      throw new Error(`the app refused the request: HTTP ${ack.status} ${ack.body.slice(0, 200)}`);
    }
    const errors = /"response_action":"errors"/.test(ack.body)
      ? (JSON.parse(ack.body) as { errors: Record<string, string> }).errors
      : undefined;
    const collect = (): Reply[] => {
      if (errors) {
        const text = Object.entries(errors)
          .map(([block, why]) => `${block}: ${why}`)
          .join("\n");
        return [
          {
            how: "field errors",
            message: { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] },
          },
        ];
      }
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
            how:
              call.method === "chat.postEphemeral"
                ? "ephemeral"
                : call.args.channel === DEMO_SLACK.userId
                  ? "in the app's Messages tab"
                  : "in channel",
            message: call.args as Reply["message"],
          });
        }
        if (call.method === "views.open" || call.method === "views.publish") {
          const view = call.args.view as { blocks?: unknown[]; title?: { text?: string } };
          replies.push({
            how: call.method === "views.open" ? "opens a modal" : "Home tab",
            message: { text: view.title?.text ?? "Home", blocks: view.blocks ?? [] },
          });
        }
      }
      return replies;
    };
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const replies = collect();
      const logged = logLines.slice(logsBefore).find((line) => typeof line.outcome === "string");
      if (replies.length > 0 && lifecycle.inFlight() === 0 && (logged || errors)) {
        return { replies, log: logged };
      }
      if (options.acceptFresh && logged?.outcome === "fresh") {
        const home = slack.homeOf(DEMO_SLACK.userId);
        const blocks = (home?.view.blocks ?? []) as unknown[];
        return { replies: [{ how: "Home tab", message: { text: "Home", blocks } }], log: logged };
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
