import type { Kysely } from "kysely";
import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource, ScanProgress } from "../callkit/source.js";
import { type Logger, silentLogger } from "../log.js";
import { earliestQueryableTs } from "../query/window.js";
import { replicaId } from "../runtime/replica-id.js";
import {
  type ArchiveRepository,
  createArchiveRepository,
  LATE_RECORD_SECONDS,
} from "../store/archive.js";
import { createLeaseRepository, type LeaseRepository } from "../store/archive-lease.js";
import type { Database } from "../store/schema.js";

/**
 * Copies the vendor's records into the archive in the background.
 *
 * Each run reads call starts in [synced_until − overlap, now − settle) (the first run: the whole
 * 7 days the vendor keeps) in time slices, oldest first, and upserts them by callId. Records turn
 * up about 5 s after a call ENDS, and the vendor's window is by call START, so a call still going
 * on when a slice was read is picked up by a later run's overlap (LATE_RECORD_SECONDS: 3 h, since
 * talk times of a quarter of an hour are common; at 1M calls a day that re-reads ~125k records
 * every run, ~35 s at the sync's pace). The vendor's order inside a
 * slice is not documented, so progress (synced_until) advances per finished slice: a run stopped
 * or crashed mid-slice re-reads that slice next time, and the upsert makes that harmless.
 *
 * Rate: the CallKitClient's token bucket is shared per app and serves waiting requests in order.
 * The sync scans with concurrency 1 (one page in flight), so it never holds more than one slot
 * of the queue: an interactive scan that arrives waits for at most one sync request, and the sync
 * takes at most 1 / latency of the rate (e.g. ~20 req/s at 50 ms), leaving the rest to people.
 */

export type SyncSource = Pick<RecordSource, "scan">;

export interface ArchiveSyncOptions {
  db: Kysely<Database>;
  source: SyncSource;
  sdkAppId: number;
  /** ARCHIVE_ENABLED: start() does nothing when false (runOnce still works, for tests/CLI). */
  enabled?: boolean;
  /** ARCHIVE_SYNC_SECONDS, default 300. */
  intervalSeconds?: number;
  /** ARCHIVE_RETENTION_DAYS, default 90. */
  retentionDays?: number;
  /** Re-read before the last sync point, for calls that ended (and appeared) late; default 3 h. */
  overlapSeconds?: number;
  /** Calls started in the last seconds are left for the next run; default 10. */
  settleSeconds?: number;
  /** Length of the slices progress is recorded after; default 3600. */
  sliceSeconds?: number;
  /** Records per upsert transaction; default 500. */
  batchSize?: number;
  pageSize?: number;
  /** Pages in flight; default 1 (see the note on rate above). */
  concurrency?: number;
  /** Identifies this replica in the lease; default host:pid:random. */
  holder?: string;
  /** How long the lease holds without renewal (renewed after every slice); default 10 min. */
  leaseTtlMs?: number;
  now?: () => Date;
  logger?: Logger;
  /** Each batch once written (e.g. to prefetch TRTC's diagnosis of interrupted calls). */
  onArchived?: (records: readonly CallRecord[]) => void;
}

export type SyncRun =
  | {
      ran: true;
      /** Call starts read, epoch seconds: [from, until). */
      from: number;
      until: number;
      records: number;
      /** Records the vendor sent that did not fit the contract: left out, the rest stored. */
      skipped: number;
      slices: number;
      pruned: number;
      backfill: boolean;
      /** True when stop() (or losing the lease) ended the run early. */
      interrupted: boolean;
    }
  | { ran: false; reason: "lease-held" | "already-running" | "stopping" };

export interface ArchiveSync {
  runOnce(): Promise<SyncRun>;
  /** Runs now and then every interval, unless disabled. */
  start(): void;
  /** No new runs; waits for the batch in progress to be written. */
  stop(): Promise<void>;
}

