import type { Duration } from "./duration.js";
import type { WallDate } from "./wall.js";

/** What the time words of a query say, before they are turned into one window. */

export type Part = "morning" | "noon" | "afternoon" | "evening" | "night" | "small-hours";

/** [start hour, end hour) of each part of the day; night runs to 06:00 the next day. */
export const PART_HOURS: Record<Part, [number, number]> = {
  "small-hours": [0, 6],
  morning: [6, 12],
  noon: [11, 13],
  afternoon: [12, 18],
  evening: [18, 24],
  night: [18, 30],
};

export type { Duration } from "./duration.js";

/** A clock time as written: only what the text says for certain. */
export interface ClockPoint {
  date?: WallDate;
  hour: number;
  minute: number;
  meridiemCertain: boolean;
  /** An explicit zone written in the text (`PST`, `+08:00`), in minutes east of UTC. */
  offsetMinutes?: number;
  /** Already an instant (`2 hours ago`). */
  instantMs?: number;
}

/** A short line for the reply, in both languages (the query's language is chosen later). */
export interface Note {
  en: string;
  zh: string;
}

/** A date-shaped token with two valid readings (`11/12`): the parser asks or decides. */
export interface DateFork {
  phrase: string;
  /** Month/day first, then day/month. */
  options: WallDate[];
  /** Where it was written. */
  at: number;
}

export interface TimeFacts {
  /** Phrases that name a time, as typed (for messages). */
  phrases: string[];
  rolling: Duration[];
  /** `2 hours ago`, `3天前`: instants, turned into points on the user's clock when resolved. */
  ago: Duration[];
  week?: "this" | "last";
  /** Whole days named by words (today, 昨天, monday, 11/25): offsets resolved to dates. */
  days: WallDate[];
  /** Where in the text each entry of `days` was written (a range runs in the order typed). */
  dayPositions: number[];
  /** For each entry of `days` that came from a weekday word, its index. */
  weekdayDays: number[];
  part?: { part: Part; explicitToday: boolean };
  points: { start: ClockPoint; end?: ClockPoint }[];
  since: boolean;
  before: boolean;
  untilNow: boolean;
  /** `from`, `从`, `自`: the start of a window (since, when no end is named). */
  from: boolean;
  /** `to`, `到`, `-` between two days: both ends are named. */
  rangeWord: boolean;
  /** Phrases that point into the future (`tomorrow`, `next week`). */
  future: string[];
  /** A duration that is zero or negative: refused with a reason. */
  badDuration?: { phrase: string; sign: 0 | -1 };
  /** Date-shaped tokens that are not dates (`2026-02-30`, `13/13`), with the reason. */
  badDates: { phrase: string; why: Note }[];
  dateForks: DateFork[];
  notes: Note[];
}

export function emptyFacts(): TimeFacts {
  return {
    phrases: [],
    rolling: [],
    ago: [],
    days: [],
    dayPositions: [],
    weekdayDays: [],
    points: [],
    since: false,
    before: false,
    untilNow: false,
    from: false,
    rangeWord: false,
    future: [],
    badDates: [],
    dateForks: [],
    notes: [],
  };
}

export function hasTime(facts: TimeFacts): boolean {
  return (
    facts.rolling.length > 0 ||
    facts.ago.length > 0 ||
    facts.week !== undefined ||
    facts.days.length > 0 ||
    facts.part !== undefined ||
    facts.points.length > 0 ||
    facts.future.length > 0 ||
    facts.dateForks.length > 0
  );
}
