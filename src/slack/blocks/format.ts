import type { Lang } from "../../query/types.js";
import { localTime } from "../../time/format.js";
import { safeTimeZone } from "../../time/zone.js";

/** Durations, shares and times as people read them, in English or Chinese. */

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
