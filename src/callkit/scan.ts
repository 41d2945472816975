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
  /** How the page size may change during the scan; without it, `pageSize` throughout. */
  sizing?: PageSizing;
}

/**
 * Page sizes beyond the first page. The first page asks `pageSize` (what the caller shows); a scan
 * that needs more asks `grow` from then on. The vendor states no maximum, so a size above what it
 * is known to serve is checked: a short page whose answer says there is more (`totalNum` read as a
 * total beyond what was read) shows the vendor's cap, and the scan goes on at it; a short page
 * whose answer cannot tell costs one more page at the returned count (empty: the scan is over,
 * records: that was the cap). A size refused as an invalid parameter falls back to `fallback` and
 * the page is asked again at once; a page above `fallback` that times out is asked once more at
 * half the size before it counts as a failure.
 */
export interface PageSizing {
  /** Records a page once the scan needs more than one page (TRTC_PAGE_SIZE, or a cap learnt). */
  grow: number;
  /** Sizes the vendor serves in full without question (its documented default); default 100. */
  served?: number;
  /** The size after a refusal; default 100. */
  fallback?: number;
  /** Did the vendor refuse the page size (an invalid parameter)? */
  isRefusal?: (error: unknown) => boolean;
  /** The vendor capped pages at `size` (seen for sure). */
  onCap?: (size: number) => void;
  /** The vendor refused a larger size and served `size`. */
  onRefusal?: (size: number) => void;
}

/** 7 days at a million calls a day is 70,000 pages of 100: the cap sits above any real scan. */
const DEFAULT_MAX_PAGES = 100_000;
/** Enough to quote in a reply or hand to support; the count stays exact. */
const MAX_SKIPPED_REQUEST_IDS = 10;
/** The vendor's documented default page size (v1): served in full by any vendor. */
const VENDOR_DEFAULT_PAGE = 100;

interface Ask {
  page: number;
  size: number;
  /** Records at the head of this page already read (the page size changed on a non-multiple). */
  skip: number;
  controller: AbortController;
  result: Promise<ScanPage>;
}

/**
 * Every record of a filter, page by page, robust to both readings of the vendor's page:
 * it stops on an empty list, a short page at a size the vendor is known to serve, an answer of
 * page 0, or once `totalNum` records are read when `totalNum` reads as a total, and never runs past
 * `maxPages` or a repeated page.
 *
 * Page `n` at size `s` starts at record (n − 1)·s. When the size changes (growing after the first
 * page, a cap, a refusal, a timeout) the next page is recomputed from the records already read:
 * page ⌊read / s⌋ + 1, its first read − (n − 1)·s records dropped as already read, so no record
 * is skipped or read twice.
 *
 * Once `totalNum` reads as a total (more than was read so far), the remaining pages are known and
 * fetched `concurrency` at a time (the rate limiter paces them); otherwise pages are read one
 * after another. Pages are delivered in page order, so a short page ends the scan exactly where it
 * would end sequentially; memory is bounded by `concurrency` pages. Breaking out of the loop or
 * aborting the signal cancels every page still waiting or in flight.
 */
