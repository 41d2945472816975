import type { AlertView } from "../alerts/view.js";
import type { Timeline } from "../report/timeline.js";
import { SEARCH_CHART_SIZE, searchChartSvg } from "./search-chart.js";
import type { ChartSvg } from "./svg.js";

/**
 * An alert's picture: the last hours the alert message already counts (`AlertView.series`, the
 * rule's matched calls and the rest per bucket), drawn as the search chart's stacked bars. Pure.
 */

export function alertTimeline(view: AlertView): Timeline {
  const bucketSeconds = view.bucketMinutes * 60;
  const endTs = Math.ceil(view.asOf.getTime() / 1000 / bucketSeconds) * bucketSeconds;
  const bucketCount = Math.max(1, Math.round((view.chartHours * 3600) / bucketSeconds));
  const startTs = endTs - bucketCount * bucketSeconds;
  const byStart = new Map(view.series.map((b) => [b.startTs, b]));
  const results = view.rule.filter.results;
  // The counted results under the first one's name (its colour), the other calls as "other".
  const counted = results.length === 1 ? (results[0] as string) : "failed";
  const matched: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < bucketCount; i++) {
    const bucket = byStart.get(startTs + i * bucketSeconds);
    matched.push(bucket?.matched ?? 0);
    rest.push(Math.max(0, (bucket?.total ?? 0) - (bucket?.matched ?? 0)));
  }
  const byResult: Record<string, number[]> = Object.create(null);
  byResult[counted] = matched;
  byResult.other = rest;
  return { startTs, endTs, bucketSeconds, byResult, bucketCount };
}

export const ALERT_CHART_SIZE = { width: SEARCH_CHART_SIZE.width, height: 300 };

export function alertChartSvg(view: AlertView): Promise<ChartSvg> {
  return searchChartSvg(alertTimeline(view), {
    timeZone: view.rule.timeZone,
    lang: view.rule.lang,
    size: ALERT_CHART_SIZE,
  });
}
