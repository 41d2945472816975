import { TZDate } from "@date-fns/tz";
import { isFailedResult } from "../callkit/schemas.js";
import type { Lang } from "../query/types.js";
import type { Timeline } from "../report/timeline.js";
import { CHART_WORDS, count, resultName } from "./labels.js";
import { GRID_LINE, MUTED_TEXT, orderResults, RESULT_ORDER, resultColour } from "./palette.js";
import {
  type ChartSize,
  type ChartSvg,
  chartTitle,
  LEGEND_UNDER_TITLE,
  renderOption,
} from "./svg.js";

export const SEARCH_CHART_SIZE: ChartSize = { width: 800, height: 340 };

/** "More than a few hours": shorter searches read fine as numbers. */
export const SEARCH_CHART_MIN_SECONDS = 6 * 3600;

export function searchWantsChart(timeline: Timeline | undefined): timeline is Timeline {
  return timeline !== undefined && timeline.endTs - timeline.startTs > SEARCH_CHART_MIN_SECONDS;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Bucket start labels in the reader's zone: the time, with the date where a day starts. */
export function bucketLabels(timeline: Timeline, timeZone: string): string[] {
  const labels: string[] = [];
  let lastDay = "";
  for (let i = 0; i < timeline.bucketCount; i++) {
    const at = new TZDate((timeline.startTs + i * timeline.bucketSeconds) * 1000, timeZone);
    const day = `${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
    const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
    labels.push(timeline.bucketSeconds >= 86_400 ? day : day === lastDay ? time : `${day} ${time}`);
    lastDay = day;
  }
  return labels;
}

/** Failed as the digest counts it: every result but a normal end (callkit/schemas.ts). */
const FAILED = isFailedResult;

function bucketWords(seconds: number, lang: Lang): string {
  if (seconds % 86_400 === 0) {
    const d = seconds / 86_400;
    return lang === "zh" ? `${d} 天` : `${d} day${d === 1 ? "" : "s"}`;
  }
  if (seconds % 3600 === 0) {
    const h = seconds / 3600;
    return lang === "zh" ? `${h} 小时` : `${h} hour${h === 1 ? "" : "s"}`;
  }
  return lang === "zh" ? `${seconds / 60} 分钟` : `${seconds / 60} minutes`;
}

export function searchChartAlt(timeline: Timeline, timeZone: string, lang: Lang): string {
  const labels = bucketLabels(timeline, timeZone);
  const all = new Array<number>(timeline.bucketCount).fill(0);
  const failed = new Array<number>(timeline.bucketCount).fill(0);
  let total = 0;
  let failedTotal = 0;
  for (const [result, counts] of Object.entries(timeline.byResult)) {
    counts.forEach((n, i) => {
      all[i] = (all[i] ?? 0) + n;
      total += n;
      if (FAILED(result)) {
        failed[i] = (failed[i] ?? 0) + n;
        failedTotal += n;
      }
    });
  }
  const title = CHART_WORDS[lang].callsOverTime;
  const per = bucketWords(timeline.bucketSeconds, lang);
  if (total === 0) return lang === "zh" ? `${title}：没有通话。` : `${title}: no calls.`;
  const ranked = failedTotal > 0 ? failed : all;
  let worst = 0;
  ranked.forEach((n, i) => {
    if (n > (ranked[worst] ?? 0)) worst = i;
  });
  const at = labels[worst] ?? "";
  if (lang === "zh") {
    const worstText =
      failedTotal > 0
        ? `最差时段 ${at}：${count(failed[worst] ?? 0, lang)} 通失败（共 ${count(all[worst] ?? 0, lang)} 通）`
        : `最忙时段 ${at}：${count(all[worst] ?? 0, lang)} 通`;
    return `${title}（每 ${per}）：共 ${count(total, lang)} 通，${count(failedTotal, lang)} 通失败；${worstText}。`;
  }
  const worstText =
    failedTotal > 0
      ? `worst period ${at} with ${count(failed[worst] ?? 0, lang)} failed of ${count(all[worst] ?? 0, lang)}`
      : `busiest period ${at} with ${count(all[worst] ?? 0, lang)} calls`;
  return `${title} (per ${per}): ${count(total, lang)} calls, ${count(failedTotal, lang)} failed; ${worstText}.`;
}

/** Calls per bucket stacked by result. Pure: timeline → SVG (async: ECharts loads on first use). */
export async function searchChartSvg(
  timeline: Timeline,
  options: { timeZone: string; lang: Lang; size?: ChartSize },
): Promise<ChartSvg> {
  const { lang, timeZone } = options;
  const size = options.size ?? SEARCH_CHART_SIZE;
  const labels = bucketLabels(timeline, timeZone);
  let other = 0;
  const series = orderResults(Object.keys(timeline.byResult)).map((result) => ({
    type: "bar",
    name: resultName(result, lang),
    stack: "calls",
    itemStyle: { color: resultColour(result, RESULT_ORDER.includes(result) ? 0 : other++) },
    data: timeline.byResult[result] ?? [],
  }));
  const svg = await renderOption(
    {
      title: chartTitle(
        `${CHART_WORDS[lang].callsOverTime} · ${bucketWords(timeline.bucketSeconds, lang)}`,
        15,
      ),
      legend: LEGEND_UNDER_TITLE,
      grid: { left: 48, right: 16, top: 92, bottom: 36 },
      xAxis: {
        type: "category",
        data: labels,
        axisLabel: { color: MUTED_TEXT, fontSize: 11, hideOverlap: true },
        axisLine: { lineStyle: { color: MUTED_TEXT } },
      },
      yAxis: {
        type: "value",
        name: CHART_WORDS[lang].calls,
        minInterval: 1,
        nameTextStyle: { color: MUTED_TEXT },
        axisLabel: { color: MUTED_TEXT, fontSize: 11 },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      series,
    },
    size,
  );
  return { svg, ...size, altText: searchChartAlt(timeline, timeZone, lang) };
}
