import type { App } from "@slack/bolt";
import { ALERT_SHOW_CALLS_ACTION_ID } from "../../alert-button.js";
import { DIGEST_BUTTON_ACTION_ID } from "../../blocks/digest.js";
import { READING_ACTION_ID } from "../../blocks/errors.js";
import { beyondVendorReach, expiredMessage } from "../../button-value.js";
import type { ListenerDeps } from "../../deps.js";
import { replyEphemeral } from "../../messaging/reply.js";
import { searchAnswer } from "../answers.js";
import { buttonProblem } from "../notices.js";
import { onButton } from "./click.js";

/**
 * Next page / Previous page: the same search, another page, replacing the message clicked on.
 * A digest's "open the failed calls" buttons carry the same value but answer in a new ephemeral
 * message: the digest is a channel message, and replacing it would take it away from everyone;
 * so does an alert's Show calls.
 */
const PAGE_BUTTONS = [
  { actionId: "next_page", replaceOriginal: true },
  { actionId: "prev_page", replaceOriginal: true },
  { actionId: DIGEST_BUTTON_ACTION_ID, replaceOriginal: false },
  // An alert's Show calls: the matching search, ephemeral, the alert stays for everyone.
  { actionId: ALERT_SHOW_CALLS_ACTION_ID, replaceOriginal: false },
  // A reading picked from a question back ("17:00 yesterday → 15:00 today?") answers in its place.
  { actionId: READING_ACTION_ID, replaceOriginal: true },
] as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const { actionId, replaceOriginal } of PAGE_BUTTONS) {
    onButton(app, deps, actionId, async (click, interaction) => {
      const { payload, target, timeZone } = click;
      if (payload.kind !== "page") {
        interaction.outcome = "button_tampered";
        interaction.route = await replyEphemeral(
          target,
          buttonProblem(
            "This button does not carry a page of a search. Please run `/calls` again.",
          ),
        );
        return;
      }
      const { query } = payload;
      if (beyondVendorReach(query, deps.now()) && !(await deps.router.covers(query.window))) {
        interaction.outcome = "button_expired";
        interaction.route = await replyEphemeral(target, buttonProblem(expiredMessage(query.lang)));
        return;
      }
      const answer = await searchAnswer(deps, query, payload.pageIndex, timeZone, {
        userId: click.userId,
        zoneFellBack: click.zoneFellBack,
        words: payload.words,
      });
      interaction.understood = `${answer.description} · page ${answer.result.pageIndex + 1}/${answer.result.pageCount}`;
      interaction.route = await replyEphemeral(target, answer.message, { replaceOriginal });
    });
  }
}
