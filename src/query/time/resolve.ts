import type { Duration } from "./duration.js";
import { type ClockPoint, type Note, PART_HOURS, type TimeFacts } from "./facts.js";
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
  /** Decisions taken on the way (a bare 3pm read as yesterday's, ±30 min around a time). */
  notes: Note[];
}

/** A window the words name in more than one way: each is asked back as a reading. */
export interface SpanChoice {
  startMs: number;
  endMs: number;
}

export type TimeProblem =
  | { problem: "future"; phrase: string }
  | { problem: "two-windows"; phrase: string }
  | { problem: "two-days"; phrase: string }
  | { problem: "needs-time"; phrase: string }
  | { problem: "end-before-start"; phrase: string }
  | { problem: "bad-duration"; phrase: string; sign: 0 | -1 }
  | { problem: "bad-date"; phrase: string; why: Note }
  | { problem: "question"; phrase: string; choices: SpanChoice[] };

const HOUR = 3_600_000;
const MINUTE = 60_000;
const AROUND = 30 * MINUTE;
export const DEFAULT_SPAN_MS = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, "0");

export function resolveTime(facts: TimeFacts, nowMs: number, timeZone: string): Span | TimeProblem {
  const wall = wallClock(nowMs, timeZone);
  const today: WallDate = { year: wall.year, month: wall.month, day: wall.day };
  const phrase = facts.phrases.join(" ");
  const notes: Note[] = [];
  const bad = facts.badDates[0];
  if (bad) return { problem: "bad-date", phrase: bad.phrase, why: bad.why };
  if (facts.badDuration) return { problem: "bad-duration", ...facts.badDuration };
  if (facts.future.length > 0) return { problem: "future", phrase: facts.future[0] ?? phrase };

  const points: TimeFacts["points"] = [
    ...facts.points,
    ...facts.ago.map((duration) => ({
      start: {
        hour: 0,
        minute: 0,
        meridiemCertain: true,
        instantMs: rollBack(duration, nowMs, wall, timeZone),
      },
    })),
  ];
  const kinds =
    (facts.rolling.length > 0 ? 1 : 0) +
    (facts.week ? 1 : 0) +
    (facts.days.length + points.length > 0 || facts.part ? 1 : 0);
  if (kinds > 1 || facts.rolling.length > 1) return { problem: "two-windows", phrase };

  const span = (startMs: number, endMs: number): Span | TimeProblem => {
    if (startMs >= nowMs) return { problem: "future", phrase };
    if (endMs <= startMs) return { problem: "end-before-start", phrase };
    return { startMs, endMs: Math.min(endMs, nowMs), isDefault: false, notes };
  };
  const choice = (startMs: number, endMs: number): SpanChoice | undefined =>
    startMs < nowMs && endMs > startMs ? { startMs, endMs: Math.min(endMs, nowMs) } : undefined;
  const question = (choices: (SpanChoice | undefined)[]): TimeProblem => {
    const valid = choices.filter((c): c is SpanChoice => c !== undefined);
    return valid.length >= 2
      ? { problem: "question", phrase, choices: valid }
      : { problem: "end-before-start", phrase };
  };

  const rolling = facts.rolling[0];
  if (rolling) return span(rollBack(rolling, nowMs, wall, timeZone), nowMs);

  if (facts.week) {
    const monday = addDays(today, 1 - wall.isoWeekday);
    if (facts.week === "this") return span(startOfDay(monday, timeZone), nowMs);
    return span(startOfDay(addDays(monday, -7), timeZone), startOfDay(monday, timeZone));
  }

  const dayKey = (d: WallDate) => `${d.year}-${d.month}-${d.day}`;
  const distinctDays = new Map(facts.days.map((d) => [dayKey(d), d]));
  const marked = facts.since || facts.before || facts.from || facts.rangeWord;
  if (distinctDays.size === 2 && facts.days.length === 2 && points.length === 0 && marked) {
    // Both ends named: a range of whole days, in the order typed.
    const order = [0, 1].sort(
      (a, b) => (facts.dayPositions[a] ?? 0) - (facts.dayPositions[b] ?? 0),
    );
    const first = facts.days[order[0]!]!;
    const last = facts.days[order[1]!]!;
    const startMs = startOfDay(first, timeZone);
    const endMs = startOfDay(addDays(last, 1), timeZone);
    if (startMs < endMs) return span(startMs, endMs);
    const swapped = choice(startOfDay(last, timeZone), startOfDay(addDays(first, 1), timeZone));
    const weekEarlier = facts.weekdayDays.includes(order[0]!)
      ? choice(startOfDay(addDays(first, -7), timeZone), endMs)
      : undefined;
    return question([weekEarlier, swapped]);
  }
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
  /** A clock time without a day is the most recent past one (and the reply says so). */
  const place = (point: ClockPoint, say = true): { ms: number; date: WallDate } => {
    const explicit = point.date ?? anchor;
    if (explicit) return { ms: toInstant(point, explicit), date: explicit };
    if (point.instantMs !== undefined) {
      const w = wallClock(point.instantMs, timeZone);
      return { ms: point.instantMs, date: { year: w.year, month: w.month, day: w.day } };
    }
    const ms = toInstant(point, today);
    if (ms <= nowMs) return { ms, date: today };
    const clock = clockOf(ms, timeZone);
    if (say) {
      notes.push({
        en: `${clock} today is still ahead: read as yesterday's.`,
        zh: `今天${clock}还没到：按昨天的算。`,
      });
    }
    const yesterday = addDays(today, -1);
    return { ms: toInstant(point, yesterday), date: yesterday };
  };

  const ranges = points.filter((p) => p.end);
  if (ranges.length > 1 || (ranges.length === 1 && points.length > 1)) {
    return { problem: "two-windows", phrase };
  }
  const range = ranges[0];
  const twoPoints = points.length === 2 && !range;
  if (range?.end || twoPoints) {
    const first = range ? range.start : points[0]!.start;
    const second = range ? range.end! : points[1]!.start;
    const start = place(first, false);
    const endDate = second.date ?? (second.instantMs === undefined ? start.date : undefined);
    let endMs = endDate ? toInstant(second, endDate) : place(second, false).ms;
    // Range ends lose their meridiem (昨天下午3点到5点 → 05:00): take the first later reading.
    if (endMs <= start.ms && !second.meridiemCertain && second.hour < 12 && !second.date) {
      endMs = toInstant({ ...second, hour: second.hour + 12, meridiemCertain: true }, start.date);
    }
    if (endMs > start.ms) {
      // Placed on the same day as its start, which may have moved to yesterday.
      if (!first.date && !anchor && first.instantMs === undefined && start.date !== today) {
        place(first);
      }
      return span(start.ms, endMs);
    }
    const clockOnly = !first.date && !second.date && first.instantMs === undefined;
    if (!clockOnly || second.instantMs !== undefined)
      return { problem: "end-before-start", phrase };
    // `between 5pm and 3pm`: overnight (17:00 the day before → 15:00), or the two swapped.
    const endDay = anchor ?? place(second, false).date;
    return question([
      choice(toInstant(first, addDays(endDay, -1)), toInstant(second, endDay)),
      choice(toInstant(second, endDay), toInstant(first, endDay)),
    ]);
  }
  if (points.length > 2) return { problem: "two-windows", phrase };

  const single = points[0]?.start;
  if (single) {
    const { ms, date } = place(single);
    if (facts.since || facts.untilNow || facts.from) return span(ms, nowMs);
    if (facts.before) return span(startOfDay(date, timeZone), ms);
    const clock = clockOf(ms, timeZone);
    notes.push({
      en: `${clock}: 30 minutes either side.`,
      zh: `${clock}：前后各30分钟。`,
    });
    return span(ms - AROUND, ms + AROUND);
  }

  if (facts.part) {
    const [from, to] = PART_HOURS[facts.part.part];
    let date = anchor ?? today;
    // A bare part of the day is the most recent one that has begun.
    if (!anchor && !facts.part.explicitToday && instantOf(today, from, 0, timeZone) > nowMs) {
      date = addDays(today, -1);
      notes.push({
        en: `That part of today has not begun: read as yesterday's.`,
        zh: "今天的这个时段还没开始：按昨天的算。",
      });
    }
    const startMs = instantOf(date, from, 0, timeZone);
    if (facts.since || facts.untilNow || facts.from) return span(startMs, nowMs);
    if (facts.before) return { problem: "needs-time", phrase };
    return span(startMs, partEnd(date, to, timeZone));
  }

  if (anchor) {
    const startMs = startOfDay(anchor, timeZone);
    if (facts.before) return { problem: "needs-time", phrase };
    if (facts.since || facts.untilNow || facts.from) return span(startMs, nowMs);
    return span(startMs, startOfDay(addDays(anchor, 1), timeZone));
  }

  if (facts.since || facts.before) return { problem: "needs-time", phrase };
  return { startMs: nowMs - DEFAULT_SPAN_MS, endMs: nowMs, isDefault: true, notes };
}

function clockOf(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

function partEnd(date: WallDate, endHour: number, timeZone: string): number {
  return instantOf(addDays(date, Math.floor(endHour / 24)), endHour % 24, 0, timeZone);
}

/**
 * The instant a duration before now: months and days on the calendar (a DST day is 23 or 25
 * hours), then the exact part (hours, minutes, fractions of a day).
 */
export function rollBack(
  duration: Duration,
  nowMs: number,
  wall: WallTime,
  timeZone: string,
): number {
  if (duration.months === 0 && duration.days === 0) return nowMs - duration.ms;
  const today: WallDate = { year: wall.year, month: wall.month, day: wall.day };
  const date = addDays(addMonths(today, -duration.months), -duration.days);
  return instantOf(date, wall.hour, wall.minute, timeZone) + wall.second * 1000 - duration.ms;
}
