import type { CallRecord } from "../callkit/schemas.js";
import { type Logger, silentLogger } from "../log.js";
import type { DiagnosisService } from "./service.js";

/**
 * TRTC_DIAGNOSIS_PREFETCH: the archive sync offers each batch it wrote; interrupted calls that
 * ended at least `settleSeconds` ago (TRTC's abnormal events lag up to 5 min) are explained one at
 * a time in the background, so their diagnosis is kept before TRTC forgets them. A kept diagnosis
 * costs no API call (the service reads it from the archive first). Off by default: each call
 * costs about 5 + its users requests.
 */

export const PREFETCH_RESULTS: readonly string[] = ["interrupt", "offline"];

export interface DiagnosisPrefetcher {
  offer(records: readonly CallRecord[]): void;
  /** Resolves when the queue is empty (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  readonly queued: number;
}

export function createDiagnosisPrefetcher(options: {
  service: DiagnosisService;
  logger?: Logger;
  now?: () => number;
  settleSeconds?: number;
  maxQueue?: number;
}): DiagnosisPrefetcher {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const settle = options.settleSeconds ?? 300;
  const maxQueue = options.maxQueue ?? 500;
  const queue: CallRecord[] = [];
  const queuedIds = new Set<string>();
  const abort = new AbortController();
  let running: Promise<void> | undefined;

  const drain = async () => {
    for (let record = queue.shift(); record; record = queue.shift()) {
      queuedIds.delete(record.callId);
      if (abort.signal.aborted) return;
      try {
        const diagnosis = await options.service.explain(record, abort.signal);
        if (!diagnosis.kept)
          logger.info("diagnosis.prefetched", {
            callId: record.callId,
            verdict: diagnosis.verdict.kind,
          });
      } catch (error) {
        if (abort.signal.aborted) return;
        logger.warn("diagnosis.prefetch_failed", { callId: record.callId, error });
      }
    }
  };

  return {
    offer(records) {
      if (abort.signal.aborted) return;
      const nowSec = now() / 1000;
      for (const record of records) {
        if (!PREFETCH_RESULTS.includes(record.callResult)) continue;
        const end = Math.max(record.endTs ?? 0, record.startCallTs);
        if (nowSec - end < settle) continue;
        if (queuedIds.has(record.callId) || queue.length >= maxQueue) continue;
        queue.push(record);
        queuedIds.add(record.callId);
      }
      if (!running && queue.length > 0) {
        running = drain().finally(() => {
          running = undefined;
        });
      }
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      abort.abort();
      queue.length = 0;
      queuedIds.clear();
      await running;
    },
    get queued() {
      return queue.length;
    },
  };
}
