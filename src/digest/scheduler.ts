import { TZDate } from "@date-fns/tz";
import { Cron, type CronOptions } from "croner";
import type { Logger } from "../log.js";
import type { Subscription, SubscriptionRepository } from "../store/subscriptions.js";
import { type LocalDate, localDateOf, yesterdayOf } from "../time/calendar.js";
import type { DigestRunner, RunOutcome } from "./runner.js";

/**
 * One croner job per subscription, firing at its local time in its own time zone (croner does the
 * DST arithmetic: a 09:00 job stays at 09:00 local across a change). Every replica schedules every
 * subscription; the runner's claim makes sure only one of them posts.
 *
 * The store is the truth: a job re-reads its subscription when it fires (one switched off or moved
 * through another replica does not post at the old time), and every replica reloads the whole list
 * periodically (default each minute), so a change made anywhere takes effect everywhere within it.
 * The same periodic sweep fires any digest whose time passed today while it was subscribed and
 * which this replica has not run yet (a time in a DST gap: its first valid minute after).
 *
 * A digest that failed (vendor or Slack down) or whose claim another replica holds is tried again
 * with backoff (1 min doubling to 5 min by default) until it is posted or its local day is over,
 * so it goes out within minutes of the outage's end, and a claim whose holder died is taken over
 * once it expires. Start-up catches up: a subscription whose time already passed today gets
 * yesterday's digest now (the claim makes this a no-op when it was posted before the restart).
 */

export interface DigestScheduler {
  /** Loads subscriptions, schedules them, starts the periodic reload, and runs the catch-up. */
  start(): Promise<RunOutcome[]>;
  /** Re-reads subscriptions after subscribe/unsubscribe (no catch-up: a new subscription starts tomorrow). */
  reload(): Promise<void>;
  /** Next run per channel, for `show` and tests. */
  nextRun(channelId: string): Date | undefined;
  /** Stops every job and waits for runs in flight. */
  stop(): Promise<void>;
}

export interface DigestSchedulerOptions {
  subscriptions: SubscriptionRepository;
  runner: Pick<DigestRunner, "run">;
  logger: Logger;
  now?: () => Date;
  /** How often the subscriptions are re-read from the store (default 60 s). */
  reloadIntervalMs?: number;
  /** Waits between tries of a digest that failed: doubling from `baseMs` up to `maxMs` (default 60 s, 5 min). */
  retryBackoff?: { baseMs: number; maxMs: number };
}

/** The instant of `hour:minute` on a local date; a time that does not exist (DST gap): the first valid minute after it. */
export function localInstant(date: LocalDate, hour: number, minute: number, zone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  let at = new TZDate(y, m - 1, d, hour, minute, zone).getTime();
  const wanted = hour * 60 + minute;
  const wallMinutes = (ms: number) => {
    const local = new TZDate(ms, zone);
    return localDateOf(new Date(ms), zone) === date
      ? local.getHours() * 60 + local.getMinutes()
      : Number.NEGATIVE_INFINITY;
  };
  // In a gap the library moves the time forward by the gap's length; walk back to the gap's end.
  while (wallMinutes(at) !== wanted && wallMinutes(at - 60_000) > wanted) at -= 60_000;
  return new Date(at);
}

/** The instant of today's scheduled time in the subscription's zone. */
export function scheduledToday(subscription: Subscription, now: Date): Date {
  return localInstant(
    localDateOf(now, subscription.timeZone),
    subscription.hour,
    subscription.minute,
    subscription.timeZone,
  );
}

/** The croner job of a subscription: daily at its local time in its own zone (paused without a callback). */
export function digestCron(
  subscription: Subscription,
  options: CronOptions = {},
  run?: () => Promise<void>,
): Cron {
  const pattern = `${subscription.minute} ${subscription.hour} * * *`;
  const all: CronOptions = {
    ...options,
    timezone: subscription.timeZone,
    name: `digest:${subscription.channelId}:${Math.random().toString(36).slice(2)}`,
  };
  return run ? new Cron(pattern, all, run) : new Cron(pattern, { ...all, paused: true });
}

const sameTime = (a: Subscription, b: Subscription) =>
  a.hour === b.hour && a.minute === b.minute && a.timeZone === b.timeZone;

