import type { webApi } from "@slack/bolt";
import { parse } from "../../query/parse.js";
import type { Lang, SearchQuery } from "../../query/types.js";
import { renderParseError } from "../blocks/errors.js";
import { renderHelp } from "../blocks/help.js";
import { code, context, enforceLimits } from "../blocks/limits.js";
import { searchBlocksWithImage } from "../blocks/search.js";
import { CALLS_TEXT, FORM_TEXT } from "../copy.js";
import type { ListenerDeps } from "../deps.js";
import { searchChartPng } from "../messaging/charts.js";
import {
  type OutgoingMessage,
  type ReplyTarget,
  replyEphemeral,
  replyEphemeralWithChart,
} from "../messaging/reply.js";
import { uploadChart } from "../messaging/upload.js";
import { detailsAnswer, searchAnswer } from "./answers.js";
import { replyDetails } from "./details-reply.js";
import type { Interaction } from "./interaction.js";
import { digestsDisabled, stillReading, waitingForSearches } from "./notices.js";

/** A search still running after this long gets a "still reading" note (one response_url post of 5). */
const SLOW_ANSWER_MS = 4000;

export interface WordsRequest {
  words: string;
  userId: string;
  /** The channel asked in (digest commands act on it; the reply goes to `target`). */
  channelId: string;
  target: ReplyTarget;
  /** Where the answer goes: ephemeral in the channel (default) or a message (the App's DM). */
  deliver?: (message: OutgoingMessage) => Promise<string>;
  /** Slack's client for uploading a search's chart (files:write); without it, answers go without. */
  uploadClient?: webApi.WebClient;
  /** Put "Same as typing `/calls …`" on top (the form, saved searches): people learn the words. */
  showWords?: boolean;
}

/** "Same as typing `/calls …`" above a message, inside the limits. */
export function withWords(message: OutgoingMessage, words: string, lang: Lang): OutgoingMessage {
  const line = context(FORM_TEXT[lang].sameAs(code(`/calls ${words}`)));
  return enforceLimits({ text: message.text, blocks: [line, ...message.blocks] });
}

/**
 * The words of `/calls` answered, whoever typed or built them: the command, the search form and
 * saved searches all come here, so one code path reads the words and answers.
 */
export async function answerWords(
  deps: ListenerDeps,
  request: WordsRequest,
  interaction: Interaction,
): Promise<Lang> {
  const { target, userId } = request;
  const send = async (message: OutgoingMessage, lang: Lang) => {
    const shown = request.showWords ? withWords(message, request.words, lang) : message;
    interaction.route = request.deliver
      ? await request.deliver(shown)
      : await replyEphemeral(target, shown);
  };
  const { timeZone, fellBack: zoneFellBack } = await deps.timeZones.resolve(userId);
  const query = parse(request.words, { now: deps.now(), timeZone });
  interaction.lang = query.lang;
  interaction.understood = query.kind;
  const answerSearch = async (search: SearchQuery) => {
    let recordsRead = 0;
    let slow: NodeJS.Timeout | undefined;
    const answer = await searchAnswer(deps, search, 0, timeZone, {
      userId,
      zoneFellBack,
      words: request.words,
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
    // Drawn once the answer is read (the "still reading" timer is cleared by then); only where an
    // ephemeral answer goes (a DM answer from the Home goes without it).
    const uploadClient = request.uploadClient;
    const chart =
      request.deliver || !uploadClient
        ? undefined
        : await searchChartPng(
            answer.result.summary.timeline,
            { timeZone, lang: search.lang },
            deps.logger,
          );
    if (!chart || !uploadClient) {
      await send(answer.message, search.lang);
      return;
    }
    const shown = request.showWords
      ? withWords(answer.message, request.words, search.lang)
      : answer.message;
    interaction.route = await replyEphemeralWithChart(target, shown, {
      upload: () =>
        uploadChart(
          uploadClient,
          {
            png: chart.png,
            filename: "callscope-calls-over-time.png",
            title: CALLS_TEXT[search.lang].overTime,
            altText: chart.altText,
          },
          deps.logger,
        ),
      blocksWith: (fileId) =>
        searchBlocksWithImage(shown.blocks, { fileId, altText: chart.altText, lang: search.lang }),
    });
  };
  switch (query.kind) {
    case "search":
      await answerSearch(query);
      break;
    case "lookup": {
      interaction.understood = `lookup ${query.callIds.join(" ")}`;
      const answer = await detailsAnswer(deps, query.callIds, query.lang, timeZone, {
        userId,
        zoneFellBack,
      });
      if (request.deliver || !request.uploadClient) await send(answer.message, query.lang);
      else {
        const shown = request.showWords
          ? withWords(answer.message, request.words, query.lang)
          : answer.message;
        interaction.route = await replyDetails(
          deps,
          target,
          answer,
          { lang: query.lang, timeZone, uploadClient: request.uploadClient },
          shown,
        );
      }
      // TRTC's diagnosis, when it took longer than the details: a second message.
      if (answer.update) await send(await answer.update, query.lang);
      break;
    }
    case "help":
      await send(renderHelp(query.lang, deps.generations?.(), { newSearch: true }), query.lang);
      break;
    case "error":
      // Older than the vendor keeps, but the archive may have it all.
      if (query.beyondReach && (await deps.router.covers(query.beyondReach.window))) {
        await answerSearch(query.beyondReach);
        break;
      }
      interaction.outcome = "not_understood";
      await send(renderParseError(query), query.lang);
      break;
    case "digest": {
      interaction.understood = `digest ${query.action}`;
      if (!deps.digest) {
        interaction.outcome = "digests_disabled";
        await send(digestsDisabled(query.lang), query.lang);
        break;
      }
      await deps.digest.handleCommand({
        command: query,
        userId,
        channelId: request.channelId,
        timeZone,
        access: deps.access,
        respond: async (message) => {
          interaction.route = await replyEphemeral(target, message);
        },
      });
      break;
    }
  }
  return query.lang;
}
