import type { AlertCondition } from "../query/alert-rule.js";
import { describeFilter } from "../query/describe.js";
import type { CallFilter, Lang } from "../query/types.js";

/** A rule in words, as people typed it: "failed calls > 20% over 15 min" / "失败通话 > 20%（15分钟）". */
export function describeRule(
  rule: { filter: CallFilter; condition: AlertCondition },
  lang: Lang,
): string {
  const what = describeFilter(rule.filter, lang);
  return `${what} ${describeCondition(rule.condition, lang)}`;
}

export function describeCondition(condition: AlertCondition, lang: Lang): string {
  const window = windowWords(condition.windowMinutes, lang);
  switch (condition.kind) {
    case "percent":
      return lang === "zh"
        ? `> ${condition.above}%（${window}）`
        : `> ${condition.above}% over ${window}`;
    case "count":
      return lang === "zh"
        ? `> ${condition.above} 通（${window}）`
        : `> ${condition.above} calls over ${window}`;
    case "baseline":
      return lang === "zh"
        ? `反常（${window}，对比过去 ${condition.days} 天同一时段，至少 ${condition.minVolume} 通）`
        : `unusual over ${window} (vs the same hour of the last ${condition.days} days, at least ${condition.minVolume} calls)`;
  }
}

export function windowWords(minutes: number, lang: Lang): string {
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    return lang === "zh" ? `${h}小时` : h === 1 ? "1 hour" : `${h} hours`;
  }
  return lang === "zh" ? `${minutes}分钟` : `${minutes} min`;
}

/** A figure as its rule counts it: "12.5%" or "31 calls" / "31 通". */
export function formatFigure(value: number, unit: "percent" | "count", lang: Lang): string {
  if (unit === "percent") return `${(Math.round(value * 10) / 10).toFixed(1)}%`;
  return lang === "zh" ? `${value} 通` : value === 1 ? "1 call" : `${value} calls`;
}
