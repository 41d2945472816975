import type { CallRecord, RecordsFilter } from "./schemas.js";

/**
 * What every source of call records offers, defined once: the vendor's client, the archive, and
 * the routing that splits a window between them all satisfy it, so searches, lookups, digests,
 * the archive sync and the CLI read records the same way whoever holds them.
 */

/** A records filter without paging: sources page for themselves. */
export type ScanFilter = Omit<RecordsFilter, "page" | "numberPerPage">;

export interface ScanProgress {
  pages: number;
  records: number;
  totalNum?: number;
  /** The upstream request behind the latest page, when the source knows it. */
  requestId?: string;
  /** Records left out so far because they did not fit the contract (the vendor's scan). */
  skipped?: number;
  /** The requests whose pages had such records (the first few), for "N skipped (requestId …)". */
  skippedRequestIds?: string[];
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Records asked for per page (sources that page); default 100. */
  pageSize?: number;
  /** Pages in flight at once when the total is known; sources that cannot, ignore it. */
  concurrency?: number;
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Whose scan this is, for the rate limiter: `background` (the archive sync) waits behind every
   * person's request, so it may keep more pages in flight; default `interactive`.
   */
  priority?: "interactive" | "background";
}

/** Who answered: the reply says "from callscope's archive, synced …" for the archive. */
export type SearchSource = { kind: "vendor" } | { kind: "archive"; syncedAt: Date };

export interface RecordSource {
  /** Every record of the filter, as a stream (constant memory). */
  scan(filter: ScanFilter, options?: ScanOptions): AsyncIterable<CallRecord>;
  getRecordByCallId(
    callId: string,
    options?: { signal?: AbortSignal },
  ): Promise<CallRecord | undefined>;
  /** An archive says so (and since when); absent means the vendor. */
  readonly describeSource?: () => SearchSource;
}
