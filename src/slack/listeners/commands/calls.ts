import type { App } from "@slack/bolt";
import { ALERT_KEYWORD, parseAlert } from "../../../alerts/grammar.js";
import { renderParseError } from "../../blocks/errors.js";
import { section } from "../../blocks/limits.js";
import { ALERT_COMMAND_TEXT, FORM_TEXT, SAVED_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { answerWords } from "../answer-words.js";
import { guessLang, runInteraction } from "../interaction.js";
import { buttonProblem } from "../notices.js";
import { openSearchForm } from "../surfaces.js";

/** `/calls form` (`/calls 表单`) and `/calls run <name>` (`/calls 运行 <名称>`): not search words. */
const FORM_WORDS = /^\s*(?:form|表单)\s*$/iu;
const RUN_WORDS = /^\s*(?:run|运行)(?:\s+(.*))?$/isu;

/**
 * `/calls <words>`: acknowledged before anything else (Slack gives 3 s, the vendor may take
 * longer), then answered ephemerally through the command's response_url. The words themselves
 * are answered by answerWords(), the one path the form and saved searches take too.
 */
export function register(app: App, deps: ListenerDeps): void {
  app.command("/calls", async ({ command, ack, client }) => {
    await ack();
    const target: ReplyTarget = {
      responseUrl: command.response_url,
      client,
      channelId: command.channel_id,
      userId: command.user_id,
      logger: deps.logger,
      responseUrlOptions: deps.responseUrlOptions,
    };
    const text = command.text ?? "";
    // Words with Chinese in them are Chinese; bare `form` / `run x` follow the user's last language.
    const lang = /\p{Script=Han}/u.test(text)
      ? "zh"
      : FORM_WORDS.test(text) || RUN_WORDS.test(text)
        ? (deps.homeState.langOf(command.user_id) ?? guessLang(text))
        : guessLang(text);
    await runInteraction(
      deps,
      {
        kind: "command",
        name: "/calls",
        userId: command.user_id,
        channelId: command.channel_id,
        words: text,
        lang,
        outcome: "answered",
      },
      target,
      async (interaction) => {
        // `/calls alert …` / `/calls 告警 …`: the alerts grammar, before the query language.
        if (ALERT_KEYWORD.test(text)) {
          const alert = parseAlert(text, lang);
          interaction.lang = lang;
          if (alert.kind === "error") {
            interaction.understood = "alert";
            interaction.outcome = "not_understood";
            interaction.route = await replyEphemeral(target, renderParseError(alert));
            return;
          }
          interaction.understood = `alert ${alert.action}`;
          if (!deps.alerts) {
            const disabled = ALERT_COMMAND_TEXT[lang].disabled;
            interaction.outcome = "alerts_disabled";
            interaction.route = await replyEphemeral(target, {
              text: disabled,
              blocks: [section(disabled)],
            });
            return;
          }
          const { timeZone } = await deps.timeZones.resolve(command.user_id);
          await deps.alerts.handleCommand({
            command: alert,
            userId: command.user_id,
            channelId: command.channel_id,
            timeZone,
            respond: async (message) => {
              interaction.route = await replyEphemeral(target, message);
            },
          });
          deps.homeState.noteLang(command.user_id, lang);
          return;
        }
        if (FORM_WORDS.test(text)) {
          interaction.understood = "form";
          try {
            await openSearchForm(deps, client, {
              triggerId: command.trigger_id,
              userId: command.user_id,
              channelId: command.channel_id,
              lang,
            });
            interaction.route = "views.open";
          } catch (error) {
            interaction.outcome = "form_refused";
            deps.logger.warn("slack.form_open_failed", { user: command.user_id, error });
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(FORM_TEXT[lang].formFailed),
            );
          }
          deps.homeState.noteLang(command.user_id, lang);
          return;
        }
        const run = RUN_WORDS.exec(text);
        if (run) {
          const name = (run[1] ?? "").trim();
          interaction.understood = `run ${name}`;
          const s = SAVED_TEXT[lang];
          if (!deps.savedSearches) {
            interaction.outcome = "saved_unavailable";
            interaction.route = await replyEphemeral(target, buttonProblem(s.unavailable));
            return;
          }
          if (name === "") {
            interaction.outcome = "not_understood";
            interaction.route = await replyEphemeral(target, buttonProblem(s.runNeedsName));
            return;
          }
          const saved = await deps.savedSearches.get(command.user_id, name);
          if (!saved) {
            interaction.outcome = "saved_not_found";
            const names = (await deps.savedSearches.list(command.user_id)).map(
              (x) => `“${x.name}”`,
            );
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(s.notFound(name.slice(0, 60), names.join(", "))),
            );
            return;
          }
          deps.homeState.noteLang(command.user_id, saved.lang);
          await answerWords(
            deps,
            {
              words: saved.words,
              userId: command.user_id,
              channelId: command.channel_id,
              target,
              uploadClient: client,
              showWords: true,
            },
            interaction,
          );
          return;
        }
        const asked = await answerWords(
          deps,
          {
            words: text,
            userId: command.user_id,
            channelId: command.channel_id,
            target,
            uploadClient: client,
          },
          interaction,
        );
        deps.homeState.noteLang(command.user_id, asked);
      },
    );
  });
}
