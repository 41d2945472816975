import type { CallRecord } from "../callkit/schemas.js";
import { plan } from "../query/plan.js";
import type { CallFilter } from "../query/types.js";
import type { ScanFilter } from "../records/types.js";
import {
  createDigestAccumulator,
  createResultCounter,
  type DigestDay,
  type DigestReport,
  type ResultCounts,
} from "../report/digest.js";

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
 * The same plan as a search over the day (query's plan(): what the API can filter goes upstream,
 * the rest is matched here, window by call start, [startTs, endTs)), so a digest and the search
 * its buttons open count the same calls.
 */
async function scanPlanned(
  source: DigestRecordSource,
  day: DigestDay,
  filter: CallFilter,
  options: ReadOptions,
  add: (record: CallRecord) => void,
): Promise<void> {
  const upstream = plan({ ...filter, window: { startTs: day.startTs, endTs: day.endTs } });
  for (const scanFilter of upstream.filters) {
    for await (const record of source.scan(scanFilter, options)) {
      if (upstream.matches(record)) add(record);
    }
  }
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
  await scanPlanned(source, day, filter, options, (record) => accumulator.add(record));
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
  await scanPlanned(source, day, filter, options, (record) => counter.add(record));
  return counter.result();
}