/** Where this replica stands with one channel's digest of one local date. */
interface DayState {
  date: LocalDate;
  state: "running" | "waiting" | "done";
  tries: number;
  timer?: NodeJS.Timeout;
}

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { subscriptions, runner, logger } = options;
  const now = options.now ?? (() => new Date());
  const reloadMs = options.reloadIntervalMs ?? 60_000;
  const backoff = options.retryBackoff ?? { baseMs: 60_000, maxMs: 5 * 60_000 };
  const jobs = new Map<string, { subscription: Subscription; cron: Cron }>();
  const days = new Map<string, DayState>();
  const inFlight = new Set<Promise<unknown>>();
  const abort = new AbortController();
  let reloadTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };

  const forget = (channelId: string) => {
    clearTimeout(days.get(channelId)?.timer);
    days.delete(channelId);
  };

  /** One try of yesterday's digest; on failure (or a claim held elsewhere) the next is scheduled. */
  async function attempt(channelId: string, date: LocalDate): Promise<RunOutcome | undefined> {
    const day = days.get(channelId);
    if (stopped || !day || day.date !== date) return undefined;
    let outcome: RunOutcome;
    day.tries += 1;
    try {
      // The store is the truth: switched off or moved since this replica last read it.
      const current = await subscriptions.get(channelId);
      if (!current) {
        forget(channelId);
        dropJob(channelId);
        return undefined;
      }
      if (yesterdayOf(now(), current.timeZone) !== date) {
        logger.warn("digest.gave_up", { channel: channelId, date, tries: day.tries });
        forget(channelId);
        return undefined;
      }
      day.state = "running";
      outcome = await runner.run(current, date, abort.signal);
    } catch (error) {
      // The store is down (the claim or the read failed): like any failure, tried again later.
      logger.error("digest.job_failed", { channel: channelId, date, error });
      outcome = { status: "failed", error: error instanceof Error ? error.message : String(error) };
    }
    if (stopped || days.get(channelId) !== day) return outcome;
    const again =
      outcome.status === "failed" || (outcome.status === "skipped" && outcome.reason === "held");
    if (!again) {
      day.state = "done";
      return outcome;
    }
    const wait = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (day.tries - 1));
    day.state = "waiting";
    logger.info("digest.retry_scheduled", {
      channel: channelId,
      date,
      tries: day.tries,
      waitMs: wait,
    });
    day.timer = setTimeout(() => {
      void track(attempt(channelId, date)).catch((error: unknown) =>
        logger.error("digest.job_failed", { channel: channelId, error }),
      );
    }, wait);
    day.timer.unref?.();
    return outcome;
  }

  /** Yesterday's digest of a channel, unless this replica already has it in hand today. */
  function fire(subscription: Subscription): Promise<RunOutcome | undefined> {
    const date = yesterdayOf(now(), subscription.timeZone);
    const day = days.get(subscription.channelId);
    if (day && day.date === date) return Promise.resolve(undefined);
    forget(subscription.channelId);
    days.set(subscription.channelId, { date, state: "running", tries: 0 });
    return track(attempt(subscription.channelId, date));
  }

  function dropJob(channelId: string) {
    jobs.get(channelId)?.cron.stop();
    jobs.delete(channelId);
  }

  function addJob(subscription: Subscription) {
    try {
      const cron = digestCron(
        subscription,
        {
          protect: true,
          catch: (error) =>
            logger.error("digest.job_failed", { channel: subscription.channelId, error }),
        },
        async () => {
          // The job's own copy may be stale: fire on what the store says now.
          const current = await subscriptions.get(subscription.channelId);
          if (!current) {
            dropJob(subscription.channelId);
            return;
          }
          if (!sameTime(current, subscription)) {
            replaceJob(current);
            return;
          }
          await fire(current);
        },
      );
      jobs.set(subscription.channelId, { subscription, cron });
    } catch (error) {
      logger.error("digest.schedule_failed", { channel: subscription.channelId, error });
    }
  }

  function replaceJob(subscription: Subscription) {
    dropJob(subscription.channelId);
    if (!stopped) addJob(subscription);
  }

  /** Brings the jobs in line with the store; jobs whose time did not change are left running. */
  async function sync(): Promise<Subscription[]> {
    const all = await subscriptions.list();
    if (stopped) return all;
    const present = new Set(all.map((s) => s.channelId));
    for (const channelId of [...jobs.keys()])
      if (!present.has(channelId)) {
        dropJob(channelId);
        forget(channelId);
      }
    for (const subscription of all) {
      const job = jobs.get(subscription.channelId);
      if (!job || !sameTime(job.subscription, subscription)) replaceJob(subscription);
      else job.subscription = subscription;
    }
    logger.debug("digest.scheduled", { subscriptions: jobs.size });
    return all;
  }

  /** Due today, while subscribed at that time: a DST-gap time, or a fire this replica missed. */
  function sweep(all: Subscription[]) {
    const at = now();
    for (const subscription of all) {
      const scheduled = scheduledToday(subscription, at);
      if (at >= scheduled && subscription.updatedAt <= scheduled) void fire(subscription);
    }
  }

  async function tick() {
    try {
      sweep(await sync());
    } catch (error) {
      logger.warn("digest.reload_failed", { error });
    }
  }

  return {
    async start() {
      // Set first: a store that is down at start-up is read again on the next tick.
      reloadTimer = setInterval(() => void track(tick()), reloadMs);
      reloadTimer.unref?.();
      const all = await sync();
      if (stopped) return [];
      logger.info("digest.scheduled", { subscriptions: jobs.size });
      const at = now();
      const due = all.filter((s) => at.getTime() >= scheduledToday(s, at).getTime());
      const outcomes = await Promise.all(due.map(fire));
      return outcomes.filter((o): o is RunOutcome => o !== undefined);
    },
    async reload() {
      await sync();
    },
    nextRun(channelId) {
      return jobs.get(channelId)?.cron.nextRun() ?? undefined;
    },
    async stop() {
      stopped = true;
      clearInterval(reloadTimer);
      for (const channelId of [...jobs.keys()]) dropJob(channelId);
      for (const channelId of [...days.keys()]) forget(channelId);
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
