import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource, ScanOptions } from "../callkit/source.js";
import { plan } from "../query/plan.js";
import type { CallFilter, TimeWindow } from "../query/types.js";

/**
 * The one record pipeline: a query's filter over its window, as plan() splits it into upstream
 * scans (what the API can filter goes upstream, the rest is matched here, window by call start,
 * [startTs, endTs)). Searches, digests, the CLI's NDJSON and the demo all read through it, so they
 * count the same calls.
 */

export type PlannedQuery = CallFilter & { window: TimeWindow };

export interface PlannedProgress {
  pages: number;
  records: number;
  requestId?: string;
  /** Records the source left out because they did not fit the contract. */
  skipped: number;
  /** Requests whose pages had such records (the first few). */
  skippedRequestIds: string[];
}

export interface ScanQueryOptions {
  signal?: AbortSignal;
  pageSize?: number;
  /** Progress added up over every planned scan (pages are upstream requests). */
  onProgress?: (progress: PlannedProgress) => void;
}

export async function* scanQuery(
  source: Pick<RecordSource, "scan">,
  query: PlannedQuery,
  options: ScanQueryOptions = {},
): AsyncGenerator<CallRecord, void, undefined> {
  const upstream = plan(query);
  let pagesBefore = 0;
  let recordsBefore = 0;
  let skippedBefore = 0;
  const skippedRequestIds: string[] = [];
  for (const filter of upstream.filters) {
    options.signal?.throwIfAborted();
    let pages = 0;
    let records = 0;
    let skipped = 0;
    const scanOptions: ScanOptions = {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      onProgress: (progress) => {
        pages = progress.pages;
        records = progress.records;
        skipped = progress.skipped ?? 0;
        for (const id of progress.skippedRequestIds ?? []) {
          if (skippedRequestIds.length < 5 && !skippedRequestIds.includes(id)) {
            skippedRequestIds.push(id);
          }
        }
        options.onProgress?.({
          pages: pagesBefore + pages,
          records: recordsBefore + records,
          skipped: skippedBefore + skipped,
          skippedRequestIds: [...skippedRequestIds],
          ...(progress.requestId ? { requestId: progress.requestId } : {}),
        });
      },
    };
    try {
      for await (const record of source.scan(filter, scanOptions)) {
        // matches() re-checks the window: the vendor's reading of endTimestamp is not documented.
        if (upstream.matches(record)) yield record;
      }
    } finally {
      pagesBefore += pages;
      recordsBefore += records;
      skippedBefore += skipped;
    }
  }
}
