import type { webApi } from "@slack/bolt";
import type { Lang } from "../../query/types.js";
import { timelineBlocksWithImage } from "../blocks/timeline.js";
import { TIMELINE_TEXT } from "../copy.js";
import type { ListenerDeps } from "../deps.js";
import { callChartPng } from "../messaging/charts.js";
import {
  type OutgoingMessage,
  type ReplyRoute,
  type ReplyTarget,
  replyEphemeral,
  replyEphemeralWithChart,
} from "../messaging/reply.js";
import { uploadChart } from "../messaging/upload.js";
import type { DetailsAnswer } from "./answers.js";

/**
 * A details answer as an ephemeral reply, with the call's timeline drawn (issue 15 item 2) when
 * the webhook timeline exists and Slack's client can upload it. The fallbacks are the search
 * chart's: no files:write, a failed upload or a refused image send the details without it, once.
 */
export async function replyDetails(
  deps: ListenerDeps,
  target: ReplyTarget,
  answer: DetailsAnswer,
  options: { lang: Lang; timeZone: string; uploadClient?: webApi.WebClient | undefined },
  message: OutgoingMessage = answer.message,
): Promise<ReplyRoute> {
  const { lang, uploadClient } = options;
  const chart = uploadClient
    ? await callChartPng(answer.timeline, { timeZone: options.timeZone, lang }, deps.logger)
    : undefined;
  if (!chart || !uploadClient || !answer.timeline) return replyEphemeral(target, message);
  const callId = answer.timeline.callId;
  return replyEphemeralWithChart(target, message, {
    upload: () =>
      uploadChart(
        uploadClient,
        {
          png: chart.png,
          filename: `callscope-call-${callId.replace(/[^\w-]/g, "_").slice(0, 80)}.png`,
          title: TIMELINE_TEXT[lang].chartTitle,
          altText: chart.altText,
        },
        deps.logger,
      ),
    blocksWith: (fileId) =>
      timelineBlocksWithImage(message.blocks, { fileId, altText: chart.altText, lang }),
  });
}
