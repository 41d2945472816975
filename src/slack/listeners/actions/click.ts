import type { App, BlockAction, ButtonAction, webApi } from "@slack/bolt";
import type { ButtonPayload } from "../../button-value.js";
import { decodeButtonValue } from "../../button-value.js";
import type { ListenerDeps } from "../../deps.js";
import { type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { type Interaction, runInteraction } from "../interaction.js";
import { buttonProblem } from "../notices.js";

/**
 * What every button click shares: ack at once, decode the button's value (a stale or tampered one
 * gets a clear message and no upstream request), then answer through the click's own response_url.
 */
export interface Click {
  payload: ButtonPayload;
  target: ReplyTarget;
  userId: string;
  channelId: string;
  timeZone: string;
  /** Slack did not give the user's zone: `timeZone` is the default. */
  zoneFellBack: boolean;
  /** Slack's client, for uploading a chart (files:write). */
  client: webApi.WebClient;
}

/** A click as Slack sent it, with the target its answers go to: before any value is decoded. */
export interface RawClick {
  body: BlockAction<ButtonAction>;
  action: ButtonAction;
  target: ReplyTarget;
  channelId: string;
  /** Slack's client for this click (uploads need the whole client, not just chat). */
  client: Click["client"];
}

/** The frame of every button: ack at once, then the click's work inside runInteraction. */
export function onClick(
  app: App,
  deps: ListenerDeps,
  actionId: string,
  handle: (click: RawClick, interaction: Interaction) => Promise<void>,
): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: actionId },
    async ({ ack, body, action, client }) => {
      await ack();
      const channelId = body.channel?.id ?? String(body.container.channel_id ?? "");
      const target: ReplyTarget = {
        responseUrl: body.response_url,
        client,
        channelId,
        userId: body.user.id,
        logger: deps.logger,
        responseUrlOptions: deps.responseUrlOptions,
      };
      await runInteraction(
        deps,
        {
          kind: "action",
          name: actionId,
          userId: body.user.id,
          channelId,
          lang: "en",
          outcome: "answered",
        },
        target,
        (interaction) => handle({ body, action, target, channelId, client }, interaction),
      );
    },
  );
}

export function onButton(
  app: App,
  deps: ListenerDeps,
  actionId: string,
  handle: (click: Click, interaction: Interaction) => Promise<void>,
  /** Reads values this button may carry besides the encoded ones (e.g. a bare callId). */
  readPlain?: (value: string) => ButtonPayload | undefined,
): void {
  onClick(app, deps, actionId, async ({ body, action, target, channelId, client }, interaction) => {
    const plain = action.value !== undefined ? readPlain?.(action.value) : undefined;
    const decoded = plain
      ? { ok: true as const, payload: plain }
      : decodeButtonValue(action.value, { now: deps.now() });
    if (!decoded.ok) {
      interaction.outcome = `button_${decoded.problem}`;
      interaction.route = await replyEphemeral(target, buttonProblem(decoded.message));
      return;
    }
    const { payload } = decoded;
    interaction.lang = payload.kind === "page" ? payload.query.lang : payload.lang;
    const { timeZone, fellBack } = await deps.timeZones.resolve(body.user.id);
    await handle(
      {
        payload,
        target,
        userId: body.user.id,
        channelId,
        timeZone,
        zoneFellBack: fellBack,
        client,
      },
      interaction,
    );
  });
}
