import type { App } from "@slack/bolt";
import { parse } from "../../../query/parse.js";
import { SEARCH_FORM_CALLBACK } from "../../blocks/search-form.js";
import { FORM_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import {
  dmTarget,
  type OutgoingMessage,
  type ReplyTarget,
  replyEphemeral,
} from "../../messaging/reply.js";
import { decodeOrigin, FORM_BLOCKS, formWords, readSearchForm } from "../../search-form.js";
import { answerWords } from "../answer-words.js";
import { runInteraction } from "../interaction.js";

/**
 * The search form's Submit. Inside Slack's 3 s the input is checked and either refused with
 * field errors (`response_action: "errors"`, the modal stays open) or accepted (it closes); then
 * the equivalent `/calls` words are answered like typed ones, ephemerally in the channel the form
 * came from, or in the app's Messages tab when it came from the Home.
 */
export function register(app: App, deps: ListenerDeps): void {
  app.view(SEARCH_FORM_CALLBACK, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const origin = decodeOrigin(view.private_metadata) ?? { lang: "en" as const };
    const lang = origin.lang;
    const { timeZone } = await deps.timeZones.resolve(userId);
    const input = readSearchForm(view.state.values);
    const built = formWords(input, lang, timeZone);
    if (!built.ok) {
      await ack({ response_action: "errors", errors: built.errors });
      return;
    }
    const query = parse(built.words, { now: deps.now(), timeZone });
    if (query.kind === "error") {
      const reachable = query.beyondReach && (await deps.router.covers(query.beyondReach.window));
      if (!reachable) {
        const block = input.range === "custom" ? FORM_BLOCKS.startDate : FORM_BLOCKS.range;
        const message = query.beyondReach ? FORM_TEXT[lang].beyondReach : query.message;
        await ack({ response_action: "errors", errors: { [block]: message.slice(0, 300) } });
        return;
      }
    }
    await ack();
    const channelId = origin.channelId;
    const target: ReplyTarget = channelId
      ? { client, channelId, userId, logger: deps.logger }
      : dmTarget(client, userId, deps.logger);
    deps.homeState.noteLang(userId, lang);
    await runInteraction(
      deps,
      {
        kind: "view",
        name: SEARCH_FORM_CALLBACK,
        userId,
        channelId: channelId ?? "",
        words: built.words,
        lang,
        outcome: "answered",
      },
      target,
      async (interaction) => {
        // A modal has no response_url: chat.postEphemeral needs the bot in that channel, so where
        // Slack refuses (not_in_channel, a private channel), the answer goes to the DM instead.
        const deliver = async (message: OutgoingMessage) => {
          try {
            return await replyEphemeral(target, message);
          } catch (error) {
            if (!channelId) throw error;
            deps.logger.warn("slack.form_reply_fell_back", {
              user: userId,
              channel: channelId,
              error,
            });
            await replyEphemeral(dmTarget(client, userId, deps.logger), message);
            return "chat.postMessage (DM)";
          }
        };
        await answerWords(
          deps,
          {
            words: built.words,
            userId,
            channelId: channelId ?? userId,
            target,
            showWords: true,
            deliver,
          },
          interaction,
        );
      },
    );
  });
}
