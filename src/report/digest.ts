import { TZDate } from "@date-fns/tz";
import { type CallRecord, isAnswered, isFailedResult } from "../callkit/schemas.js";
import {
  addDays,
  clockTime,
  type LocalDate,
  localDateParts,
  yesterdayOf,
} from "../time/calendar.js";
import { utcOffsetLabel } from "../time/format.js";
import { createSummaryAccumulator, type Summary } from "./summary.js";

/**
 * The figures of one digest: one local day of a time zone, read as a stream. Memory is fixed
 * except for the failed-call count per caller, which is a Map over the distinct callers that had a
 * failed call: about 100 bytes each, so 100,000 such callers cost ~10 MB. That is the realistic
 * ceiling for one app's day; an exact top 5 needs the full count, so we keep it rather than a
 * sketch that could misrank close callers.
 */

export interface HourSlot {
  /** Epoch seconds where this hour starts. */
  startTs: number;
  /** "14:00"; on a day with a repeated hour both copies carry their UTC offset ("01:00 −07"). */
  label: string;
}

export interface DigestDay {
  localDate: LocalDate;
  timeZone: string;
  /** [startTs, endTs) in epoch seconds: local midnight to the next local midnight. */
  startTs: number;
  endTs: number;
  /** 24 hours, or 23 / 25 on a DST change day. */
  hours: HourSlot[];
}

/** Epoch ms of local midnight starting `date` (or the first instant of the day if midnight is skipped). */
function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const [y, m, d] = localDateParts(date);
  return new TZDate(y, m - 1, d, timeZone).getTime();
}

export function digestDay(localDate: LocalDate, timeZone: string): DigestDay {
  const startMs = startOfLocalDay(localDate, timeZone);
  const endMs = startOfLocalDay(addDays(localDate, 1), timeZone);
  const hours: HourSlot[] = [];
  for (let ms = startMs; ms < endMs; ms += 3_600_000) {
    const local = new TZDate(ms, timeZone);
    const label = clockTime(local.getHours(), local.getMinutes());
    hours.push({ startTs: ms / 1000, label });
  }
  const seen = new Map<string, number>();
  for (const slot of hours) seen.set(slot.label, (seen.get(slot.label) ?? 0) + 1);
  for (const slot of hours) {
    if ((seen.get(slot.label) ?? 0) > 1) {
      slot.label = `${slot.label} ${utcOffsetLabel(slot.startTs * 1000, timeZone)}`;
    }
  }
  return { localDate, timeZone, startTs: startMs / 1000, endTs: endMs / 1000, hours };
}

export function previousDay(now: Date, timeZone: string): DigestDay {
  return digestDay(yesterdayOf(now, timeZone), timeZone);
}

/**
 * The same weekday one week earlier, as a local calendar day: 7 calendar days back, so a week
 * that crosses a DST change still compares midnight to midnight (never `startTs − 7 × 86400`).
 */
export function sameDayLastWeek(day: DigestDay): DigestDay {
  return digestDay(addDays(day.localDate, -7), day.timeZone);
}

export interface CallerCount {
  caller: string;
  count: number;
}

export interface ResultCounts {
  total: number;
  byResult: Record<string, number>;
  /** Connected calls (isAnswered); absent in figures stored before it was counted. */
  answered?: number;
  /** Calls started in each hour slot of that day; absent in figures stored before charts. */
  perHour?: number[];
}

export interface DigestReport {
  day: DigestDay;
  summary: Summary;
  /** Calls started in each slot of `day.hours`. */
  perHour: number[];
  /** The same per result (what the chart stacks): one array of `day.hours.length` per result seen. */
  perHourByResult: Record<string, number[]>;
  /** The first slot with the most calls; undefined on a day without calls. */
  busiestHour: { slot: HourSlot; count: number } | undefined;
  /** At most 5, most failed first; ties by caller id so the order is stable. */
  topFailedCallers: CallerCount[];
  failed: number;
  interrupted: number;
  /** The failed results seen that day (for a search that finds exactly those calls). */
  failedResults: string[];
  /** The day before under the same filter, when known: for ▲/▼. */
  previous: ResultCounts | undefined;
  /** The same weekday a week earlier under the same filter, when the archive covers it. */
  weekAgo?: WeekAgo;
  /** Records given that started outside the day (ignored, but counted: a source bug shows up). */
  outside: number;
}

export interface WeekAgo {
  day: DigestDay;
  counts: ResultCounts;
}

export interface DigestAccumulator {
  add(record: CallRecord): void;
  result(previous?: ResultCounts): DigestReport;
}

export const TOP_CALLERS = 5;

