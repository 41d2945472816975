import type { App, MessageShortcut } from "@slack/bolt";
import { findCallIds } from "../../../callkit/call-id.js";
import type { ListenerDeps } from "../../deps.js";
import { type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { detailsAnswer } from "../answers.js";
import { guessLang, runInteraction } from "../interaction.js";
import { noCallIdsFound } from "../notices.js";

/** Every callId (a UUID) in a message, e.g. a pasted alert or ticket, at most this many. */
export const MAX_IDS_PER_MESSAGE = 20;

export function callIdsIn(text: string): string[] {
  return findCallIds(text).slice(0, MAX_IDS_PER_MESSAGE);
}

/**
 * Message shortcut "Look up calls": slash commands cannot be used in threads, a shortcut can, so
 * the answer goes to the message's thread when it is in one.
 */
export function register(app: App, deps: ListenerDeps): void {
  app.shortcut<MessageShortcut>(
    { type: "message_action", callback_id: "lookup_calls" },
    async ({ ack, shortcut, client }) => {
      await ack();
      const text = shortcut.message.text ?? "";
      const threadTs =
        typeof shortcut.message.thread_ts === "string" ? shortcut.message.thread_ts : undefined;
      const target: ReplyTarget = {
        responseUrl: shortcut.response_url,
        client,
        channelId: shortcut.channel.id,
        userId: shortcut.user.id,
        threadTs,
        logger: deps.logger,
        responseUrlOptions: deps.responseUrlOptions,
      };
      const lang = guessLang(text);
      await runInteraction(
        deps,
        {
          kind: "shortcut",
          name: "lookup_calls",
          userId: shortcut.user.id,
          channelId: shortcut.channel.id,
          lang,
          outcome: "answered",
        },
        target,
        async (interaction) => {
          const callIds = callIdsIn(text);
          if (callIds.length === 0) {
            interaction.outcome = "no_call_ids";
            interaction.route = await replyEphemeral(target, noCallIdsFound(lang));
            return;
          }
          interaction.understood = `lookup ${callIds.join(" ")}`;
          const { timeZone, fellBack } = await deps.timeZones.resolve(shortcut.user.id);
          const answer = await detailsAnswer(deps, callIds, lang, timeZone, {
            userId: shortcut.user.id,
            zoneFellBack: fellBack,
          });
          interaction.route = await replyEphemeral(target, answer.message);
          if (answer.update) await replyEphemeral(target, await answer.update);
        },
      );
    },
  );
}
