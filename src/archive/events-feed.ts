import type { CallEvent } from "../callkit/events/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import { type Logger, silentLogger } from "../log.js";
import type { ArchiveRepository } from "../store/archive.js";

/**
 * The archive fed by call events (issue 14): an end-of-call event writes the call at once,
 * marked unconfirmed, and about 5 s later (when the vendor says the record becomes queryable) a
 * targeted lookup by callId replaces it with the records API's own record. Only the replica that
 * stored the event first does the lookup; a lookup that finds nothing is tried once more, then
 * left to the sync (whose upserts also confirm).
 */

export interface EventsFeedOptions {
  archive: Pick<ArchiveRepository, "recordFromEvent" | "upsert">;
  source: Pick<RecordSource, "getRecordByCallId">;
  sdkAppId: number;
  logger?: Logger;
  now?: () => Date;
  /** Delays of the confirming lookups after the end event; default 5 s then 30 s. */
  confirmAfterMs?: readonly number[];
  /** An end-of-call event was written to the archive (the alerts judge soon). */
  onRecorded?: () => void;
}

export interface EventsFeed {
  /** The webhook receiver's slow work, after its answer. */
  afterAnswer(event: CallEvent, stored: boolean): Promise<void>;
  /** Lookups still waiting (tests, shutdown). */
  pending(): number;
  stop(): void;
}

export function createEventsFeed(options: EventsFeedOptions): EventsFeed {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const delays = options.confirmAfterMs ?? [5_000, 30_000];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  function confirm(callId: string, attempt: number): void {
    const delay = delays[attempt];
    if (delay === undefined || stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      options.source
        .getRecordByCallId(callId)
        .then(async (record) => {
          if (record) {
            await options.archive.upsert(
              [{ ...record, sdkAppId: record.sdkAppId ?? options.sdkAppId }],
              now(),
            );
            logger.debug("archive.event_confirmed", { attempt: attempt + 1 });
          } else confirm(callId, attempt + 1);
        })
        .catch((error: unknown) => {
          logger.warn("archive.event_confirm_failed", { error });
          confirm(callId, attempt + 1);
        });
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  return {
    async afterAnswer(event, stored) {
      if (!event.record || !stored) return;
      const record = { ...event.record, sdkAppId: event.record.sdkAppId ?? options.sdkAppId };
      const written = await options.archive.recordFromEvent(record, now());
      if (written) {
        logger.debug("archive.event_recorded", { generation: event.generation });
        options.onRecorded?.();
      }
      confirm(event.callId, 0);
    },
    pending: () => timers.size,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