export async function* scanRecords(
  fetchPage: FetchPage,
  filter: ScanFilter,
  options: ScanRecordsOptions = {},
): AsyncGenerator<CallRecord, void, undefined> {
  const first = options.pageSize ?? 100;
  const endpoint = options.endpoint ?? "get_records_by_filter";
  const window = Math.max(1, Math.floor(options.concurrency ?? 1));
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const sizing = options.sizing;
  let grow = sizing?.grow ?? first;
  const fallback = sizing?.fallback ?? VENDOR_DEFAULT_PAGE;
  for (const [name, value] of [
    ["pageSize", first],
    ["sizing.grow", grow],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer`);
    }
  }
  const external = options.signal;
  if (external?.aborted) throw cancelledScan(endpoint);
  const internal = new AbortController();
  // Every page in flight listens to this signal (its wait and its request): many, by design.
  setMaxListeners(0, internal.signal);
  const onAbort = () => internal.abort(external?.reason);
  external?.addEventListener("abort", onAbort, { once: true });

  let size = first;
  let nextPage = 1;
  let nextSkip = 0;
  /** Records the vendor has handed over so far, misfits included: the offset of the next one. */
  let read = 0;
  /** The largest size the vendor is known to serve in full. */
  let served = Math.max(sizing?.served ?? VENDOR_DEFAULT_PAGE, 0);
  let total: number | undefined;
  let lastPage = 1;
  let grown = false;
  /** A short page's count, above any size known to be served: the cap if the next page has records. */
  let pendingCap: number | undefined;
  /** The size a refusal fell back to, until a page at it is served. */
  let pendingRefusal: number | undefined;
  let refused = false;
  let halvedAt: number | undefined;

  const inFlight: Ask[] = [];
  const request = () => {
    const page = nextPage++;
    const skip = nextSkip;
    nextSkip = 0;
    const controller = new AbortController();
    const onInternal = () => controller.abort(internal.signal.reason);
    internal.signal.addEventListener("abort", onInternal, { once: true });
    const result = fetchPage({ ...filter, page, numberPerPage: size }, controller.signal);
    // Pages fetched ahead may fail after the scan has stopped: nobody awaits them then.
    result.catch(() => {}).finally(() => internal.signal.removeEventListener("abort", onInternal));
    inFlight.push({ page, size, skip, controller, result });
  };
  /** From `read` on at `newSize`: pages asked ahead at the old size are dropped. */
  const regrid = (newSize: number) => {
    for (const ask of inFlight.splice(0)) ask.controller.abort();
    size = newSize;
    nextPage = Math.floor(read / size) + 1;
    nextSkip = read - (nextPage - 1) * size;
    if (total !== undefined) lastPage = Math.ceil(total / size);
  };

  let pages = 0;
  let records = 0;
  let skipped = 0;
  const skippedRequestIds: string[] = [];
  let previous: { first?: string; last?: string } | undefined;
  try {
    request();
    for (;;) {
      const head = inFlight.shift();
      if (!head) return;
      let answer: ScanPage;
      try {
        answer = await head.result;
      } catch (error) {
        if (internal.signal.aborted) throw cancelledScan(endpoint);
        if (!refused && head.size > fallback && sizing?.isRefusal?.(error)) {
          // Asked again at once, at the vendor's default.
          refused = true;
          pendingRefusal = fallback;
          grow = Math.min(grow, fallback);
          regrid(fallback);
          request();
          continue;
        }
        if (
          sizing &&
          head.size > fallback &&
          halvedAt !== read &&
          error instanceof CallKitError &&
          error.kind === "timeout"
        ) {
          // The vendor's backend gives up at 3 s: a big page may be too much for it.
          halvedAt = read;
          const half = Math.floor(head.size / 2);
          grow = Math.min(grow, half);
          regrid(half);
          request();
          continue;
        }
        throw error;
      }
      if (internal.signal.aborted) throw cancelledScan(endpoint);
      pages++;
      const misfits = answer.skipped ?? 0;
      const count = answer.records.length + misfits;
      const offset = (head.page - 1) * head.size;
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
      // More than was read, so `totalNum` is the query's total, not this page's count.
      if (total === undefined && answer.totalNum > offset + count) {
        total = answer.totalNum;
        lastPage = Math.ceil(total / head.size);
      }
      const fresh = head.skip > 0 ? answer.records.slice(head.skip) : answer.records;
      read = Math.max(read, offset + count);
      records += fresh.length;
      if (misfits > 0) {
        skipped += misfits;
        if (answer.requestId && skippedRequestIds.length < MAX_SKIPPED_REQUEST_IDS)
          skippedRequestIds.push(answer.requestId);
      }
      if (count > 0) {
        if (pendingCap !== undefined) sizing?.onCap?.(pendingCap);
        if (pendingRefusal !== undefined) sizing?.onRefusal?.(pendingRefusal);
        pendingCap = undefined;
        pendingRefusal = undefined;
      }
      const servedBefore = served;
      served = Math.max(served, count);
      for (const record of fresh) yield record;
      options.onProgress?.({
        pages,
        records,
        ...(total === undefined ? {} : { totalNum: total }),
        ...(answer.requestId ? { requestId: answer.requestId } : {}),
        skipped,
        skippedRequestIds: [...skippedRequestIds],
      });

      if (count === 0 || answer.page === 0) return;
      if (total !== undefined && read >= total) return;
      if (pages >= maxPages) {
        throw new CallKitError({
          kind: "malformed",
          retryable: false,
          endpoint,
          explanation: `TUICallKit still said there was more after ${maxPages} pages, more than 7 days can hold: the scan stopped rather than loop forever.`,
        });
      }
      if (count < head.size) {
        // Short: the last page, or the vendor's cap. The total says which; at a size the vendor
        // is known to serve it is the last; otherwise one more page at the count tells.
        if (total === undefined && head.size <= servedBefore) return;
        if (total === undefined) pendingCap = count;
        else sizing?.onCap?.(count);
        grow = Math.min(grow, count);
        regrid(count);
      } else if (!grown && grow > head.size) {
        grown = true;
        regrid(grow);
      }
      // Without a known total only the next page is asked for; with one, up to `window` ahead.
      const ahead = total === undefined ? 1 : window;
      while (inFlight.length < ahead && nextPage <= lastPage) request();
      // Not done, yet nothing asked: the next page (a total that grew, or none known).
      if (inFlight.length === 0) request();
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
