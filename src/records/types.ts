import type { CallRecord } from "../callkit/schemas.js";
import type { SearchSource } from "../callkit/source.js";
import type { SearchQuery } from "../query/types.js";
import type { CallTimeline } from "../report/call-timeline.js";
import type { Summary } from "../report/summary.js";

/** What searches and lookups answer, apart from the code, so renderers can use them without the I/O. */

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
  /** Records the vendor sent that did not fit the contract: left out, and the answer says so. */
  skipped?: { records: number; requestIds: string[] };
}

export interface CallStory {
  record: CallRecord;
  /** The same users' other calls within ±1 h, by start time. */
  around: CallRecord[];
  /** The call's own steps from the vendor's call events, when any arrived (webhooks). */
  timeline?: CallTimeline;
}

export interface LookupResult {
  found: CallStory[];
  notFound: string[];
}
