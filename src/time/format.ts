import { TZDate } from "@date-fns/tz";
// The one function, not the package index (which loads all of date-fns: ~860 modules at start).
import { format } from "date-fns/format";
import { wallClock } from "../query/time/wall.js";
import type { Lang } from "../query/types.js";
import { clockTime, ISO_WEEKDAY, MONTH_ABBR } from "./calendar.js";
import { safeTimeZone } from "./zone.js";

/**
 * Every way callscope writes a time or a duration, in one place: for people in Slack and the
 * demo (English or Chinese, in the reader's zone) and for the CLI (ISO-like, compact, the same for
 * scripts and people). Slack's own `<!date^…>` token wraps these (slack/blocks/format.ts).
 */

/** A moment as a person reads it, in the user's zone: "Tue 25 Nov 00:00" / "11月25日 周二 00:00". */
export function formatMoment(epochSeconds: number, timeZone: string, lang: Lang): string {
  const w = wallClock(epochSeconds * 1000, timeZone);
  const clock = clockTime(w.hour, w.minute);
  if (lang === "zh") return `${w.month}月${w.day}日 ${ISO_WEEKDAY.zh[w.isoWeekday]} ${clock}`;
  return `${ISO_WEEKDAY.en[w.isoWeekday]} ${w.day} ${MONTH_ABBR[w.month]} ${clock}`;
}

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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** `2025-11-25 14:03:09` in the zone: what scripts and people read alike (the CLI). */
export function isoLocalTime(epochSeconds: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(epochSeconds * 1000))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `45s`, `2m 05s`, `1h 02m 05s`; `-` when there is nothing to show. */
export function compactDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "-";
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

/** "+08", "−07", "+05:30": the UTC offset in force at an instant (labels a repeated hour). */
export function utcOffsetLabel(ms: number, timeZone: string): string {
  const minutes = -new TZDate(ms, timeZone).getTimezoneOffset();
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  return abs % 60 === 0 ? `${sign}${hh}` : `${sign}${hh}:${String(abs % 60).padStart(2, "0")}`;
}
