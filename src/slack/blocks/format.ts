import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { Lang } from "../../query/types.js";
import { isIanaZone } from "../../time/zone.js";

/** Durations, shares and times as people read them, in English or Chinese. */

/** "45 s", "2 min 5 s", "1 h 3 min" / "45秒", "2分5秒", "1小时3分". */
export function formatDuration(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (lang === "zh") {
    if (h > 0) return m > 0 ? `${h}小时${m}分` : `${h}小时`;
    if (m > 0) return sec > 0 ? `${m}分${sec}秒` : `${m}分`;
    return `${sec}秒`;
  }
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return sec > 0 ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

/** A share as a percentage: "40%", "2.5%", "<1%" (never "0%" for something that happened). */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "–";
  const percent = ratio * 100;
  if (percent === 0) return "0%";
  if (percent < 0.1) return "<0.1%";
  if (percent < 10) return `${(Math.round(percent * 10) / 10).toString()}%`;
  return `${Math.round(percent)}%`;
}

export function formatShare(count: number, total: number): string {
  return formatRatio(total > 0 ? count / total : undefined);
}

/** The time zone if the runtime knows it, else UTC (a bad `tz` must not break a reply). */
export function safeTimeZone(timeZone: string): string {
  return isIanaZone(timeZone) ? timeZone : "UTC";
}

/** Local wall time of an epoch-seconds instant in `timeZone`, for fallbacks and plain text. */
export function localTime(
  epochSeconds: number,
  timeZone: string,
  lang: Lang,
  options: { seconds?: boolean } = {},
): string {
  const date = new TZDate(epochSeconds * 1000, safeTimeZone(timeZone));
  if (Number.isNaN(date.getTime())) return String(epochSeconds);
  const time = options.seconds ? "HH:mm:ss" : "HH:mm";
  return format(date, lang === "zh" ? `yyyy-MM-dd ${time}` : `EEE d MMM yyyy ${time}`);
}

/**
 * A Slack date token: each viewer sees the instant in their own time zone; clients that cannot
 * render it show the fallback, written in the asking user's zone (naming it unless told not to:
 * a list of calls names it once, in its header).
 */
export function slackDate(
  epochSeconds: number,
  timeZone: string,
  lang: Lang,
  options: { seconds?: boolean; zoneInFallback?: boolean } = {},
): string {
  const tz = safeTimeZone(timeZone);
  const zone = options.zoneInFallback === false ? "" : ` (${tz})`;
  const fallback = `${localTime(epochSeconds, tz, lang, options)}${zone}`;
  const tokens = options.seconds ? "{date_short_pretty} {time_secs}" : "{date_short_pretty} {time}";
  return `<!date^${Math.floor(epochSeconds)}^${tokens}|${fallback}>`;
}
