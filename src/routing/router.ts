import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource, ScanFilter, ScanOptions } from "../callkit/source.js";
import type { SearchQuery, TimeWindow } from "../query/types.js";
import {
  type ArchiveCoverage,
  type ArchiveRepository,
  LATE_RECORD_SECONDS,
} from "../store/archive.js";
import { type ArchiveNarrowing, createArchiveSource } from "./archive-source.js";

/**
 * Which source answers a question. The archive holds every call started in its coverage
 * [from, until); the vendor holds the last 7 days, including the minutes since the last sync.
 * A window is read from the archive where the coverage reaches and from the vendor elsewhere,
 * so "last 24 hours" uses the archive for all but the last few minutes, and a window older than
 * 7 days is answered in full when the archive reaches back that far.
 */

export interface SourceChoiceDeps {
  archive: ArchiveRepository;
  vendor: RecordSource;
  sdkAppId: number;
}

export interface SearchChoice {
  source: RecordSource;
  /** The query to run: its window is widened back to the requested start when the archive has it. */
  query: SearchQuery;
  kind: "vendor" | "archive" | "archive+vendor";
  /** For logs. */
  reason: string;
}

/**
 * What the archive can answer for: its coverage, less the last LATE_RECORD_SECONDS before the last
 * sync, where calls still going on then may have records at the vendor by now but not here yet.
 */
async function settledCoverage(deps: SourceChoiceDeps): Promise<ArchiveCoverage | undefined> {
  const coverage = await deps.archive.coverage(deps.sdkAppId);
  if (!coverage) return undefined;
  return { ...coverage, until: Math.max(coverage.from, coverage.until - LATE_RECORD_SECONDS) };
}

export async function chooseSearchSource(
  query: SearchQuery,
  deps: SourceChoiceDeps,
): Promise<SearchChoice> {
  const coverage = await settledCoverage(deps);
  if (!coverage || coverage.until <= coverage.from) {
    return {
      source: deps.vendor,
      query,
      kind: "vendor",
      reason: "the archive has no coverage yet",
    };
  }
  const window = restoreRequestedStart(query.window, coverage);
  const wanted = { ...query, window };
  if (window.endTs <= coverage.from || window.startTs >= coverage.until) {
    return {
      source: deps.vendor,
      query,
      kind: "vendor",
      reason: "the window is outside the archive's coverage",
    };
  }
  const narrow: ArchiveNarrowing = { users: query.users, mediaTypes: query.mediaTypes };
  const archived = createArchiveSource(deps.archive, { syncedAt: coverage.syncedAt, narrow });
  const whole = window.startTs >= coverage.from && window.endTs <= coverage.until;
  return {
    source: splitByCoverage(archived, deps.vendor, coverage),
    query: wanted,
    kind: whole ? "archive" : "archive+vendor",
    reason: whole
      ? "the archive covers the whole window"
      : `the archive covers ${fmt(coverage.from)}–${fmt(coverage.until)}; the rest comes from the vendor`,
  };
}

/**
 * The query language moves a start older than 7 days up to the vendor's edge and keeps the one
 * asked for in `requestedStartTs`. Where the archive reaches further back (contiguously up to
 * the clamped start), the start moves back as far as the archive goes; fully restored, the note
 * is dropped so the reply no longer says the window was shortened.
 */
export function restoreRequestedStart(window: TimeWindow, coverage: ArchiveCoverage): TimeWindow {
  const requested = window.requestedStartTs;
  if (requested === undefined || requested >= window.startTs) return window;
  if (coverage.from >= window.startTs || coverage.until < window.startTs) return window;
  const startTs = Math.max(requested, coverage.from);
  if (startTs === requested) return { startTs, endTs: window.endTs };
  return { ...window, startTs };
}

/** Callids from the archive first, then the vendor; scans split at the coverage edges. */
export function createLookupSource(deps: SourceChoiceDeps): RecordSource {
  return {
    async getRecordByCallId(callId, options = {}) {
      return (await deps.archive.get(callId)) ?? deps.vendor.getRecordByCallId(callId, options);
    },
    async *scan(filter, options = {}) {
      const coverage = await settledCoverage(deps);
      if (!coverage) {
        yield* deps.vendor.scan(filter, options);
        return;
      }
      const archived = createArchiveSource(deps.archive, { syncedAt: coverage.syncedAt });
      yield* splitByCoverage(archived, deps.vendor, coverage).scan(filter, options);
    },
  };
}

/** One RecordSource over [from, until) from the archive and the rest of the window from the vendor. */
export function splitByCoverage(
  archived: RecordSource,
  vendor: RecordSource,
  coverage: Pick<ArchiveCoverage, "from" | "until">,
): RecordSource {
  const describe = archived.describeSource;
  return {
    async *scan(filter: ScanFilter, options: ScanOptions = {}): AsyncIterable<CallRecord> {
      const start = filter.startTimestamp;
      const endOr = filter.endTimestamp ?? Number.POSITIVE_INFINITY;
      // The vendor's end may be inclusive (undocumented): its records are kept to their own
      // segment, so a call on an edge is never counted from both sources.
      const before = Math.min(endOr, coverage.from);
      if (start < before) {
        yield* within(vendor.scan({ ...filter, endTimestamp: before }, options), start, before);
      }
      const inStart = Math.max(start, coverage.from);
      const inEnd = Math.min(endOr, coverage.until);
      if (inStart < inEnd) {
        yield* archived.scan({ ...filter, startTimestamp: inStart, endTimestamp: inEnd }, options);
      }
      const after = Math.max(start, coverage.until);
      if (after < endOr) {
        yield* within(vendor.scan({ ...filter, startTimestamp: after }, options), after, endOr);
      }
    },
    async getRecordByCallId(callId, options = {}) {
      return (
        (await archived.getRecordByCallId(callId, options)) ??
        vendor.getRecordByCallId(callId, options)
      );
    },
    ...(describe ? { describeSource: describe } : {}),
  };
}

async function* within(
  records: AsyncIterable<CallRecord>,
  from: number,
  until: number,
): AsyncIterable<CallRecord> {
  for await (const record of records) {
    if (record.startCallTs >= from && record.startCallTs < until) yield record;
  }
}

function fmt(ts: number): string {
  return new Date(ts * 1000).toISOString().replace(".000Z", "Z");
}

/**
 * Where Slack, the CLI and the demo get records: the vendor alone, or the archive first. Searches
 * choose per query (the window may widen past 7 days); lookups check the archive before the vendor.
 */
export interface RecordRouter {
  forSearch(query: SearchQuery): Promise<Pick<SearchChoice, "source" | "query">>;
  lookupSource: RecordSource;
  /** True when the archive alone can answer for the whole window (the vendor's reach aside). */
  covers(window: TimeWindow): Promise<boolean>;
}

export function vendorRouter(vendor: RecordSource): RecordRouter {
  return {
    forSearch: async (query) => ({ source: vendor, query }),
    lookupSource: vendor,
    covers: async () => false,
  };
}

export function archiveRouter(deps: SourceChoiceDeps): RecordRouter {
  return {
    forSearch: (query) => chooseSearchSource(query, deps),
    lookupSource: createLookupSource(deps),
    covers: (window) => archiveCovers(window, deps),
  };
}

/** Whether the archive's settled coverage spans [startTs, endTs). */
export async function archiveCovers(window: TimeWindow, deps: SourceChoiceDeps): Promise<boolean> {
  const coverage = await settledCoverage(deps);
  if (!coverage || window.endTs <= window.startTs) return false;
  return window.startTs >= coverage.from && window.endTs <= coverage.until;
}
