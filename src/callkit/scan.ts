import { setMaxListeners } from "node:events";
import { type CallKitEndpoint, CallKitError } from "./errors.js";
import type { CallRecord, RecordsFilter } from "./schemas.js";
import type { ScanFilter, ScanOptions } from "./source.js";

export interface ScanPage {
  records: CallRecord[];
  totalNum: number;
  page: number;
  requestId?: string;
  /** Records the page held that did not fit the contract (left out of `records`). */
  skipped?: number;
}

export type FetchPage = (filter: RecordsFilter, signal: AbortSignal) => Promise<ScanPage>;

export interface ScanRecordsOptions extends ScanOptions {
  /** Safety net against a server that always says "more"; default 100,000 pages. */
  maxPages?: number;
  /** Named in the scan's own errors; default v1's get_records_by_filter. */
  endpoint?: CallKitEndpoint;
}

/** 7 days at a million calls a day is 70,000 pages of 100: the cap sits above any real scan. */
const DEFAULT_MAX_PAGES = 100_000;
/** Enough to quote in a reply or hand to support; the count stays exact. */
const MAX_SKIPPED_REQUEST_IDS = 10;

/**
 * Every record of a filter, page by page, robust to both readings of the vendor's page:
 * it stops on an empty list, a short page, an answer of page 0, or once `totalNum` records are
 * read when `totalNum` reads as a total, and never runs past `maxPages` or a repeated page.
 *
 * A first page shorter than asked whose `totalNum` says there is more means the vendor capped the
 * page size (v4 states no maximum, and may cap it below what was asked): the scan follows the cap
 * it shows, asking that many per page from page 2 on, so no page is mistaken for the last.
 *
 * Page 1 decides the reading: more than a page's worth in `totalNum` means a total, so the
 * remaining pages are known and fetched `concurrency` at a time (the rate limiter paces them);
 * otherwise (`totalNum` equals the page size) pages are read one after another.
 * Pages are delivered in page order, so a short page ends the scan exactly where it would end
 * sequentially; memory is bounded by `concurrency` pages. Breaking out of the loop or aborting
 * the signal cancels every page still waiting or in flight.
 */
export async function* scanRecords(
  fetchPage: FetchPage,
  filter: ScanFilter,
  options: ScanRecordsOptions = {},
): AsyncGenerator<CallRecord, void, undefined> {
  let pageSize = options.pageSize ?? 100;
  const endpoint = options.endpoint ?? "get_records_by_filter";
  const window = Math.max(1, Math.floor(options.concurrency ?? 1));
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError("pageSize must be a positive integer");
  }
  const external = options.signal;
  if (external?.aborted) throw cancelledScan(endpoint);
  const internal = new AbortController();
  // Every page in flight listens to this signal (its wait and its request): many, by design.
  setMaxListeners(0, internal.signal);
  const onAbort = () => internal.abort(external?.reason);
  external?.addEventListener("abort", onAbort, { once: true });

  const inFlight: { page: number; result: Promise<ScanPage> }[] = [];
  const request = (page: number) => {
    const result = fetchPage({ ...filter, page, numberPerPage: pageSize }, internal.signal);
    // Pages fetched ahead may fail after the scan has stopped: nobody awaits them then.
    result.catch(() => {});
    inFlight.push({ page, result });
  };

  let total: number | undefined;
  let lastPage = 1;
  let nextPage = 1;
  let pages = 0;
  let records = 0;
  let skipped = 0;
  /** What the vendor sent, misfits included: the page arithmetic is about its pages, not ours. */
  let sent = 0;
  const skippedRequestIds: string[] = [];
  let previous: { first?: string; last?: string } | undefined;
  try {
    request(nextPage++);
    for (;;) {
      const head = inFlight.shift();
      if (!head) return;
      const answer = await head.result;
      if (internal.signal.aborted) throw cancelledScan(endpoint);
      pages++;
      const misfits = answer.skipped ?? 0;
      const count = answer.records.length + misfits;
      if (head.page === 1 && count > 0 && count < pageSize && answer.totalNum > count) {
        pageSize = count;
      }
      if (head.page === 1 && count === pageSize && answer.totalNum > pageSize) {
        total = answer.totalNum;
        lastPage = Math.ceil(total / pageSize);
      }
      const edges = { first: answer.records[0]?.callId, last: answer.records.at(-1)?.callId };
      if (
        answer.records.length > 0 &&
        previous?.first === edges.first &&
        previous?.last === edges.last
      ) {
        throw new CallKitError({
          kind: "malformed",
          retryable: false,
          endpoint,
          explanation: `TUICallKit answered page ${head.page} with the same records as the page before: it seems to ignore the page number, so the scan stopped rather than repeat records.`,
        });
      }
      previous = edges;
      records += answer.records.length;
      sent += count;
      if (misfits > 0) {
        skipped += misfits;
        if (answer.requestId && skippedRequestIds.length < MAX_SKIPPED_REQUEST_IDS)
          skippedRequestIds.push(answer.requestId);
      }
      for (const record of answer.records) yield record;
      options.onProgress?.({
        pages,
        records,
        ...(total === undefined ? {} : { totalNum: total }),
        ...(answer.requestId ? { requestId: answer.requestId } : {}),
        skipped,
        skippedRequestIds: [...skippedRequestIds],
      });

      const done =
        count === 0 ||
        count < pageSize ||
        answer.page === 0 ||
        (total !== undefined && sent >= total);
      if (done) return;
      if (head.page >= maxPages) {
        throw new CallKitError({
          kind: "malformed",
          retryable: false,
          endpoint,
          explanation: `TUICallKit still said there was more after ${maxPages} pages, more than 7 days can hold: the scan stopped rather than loop forever.`,
        });
      }
      // Without a known total only the next page is asked for; with one, up to `window` ahead.
      const horizon = Math.min(maxPages, Math.max(lastPage, head.page + 1));
      const ahead = total === undefined ? 1 : window;
      while (inFlight.length < ahead && nextPage <= horizon) request(nextPage++);
    }
  } finally {
    external?.removeEventListener("abort", onAbort);
    internal.abort();
  }
}

function cancelledScan(endpoint: CallKitEndpoint): CallKitError {
  return new CallKitError({
    kind: "cancelled",
    retryable: false,
    endpoint,
    explanation: "The scan was cancelled before it finished.",
  });
}
