import { TZDate } from "@date-fns/tz";

/**
 * Wall-clock arithmetic in an IANA zone. Days are added on the calendar (so a daylight-saving day
 * is 23 or 25 hours long) and only then turned into instants; nothing here reads the process zone.
 */

/** A calendar date; month is 1–12. */
export interface WallDate {
  year: number;
  month: number;
  day: number;
}

export interface WallTime extends WallDate {
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

export function wallClock(instantMs: number, timeZone: string): WallTime {
  const d = new TZDate(instantMs, timeZone);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    isoWeekday: d.getDay() === 0 ? 7 : d.getDay(),
  };
}

/** The instant (ms) of a wall-clock time in the zone; a time inside a spring-forward gap moves on. */
export function instantOf(date: WallDate, hour: number, minute: number, timeZone: string): number {
  return new TZDate(date.year, date.month - 1, date.day, hour, minute, 0, timeZone).getTime();
}

export function startOfDay(date: WallDate, timeZone: string): number {
  return instantOf(date, 0, 0, timeZone);
}

export function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addMonths(date: WallDate, months: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: Math.min(date.day, lastDay) };
}

/** Is this a real calendar date (not Feb 30)? */
export function isRealDate(date: WallDate): boolean {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return d.getUTCMonth() === date.month - 1 && d.getUTCDate() === date.day;
}
