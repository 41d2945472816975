import type { App } from "@slack/bolt";
import { hasCjk } from "../../../query/text.js";
import {
  ALERT_MUTE_ACTION_ID,
  ALERT_MUTE_TOMORROW_ACTION_ID,
  decodeMuteButton,
} from "../../alert-button.js";
import { ALERT_COMMAND_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { replyEphemeral } from "../../messaging/reply.js";
import { buttonProblem } from "../notices.js";
import { onClick } from "./click.js";

/**
 * An alert's Mute 1h / Mute until tomorrow: mutes the rule of the channel the alert is in (the
 * click's own channel; the value names only the rule's number), answered ephemerally to whoever
 * clicked; the alert itself stays as it is for everyone.
 */
export function register(app: App, deps: ListenerDeps): void {
  for (const actionId of [ALERT_MUTE_ACTION_ID, ALERT_MUTE_TOMORROW_ACTION_ID]) {
    onClick(app, deps, actionId, async ({ body, action, target, channelId }, interaction) => {
      // The alert's own language: its rule says it; the button only knows the number.
      const lang = hasCjk(JSON.stringify(body.message?.blocks ?? "")) ? "zh" : "en";
      interaction.lang = lang;
      const button = decodeMuteButton(action.value);
      if (!button || channelId === "") {
        interaction.outcome = "button_tampered";
        interaction.route = await replyEphemeral(
          target,
          buttonProblem(ALERT_COMMAND_TEXT[lang].notAnAlertButton),
        );
        return;
      }
      const { timeZone } = await deps.timeZones.resolve(body.user.id);
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
    });
  }
}
