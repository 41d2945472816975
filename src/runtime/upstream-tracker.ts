import { AsyncLocalStorage } from "node:async_hooks";
import type { UpstreamRequestEvent } from "../callkit/client.js";

/**
 * The records client reports each upstream request through one `onRequest` callback; this ties
 * each report to the Slack command or click that caused it (async context follows the awaits), so
 * every log line can list its own upstream requests and requestIds.
 *
 * A 30-day scan makes thousands of requests: an interaction keeps counters and the first few
 * requestIds (enough to quote to the vendor's support), never the events themselves.
 */

export const MAX_REQUEST_IDS = 10;

export interface UpstreamTally {
  requests: number;
  retries: number;
  /** Distinct, first seen first, at most MAX_REQUEST_IDS. */
  requestIds: string[];
}

export function emptyTally(): UpstreamTally {
  return { requests: 0, retries: 0, requestIds: [] };
}

export interface UpstreamTracker {
  /** Give this to the client as `onRequest`. */
  onRequest(event: UpstreamRequestEvent): void;
  /** Runs `work`, counting the upstream requests made on its behalf into `into`. */
  collect<T>(into: UpstreamTally, work: () => Promise<T>): Promise<T>;
  /**
   * The vendor's errors (answers with an error or retried) within the last `windowMs`, whoever
   * caused them, with the last error code seen: the Home tab's health line.
   */
  recentErrors(windowMs: number, nowMs?: number): { count: number; lastErrorCode?: number };
}

/** How many recent errors are remembered (a ring): enough to count a bad quarter hour. */
export const RECENT_ERRORS_KEPT = 500;

export function createUpstreamTracker(): UpstreamTracker {
  const storage = new AsyncLocalStorage<UpstreamTally>();
  const errors: { at: number; code: number | undefined }[] = [];
  return {
    onRequest(event) {
      if (event.outcome === "error" || event.outcome === "retry") {
        errors.push({ at: Date.now(), code: event.errorCode ?? event.status });
        if (errors.length > RECENT_ERRORS_KEPT) errors.shift();
      }
      const tally = storage.getStore();
      if (!tally) return;
      tally.requests += 1;
      if (event.outcome === "retry") tally.retries += 1;
      const id = event.requestId;
      if (
        id !== undefined &&
        tally.requestIds.length < MAX_REQUEST_IDS &&
        !tally.requestIds.includes(id)
      ) {
        tally.requestIds.push(id);
      }
    },
    collect(into, work) {
      return storage.run(into, work);
    },
    recentErrors(windowMs, nowMs = Date.now()) {
      const recent = errors.filter((e) => nowMs - e.at <= windowMs);
      const last = recent[recent.length - 1];
      return {
        count: recent.length,
        ...(last?.code !== undefined ? { lastErrorCode: last.code } : {}),
      };
    },
  };
}
