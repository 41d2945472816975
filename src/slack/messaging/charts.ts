import { digestChartFigures, digestChartSvg } from "../../charts/digest-chart.js";
import { rasterize } from "../../charts/png.js";
import { searchChartSvg, searchWantsChart } from "../../charts/search-chart.js";
import type { ChannelMessage } from "../../digest/channel.js";
import type { Logger } from "../../log.js";
import type { Lang } from "../../query/types.js";
import type { DigestReport } from "../../report/digest.js";
import type { Timeline } from "../../report/timeline.js";
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
