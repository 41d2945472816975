import { isFailedResult } from "../callkit/schemas.js";
import type { Lang } from "../query/types.js";
import type { DigestReport } from "../report/digest.js";
import { CHART_WORDS, count, resultName } from "./labels.js";
import {
  COMPARISON_LINE,
  GRID_LINE,
  MUTED_TEXT,
  orderResults,
  RESULT_ORDER,
  resultColour,
} from "./palette.js";
import {
  type ChartSize,
  type ChartSvg,
  chartTitle,
  LEGEND_UNDER_TITLE,
  renderOption,
} from "./svg.js";

/** The figures the digest chart draws: one local day's hours, stacked by result. */
export interface DigestChartFigures {
  /** The day as its reader knows it ("2026-12-02"). */
  dayLabel: string;
  /** One label per hour slot ("14:00"; 23 or 25 on a DST change day). */
  hours: string[];
  /** Calls per slot for each result; each array as long as `hours`. */
  byResult: Record<string, number[]>;
  /** The same hours of another day, drawn as a line, when they are known. */
  comparison?: { kind: "dayBefore" | "weekAgo"; perHour: number[] };
}

export const DIGEST_CHART_SIZE: ChartSize = { width: 800, height: 380 };

/** The chart's figures from a digest report: the day before's hours as the line when known. */
export function digestChartFigures(report: DigestReport): DigestChartFigures {
  const perHour = report.previous?.perHour;
  return {
    dayLabel: report.day.localDate,
    hours: report.day.hours.map((slot) => slot.label),
    byResult: report.perHourByResult,
    // A DST change day has 23 or 25 slots: hour by hour is only a like-for-like comparison when
    // both days have as many.
    ...(perHour && perHour.length === report.day.hours.length
      ? { comparison: { kind: "dayBefore" as const, perHour } }
      : {}),
  };
}

/** Failed as the digest counts it: every result but a normal end (callkit/schemas.ts). */
const FAILED = isFailedResult;

/** Totals and the worst hour (most failed calls; the busiest when none failed), in words. */
export function digestChartAlt(figures: DigestChartFigures, lang: Lang): string {
  const w = CHART_WORDS[lang];
  let total = 0;
  let failed = 0;
  const perSlot = figures.hours.map(() => ({ all: 0, failed: 0 }));
  for (const [result, counts] of Object.entries(figures.byResult)) {
    counts.forEach((n, i) => {
      const slot = perSlot[i];
      if (!slot) return;
      slot.all += n;
      total += n;
      if (FAILED(result)) {
        slot.failed += n;
        failed += n;
      }
    });
  }
  const title = w.callsPerHour(figures.dayLabel);
  if (total === 0) return lang === "zh" ? `${title}：${w.noCalls}。` : `${title}: no calls.`;
  const key = failed > 0 ? "failed" : "all";
  let worst = 0;
  perSlot.forEach((slot, i) => {
    if ((slot[key] ?? 0) > (perSlot[worst]?.[key] ?? 0)) worst = i;
  });
  const hour = figures.hours[worst] ?? "";
  const at = perSlot[worst] ?? { all: 0, failed: 0 };
  const line = figures.comparison ? comparisonWords(figures.comparison, lang) : "";
  if (lang === "zh") {
    const worstText =
      failed > 0
        ? `最差时段 ${hour}：${count(at.failed, lang)} 通失败（共 ${count(at.all, lang)} 通）`
        : `最忙时段 ${hour}：${count(at.all, lang)} 通`;
    return `${title}：共 ${count(total, lang)} 通，${count(failed, lang)} 通失败；${worstText}。${line}`;
  }
  const worstText =
    failed > 0
      ? `worst hour ${hour} with ${count(at.failed, lang)} failed of ${count(at.all, lang)}`
      : `busiest hour ${hour} with ${count(at.all, lang)} calls`;
  return `${title}: ${count(total, lang)} calls, ${count(failed, lang)} failed; ${worstText}.${line}`;
}

function comparisonWords(comparison: NonNullable<DigestChartFigures["comparison"]>, lang: Lang) {
  const sum = comparison.perHour.reduce((a, b) => a + b, 0);
  const name = CHART_WORDS[lang][comparison.kind];
  return lang === "zh"
    ? ` 折线为${name}（共 ${count(sum, lang)} 通）。`
    : ` The line shows the ${name} (${count(sum, lang)} calls).`;
}

/** Bars per hour stacked by result, the comparison day as a dashed line. Pure: figures → SVG (async: ECharts loads on first use). */
export async function digestChartSvg(
  figures: DigestChartFigures,
  lang: Lang,
  size: ChartSize = DIGEST_CHART_SIZE,
): Promise<ChartSvg> {
  const w = CHART_WORDS[lang];
  const results = orderResults(Object.keys(figures.byResult));
  let other = 0;
  const series: object[] = results.map((result) => ({
    type: "bar",
    name: resultName(result, lang),
    stack: "calls",
    barCategoryGap: "20%",
    itemStyle: { color: resultColour(result, RESULT_ORDER.includes(result) ? 0 : other++) },
    data: figures.byResult[result] ?? [],
  }));
  if (figures.comparison) {
    series.push({
      type: "line",
      name: w[figures.comparison.kind],
      data: figures.comparison.perHour,
      symbol: "none",
      lineStyle: { color: COMPARISON_LINE, width: 2, type: "dashed" },
      itemStyle: { color: COMPARISON_LINE },
      z: 10,
    });
  }
  const svg = await renderOption(
    {
      title: chartTitle(w.callsPerHour(figures.dayLabel), 16),
      legend: LEGEND_UNDER_TITLE,
      grid: { left: 48, right: 16, top: 84, bottom: 36 },
      xAxis: {
        type: "category",
        data: figures.hours,
        axisLabel: { color: MUTED_TEXT, fontSize: 11, interval: 2 },
        axisLine: { lineStyle: { color: MUTED_TEXT } },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: "value",
        name: w.calls,
        minInterval: 1,
        nameTextStyle: { color: MUTED_TEXT },
        axisLabel: { color: MUTED_TEXT, fontSize: 11 },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      series,
    },
    size,
  );
  return { svg, ...size, altText: digestChartAlt(figures, lang) };
}
