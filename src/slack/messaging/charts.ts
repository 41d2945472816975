import type { AlertView } from "../../alerts/view.js";
import { alertChartSvg } from "../../charts/alert-chart.js";
import { callTimelineSteps } from "../../charts/call-steps.js";
import { digestChartFigures, digestChartSvg } from "../../charts/digest-chart.js";
import { rasterize } from "../../charts/png.js";
import { searchChartSvg, searchWantsChart } from "../../charts/search-chart.js";
import { stepsChartSvg } from "../../charts/steps-chart.js";
import type { ChannelMessage } from "../../digest/channel.js";
import type { Logger } from "../../log.js";
import type { Lang } from "../../query/types.js";
import type { CallTimeline } from "../../report/call-timeline.js";
import type { DigestReport } from "../../report/digest.js";
import type { Timeline } from "../../report/timeline.js";
import { renderAlert } from "../blocks/alert.js";
import { digestBlocksWithImage } from "../blocks/digest.js";
import type { KnownBlock } from "../blocks/limits.js";
import { DIGEST_TEXT } from "../copy.js";

/**
 * Pictures for messages: the chart drawn beside the Block Kit a renderer made. Drawing is extra:
 * when it fails, the message goes as it was (with its text chart), and the failure is logged.
 */

export async function withDigestChart(
  message: ChannelMessage,
  report: DigestReport,
  lang: Lang,
  logger: Logger,
): Promise<ChannelMessage> {
  if (report.summary.total === 0) return message;
  try {
    const png = await rasterize(await digestChartSvg(digestChartFigures(report), lang));
    const blocks = message.blocks as KnownBlock[];
    return {
      ...message,
      chart: {
        png: png.png,
        filename: `callscope-digest-${report.day.localDate}.png`,
        title: DIGEST_TEXT[lang].perHour,
        altText: png.altText,
        blocksWith: (fileId) =>
          digestBlocksWithImage(blocks, { fileId, altText: png.altText, lang }),
      },
    };
  } catch (error) {
    logger.warn("chart.render_failed", { chart: "digest", error });
    return message;
  }
}

/** The search's calls-over-time picture, when the window is long enough to want one. */
export async function searchChartPng(
  timeline: Timeline | undefined,
  options: { timeZone: string; lang: Lang },
  logger: Logger,
): Promise<{ png: Buffer; altText: string } | undefined> {
  if (!searchWantsChart(timeline)) return undefined;
  try {
    const png = await rasterize(await searchChartSvg(timeline, options));
    return { png: png.png, altText: png.altText };
  } catch (error) {
    logger.warn("chart.render_failed", { chart: "search", error });
    return undefined;
  }
}

/**
 * An alert with its picture of the last hours: uploaded by the channel poster (`uploadChart`)
 * and shown in place of the text chart; on any failure the text chart stays, posted once.
 */
export async function withAlertChart(
  message: ChannelMessage,
  view: AlertView,
  logger: Logger,
): Promise<ChannelMessage> {
  try {
    const png = await rasterize(await alertChartSvg(view));
    return {
      ...message,
      chart: {
        png: png.png,
        filename: `callscope-alert-${view.rule.channelId}-${view.rule.number}.png`,
        title: png.altText.slice(0, 200),
        altText: png.altText,
        blocksWith: (fileId) =>
          renderAlert(view, { chart: { slackFileId: fileId, altText: png.altText } }).blocks,
      },
    };
  } catch (error) {
    logger.warn("chart.render_failed", { chart: "alert", error });
    return message;
  }
}

/** A call's webhook timeline as its participants' steps on a time axis (issue 15 item 2). */
export async function callChartPng(
  timeline: CallTimeline | undefined,
  options: { timeZone: string; lang: Lang },
  logger: Logger,
): Promise<{ png: Buffer; altText: string } | undefined> {
  if (!timeline || timeline.participants.every((p) => p.steps.length === 0)) return undefined;
  try {
    const png = await rasterize(
      await stepsChartSvg(callTimelineSteps(timeline, options), options.lang),
    );
    return { png: png.png, altText: png.altText };
  } catch (error) {
    logger.warn("chart.render_failed", { chart: "call", error });
    return undefined;
  }
}
