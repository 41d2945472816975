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

export type DurationUnit = "minute" | "hour" | "day" | "week" | "month";

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

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

export interface TimeFacts {
  /** Phrases that name a time, as typed (for messages). */
  phrases: string[];
  rolling: Duration[];
  week?: "this" | "last";
  /** Whole days named by words (today, 昨天, monday, 11/25): offsets resolved to dates. */
  days: WallDate[];
  part?: { part: Part; explicitToday: boolean };
  points: { start: ClockPoint; end?: ClockPoint }[];
  since: boolean;
  before: boolean;
  untilNow: boolean;
  /** Phrases that point into the future (`tomorrow`, `next week`). */
  future: string[];
}

export function emptyFacts(): TimeFacts {
  return {
    phrases: [],
    rolling: [],
    days: [],
    points: [],
    since: false,
    before: false,
    untilNow: false,
    future: [],
  };
}

export function hasTime(facts: TimeFacts): boolean {
  return (
    facts.rolling.length > 0 ||
    facts.week !== undefined ||
    facts.days.length > 0 ||
    facts.part !== undefined ||
    facts.points.length > 0 ||
    facts.future.length > 0
  );
}
