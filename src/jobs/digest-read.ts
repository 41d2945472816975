import type { CallRecord } from "../callkit/schemas.js";
import type { CallFilter } from "../query/types.js";
import {
  createDigestAccumulator,
  createResultCounter,
  type DigestDay,
  type DigestReport,
  type ResultCounts,
} from "../report/digest.js";
import type { ScanFilter } from "../service/types.js";

/**
 * Reads one local day through the paginated iterator and aggregates as it goes: constant memory
 * (see report/digest.ts for the caller map), and the client's own rate limiter keeps us inside
 * the vendor's 200 requests/s. CallKitClient satisfies DigestRecordSource.
 */
export interface DigestRecordSource {
  scan(
    filter: ScanFilter,
    options?: { signal?: AbortSignal; pageSize?: number },
  ): AsyncIterable<CallRecord>;
}

/**
 * What the API can filter (one result, one type) goes upstream; the rest (media, users, several
 * results) is matched here. Window by call start, [startTs, endTs).
 */
export function upstreamFilter(filter: CallFilter, day: DigestDay): ScanFilter {
  return {
    startTimestamp: day.startTs,
    endTimestamp: day.endTs,
    ...(filter.results.length === 1 ? { callResult: filter.results[0] } : {}),
    ...(filter.callTypes.length === 1 ? { callType: filter.callTypes[0] } : {}),
  };
}

export function matchesFilter(record: CallRecord, filter: CallFilter): boolean {
  if (filter.results.length > 0 && !filter.results.includes(record.callResult)) return false;
  if (filter.callTypes.length > 0 && !(filter.callTypes as string[]).includes(record.callType))
    return false;
  if (filter.mediaTypes.length > 0 && !(filter.mediaTypes as string[]).includes(record.mediaType))
    return false;
  const { caller, callee, either } = filter.users;
  if (caller.length > 0 && !caller.includes(record.caller)) return false;
  if (callee.length > 0 && !record.callees.some((id) => callee.includes(id))) return false;
  if (
    either.length > 0 &&
    !either.includes(record.caller) &&
    !record.callees.some((id) => either.includes(id))
  )
    return false;
  return true;
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
  ]);
}

export interface ReadOptions {
  signal?: AbortSignal;
  pageSize?: number;
}

export async function readDigestDay(
  source: DigestRecordSource,
  day: DigestDay,
  filter: CallFilter,
  previous: ResultCounts | undefined,
  options: ReadOptions = {},
): Promise<DigestReport> {
  const accumulator = createDigestAccumulator(day);
  for await (const record of source.scan(upstreamFilter(filter, day), options)) {
    if (matchesFilter(record, filter)) accumulator.add(record);
  }
  return accumulator.result(previous);
}

/** Only the counts by result of a day: for ▲/▼ when the day before's digest stored none. */
export async function readResultCounts(
  source: DigestRecordSource,
  day: DigestDay,
  filter: CallFilter,
  options: ReadOptions = {},
): Promise<ResultCounts> {
  const counter = createResultCounter(day);
  for await (const record of source.scan(upstreamFilter(filter, day), options)) {
    if (matchesFilter(record, filter)) counter.add(record);
  }
  return counter.result();
}
