import type { Logger } from "../log.js";
import type { CallFilter, Lang } from "../query/types.js";
import {
  type DigestDay,
  type DigestReport,
  digestDay,
  type ResultCounts,
} from "../report/digest.js";
import { replicaId } from "../runtime/replica-id.js";
import type { AlertRepository } from "../store/alerts.js";
import type { DigestRunRepository, RunKey } from "../store/digest-runs.js";
import { addDays, type LocalDate } from "../time/calendar.js";
import {
  type ChannelMessage,
  ChannelPostError,
  type ChannelPoster,
  type PostLookup,
  type PostMarker,
} from "./channel.js";
import type { DigestAlert } from "./day-alerts.js";
import { describeDigestFilter } from "./describe.js";
import { createLimiter } from "./limit.js";
import { type DigestRecordSource, filterKey, readDigest, readResultCounts } from "./read.js";
import {
  type DigestArchive,
  readCountsFromArchive,
  readDigestFromArchive,
  readWeekAgo,
} from "./trends.js";

export type { DigestAlert } from "./day-alerts.js";

/**
 * Posts one digest exactly once per (channel, local date), whatever the number of replicas:
 * claim in the store → read the day (renewing the claim on a heartbeat, so a long read keeps it)
 * → post (retrying with backoff, honouring Retry-After, renewing the claim before each try) →
 * record the message ts. A replica that dies after claiming leaves a claim that expires, and the
 * next attempt (another replica's schedule, a retry, or a start-up catch-up) takes it over.
 *
 * Never twice: each post carries a marker (Slack message metadata: event type, channel, local
 * date), and the ledger notes the post before it is sent. A post whose outcome is unknown
 * (timeout, dropped connection, 5xx), or a run taken over from a holder that had sent one, looks
 * for the marked message first and records it if it is there. When the platform cannot say (no
 * history scope), the digest is recorded as posted unconfirmed: at most once, not twice.
 */

/** The marker's event type on every scheduled digest post. */
export const DIGEST_EVENT_TYPE = "callscope_digest";

/** How far before the noted post attempt the search for it starts: clocks of the store and the platform may differ. */
const LOOKUP_MARGIN_MS = 5 * 60_000;

export function digestMarker(channelId: string, localDate: LocalDate): PostMarker {
  return { eventType: DIGEST_EVENT_TYPE, payload: { channel: channelId, local_date: localDate } };
}

export interface DigestTarget {
  channelId: string;
  timeZone: string;
  filter: CallFilter;
  lang: Lang;
}

export type RunOutcome =
  | { status: "posted"; ts: string; attempts: number }
  | { status: "skipped"; reason: "posted" | "held" }
  /** An earlier post's outcome is unknown and the platform would not say: not posted again. */
  | { status: "unconfirmed"; reason: string }
  | { status: "failed"; error: string };

export type DigestRenderer = (
  report: DigestReport,
  context: {
    lang: Lang;
    filter: CallFilter;
    filterDescription?: string;
    timeZone?: string;
    /** The channel's alerts that opened that day (absent: alerts are off). */
    alerts?: DigestAlert[];
  },
) => ChannelMessage | Promise<ChannelMessage>;

