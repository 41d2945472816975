import { type ClockPoint, type Duration, PART_HOURS, type TimeFacts } from "./facts.js";
import {
  addDays,
  addMonths,
  instantOf,
  startOfDay,
  type WallDate,
  type WallTime,
  wallClock,
} from "./wall.js";

/** Turns the time facts of a query into one window of instants (ms), or says why it cannot. */

export interface Span {
  startMs: number;
  endMs: number;
  /** True when no time words were given. */
  isDefault: boolean;
}

export type TimeProblem =
  | { problem: "future"; phrase: string }
  | { problem: "two-windows"; phrase: string }
  | { problem: "two-days"; phrase: string }
  | { problem: "needs-time"; phrase: string }
  | { problem: "end-before-start"; phrase: string };

const HOUR = 3_600_000;
const MINUTE = 60_000;
const AROUND = 30 * MINUTE;
export const DEFAULT_SPAN_MS = 24 * HOUR;

export function resolveTime(facts: TimeFacts, nowMs: number, timeZone: string): Span | TimeProblem {
  const wall = wallClock(nowMs, timeZone);
  const today: WallDate = { year: wall.year, month: wall.month, day: wall.day };
  const phrase = facts.phrases.join(" ");
  if (facts.future.length > 0) return { problem: "future", phrase: facts.future[0] ?? phrase };

  const kinds =
    (facts.rolling.length > 0 ? 1 : 0) +
    (facts.week ? 1 : 0) +
    (facts.days.length + facts.points.length > 0 || facts.part ? 1 : 0);
  if (kinds > 1 || facts.rolling.length > 1) return { problem: "two-windows", phrase };

  const span = (startMs: number, endMs: number): Span | TimeProblem => {
    if (startMs >= nowMs) return { problem: "future", phrase };
    if (endMs <= startMs) return { problem: "end-before-start", phrase };
    return { startMs, endMs: Math.min(endMs, nowMs), isDefault: false };
  };

  const rolling = facts.rolling[0];
  if (rolling) return span(rollBack(rolling, nowMs, wall, timeZone), nowMs);

  if (facts.week) {
    const monday = addDays(today, 1 - wall.isoWeekday);
    if (facts.week === "this") return span(startOfDay(monday, timeZone), nowMs);
    return span(startOfDay(addDays(monday, -7), timeZone), startOfDay(monday, timeZone));
  }

  const distinctDays = new Map(facts.days.map((d) => [`${d.year}-${d.month}-${d.day}`, d]));
  if (distinctDays.size > 1) return { problem: "two-days", phrase };
  const anchor = [...distinctDays.values()][0];

  const toInstant = (point: ClockPoint, date: WallDate): number => {
    if (point.instantMs !== undefined) return point.instantMs;
    let hour = point.hour;
    // "this afternoon at 3": the part of the day supplies the missing pm.
    if (!point.meridiemCertain && hour < 12 && facts.part && PART_HOURS[facts.part.part][0] >= 12)
      hour += 12;
    if (point.offsetMinutes !== undefined) {
      return (
        Date.UTC(date.year, date.month - 1, date.day, hour, point.minute) -
        point.offsetMinutes * MINUTE
      );
    }
    return instantOf(date, hour, point.minute, timeZone);
  };
  /** A clock time without a day is the most recent past one. */
  const place = (point: ClockPoint): { ms: number; date: WallDate } => {
    const explicit = point.date ?? anchor;
    if (explicit) return { ms: toInstant(point, explicit), date: explicit };
    if (point.instantMs !== undefined) {
      const w = wallClock(point.instantMs, timeZone);
      return { ms: point.instantMs, date: { year: w.year, month: w.month, day: w.day } };
    }
    const ms = toInstant(point, today);
    if (ms <= nowMs) return { ms, date: today };
    const yesterday = addDays(today, -1);
    return { ms: toInstant(point, yesterday), date: yesterday };
  };

  const ranges = facts.points.filter((p) => p.end);
  if (ranges.length > 1 || (ranges.length === 1 && facts.points.length > 1)) {
    return { problem: "two-windows", phrase };
  }
  const range = ranges[0];
  const twoPoints = facts.points.length === 2 && !range;
  if (range?.end || twoPoints) {
    const first = range ? range.start : facts.points[0]!.start;
    const second = range ? range.end! : facts.points[1]!.start;
    const start = place(first);
    const endDate = second.date ?? (second.instantMs === undefined ? start.date : undefined);
    let endMs = endDate ? toInstant(second, endDate) : place(second).ms;
    // Range ends lose their meridiem (昨天下午3点到5点 → 05:00): take the first later reading.
    if (endMs <= start.ms && !second.meridiemCertain && second.hour < 12 && !second.date) {
      endMs = toInstant({ ...second, hour: second.hour + 12, meridiemCertain: true }, start.date);
    }
    if (endMs <= start.ms && !second.date && endDate) {
      endMs = toInstant(second, addDays(endDate, 1));
    }
    return span(start.ms, endMs);
  }
  if (facts.points.length > 2) return { problem: "two-windows", phrase };

  const single = facts.points[0]?.start;
  if (single) {
    const { ms, date } = place(single);
    if (facts.since || facts.untilNow) return span(ms, nowMs);
    if (facts.before) return span(startOfDay(date, timeZone), ms);
    return span(ms - AROUND, ms + AROUND);
  }

  if (facts.part) {
    const [from, to] = PART_HOURS[facts.part.part];
    let date = anchor ?? today;
    // A bare part of the day is the most recent one that has begun.
    if (!anchor && !facts.part.explicitToday && instantOf(today, from, 0, timeZone) > nowMs) {
      date = addDays(today, -1);
    }
    const startMs = instantOf(date, from, 0, timeZone);
    if (facts.since || facts.untilNow) return span(startMs, nowMs);
    if (facts.before) return { problem: "needs-time", phrase };
    return span(startMs, partEnd(date, to, timeZone));
  }

  if (anchor) {
    const startMs = startOfDay(anchor, timeZone);
    if (facts.before) return { problem: "needs-time", phrase };
    if (facts.since || facts.untilNow) return span(startMs, nowMs);
    return span(startMs, startOfDay(addDays(anchor, 1), timeZone));
  }

  if (facts.since || facts.before) return { problem: "needs-time", phrase };
  return { startMs: nowMs - DEFAULT_SPAN_MS, endMs: nowMs, isDefault: true };
}

function partEnd(date: WallDate, endHour: number, timeZone: string): number {
  return instantOf(addDays(date, Math.floor(endHour / 24)), endHour % 24, 0, timeZone);
}

/** Minutes and hours are exact; days, weeks and months are on the calendar (DST days differ). */
function rollBack(duration: Duration, nowMs: number, wall: WallTime, timeZone: string): number {
  const { amount, unit } = duration;
  if (unit === "minute") return nowMs - amount * MINUTE;
  if (unit === "hour") return nowMs - amount * HOUR;
  const today: WallDate = { year: wall.year, month: wall.month, day: wall.day };
  const wholeDays = unit === "day" ? amount : unit === "week" ? amount * 7 : 0;
  if (unit === "month") {
    const date = addMonths(today, -Math.ceil(amount));
    return instantOf(date, wall.hour, wall.minute, timeZone) + wall.second * 1000;
  }
  // Fractions of a day (1.5 days) are taken as exact hours beyond the whole days.
  const whole = Math.floor(wholeDays);
  const start = instantOf(addDays(today, -whole), wall.hour, wall.minute, timeZone);
  return start + wall.second * 1000 - (wholeDays - whole) * 24 * HOUR;
}
