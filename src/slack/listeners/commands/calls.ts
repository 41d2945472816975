import type { App } from "@slack/bolt";
import { ALERT_KEYWORD, parseAlert } from "../../../alerts/grammar.js";
import { parse } from "../../../query/parse.js";
import type { SearchQuery } from "../../../query/types.js";
import { renderParseError } from "../../blocks/errors.js";
import { renderHelp } from "../../blocks/help.js";
import { section } from "../../blocks/limits.js";
import { searchBlocksWithImage } from "../../blocks/search.js";
import { ALERT_COMMAND_TEXT, CALLS_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { searchChartPng } from "../../messaging/charts.js";
import {
  type ReplyTarget,
  replyEphemeral,
  replyEphemeralWithChart,
} from "../../messaging/reply.js";
import { uploadChart } from "../../messaging/upload.js";
import { detailsAnswer, searchAnswer } from "../answers.js";
import { guessLang, runInteraction } from "../interaction.js";
import { digestsDisabled, stillReading, waitingForSearches } from "../notices.js";

/** A search still running after this long gets a "still reading" note (one response_url post of 5). */
const SLOW_ANSWER_MS = 4000;

/**
 * `/calls <words>`: acknowledged before anything else (Slack gives 3 s, the vendor may take
 * longer), then answered ephemerally through the command's response_url.
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
    await runInteraction(
      deps,
      {
        kind: "command",
        name: "/calls",
        userId: command.user_id,
        channelId: command.channel_id,
        words: command.text,
        lang: guessLang(command.text),
        outcome: "answered",
      },
      target,
      async (interaction) => {
        const { timeZone, fellBack: zoneFellBack } = await deps.timeZones.resolve(command.user_id);
        // `/calls alert …` / `/calls 告警 …`: the alerts grammar, before the query language.
        if (ALERT_KEYWORD.test(command.text ?? "")) {
          const lang = guessLang(command.text);
          const alert = parseAlert(command.text ?? "", lang);
          interaction.lang = lang;
          if (alert.kind === "error") {
            interaction.understood = "alert";
            interaction.outcome = "not_understood";
            interaction.route = await replyEphemeral(target, renderParseError(alert));
            return;
          }
          interaction.understood = `alert ${alert.action}`;
          if (!deps.alerts) {
            const text = ALERT_COMMAND_TEXT[lang].disabled;
            interaction.outcome = "alerts_disabled";
            interaction.route = await replyEphemeral(target, { text, blocks: [section(text)] });
            return;
          }
          await deps.alerts.handleCommand({
            command: alert,
            userId: command.user_id,
            channelId: command.channel_id,
            timeZone,
            respond: async (message) => {
              interaction.route = await replyEphemeral(target, message);
            },
          });
          return;
        }
        const query = parse(command.text ?? "", { now: deps.now(), timeZone });
        interaction.lang = query.lang;
        interaction.understood = query.kind;
        const answerSearch = async (search: SearchQuery) => {
          let recordsRead = 0;
          let slow: NodeJS.Timeout | undefined;
          const answer = await searchAnswer(deps, search, 0, timeZone, {
            userId: command.user_id,
            zoneFellBack,
            onQueued: (ahead) => {
              void replyEphemeral(target, waitingForSearches(search.lang, ahead)).catch(() => {});
            },
            // Patience starts when reading does: time spent queued already got its own note.
            onStarted: () => {
              slow = setTimeout(() => {
                void replyEphemeral(target, stillReading(search.lang, recordsRead)).catch(() => {});
              }, deps.slowAnswerMs ?? SLOW_ANSWER_MS);
            },
            onProgress: (progress) => {
              recordsRead = progress.recordsRead;
            },
          }).finally(() => clearTimeout(slow));
          interaction.understood = answer.description;
          // Drawn once the answer is read (the "still reading" timer is cleared by then).
          const chart = searchChartPng(
            answer.result.summary.timeline,
            { timeZone, lang: search.lang },
            deps.logger,
          );
          interaction.route = chart
            ? await replyEphemeralWithChart(target, answer.message, {
                upload: () =>
                  uploadChart(
                    client,
                    {
                      png: chart.png,
                      filename: "callscope-calls-over-time.png",
                      title: CALLS_TEXT[search.lang].overTime,
                      altText: chart.altText,
                    },
                    deps.logger,
                  ),
                blocksWith: (fileId) =>
                  searchBlocksWithImage(answer.message.blocks, {
                    fileId,
                    altText: chart.altText,
                    lang: search.lang,
                  }),
              })
            : await replyEphemeral(target, answer.message);
        };
        switch (query.kind) {
          case "search":
            await answerSearch(query);
            return;
          case "lookup": {
            interaction.understood = `lookup ${query.callIds.join(" ")}`;
            const answer = await detailsAnswer(deps, query.callIds, query.lang, timeZone, {
              userId: command.user_id,
              zoneFellBack,
            });
            interaction.route = await replyEphemeral(target, answer.message);
            if (answer.update) await replyEphemeral(target, await answer.update);
            return;
          }
          case "help":
            interaction.route = await replyEphemeral(
              target,
              renderHelp(query.lang, deps.generations?.()),
            );
            return;
          case "error":
            // Older than the vendor keeps, but the archive may have it all.
            if (query.beyondReach && (await deps.router.covers(query.beyondReach.window))) {
              await answerSearch(query.beyondReach);
              return;
            }
            interaction.outcome = "not_understood";
            interaction.route = await replyEphemeral(target, renderParseError(query));
            return;
          case "digest": {
            interaction.understood = `digest ${query.action}`;
            if (!deps.digest) {
              interaction.outcome = "digests_disabled";
              interaction.route = await replyEphemeral(target, digestsDisabled(query.lang));
              return;
            }
            await deps.digest.handleCommand({
              command: query,
              userId: command.user_id,
              channelId: command.channel_id,
              timeZone,
              access: deps.access,
              respond: async (message) => {
                interaction.route = await replyEphemeral(target, message);
              },
            });
            return;
          }
        }
      },
    );
  });
}
