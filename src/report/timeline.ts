import type { CallRecord } from "../callkit/schemas.js";

/**
 * Calls over time by result, counted as the stream passes: a fixed number of buckets (at most
 * MAX_BUCKETS) times the results seen, whatever the number of records. Buckets are whole steps
 * of TIMELINE_STEPS aligned on the window's start, so a chart's bars are round periods.
 */
export interface Timeline {
  /** Epoch seconds where the first bucket starts (the window's start). */
  startTs: number;
  /** The window's end: the last bucket may be cut short by it. */
  endTs: number;
  bucketSeconds: number;
  /** Calls started in each bucket, per result; every array has `bucketCount` entries. */
  byResult: Record<string, number[]>;
  bucketCount: number;
}

export const MAX_BUCKETS = 48;

/** 5 min … 1 day: the first that keeps a window within MAX_BUCKETS. */
export const TIMELINE_STEPS = [300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

export function bucketSecondsFor(window: { startTs: number; endTs: number }): number {
  const span = Math.max(1, window.endTs - window.startTs);
  for (const step of TIMELINE_STEPS) if (span / step <= MAX_BUCKETS) return step;
  // Longer than 48 days: whole days, as many as it takes to stay within MAX_BUCKETS.
  return 86_400 * Math.ceil(span / 86_400 / MAX_BUCKETS);
}

export interface TimelineAccumulator {
  add(record: CallRecord): void;
  result(): Timeline;
}

export function createTimelineAccumulator(window: {
  startTs: number;
  endTs: number;
}): TimelineAccumulator {
  const bucketSeconds = bucketSecondsFor(window);
  const bucketCount = Math.max(1, Math.ceil((window.endTs - window.startTs) / bucketSeconds));
  // Null prototype: a vendor result such as "__proto__" is just a key.
  const byResult: Record<string, number[]> = Object.create(null);
  return {
    add(record) {
      const offset = record.startCallTs - window.startTs;
      if (offset < 0 || record.startCallTs >= window.endTs) return;
      const bucket = Math.floor(offset / bucketSeconds);
      let counts = byResult[record.callResult];
      if (!counts) {
        counts = new Array<number>(bucketCount).fill(0);
        byResult[record.callResult] = counts;
      }
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    },
    result() {
      return {
        startTs: window.startTs,
        endTs: window.endTs,
        bucketSeconds,
        bucketCount,
        byResult: Object.fromEntries(
          Object.entries(byResult).map(([result, counts]) => [result, [...counts]]),
        ),
      };
    },
  };
}
