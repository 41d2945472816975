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
import { createSliceWriter, type SliceBuffer } from "./slice-writer.js";

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
 * Rate: the CallKitClient's token bucket is shared per app. The sync's scans are `background`:
 * the bucket grants them a slot only while no person's request waits, so a person's question
 * never queues behind the sync's pages, and the sync may keep as many pages in flight as the
 * client's own scans (enough to cover the vendor's latency at the app's rate, ~20 at 200/s)
 * and take whatever of the rate people leave. With one page in flight (the old default) the
 * sync reached 1 / latency pages a second: ~20 at 50 ms, a tenth of the vendor's pace.
 */

export type SyncSource = Pick<RecordSource, "scan">;

/** Call events are kept at least a day, whatever the archive's retention. */
const EVENTS_KEPT_SECONDS = 86_400;
/**
 * Slices whose pages are read at once: the next ones' first pages overlap the last one's final
 * pages and writes, and a week of empty slices (a new app's backfill) costs a few round trips,
 * not one each.
 */
const READING = 6;

interface SliceRead {
  records: number;
  interrupted: boolean;
  skipped: number;
  skippedRequestIds: string[];
}

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
  /** Records read before a write starts; default 2000 (SQLite writes on this thread: fewer, larger transactions). */
  batchSize?: number;
  /** Most records one write (one transaction) takes; default 5000. */
  maxWriteRecords?: number;
  pageSize?: number;
  /** Pages in flight; default: the client's (see the note on rate above). */
  concurrency?: number;
  /** Identifies this replica in the lease; default host:pid:random. */
  holder?: string;
  /** How long the lease holds without renewal (renewed after every slice); default 10 min. */
  leaseTtlMs?: number;
  now?: () => Date;
  logger?: Logger;
  /**
   * The call events the webhooks stored (issue 14). While they flow (one arrived within
   * `eventsStaleMinutes`), end events put late-ending calls into the archive, so a run reads on
   * from where the last stopped, without the 3-hour re-read; when they stop while the records API
   * still shows calls, the overlap comes back and the log says so.
   */
  events?: {
    lastReceivedAt(): Promise<number | undefined>;
    /**
     * Drops events that arrived before `beforeMs`: called wherever the archive prunes, with the
     * archive's retention, never keeping less than a day of events (the webhooks' dedup window).
     */
    prune?(beforeMs: number): Promise<number>;
  };
  /** CALLKIT_EVENTS_STALE_MINUTES, default 15. */
  eventsStaleMinutes?: number;
  /** Each batch once written (e.g. to prefetch TRTC's diagnosis of interrupted calls). */
  onArchived?: (records: readonly CallRecord[]) => void;
}

/** How the sync knows of late-ending calls: from the call events, or by re-reading the overlap. */
export interface EventsState {
  mode: "events" | "overlap";
  /** events: they flow; stale: none for the stale time while calls exist; none: no webhooks or none yet. */
  reason: "events_flowing" | "events_stale" | "no_events";
  lastEventAt?: Date;
  staleMinutes: number;
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
      /** Call events dropped by the same retention (0 without webhooks). */
      eventsPruned: number;
      backfill: boolean;
      /** How far before the last sync point this run re-read (0 while call events flow). */
      overlapSeconds: number;
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
  /** As of the last run (or now, before any): for the App Home and the logs. */
  eventsState(): Promise<EventsState>;
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
  const batchSize = options.batchSize ?? 2000;
  const maxWrite = Math.max(batchSize, options.maxWriteRecords ?? 5000);
  const maxBuffered = 4 * maxWrite;
  const scanOptions = {
    pageSize: options.pageSize ?? 100,
    priority: "background" as const,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  };

  const staleMinutes = options.eventsStaleMinutes ?? 15;
  let lastState: EventsState["reason"] | undefined;

