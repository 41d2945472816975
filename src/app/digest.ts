import type { ChannelPoster } from "../digest/channel.js";
import type { DigestRecordSource } from "../digest/read.js";
import { createDigestRunner, type DigestRunner } from "../digest/runner.js";
import { createDigestScheduler, type DigestScheduler } from "../digest/scheduler.js";
import type { DigestArchive } from "../digest/trends.js";
import type { Logger } from "../log.js";
import { renderDigest } from "../slack/blocks/digest.js";
import type { DigestHandler } from "../slack/deps.js";
import { createDigestCommands } from "../slack/listeners/commands/digest.js";
import { createSlackPoster } from "../slack/messaging/channel-poster.js";
import { withDigestChart } from "../slack/messaging/charts.js";
import { createAlertRepository } from "../store/alerts.js";
import { createLeaseRepository } from "../store/archive-lease.js";
import type { Store } from "../store/database.js";
import { createDigestRunRepository } from "../store/digest-runs.js";
import { createSubscriptionRepository } from "../store/subscriptions.js";

/**
 * Everything the digest needs, wired once for main.ts: give it the opened store, the records source
 * (the CallKitClient) and the bot token; hand `handler` to the Slack deps, call `start()` after the
 * app is up and `stop()` in the shutdown hooks (before closing the store).
 */
export interface DigestFeature {
  handler: DigestHandler;
  scheduler: DigestScheduler;
  runner: DigestRunner;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DigestFeatureOptions {
  store: Store;
  source: DigestRecordSource;
  logger: Logger;
  /** Either a poster, or the bot token (and SLACK_API_URL) to build one. */
  poster?: ChannelPoster;
  slackToken?: string;
  slackApiUrl?: string;
  /** The call archive, when it is on: digests gain week-over-week figures from it. */
  archive?: DigestArchive;
  now?: () => Date;
  /** How often each replica re-reads the subscriptions (default 60 s). */
  reloadIntervalMs?: number;
  /** Subscriptions allowed in the workspace (default 50). */
  maxSubscriptions?: number;
}

export function createDigestFeature(options: DigestFeatureOptions): DigestFeature {
  if (!options.poster && !options.slackToken)
    throw new Error("the digest needs a poster or a Slack bot token");
  const poster =
    options.poster ??
    createSlackPoster({
      token: options.slackToken ?? "",
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      logger: options.logger,
    });
  const now = options.now ?? (() => new Date());
  const subscriptions = createSubscriptionRepository(options.store.db);
  const runner = createDigestRunner({
    runs: createDigestRunRepository(options.store.db),
    source: options.source,
    poster,
    render: (report, context) =>
      withDigestChart(renderDigest(report, context), report, context.lang, options.logger),
    logger: options.logger,
    ...(options.archive ? { archive: options.archive } : {}),
    // Yesterday's alerts of the channel, listed in its digest (none when alerts are off).
    alerts: createAlertRepository(options.store.db),
    now,
  });
  const scheduler = createDigestScheduler({
    subscriptions,
    runner,
    logger: options.logger,
    now,
    ...(options.reloadIntervalMs ? { reloadIntervalMs: options.reloadIntervalMs } : {}),
  });
  const handler = createDigestCommands({
    subscriptions,
    scheduler,
    runner,
    logger: options.logger,
    now,
    // The store's leases: one `digest now` a minute per channel, whichever replica is asked.
    nowLimit: { leases: createLeaseRepository(options.store.db) },
    ...(options.maxSubscriptions ? { maxSubscriptions: options.maxSubscriptions } : {}),
  });
  return {
    handler,
    scheduler,
    runner,
    async start() {
      // Catch-up runs in the background: start-up must not wait for a day's worth of pages.
      void scheduler
        .start()
        .catch((error) => options.logger.error("digest.start_failed", { error }));
    },
    stop: () => scheduler.stop(),
  };
}