export function createArchiveSync(options: ArchiveSyncOptions): ArchiveSync {
  const archive: ArchiveRepository = createArchiveRepository(options.db);
  const leases: LeaseRepository = createLeaseRepository(options.db);
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const holder = options.holder ?? replicaId();
  const leaseName = `archive-sync:${options.sdkAppId}`;
  const leaseTtlMs = options.leaseTtlMs ?? 10 * 60_000;
  const intervalMs = (options.intervalSeconds ?? 300) * 1000;
  const retentionSeconds = (options.retentionDays ?? 90) * 86_400;
  const overlap = options.overlapSeconds ?? LATE_RECORD_SECONDS;
  const settle = options.settleSeconds ?? 10;
  const slice = options.sliceSeconds ?? 3600;
  const batchSize = options.batchSize ?? 500;
  const scanOptions = {
    pageSize: options.pageSize ?? 100,
    concurrency: options.concurrency ?? 1,
  };

  let running: Promise<SyncRun> | undefined;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const abort = new AbortController();

  async function sync(): Promise<SyncRun> {
    if (!(await leases.acquire(leaseName, holder, leaseTtlMs, now()))) {
      return { ran: false, reason: "lease-held" };
    }
    try {
      const nowSec = Math.floor(now().getTime() / 1000);
      const oldest = earliestQueryableTs(nowSec);
      const retainFrom = nowSec - retentionSeconds;
      const until = nowSec - settle;
      const state = await archive.coverage(options.sdkAppId);
      // No state, or a pause longer than the vendor keeps: what we have is no longer contiguous
      // with what the vendor still has, so coverage starts again at the vendor's edge.
      const fresh = !state || state.until < oldest;
      const from = fresh ? oldest : Math.max(state.until - overlap, oldest);
      let coverage = {
        sdkAppId: options.sdkAppId,
        from: Math.max(fresh ? oldest : state.from, retainFrom),
        until: fresh ? from : state.until,
        syncedAt: now(),
        backfilled: fresh ? false : state.backfilled,
      };
      let records = 0;
      let skipped = 0;
      let slices = 0;
      let interrupted = false;
      for (let start = from; start < until && !interrupted; start += slice) {
        const end = Math.min(start + slice, until);
        const read = await readSlice(start, end);
        records += read.records;
        skipped += read.skipped;
        if (read.skipped > 0) {
          // The slice still counts as read: a misfit will not fit any better next run.
          logger.warn("archive.sync.skipped_records", {
            from: start,
            until: end,
            skipped: read.skipped,
            requestIds: read.skippedRequestIds,
          });
        }
        if (read.interrupted) {
          interrupted = true;
          break;
        }
        slices++;
        coverage = {
          ...coverage,
          until: Math.max(coverage.until, end),
          syncedAt: now(),
          backfilled: coverage.backfilled || end >= until,
        };
        await archive.saveCoverage(coverage);
        if (!(await leases.renew(leaseName, holder, leaseTtlMs, now()))) {
          logger.warn("archive.sync.lease_lost", { holder });
          interrupted = true;
        }
      }
      const pruned = interrupted ? 0 : await archive.prune(retainFrom);
      const run = {
        ran: true as const,
        from,
        until,
        records,
        skipped,
        slices,
        pruned,
        backfill: fresh,
        interrupted,
      };
      logger.info("archive.sync.done", { ...run });
      return run;
    } finally {
      await leases.release(leaseName, holder).catch(() => {});
    }
  }

  async function readSlice(start: number, end: number) {
    let batch: CallRecord[] = [];
    let records = 0;
    let skips: Pick<ScanProgress, "skipped" | "skippedRequestIds"> = {};
    const scan = options.source.scan(
      { startTimestamp: start, endTimestamp: end },
      {
        ...scanOptions,
        signal: abort.signal,
        onProgress: (progress) => {
          skips = progress;
        },
      },
    );
    const done = (interrupted: boolean) => ({
      records,
      interrupted,
      skipped: skips.skipped ?? 0,
      skippedRequestIds: [...(skips.skippedRequestIds ?? [])],
    });
    const write = async (written: CallRecord[]) => {
      const count = await archive.upsert(written, now());
      if (written.length > 0) options.onArchived?.(written);
      return count;
    };
    try {
      for await (const record of scan) {
        batch.push(record);
        if (batch.length < batchSize) continue;
        records += await write(batch);
        batch = [];
        if (stopping) return done(true);
      }
    } catch (error) {
      // stop() aborts a scan waiting on the rate limit; what was read is written below.
      if (!(stopping && abort.signal.aborted)) throw error;
      records += await write(batch);
      return done(true);
    }
    records += await write(batch);
    return done(false);
  }

  async function runOnce(): Promise<SyncRun> {
    if (stopping) return { ran: false, reason: "stopping" };
    if (running) return { ran: false, reason: "already-running" };
    running = sync();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  }

  const tick = () => {
    timer = undefined;
    runOnce()
      .catch((error: unknown) => logger.error("archive.sync.failed", { error }))
      .finally(() => {
        if (!stopping) {
          timer = setTimeout(tick, intervalMs);
          timer.unref();
        }
      });
  };

  return {
    runOnce,
    start() {
      if (options.enabled === false || stopping || timer || running) return;
      timer = setTimeout(tick, 0);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const current = running;
      if (!current) return;
      // Cuts a scan that is waiting for pages; the records already read are still written.
      abort.abort();
      await current.catch(() => undefined);
    },
  };
}

/** The job as the app configures it (ARCHIVE_* variables). */
export function archiveSyncFromConfig(
  config: {
    TRTC_SDKAPPID: number;
    ARCHIVE_ENABLED: boolean;
    ARCHIVE_SYNC_SECONDS: number;
    ARCHIVE_RETENTION_DAYS: number;
  },
  deps: {
    db: Kysely<Database>;
    source: SyncSource;
    logger?: Logger;
    onArchived?: (records: readonly CallRecord[]) => void;
  },
): ArchiveSync {
  return createArchiveSync({
    ...deps,
    sdkAppId: config.TRTC_SDKAPPID,
    enabled: config.ARCHIVE_ENABLED,
    intervalSeconds: config.ARCHIVE_SYNC_SECONDS,
    retentionDays: config.ARCHIVE_RETENTION_DAYS,
  });
}
