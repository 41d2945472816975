import type { RecordSource } from "../callkit/source.js";
import type { CallFilter } from "../query/types.js";
import { scanQuery } from "../records/scan-query.js";
import {
  createDigestAccumulator,
  createResultCounter,
  type DigestDay,
  type DigestReport,
  type ResultCounts,
} from "../report/digest.js";

/**
 * Reads one local day through the record pipeline and aggregates as it goes: constant memory
 * (see report/digest.ts for the caller map), and the client's own rate limiter keeps us inside the
 * vendor's limit. The same plan as a search over the day, so a digest and the search its buttons
 * open count the same calls.
 */

export type DigestRecordSource = Pick<RecordSource, "scan">;

export interface ReadOptions {
  signal?: AbortSignal;
  pageSize?: number;
}

/** A stable key of a filter: figures stored under one filter are not compared with another's. */
export function filterKey(filter: CallFilter): string {
  const sorted = (values: readonly string[]) => [...values].sort();
  return JSON.stringify([
    sorted(filter.results),
    sorted(filter.callTypes),
    sorted(filter.mediaTypes),
    sorted(filter.users.caller),
    sorted(filter.users.callee),
    sorted(filter.users.either),
    sorted(filter.rooms ?? []),
  ]);
}

export interface DigestRead {
  day: DigestDay;
  filter: CallFilter;
  /** The day before's counts, for ▲/▼, when they are known already. */
  previous?: ResultCounts;
  /**
   * Count the day before as well, in the same scan (each record counted for its own day by its
   * start): one read instead of two where nothing stored them.
   */
  dayBefore?: DigestDay;
  /** The part of the days the source can still serve (the vendor keeps 7 days); default all. */
  readable?: { startTs: number; endTs: number };
}

export async function readDigest(
  source: DigestRecordSource,
  read: DigestRead,
  options: ReadOptions = {},
): Promise<DigestReport> {
  const { day, dayBefore } = read;
  const accumulator = createDigestAccumulator(day);
  const before = dayBefore ? createResultCounter(dayBefore) : undefined;
  const whole = { startTs: dayBefore?.startTs ?? day.startTs, endTs: day.endTs };
  const window = read.readable ?? whole;
  for await (const record of scanQuery(source, { ...read.filter, window }, options)) {
    if (record.startCallTs >= day.startTs) accumulator.add(record);
    else before?.add(record);
  }
  return accumulator.result(before ? before.result() : read.previous);
}

/** Only the counts by result of a day: for ▲/▼ when the day before's digest stored none. */
export async function readResultCounts(
  source: DigestRecordSource,
  day: DigestDay,
  filter: CallFilter,
  options: ReadOptions = {},
): Promise<ResultCounts> {
  const counter = createResultCounter(day);
  const window = { startTs: day.startTs, endTs: day.endTs };
  for await (const record of scanQuery(source, { ...filter, window }, options)) counter.add(record);
  return counter.result();
}
