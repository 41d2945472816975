import { TZDate } from "@date-fns/tz";
import type { Lang } from "../query/types.js";

/**
 * Calendar days as people name them ("2026-11-25", "yesterday" in Asia/Shanghai), apart from
 * instants: a digest reports a local day, and its arithmetic must not drift across DST changes.
 */

/** A local calendar day: YYYY-MM-DD. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function localDateParts(date: LocalDate): [number, number, number] {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new Error(`not a local date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "09:05": a wall-clock time of day. */
export function clockTime(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}

/** The local date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const date = new TZDate(instant.getTime(), timeZone);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The date `days` later (or earlier) on the calendar. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = localDateParts(date);
  const utc = new Date(Date.UTC(y, m - 1, d + days));
  return utc.toISOString().slice(0, 10);
}

/** The day before `now` in the zone: what a digest posted now reports on. */
export function yesterdayOf(now: Date, timeZone: string): LocalDate {
  return addDays(localDateOf(now, timeZone), -1);
}

/** Month abbreviations by month number (1–12; index 0 unused). */
export const MONTH_ABBR = [
  "",
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** Weekday names by ISO weekday (1 = Monday … 7 = Sunday; index 0 unused). */
export const ISO_WEEKDAY = {
  en: ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  enFull: ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  zh: ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"],
} as const;

/** "Tue 18 Nov" / "11月18日 周二": a calendar date, so no time zone can shift its weekday. */
export function weekdayDate(date: LocalDate, lang: Lang): string {
  const [y, m, d] = localDateParts(date);
  const isoWeekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  return lang === "en"
    ? `${ISO_WEEKDAY.en[isoWeekday]} ${d} ${MONTH_ABBR[m]}`
    : `${m}月${d}日 ${ISO_WEEKDAY.zh[isoWeekday]}`;
}
