import { writeFile } from "node:fs/promises";
import { digestChartFigures, digestChartSvg } from "../charts/digest-chart.js";
import { type ChartPng, rasterize } from "../charts/png.js";
import { searchChartSvg } from "../charts/search-chart.js";
import type { ChartSvg } from "../charts/svg.js";
import type { Lang } from "../query/types.js";
import type { DigestReport } from "../report/digest.js";
import type { Timeline } from "../report/timeline.js";
import { UsageError } from "./args.js";

/**
 * `--chart FILE.png`: the picture Slack would show, as a file. A search always gets its
 * calls-over-time chart here (the person asked for it), however short its window.
 */

export function digestChart(report: DigestReport, lang: Lang): Promise<ChartSvg> {
  return digestChartSvg(digestChartFigures(report), lang);
}

export async function searchChart(
  timeline: Timeline | undefined,
  timeZone: string,
  lang: Lang,
): Promise<ChartSvg> {
  if (!timeline) throw new Error("the search kept no timeline");
  return searchChartSvg(timeline, { timeZone, lang });
}

export async function writeChart(
  path: string,
  chart: ChartSvg | Promise<ChartSvg>,
): Promise<ChartPng> {
  const png = await rasterize(await chart);
  try {
    await writeFile(path, png.png);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    throw new UsageError(`--chart ${path}: cannot write the file (${code || String(error)})`);
  }
  return png;
}

/** The line printed on stderr: where the picture is and what it shows. */
export function chartLine(path: string, png: ChartPng): string {
  return `chart: ${path} (${png.width}×${png.height} PNG, ${png.png.length} bytes): ${png.altText}`;
}
