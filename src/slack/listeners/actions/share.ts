import type { App } from "@slack/bolt";
import { withSharedBy } from "../../blocks/share.js";
import type { ListenerDeps } from "../../deps.js";
import { deleteOriginal, replyInChannel } from "../../messaging/reply.js";
import { lookupAnswer, searchAnswer } from "../answers.js";
import { onButton } from "./click.js";

/**
 * Share in channel: the same answer, posted for everyone with "shared by @user" and without
 * buttons, then the ephemeral original removed. The answer is computed again from the button's
 * value (buttons are stateless), so the channel sees what is true now.
 */
export function register(app: App, deps: ListenerDeps): void {
  onButton(app, deps, "share", async (click, interaction) => {
    const { payload, target, userId, timeZone } = click;
    const lang = payload.kind === "page" ? payload.query.lang : payload.lang;
    let message: Awaited<ReturnType<typeof lookupAnswer>>;
    if (payload.kind === "page") {
      const answer = await searchAnswer(deps, payload.query, payload.pageIndex, timeZone, {
        userId,
        forChannel: true,
      });
      interaction.understood = `share ${answer.description}`;
      message = answer.message;
    } else {
      interaction.understood = `share lookup ${payload.callIds.join(" ")}`;
      message = await lookupAnswer(deps, payload.callIds, lang, timeZone, {
        userId,
        forChannel: true,
      });
    }
    interaction.route = await replyInChannel(target, withSharedBy(message, userId, lang));
    await deleteOriginal(target);
  });
}
