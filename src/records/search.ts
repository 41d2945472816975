import type { RecordSource } from "../callkit/source.js";
import type { SearchQuery } from "../query/types.js";
import { createNewestRecords } from "../report/newest.js";
import { createSummaryAccumulator } from "../report/summary.js";
import { scanQuery } from "./scan-query.js";
import type { SearchResult } from "./types.js";

/**
 * One page of a search and the figures of all of it, reading the window once as a stream:
 * memory is the summary's fixed size plus (pageIndex + 1) × pageSize records.
 */
export async function runSearch(
  source: RecordSource,
  query: SearchQuery,
  options: {
    pageIndex?: number;
    signal?: AbortSignal;
    /** Records read so far, across every planned scan (for "still reading…" notices). */
    onProgress?: (progress: { recordsRead: number }) => void;
  } = {},
): Promise<SearchResult> {
  const requestedPage = options.pageIndex ?? 0;
  if (!Number.isInteger(requestedPage) || requestedPage < 0) {
    throw new RangeError(`pageIndex must be a whole number ≥ 0, got ${requestedPage}`);
  }
  const summary = createSummaryAccumulator({ window: query.window });
  const newest = createNewestRecords(query.pageSize * (requestedPage + 1));
  const requestIds: string[] = [];
  let upstreamRequests = 0;
  let skipped = { records: 0, requestIds: [] as string[] };
  const records = scanQuery(source, query, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (progress) => {
      upstreamRequests = progress.pages;
      if (progress.skipped > 0) {
        skipped = { records: progress.skipped, requestIds: progress.skippedRequestIds };
      }
      if (progress.requestId && requestIds.length < 100) requestIds.push(progress.requestId);
      options.onProgress?.({ recordsRead: progress.records });
    },
  });
  for await (const record of records) {
    summary.add(record);
    newest.add(record);
  }

  const figures = summary.result();
  const pageCount = Math.max(1, Math.ceil(figures.total / query.pageSize));
  // A page past the end (a stale button after calls aged out) shows the last page instead.
  const pageIndex = Math.min(requestedPage, pageCount - 1);
  const kept = newest.newestFirst();
  const page = kept.slice(pageIndex * query.pageSize, (pageIndex + 1) * query.pageSize);

  return {
    query,
    summary: figures,
    page,
    pageIndex,
    pageCount,
    upstreamRequests,
    requestIds,
    source: source.describeSource?.() ?? { kind: "vendor" },
    ...(skipped.records > 0 ? { skipped } : {}),
  };
}