  async function eventsState(): Promise<EventsState> {
    const last = await options.events?.lastReceivedAt();
    const base = {
      staleMinutes,
      ...(last === undefined ? {} : { lastEventAt: new Date(last) }),
    };
    if (last === undefined) return { ...base, mode: "overlap", reason: "no_events" };
    if (now().getTime() - last < staleMinutes * 60_000) {
      return { ...base, mode: "events", reason: "events_flowing" };
    }
    return { ...base, mode: "overlap", reason: "events_stale" };
  }

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
      const events = options.events ? await eventsState() : undefined;
      const runOverlap = events?.mode === "events" ? 0 : overlap;
      const from = fresh ? oldest : Math.max(state.until - runOverlap, oldest);
      let coverage = {
        sdkAppId: options.sdkAppId,
        from: Math.max(fresh ? oldest : state.from, retainFrom),
        until: fresh ? from : state.until,
        syncedAt: now(),
        backfilled: fresh ? false : state.backfilled,
      };
      let skipped = 0;
      let slices = 0;
      let interrupted = false;
      const ranges: { start: number; end: number }[] = [];
      for (let start = from; start < until; start += slice) {
        ranges.push({ start, end: Math.min(start + slice, until) });
      }
      // Slices are read READING at a time and written as slice-writer.ts says, while fewer than
      // `maxBuffered` records wait for the store; progress is recorded in order, slice by slice.
      const cut = new AbortController();
      const onStop = () => cut.abort(abort.signal.reason);
      abort.signal.addEventListener("abort", onStop, { once: true });
      const writer = createSliceWriter({
        write: (batch) => archive.upsert(batch, now()),
        batchSize,
        maxWrite,
        maxBuffered,
        ...(options.onArchived ? { onWritten: options.onArchived } : {}),
      });
      const reads: Promise<SliceRead>[] = [];
      let reading = 0;
      const startRead = () => {
        // Its place first: a read that fails at once starts the next one (fill) before returning.
        const index = reads.push(Promise.resolve(undefined as never)) - 1;
        const range = ranges[index] as { start: number; end: number };
        reading++;
        const buffer = writer.open();
        const read = readSlice(range.start, range.end, buffer, cut.signal, () => {
          reading--;
          fill();
        });
        // Awaited in order below; one the run does not reach must not go unhandled.
        read.catch(() => {});
        reads[index] = read;
      };
      const fill = () => {
        while (
          !cut.signal.aborted &&
          reads.length < ranges.length &&
          reading < READING &&
          writer.buffered < maxBuffered
        ) {
          startRead();
        }
      };
      try {
        for (let index = 0; index < ranges.length && !interrupted; index++) {
          fill();
          if (reads.length <= index) startRead();
          const { start, end } = ranges[index] as { start: number; end: number };
          const read = await (reads[index] as Promise<SliceRead>);
          // Counted in /metrics (records written; the sync lag once complete) per slice, not per run.
          logger.debug("archive.sync.slice", {
            from: start,
            until: end,
            records: read.records,
            complete: !read.interrupted,
          });
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
      } catch (error) {
        writer.abandon();
        throw error;
      } finally {
        // No read or write outlives the run (its lease is released next): a slice read ahead
        // is cut, and what it read is written (harmless: progress did not reach it).
        cut.abort();
        abort.signal.removeEventListener("abort", onStop);
        await Promise.allSettled(reads);
        await writer.idle();
      }
      const records = writer.written;
      const pruned = interrupted ? 0 : await archive.prune(retainFrom);
      const eventsPruned =
        interrupted || !options.events?.prune
          ? 0
          : await options.events.prune(Math.min(retainFrom, nowSec - EVENTS_KEPT_SECONDS) * 1000);
      if (events && events.reason !== lastState) {
        // Only a change is news; "stale" only counts when the records API shows calls.
        if (events.reason === "events_stale" && records > 0) {
          logger.warn("archive.sync.events_stale", {
            staleMinutes,
            lastEventAt: events.lastEventAt?.toISOString(),
            overlapSeconds: overlap,
          });
          lastState = events.reason;
        } else if (events.reason === "events_flowing") {
          logger.info("archive.sync.events_flowing", { overlapSeconds: 0 });
          lastState = events.reason;
        }
      }
      const run = {
        ran: true as const,
        from,
        until,
        records,
        skipped,
        slices,
        pruned,
        eventsPruned,
        backfill: fresh,
        interrupted,
        overlapSeconds: runOverlap,
      };
      logger.info("archive.sync.done", { ...run });
      return run;
    } finally {
      await leases.release(leaseName, holder).catch(() => {});
    }
  }

  /**
   * Reads a slice into its buffer of the writer: records are written while the next pages are
   * read; `onScanned` once its pages are all read (or the read failed). Resolves once all its records are written (`records`: how many), interrupted when the
   * run's signal cut it (stop(), or the run ended before it); a failed read drops what it read.
   */
  async function readSlice(
    start: number,
    end: number,
    buffer: SliceBuffer,
    signal: AbortSignal,
    onScanned: () => void,
  ): Promise<SliceRead> {
    let skips: Pick<ScanProgress, "skipped" | "skippedRequestIds"> = {};
    let interrupted = false;
    try {
      const scan = options.source.scan(
        { startTimestamp: start, endTimestamp: end },
        {
          ...scanOptions,
          signal,
          onProgress: (progress) => {
            skips = progress;
          },
        },
      );
      for await (const record of scan) {
        const wait = buffer.push(record);
        if (wait) await wait;
        if (stopping) {
          interrupted = true;
          break;
        }
      }
    } catch (error) {
      // A cut scan (stop() aborts one waiting on the rate limit): what was read is written.
      if (!signal.aborted) {
        buffer.discard();
        onScanned();
        throw error;
      }
      interrupted = true;
    }
    onScanned();
    const records = await buffer.close();
    return {
      records,
      interrupted,
      skipped: skips.skipped ?? 0,
      skippedRequestIds: [...(skips.skippedRequestIds ?? [])],
    };
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
    eventsState,
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
    CALLKIT_EVENTS_STALE_MINUTES?: number;
  },
  deps: {
    db: Kysely<Database>;
    source: SyncSource;
    logger?: Logger;
    events?: ArchiveSyncOptions["events"];
    onArchived?: ArchiveSyncOptions["onArchived"];
  },
): ArchiveSync {
  return createArchiveSync({
    ...deps,
    ...(config.CALLKIT_EVENTS_STALE_MINUTES === undefined
      ? {}
      : { eventsStaleMinutes: config.CALLKIT_EVENTS_STALE_MINUTES }),
    sdkAppId: config.TRTC_SDKAPPID,
    enabled: config.ARCHIVE_ENABLED,
    intervalSeconds: config.ARCHIVE_SYNC_SECONDS,
    retentionDays: config.ARCHIVE_RETENTION_DAYS,
  });
}
