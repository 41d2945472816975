import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import {
  ALERT_MUTE_ACTION_ID,
  ALERT_MUTE_TOMORROW_ACTION_ID,
  decodeMuteButton,
} from "../../alert-button.js";
import { ALERT_COMMAND_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { runInteraction } from "../interaction.js";
import { buttonProblem } from "../notices.js";

/**
 * An alert's Mute 1h / Mute until tomorrow: mutes the rule of the channel the alert is in (the
 * click's own channel; the value names only the rule's number), answered ephemerally to whoever
 * clicked; the alert itself stays as it is for everyone.
 */
export function register(app: App, deps: ListenerDeps): void {
  for (const actionId of [ALERT_MUTE_ACTION_ID, ALERT_MUTE_TOMORROW_ACTION_ID]) {
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
          async (interaction) => {
            const button = decodeMuteButton(action.value);
            if (!button || channelId === "") {
              interaction.outcome = "button_tampered";
              interaction.route = await replyEphemeral(
                target,
                buttonProblem("This button does not carry an alert rule. See `/calls alert`."),
              );
              return;
            }
            const { timeZone } = await deps.timeZones.resolve(body.user.id);
            // The alert's own language: its rule says it; the button only knows the number.
            const lang = /[\u3400-\u9fff]/.test(JSON.stringify(body.message?.blocks ?? ""))
              ? "zh"
              : "en";
            interaction.lang = lang;
            interaction.understood = `alert mute ${button.rule}`;
            if (!deps.alerts) {
              const text = ALERT_COMMAND_TEXT[lang].disabled;
              interaction.outcome = "alerts_disabled";
              interaction.route = await replyEphemeral(target, { text, blocks: [] });
              return;
            }
            const answer = await deps.alerts.mute({
              channelId,
              rule: button.rule,
              mute: button.mute,
              userId: body.user.id,
              timeZone,
              lang,
            });
            interaction.route = await replyEphemeral(target, answer, { replaceOriginal: false });
          },
        );
      },
    );
  }
}
