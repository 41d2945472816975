import { type CallRecord, isAnswered, talkSeconds } from "../callkit/schemas.js";
import { createTalkTimeHistogram } from "./talk-time.js";
import { createTimelineAccumulator, type Timeline } from "./timeline.js";

/**
 * Figures over a stream of records in constant memory: counts per result / type / media (their
 * key sets are small and bounded by the vendor's vocabulary) and a talk-time histogram.
 * Answered means completed, or interrupted after it was answered (isAnswered). Talk-time
 * figures are over answered calls only and exact up to 4 h of talk (see talk-time.ts).
 */
export interface Summary {
  total: number;
  /** Every result seen, unknown ones included. */
  byResult: Record<string, number>;
  byCallType: Record<string, number>;
  byMedia: Record<string, number>;
  answered: number;
  /** answered / total; undefined when there are no calls. */
  answerRate: number | undefined;
  /** Median talk time of answered calls (mean of the two middle values for an even count). */
  medianTalkSeconds: number | undefined;
  /** 90th percentile (nearest rank) talk time of answered calls. */
  p90TalkSeconds: number | undefined;
  /** Calls over time by result, when the summary was given the window it covers. */
  timeline?: Timeline;
}

export interface SummaryAccumulator {
  add(record: CallRecord): void;
  result(): Summary;
}

export function createSummaryAccumulator(
  options: {
    /** Count calls over time in this window as well (report/timeline.ts: fixed memory). */
    window?: { startTs: number; endTs: number };
  } = {},
): SummaryAccumulator {
  let total = 0;
  let answered = 0;
  // Null-prototype objects: a vendor value such as "__proto__" or "constructor" is just a key.
  const byResult: Record<string, number> = Object.create(null);
  const byCallType: Record<string, number> = Object.create(null);
  const byMedia: Record<string, number> = Object.create(null);
  const talk = createTalkTimeHistogram();
  const timeline = options.window ? createTimelineAccumulator(options.window) : undefined;

  return {
    add(record) {
      total++;
      bump(byResult, record.callResult);
      bump(byCallType, record.callType);
      bump(byMedia, record.mediaType);
      if (isAnswered(record)) answered++;
      const seconds = talkSeconds(record);
      if (seconds !== undefined) talk.add(seconds);
      timeline?.add(record);
    },
    result() {
      return {
        total,
        byResult: { ...byResult },
        byCallType: { ...byCallType },
        byMedia: { ...byMedia },
        answered,
        answerRate: total === 0 ? undefined : answered / total,
        medianTalkSeconds: talk.median(),
        p90TalkSeconds: talk.percentile(0.9),
        ...(timeline ? { timeline: timeline.result() } : {}),
      };
    },
  };
}

/**
 * The same figures from counts a database grouped: calls by result, type, media and whether
 * answered; talk seconds of answered calls with their counts. Equal to adding the calls one by one.
 */
export function summaryOfCounts(
  groups: Iterable<{
    callResult: string;
    callType: string;
    mediaType: string;
    answered: boolean;
    count: number;
  }>,
  talkTimes: Iterable<{ seconds: number; count: number }>,
): Summary {
  let total = 0;
  let answered = 0;
  const byResult: Record<string, number> = Object.create(null);
  const byCallType: Record<string, number> = Object.create(null);
  const byMedia: Record<string, number> = Object.create(null);
  for (const group of groups) {
    total += group.count;
    if (group.answered) answered += group.count;
    byResult[group.callResult] = (byResult[group.callResult] ?? 0) + group.count;
    byCallType[group.callType] = (byCallType[group.callType] ?? 0) + group.count;
    byMedia[group.mediaType] = (byMedia[group.mediaType] ?? 0) + group.count;
  }
  const talk = createTalkTimeHistogram();
  for (const { seconds, count } of talkTimes) for (let i = 0; i < count; i++) talk.add(seconds);
  return {
    total,
    byResult: { ...byResult },
    byCallType: { ...byCallType },
    byMedia: { ...byMedia },
    answered,
    answerRate: total === 0 ? undefined : answered / total,
    medianTalkSeconds: talk.median(),
    p90TalkSeconds: talk.percentile(0.9),
  };
}

/** Summary of records already in memory (tests, small sets). */
export function summarize(records: Iterable<CallRecord>): Summary {
  const accumulator = createSummaryAccumulator();
  for (const record of records) accumulator.add(record);
  return accumulator.result();
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
