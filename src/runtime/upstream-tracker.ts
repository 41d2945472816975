import { AsyncLocalStorage } from "node:async_hooks";
import type { UpstreamRequestEvent } from "../callkit/client.js";

/**
 * The records client reports each upstream request through one `onRequest` callback; this ties
 * each report to the Slack command or click that caused it (async context follows the awaits), so
 * every log line can list its own upstream requests and requestIds.
 */

export interface UpstreamTracker {
  /** Give this to the client as `onRequest`. */
  onRequest(event: UpstreamRequestEvent): void;
  /** Runs `work`, collecting the upstream requests made on its behalf into `into`. */
  collect<T>(into: UpstreamRequestEvent[], work: () => Promise<T>): Promise<T>;
}

export function createUpstreamTracker(): UpstreamTracker {
  const storage = new AsyncLocalStorage<UpstreamRequestEvent[]>();
  return {
    onRequest(event) {
      storage.getStore()?.push(event);
    },
    collect(into, work) {
      return storage.run(into, work);
    },
  };
}
