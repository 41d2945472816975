import type { CallRecord, RecordsFilter } from "../callkit/schemas.js";
import type { SearchQuery } from "../query/types.js";
import type { Summary } from "../report/summary.js";

/** Shapes of the service layer, apart from the code, so renderers can use them without the I/O. */

export type ScanFilter = Omit<RecordsFilter, "page" | "numberPerPage">;

export interface ScanProgress {
  pages: number;
  records: number;
  totalNum?: number;
  /** The upstream request behind the latest page, when the source knows it. */
  requestId?: string;
}

/**
 * Where records come from: the vendor (CallKitClient satisfies this) or, later, callscope's
 * archive. Kept to the two calls the service needs.
 */
export interface RecordSource {
  scan(
    filter: ScanFilter,
    options?: { signal?: AbortSignal; onProgress?: (progress: ScanProgress) => void },
  ): AsyncIterable<CallRecord>;
  getRecordByCallId(
    callId: string,
    options?: { signal?: AbortSignal },
  ): Promise<CallRecord | undefined>;
  /** An archive says so (and since when); absent means the vendor. */
  readonly describeSource?: () => SearchSource;
}

export type SearchSource = { kind: "vendor" } | { kind: "archive"; syncedAt: Date };

export interface SearchResult {
  query: SearchQuery;
  summary: Summary;
  /** Newest first, query.pageSize of them at most. */
  page: CallRecord[];
  /** 0-based. */
  pageIndex: number;
  /** ceil(summary.total / pageSize), at least 1. */
  pageCount: number;
  /** For logs. */
  upstreamRequests: number;
  requestIds: string[];
  source: SearchSource;
}

export interface CallStory {
  record: CallRecord;
  /** The same users' other calls within ±1 h, by start time. */
  around: CallRecord[];
}

export interface LookupResult {
  found: CallStory[];
  notFound: string[];
}
