import type { Logger } from "../log.js";
import type { CallFilter, Lang } from "../query/types.js";
import {
  type DigestDay,
  type DigestReport,
  digestDay,
  type ResultCounts,
} from "../report/digest.js";
import { replicaId } from "../runtime/replica-id.js";
import type { DigestRunRepository, RunKey } from "../store/digest-runs.js";
import { addDays, type LocalDate } from "../time/calendar.js";
import { type ChannelMessage, ChannelPostError, type ChannelPoster } from "./channel.js";
import { describeDigestFilter } from "./describe.js";
import { type DigestRecordSource, filterKey, readDigest, readResultCounts } from "./read.js";
import { type DigestArchive, readWeekAgo } from "./trends.js";

/**
 * Posts one digest exactly once per (channel, local date), whatever the number of replicas:
 * claim in the store → read the day → post (retrying with backoff, honouring Retry-After, renewing
 * the claim before each try) → record the message ts. A replica that dies after claiming leaves a
 * claim that expires, and the next attempt (another replica's schedule, or a start-up catch-up)
 * takes it over. A post that Slack accepted but whose ts we could not record is the one window
 * where a second post is possible: it needs a crash in the milliseconds between the two.
 */

export interface DigestTarget {
  channelId: string;
  timeZone: string;
  filter: CallFilter;
  lang: Lang;
}

export type RunOutcome =
  | { status: "posted"; ts: string; attempts: number }
  | { status: "skipped"; reason: "posted" | "held" }
  | { status: "failed"; error: string };

export type DigestRenderer = (
  report: DigestReport,
  context: { lang: Lang; filter: CallFilter; filterDescription?: string },
) => ChannelMessage;

export interface DigestRunnerOptions {
  runs: DigestRunRepository;
  source: DigestRecordSource;
  poster: ChannelPoster;
  /** The day's report as the channel's message (Slack's: slack/blocks/digest.ts renderDigest). */
  render: DigestRenderer;
  logger: Logger;
  /** Identifies this replica in claims; default host:pid:random. */
  owner?: string;
  /** How long a claim holds before another replica may take over (default 15 min). */
  claimTtlMs?: number;
  /** Post attempts (default 5) and backoff (default 1 s doubling, capped at 60 s). */
  postAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longest Retry-After honoured; longer gives up this attempt (default 5 min). */
  maxRetryAfterMs?: number;
  pageSize?: number;
  /** When given, digests compare with the same weekday last week wherever the archive holds it. */
  archive?: DigestArchive;
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
  figures: { filterKey: string; total: number; byResult: Record<string, number> };
}

export function createDigestRunner(options: DigestRunnerOptions): DigestRunner {
  const owner = options.owner ?? replicaId();
  const ttl = options.claimTtlMs ?? 15 * 60_000;
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
      return { total: stored.total, byResult: stored.byResult };
    return readResultCounts(source, digestDay(before, target.timeZone), target.filter, {
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

  async function build(
    target: DigestTarget,
    localDate: LocalDate,
    signal?: AbortSignal,
  ): Promise<BuiltDigest> {
    const day = digestDay(localDate, target.timeZone);
    const previous = await previousCounts(target, day, signal);
    const [weekAgo, report] = await Promise.all([
      weekAgoCounts(target, day),
      readDigest(source, { day, filter: target.filter, previous }, { ...read, signal }),
    ]);
    if (weekAgo) report.weekAgo = weekAgo;
    const filterDescription = describeDigestFilter(target.filter, target.lang);
    const message = options.render(report, {
      lang: target.lang,
      filter: target.filter,
      ...(filterDescription ? { filterDescription } : {}),
    });
    return {
      message,
      figures: {
        filterKey: filterKey(target.filter),
        total: report.summary.total,
        byResult: report.summary.byResult,
      },
    };
  }

  /** Posts with retries; `beforeTry` may veto a try (the claim was lost). */
  async function postWithRetry(
    channel: string,
    message: ChannelMessage,
    beforeTry: () => Promise<boolean>,
    signal?: AbortSignal,
  ): Promise<{ ts: string; tries: number }> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      signal?.throwIfAborted();
      if (!(await beforeTry()))
        throw new Error("the claim on this digest was taken over by another replica");
      try {
        return { ts: await poster.postMessage(channel, message), tries: attempt };
      } catch (error) {
        lastError = error;
        const retryable = error instanceof ChannelPostError ? error.retryable : true;
        if (!retryable || attempt === attempts) break;
        const backoff = Math.min(cap, base * 2 ** (attempt - 1));
        const retryAfter = error instanceof ChannelPostError ? error.retryAfterMs : undefined;
        if (retryAfter !== undefined && retryAfter > maxRetryAfter) break;
        const wait = Math.max(backoff, retryAfter ?? 0);
        logger.warn("digest.post_retry", { channel, attempt, waitMs: wait, error });
        await sleep(wait);
      }
    }
    throw lastError;
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
      try {
        const built = await build(target, localDate, signal);
        const posted = await postWithRetry(
          target.channelId,
          built.message,
          () => runs.renew(key, owner, ttl, now()),
          signal,
        );
        const recorded = await runs.markPosted(key, owner, posted.ts, built.figures, now());
        if (!recorded)
          logger.error("digest.claim_lost_after_post", {
            channel: key.channelId,
            date: localDate,
            ts: posted.ts,
          });
        logger.info("digest.posted", {
          channel: key.channelId,
          date: localDate,
          ts: posted.ts,
          claimAttempt: claim.attempt,
          tries: posted.tries,
          calls: built.figures.total,
        });
        return { status: "posted", ts: posted.ts, attempts: posted.tries };
      } catch (error) {
        // Give the claim up at once so the next attempt need not wait for it to expire.
        await runs.release(key, owner, now()).catch(() => {});
        logger.error("digest.failed", { channel: key.channelId, date: localDate, error });
        return { status: "failed", error: error instanceof Error ? error.message : String(error) };
      }
    },
    async postNow(target, localDate, signal) {
      const built = await build(target, localDate, signal);
      const posted = await postWithRetry(target.channelId, built.message, async () => true, signal);
      return posted.ts;
    },
  };
}