export function createDigestAccumulator(day: DigestDay): DigestAccumulator {
  const summary = createSummaryAccumulator();
  const perHour = new Array<number>(day.hours.length).fill(0);
  // Null prototype: a vendor result such as "__proto__" is just a key. Bounded by the results seen.
  const perHourByResult: Record<string, number[]> = Object.create(null);
  const failedByCaller = new Map<string, number>();
  let failed = 0;
  let interrupted = 0;
  let outside = 0;

  return {
    add(record) {
      if (record.startCallTs < day.startTs || record.startCallTs >= day.endTs) {
        outside++;
        return;
      }
      summary.add(record);
      const slot = Math.floor((record.startCallTs - day.startTs) / 3600);
      perHour[slot] = (perHour[slot] ?? 0) + 1;
      let ofResult = perHourByResult[record.callResult];
      if (!ofResult) {
        ofResult = new Array<number>(day.hours.length).fill(0);
        perHourByResult[record.callResult] = ofResult;
      }
      ofResult[slot] = (ofResult[slot] ?? 0) + 1;
      if (record.callResult === "interrupt") interrupted++;
      if (isFailedResult(record.callResult)) {
        failed++;
        failedByCaller.set(record.caller, (failedByCaller.get(record.caller) ?? 0) + 1);
      }
    },
    result(previous) {
      return digestReportOf(
        day,
        {
          summary: summary.result(),
          perHour,
          perHourByResult,
          failedByCaller,
          failed,
          interrupted,
          outside,
        },
        previous,
      );
    },
  };
}

/** What a digest counts of its day, however it was counted (record by record, or by a database). */
export interface DayCounts {
  summary: Summary;
  /** Calls started in each slot of `day.hours`. */
  perHour: readonly number[];
  /** The same per result (what the chart stacks). */
  perHourByResult: Readonly<Record<string, readonly number[]>>;
  /** Failed calls per caller: all callers, or at least every one that can be in the top 5. */
  failedByCaller: Iterable<[string, number]>;
  failed: number;
  interrupted: number;
  outside: number;
}

export function digestReportOf(
  day: DigestDay,
  counts: DayCounts,
  previous?: ResultCounts,
): DigestReport {
  const { summary: figures, perHour } = counts;
  let busiestHour: DigestReport["busiestHour"];
  perHour.forEach((count, index) => {
    const slot = day.hours[index];
    if (slot && count > 0 && (!busiestHour || count > busiestHour.count)) {
      busiestHour = { slot, count };
    }
  });
  return {
    day,
    summary: figures,
    perHour: [...perHour],
    perHourByResult: Object.fromEntries(
      Object.entries(counts.perHourByResult).map(([result, hours]) => [result, [...hours]]),
    ),
    busiestHour,
    topFailedCallers: topCallers(counts.failedByCaller, TOP_CALLERS),
    failed: counts.failed,
    interrupted: counts.interrupted,
    failedResults: Object.keys(figures.byResult).filter(isFailedResult).sort(),
    previous,
    outside: counts.outside,
  };
}

/** Top `n` of a count map in one pass, keeping only `n` candidates (no sort of the whole map). */
function topCallers(counts: Iterable<[string, number]>, n: number): CallerCount[] {
  const top: CallerCount[] = [];
  const before = (a: CallerCount, b: CallerCount) =>
    a.count > b.count || (a.count === b.count && a.caller < b.caller);
  for (const [caller, count] of counts) {
    const candidate = { caller, count };
    if (top.length === n && !before(candidate, top[n - 1] as CallerCount)) continue;
    let index = top.findIndex((entry) => before(candidate, entry));
    if (index === -1) index = top.length;
    top.splice(index, 0, candidate);
    if (top.length > n) top.pop();
  }
  return top;
}

/** Counts by result only: what the day before needs for the ▲/▼ comparison. */
export function createResultCounter(day: DigestDay) {
  let total = 0;
  let answered = 0;
  const byResult: Record<string, number> = Object.create(null);
  const perHour = new Array<number>(day.hours.length).fill(0);
  return {
    add(record: CallRecord) {
      if (record.startCallTs < day.startTs || record.startCallTs >= day.endTs) return;
      total++;
      const slot = Math.floor((record.startCallTs - day.startTs) / 3600);
      perHour[slot] = (perHour[slot] ?? 0) + 1;
      if (isAnswered(record)) answered++;
      byResult[record.callResult] = (byResult[record.callResult] ?? 0) + 1;
    },
    result(): ResultCounts {
      return { total, byResult: { ...byResult }, answered, perHour: [...perHour] };
    },
  };
}
