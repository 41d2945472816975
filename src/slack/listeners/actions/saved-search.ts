import type { App, BlockAction, ButtonAction, OverflowAction } from "@slack/bolt";
import { SAVED_SEARCH_LIMITS } from "../../../store/saved-searches.js";
import { HOME_DETAILS_ACTION_ID, SAVED_MENU_ACTION_ID } from "../../blocks/home.js";
import { escapeMrkdwn, section } from "../../blocks/limits.js";
import { renderSavedSearchModal } from "../../blocks/saved-search.js";
import { SAVE_SEARCH_ACTION_ID } from "../../blocks/search.js";
import { decodeButtonValue, decodeSaveValue } from "../../button-value.js";
import { BUTTON_PROBLEM_TEXT, SAVED_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { dmTarget, type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { answerWords } from "../answer-words.js";
import { lookupAnswer } from "../answers.js";
import { runInteraction } from "../interaction.js";
import { buttonProblem } from "../notices.js";
import { homeLang, refreshHome } from "../surfaces.js";
import { encodeSavedMetadata } from "../views/saved-search.js";

/**
 * **Save** under an answer opens the naming modal (the button carries the words asked); the
 * Home's overflow menu runs, edits or deletes a saved search; the Home's Details buttons answer
 * in the app's Messages tab (a Home click has no channel or response_url).
 */

const MENU_VALUE = /^(run|edit|delete):(.+)$/su;

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: SAVE_SEARCH_ACTION_ID },
    async ({ ack, body, action, client }) => {
      await ack();
      const channelId = body.channel?.id;
      const target: ReplyTarget = channelId
        ? {
            responseUrl: body.response_url,
            client,
            channelId,
            userId: body.user.id,
            logger: deps.logger,
            responseUrlOptions: deps.responseUrlOptions,
          }
        : dmTarget(client, body.user.id, deps.logger);
      const saved = decodeSaveValue(action.value);
      const lang = saved?.lang ?? "en";
      await runInteraction(
        deps,
        {
          kind: "action",
          name: SAVE_SEARCH_ACTION_ID,
          userId: body.user.id,
          channelId: channelId ?? "",
          lang,
          outcome: "answered",
        },
        target,
        async (interaction) => {
          if (!saved) {
            interaction.outcome = "button_tampered";
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(BUTTON_PROBLEM_TEXT.tampered[lang]),
            );
            return;
          }
          if (!deps.savedSearches) {
            interaction.outcome = "saved_unavailable";
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(SAVED_TEXT[lang].unavailable),
            );
            return;
          }
          interaction.understood = `save ${saved.words}`;
          await client.views.open({
            trigger_id: body.trigger_id,
            view: renderSavedSearchModal({
              lang,
              mode: "save",
              words: saved.words,
              maxName: SAVED_SEARCH_LIMITS.nameLength,
              maxWords: SAVED_SEARCH_LIMITS.wordsLength,
              privateMetadata: encodeSavedMetadata({ channelId, lang }),
            }),
          });
          interaction.route = "views.open";
        },
      );
    },
  );

  app.action<BlockAction<OverflowAction>>(
    { type: "block_actions", action_id: SAVED_MENU_ACTION_ID },
    async ({ ack, body, action, client }) => {
      await ack();
      const userId = body.user.id;
      const target = dmTarget(client, userId, deps.logger);
      const lang = await homeLang(deps, client, userId);
      const s = SAVED_TEXT[lang];
      const picked = MENU_VALUE.exec(action.selected_option?.value ?? "");
      await runInteraction(
        deps,
        {
          kind: "action",
          name: SAVED_MENU_ACTION_ID,
          userId,
          channelId: "",
          lang,
          outcome: "answered",
        },
        target,
        async (interaction) => {
          const repo = deps.savedSearches;
          if (!picked || !repo) {
            interaction.outcome = repo ? "button_tampered" : "saved_unavailable";
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(repo ? BUTTON_PROBLEM_TEXT.tampered[lang] : s.unavailable),
            );
            return;
          }
          const [, what, name] = picked as unknown as [string, "run" | "edit" | "delete", string];
          interaction.understood = `${what} ${name}`;
          const saved = await repo.get(userId, name);
          if (!saved) {
            interaction.outcome = "saved_not_found";
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(s.notFound(escapeMrkdwn(name.slice(0, 60)), "")),
            );
            refreshHome(deps, client, userId);
            return;
          }
          if (what === "run") {
            await answerWords(
              deps,
              { words: saved.words, userId, channelId: userId, target, showWords: true },
              interaction,
            );
            return;
          }
          if (what === "edit") {
            await client.views.open({
              trigger_id: body.trigger_id,
              view: renderSavedSearchModal({
                lang,
                mode: "edit",
                name: saved.name,
                words: saved.words,
                maxName: SAVED_SEARCH_LIMITS.nameLength,
                maxWords: SAVED_SEARCH_LIMITS.wordsLength,
                privateMetadata: encodeSavedMetadata({ lang, original: saved.name }),
              }),
            });
            interaction.route = "views.open";
            return;
          }
          await repo.remove(userId, saved.name);
          refreshHome(deps, client, userId);
          const text = s.deleted(escapeMrkdwn(saved.name));
          interaction.route = await replyEphemeral(target, { text, blocks: [section(text)] });
        },
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: HOME_DETAILS_ACTION_ID },
    async ({ ack, body, action, client }) => {
      await ack();
      const userId = body.user.id;
      const target = dmTarget(client, userId, deps.logger);
      const decoded = decodeButtonValue(action.value, { now: deps.now() });
      const lang = decoded.ok && decoded.payload.kind === "lookup" ? decoded.payload.lang : "en";
      await runInteraction(
        deps,
        {
          kind: "action",
          name: HOME_DETAILS_ACTION_ID,
          userId,
          channelId: "",
          lang,
          outcome: "answered",
        },
        target,
        async (interaction) => {
          if (!decoded.ok || decoded.payload.kind !== "lookup") {
            interaction.outcome = "button_tampered";
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(decoded.ok ? BUTTON_PROBLEM_TEXT.tampered[lang] : decoded.message),
            );
            return;
          }
          const { timeZone, fellBack } = await deps.timeZones.resolve(userId);
          interaction.understood = `lookup ${decoded.payload.callIds.join(" ")}`;
          const message = await lookupAnswer(deps, decoded.payload.callIds, lang, timeZone, {
            userId,
            zoneFellBack: fellBack,
          });
          interaction.route = await replyEphemeral(target, message);
        },
      );
    },
  );
}