export interface DigestRunnerOptions {
  runs: DigestRunRepository;
  source: DigestRecordSource;
  poster: ChannelPoster;
  /** The day's report as the channel's message (Slack's: slack/blocks/digest.ts renderDigest). */
  render: DigestRenderer;
  logger: Logger;
  /** Identifies this replica in claims; default host:pid:random. */
  owner?: string;
  /** How long a claim holds without renewal before another replica may take over (default 5 min). */
  claimTtlMs?: number;
  /** How often a held claim is renewed while the day is read and posted (default a third of the TTL). */
  heartbeatMs?: number;
  /** Digests read at once by this runner; the others wait (default 3). */
  maxConcurrentBuilds?: number;
  /** Post attempts (default 5) and backoff (default 1 s doubling, capped at 60 s). */
  postAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longest Retry-After honoured; longer gives up this attempt (default 5 min). */
  maxRetryAfterMs?: number;
  pageSize?: number;
  /** When given, digests compare with the same weekday last week wherever the archive holds it. */
  archive?: DigestArchive;
  /** When given, digests list the channel's alerts of the day. */
  alerts?: Pick<AlertRepository, "episodesBetween">;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface DigestRunner {
  /** The scheduled digest of `localDate`: claimed, posted at most once. */
  run(target: DigestTarget, localDate: LocalDate, signal?: AbortSignal): Promise<RunOutcome>;
  /** `/calls digest now`: reads and posts at once, outside the exactly-once ledger. */
  postNow(target: DigestTarget, localDate: LocalDate, signal?: AbortSignal): Promise<string>;
  /** The message for a day without posting it (CLI, demo, tests). */
  build(target: DigestTarget, localDate: LocalDate, signal?: AbortSignal): Promise<BuiltDigest>;
  readonly owner: string;
}

export interface BuiltDigest {
  message: ChannelMessage;
  figures: {
    filterKey: string;
    total: number;
    byResult: Record<string, number>;
    perHour?: number[];
  };
}

export function createDigestRunner(options: DigestRunnerOptions): DigestRunner {
  const owner = options.owner ?? replicaId();
  const ttl = options.claimTtlMs ?? 5 * 60_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(10, Math.floor(ttl / 3));
  const builds = createLimiter(options.maxConcurrentBuilds ?? 3);
  const attempts = options.postAttempts ?? 5;
  const base = options.backoffBaseMs ?? 1000;
  const cap = options.backoffMaxMs ?? 60_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { runs, source, poster, logger } = options;
  const read = { pageSize: options.pageSize ?? 100 };

  /** The day before's counts: stored by its own digest if it ran under this filter, else read. */
  async function previousCounts(
    target: DigestTarget,
    day: DigestDay,
    signal?: AbortSignal,
  ): Promise<ResultCounts> {
    const key = filterKey(target.filter);
    const before = addDays(day.localDate, -1);
    const stored = (await runs.get({ channelId: target.channelId, localDate: before }))?.figures;
    if (stored && stored.filterKey === key)
      return {
        total: stored.total,
        byResult: stored.byResult,
        ...(stored.perHour ? { perHour: stored.perHour } : {}),
      };
    const beforeDay = digestDay(before, target.timeZone);
    if (options.archive) {
      const counted = await readCountsFromArchive(options.archive, beforeDay, target.filter).catch(
        (error: unknown) => {
          logger.warn("digest.archive_unavailable", { channel: target.channelId, error });
          return undefined;
        },
      );
      if (counted) return counted;
    }
    return readResultCounts(source, beforeDay, target.filter, {
      ...read,
      signal,
    });
  }

  /** Trends are extra: a store error leaves the digest as it would be without an archive. */
  async function weekAgoCounts(target: DigestTarget, day: DigestDay) {
    if (!options.archive) return undefined;
    try {
      return await readWeekAgo(options.archive, day, target.filter);
    } catch (error) {
      logger.warn("digest.trends_unavailable", { channel: target.channelId, error });
      return undefined;
    }
  }

  /** From the archive's database when it holds the whole day (a few GROUP BYs), else the vendor. */
  async function readDay(
    target: DigestTarget,
    day: DigestDay,
    previous: ResultCounts,
    signal?: AbortSignal,
  ) {
    if (options.archive) {
      try {
        const counted = await readDigestFromArchive(options.archive, day, target.filter, previous);
        if (counted) return counted;
      } catch (error) {
        // The vendor still has the day: a store error costs time, not the digest.
        logger.warn("digest.archive_unavailable", { channel: target.channelId, error });
      }
    }
    return readDigest(source, { day, filter: target.filter, previous }, { ...read, signal });
  }

  /** Alerts are extra, as trends are: a store error leaves the digest without them. */
  async function dayAlerts(target: DigestTarget, day: DigestDay) {
    if (!options.alerts) return undefined;
    try {
      const episodes = await options.alerts.episodesBetween(
        target.channelId,
        new Date(day.startTs * 1000),
        new Date(day.endTs * 1000),
      );
      return episodes.map(
        (e): DigestAlert => ({
          ruleNumber: e.ruleNumber,
          rule: typeof e.summary.rule === "string" ? e.summary.rule : "",
          openedAt: e.openedAt,
          ...(e.resolvedAt ? { resolvedAt: e.resolvedAt } : {}),
          peak: e.peak,
          unit: e.summary.unit === "count" ? "count" : "percent",
        }),
      );
    } catch (error) {
      logger.warn("digest.alerts_unavailable", { channel: target.channelId, error });
      return undefined;
    }
  }

  async function build(
    target: DigestTarget,
    localDate: LocalDate,
    signal?: AbortSignal,
  ): Promise<BuiltDigest> {
    const day = digestDay(localDate, target.timeZone);
    const previous = await previousCounts(target, day, signal);
    const [weekAgo, report] = await Promise.all([
      weekAgoCounts(target, day),
      readDay(target, day, previous, signal),
    ]);
    if (weekAgo) report.weekAgo = weekAgo;
    const filterDescription = describeDigestFilter(target.filter, target.lang);
    const alerts = await dayAlerts(target, day);
    const message = await options.render(report, {
      lang: target.lang,
      filter: target.filter,
      timeZone: target.timeZone,
      ...(filterDescription ? { filterDescription } : {}),
      ...(alerts ? { alerts } : {}),
    });
    return {
      message,
      figures: {
        filterKey: filterKey(target.filter),
        total: report.summary.total,
        byResult: report.summary.byResult,
        perHour: report.perHour,
      },
    };
  }

  const backoffFor = (attempt: number, error: unknown) => {
    const backoff = Math.min(cap, base * 2 ** (attempt - 1));
    const retryAfter = error instanceof ChannelPostError ? error.retryAfterMs : undefined;
    if (retryAfter !== undefined && retryAfter > maxRetryAfter) return undefined;
    return Math.max(backoff, retryAfter ?? 0);
  };

  /** `/calls digest now`: retries only posts that surely did not land (at most once otherwise). */
  async function postWithRetry(
    channel: string,
    message: ChannelMessage,
    signal?: AbortSignal,
  ): Promise<{ ts: string; tries: number }> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      signal?.throwIfAborted();
      try {
        return { ts: await poster.postMessage(channel, message), tries: attempt };
      } catch (error) {
        lastError = error;
        const post = error instanceof ChannelPostError ? error : undefined;
        if (!post?.retryable || post.outcomeUnknown || attempt === attempts) break;
        const wait = backoffFor(attempt, error);
        if (wait === undefined) break;
        logger.warn("digest.post_retry", { channel, attempt, waitMs: wait, error });
        await sleep(wait);
      }
    }
    throw lastError;
  }

  type Delivery =
    | { kind: "posted"; ts: string; tries: number; recovered: boolean }
    | { kind: "unconfirmed"; reason: string };

  const lookFor = async (key: RunKey, sinceMs: number): Promise<PostLookup> =>
    poster.findPost
      ? poster.findPost(key.channelId, digestMarker(key.channelId, key.localDate), sinceMs)
      : { status: "unknowable", reason: "this poster cannot read the channel's history" };

  /**
   * The scheduled post: looks for an earlier one whenever one may have landed, notes each post
   * in the ledger before sending it, and retries what may pass.
   */
  async function deliver(
    key: RunKey,
    message: ChannelMessage,
    attemptedBefore: Date | undefined,
    signal: AbortSignal,
  ): Promise<Delivery> {
    const claimLost = () => new Error("the claim on this digest was taken over by another replica");
    // Set while a post of this digest may exist: the search starts a little before it was sent.
    let mayExistSince = attemptedBefore?.getTime();
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      signal.throwIfAborted();
      if (!(await runs.renew(key, owner, ttl, now()))) throw claimLost();
      if (mayExistSince !== undefined) {
        let lookup: PostLookup;
        try {
          lookup = await lookFor(key, mayExistSince - LOOKUP_MARGIN_MS);
        } catch (error) {
          lastError = error;
          const wait = attempt < attempts ? backoffFor(attempt, error) : undefined;
          if (wait === undefined) break;
          logger.warn("digest.lookup_retry", {
            channel: key.channelId,
            attempt,
            waitMs: wait,
            error,
          });
          await sleep(wait);
          continue;
        }
        if (lookup.status === "found")
          return { kind: "posted", ts: lookup.ts, tries: attempt, recovered: true };
        if (lookup.status === "unknowable") {
          logger.warn("digest.post_unconfirmed", {
            channel: key.channelId,
            date: key.localDate,
            reason: lookup.reason,
            note: "an earlier post may have landed; not posting again rather than risk a duplicate",
          });
          return { kind: "unconfirmed", reason: lookup.reason };
        }
      }
      if (!(await runs.notePostAttempt(key, owner, now()))) throw claimLost();
      const sentAt = now().getTime();
      try {
        const ts = await poster.postMessage(
          key.channelId,
          message,
          digestMarker(key.channelId, key.localDate),
        );
        return { kind: "posted", ts, tries: attempt, recovered: false };
      } catch (error) {
        lastError = error;
        const post = error instanceof ChannelPostError ? error : undefined;
        if (post?.outcomeUnknown ?? true) mayExistSince ??= sentAt;
        // The platform said plainly it did not post, and no earlier post may exist.
        else if (mayExistSince === undefined) await runs.clearPostAttempt(key, owner, now());
        if (!(post?.retryable ?? true) || attempt === attempts) break;
        const wait = backoffFor(attempt, error);
        if (wait === undefined) break;
        logger.warn("digest.post_retry", { channel: key.channelId, attempt, waitMs: wait, error });
        await sleep(wait);
      }
    }
    throw lastError;
  }

  /** Renews the claim until stopped; aborts `lost` when the claim is no longer ours. */
  function heartbeat(key: RunKey, lost: AbortController): () => void {
    let beating = false;
    const timer = setInterval(() => {
      if (beating) return;
      beating = true;
      runs
        .renew(key, owner, ttl, now())
        .then((ours) => {
          if (!ours) lost.abort(new Error("the claim on this digest was lost while it was read"));
        })
        .catch((error: unknown) =>
          logger.warn("digest.heartbeat_failed", { channel: key.channelId, error }),
        )
        .finally(() => {
          beating = false;
        });
    }, heartbeatMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }

  return {
    owner,
    build,
    async run(target, localDate, signal) {
      const key: RunKey = { channelId: target.channelId, localDate };
      const claim = await runs.claim(key, owner, ttl, now());
      if (!claim.claimed) {
        logger.info("digest.skipped", {
          channel: key.channelId,
          date: localDate,
          reason: claim.reason,
        });
        return { status: "skipped", reason: claim.reason };
      }
      const lost = new AbortController();
      const stopBeating = heartbeat(key, lost);
      const aborted = signal ? AbortSignal.any([signal, lost.signal]) : lost.signal;
      try {
        const built = await builds.run(() => build(target, localDate, aborted));
        // A holder before us may have sent the post: the ledger says so.
        const attemptedBefore =
          claim.attempt > 1 ? (await runs.get(key))?.postAttemptedAt : undefined;
        const delivery = await deliver(key, built.message, attemptedBefore, aborted);
        const ts = delivery.kind === "posted" ? delivery.ts : "";
        const recorded = await runs.markPosted(key, owner, ts, built.figures, now());
        if (!recorded)
          logger.error("digest.claim_lost_after_post", {
            channel: key.channelId,
            date: localDate,
            ts,
          });
        if (delivery.kind === "unconfirmed")
          return { status: "unconfirmed", reason: delivery.reason };
        logger.info("digest.posted", {
          channel: key.channelId,
          date: localDate,
          ts,
          claimAttempt: claim.attempt,
          tries: delivery.tries,
          recovered: delivery.recovered,
          calls: built.figures.total,
        });
        return { status: "posted", ts, attempts: delivery.tries };
      } catch (error) {
        // Give the claim up at once so the next attempt need not wait for it to expire.
        await runs.release(key, owner, now()).catch(() => {});
        logger.error("digest.failed", { channel: key.channelId, date: localDate, error });
        return { status: "failed", error: error instanceof Error ? error.message : String(error) };
      } finally {
        stopBeating();
      }
    },
    async postNow(target, localDate, signal) {
      const built = await builds.run(() => build(target, localDate, signal));
      const posted = await postWithRetry(target.channelId, built.message, signal);
      return posted.ts;
    },
  };
}
