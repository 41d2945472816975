import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource, ScanFilter, ScanOptions } from "../callkit/source.js";
import type { UserFilter } from "../query/types.js";
import type { ArchiveQuery, ArchiveRepository } from "../store/archive.js";

/**
 * The archive as a RecordSource, with the vendor's filter semantics: call start in
 * [startTimestamp, endTimestamp), one callResult, one callType. A source built for one search
 * may also narrow by users and media, which the vendor cannot: those become indexed conditions
 * (runSearch still applies its own local test, so narrowing can only save work).
 */

export interface ArchiveNarrowing {
  users?: UserFilter;
  mediaTypes?: readonly string[];
}

export interface ArchiveSourceOptions {
  /** When the archive last recorded sync progress: the reply says "synced N min ago". */
  syncedAt: Date;
  narrow?: ArchiveNarrowing;
  /** Rows per keyset page while streaming; default 1000. */
  batchSize?: number;
}

export function archiveQueryOf(filter: ScanFilter, narrow: ArchiveNarrowing = {}): ArchiveQuery {
  return {
    startTs: filter.startTimestamp,
    endTs: filter.endTimestamp ?? Number.MAX_SAFE_INTEGER,
    ...(filter.callResult === undefined ? {} : { results: [filter.callResult] }),
    ...(filter.callType === undefined ? {} : { callTypes: [filter.callType] }),
    ...(narrow.mediaTypes?.length ? { mediaTypes: narrow.mediaTypes } : {}),
    ...(narrow.users ? { users: narrow.users } : {}),
  };
}

export function createArchiveSource(
  archive: ArchiveRepository,
  options: ArchiveSourceOptions,
): RecordSource {
  return {
    scan(filter: ScanFilter, scanOptions: ScanOptions = {}): AsyncIterable<CallRecord> {
      return archive.stream(archiveQueryOf(filter, options.narrow), {
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(scanOptions.signal ? { signal: scanOptions.signal } : {}),
      });
    },
    getRecordByCallId: (callId) => archive.get(callId),
    describeSource: () => ({ kind: "archive", syncedAt: options.syncedAt }),
  };
}
