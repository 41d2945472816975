import { TZDate } from "@date-fns/tz";
import { Cron, type CronOptions } from "croner";
import type { Logger } from "../log.js";
import type { Subscription, SubscriptionRepository } from "../store/subscriptions.js";
import { localDateOf, yesterdayOf } from "../time/calendar.js";
import type { DigestRunner, RunOutcome } from "./runner.js";

/**
 * One croner job per subscription, firing at its local time in its own time zone (croner does the
 * DST arithmetic: a 09:00 job stays at 09:00 local across a change). Every replica schedules every
 * subscription; the runner's claim makes sure only one of them posts. Start-up also catches up:
 * a subscription whose time already passed today gets yesterday's digest now (the claim makes
 * this a no-op when it was posted before the restart).
 */

export interface DigestScheduler {
  /** Loads subscriptions, schedules them, and runs the catch-up. */
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
  runner: DigestRunner;
  logger: Logger;
  now?: () => Date;
}

/** The instant of today's scheduled time in the subscription's zone. */
export function scheduledToday(subscription: Subscription, now: Date): Date {
  const [y, m, d] = localDateOf(now, subscription.timeZone).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  return new Date(
    new TZDate(
      y,
      m - 1,
      d,
      subscription.hour,
      subscription.minute,
      subscription.timeZone,
    ).getTime(),
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

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { subscriptions, runner, logger } = options;
  const now = options.now ?? (() => new Date());
  let jobs = new Map<string, Cron>();
  const inFlight = new Set<Promise<unknown>>();
  const abort = new AbortController();
  let stopped = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };

  const fire = (subscription: Subscription) =>
    track(runner.run(subscription, yesterdayOf(now(), subscription.timeZone), abort.signal));

  async function schedule(): Promise<Subscription[]> {
    const all = await subscriptions.list();
    for (const job of jobs.values()) job.stop();
    jobs = new Map();
    if (stopped) return all;
    for (const subscription of all) {
      try {
        const job = digestCron(
          subscription,
          {
            protect: true,
            catch: (error) =>
              logger.error("digest.job_failed", { channel: subscription.channelId, error }),
          },
          async () => {
            await fire(subscription);
          },
        );
        jobs.set(subscription.channelId, job);
      } catch (error) {
        logger.error("digest.schedule_failed", { channel: subscription.channelId, error });
      }
    }
    logger.info("digest.scheduled", { subscriptions: jobs.size });
    return all;
  }

  return {
    async start() {
      const all = await schedule();
      if (stopped) return [];
      const at = now();
      const due = all.filter((s) => at.getTime() >= scheduledToday(s, at).getTime());
      return Promise.all(due.map(fire));
    },
    async reload() {
      await schedule();
    },
    nextRun(channelId) {
      return jobs.get(channelId)?.nextRun() ?? undefined;
    },
    async stop() {
      stopped = true;
      for (const job of jobs.values()) job.stop();
      jobs.clear();
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
