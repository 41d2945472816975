import { describeRule } from "../alerts/describe.js";
import { type AlertEngine, createAlertEngine } from "../alerts/engine.js";
import type { ChannelPoster } from "../digest/channel.js";
import type { Logger } from "../log.js";
import type { Lang } from "../query/types.js";
import { slackAlertRenderer } from "../slack/blocks/alert.js";
import type { AlertHandler } from "../slack/deps.js";
import { createAlertHandler } from "../slack/listeners/commands/alert.js";
import { createSlackPoster } from "../slack/messaging/channel-poster.js";
import { withAlertChart } from "../slack/messaging/charts.js";
import { createAlertRepository } from "../store/alerts.js";
import { createArchiveRepository } from "../store/archive.js";
import { createLeaseRepository } from "../store/archive-lease.js";
import type { Store } from "../store/database.js";

/**
 * Alerts wired once (issue 16): the rules' commands and buttons (`handler`, for the Slack deps)
 * and the each-minute engine over the archive (`start()` after the app is up, `stop()` before the
 * store closes). Needs the archive: without it there is nothing to count.
 */
export interface AlertFeature {
  handler: AlertHandler;
  engine: AlertEngine;
  /**
   * A call event was written to the archive: judge soon. A burst of events within `nudgeAfterMs`
   * gives one evaluation (the engine's `nudge()`), not one per event.
   */
  eventArrived(): void;
  /** The rules this user created, in every channel, described in `lang` (the App Home). */
  rulesBy(userId: string, lang: Lang): Promise<{ channelId: string; description: string }[]>;
  start(): void;
  stop(): Promise<void>;
}

export interface AlertFeatureOptions {
  store: Store;
  sdkAppId: number;
  logger: Logger;
  poster?: ChannelPoster;
  slackToken?: string;
  slackApiUrl?: string;
  now?: () => Date;
  /** ALERT_MAX_RULES_PER_CHANNEL. */
  maxPerChannel?: number;
  /** ARCHIVE_SYNC_SECONDS: callscope "cannot see calls" once two syncs in a row are missing. */
  syncSeconds?: number;
  /** See AlertEngineOptions.eventsFlowing (the archive sync's `eventsState()`). */
  eventsFlowing?: () => Promise<boolean>;
  /** How long after the first of a burst of call events to judge (default 2 s). */
  nudgeAfterMs?: number;
}

export function createAlertFeature(options: AlertFeatureOptions): AlertFeature {
  const poster =
    options.poster ??
    createSlackPoster({
      token: options.slackToken ?? "",
      logger: options.logger,
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    });
  const alerts = createAlertRepository(options.store.db);
  const engine = createAlertEngine({
    alerts,
    archive: createArchiveRepository(options.store.db),
    leases: createLeaseRepository(options.store.db),
    poster,
    // The alert carries its picture of the last hours (the poster uploads it; text chart on failure).
    render: {
      ...slackAlertRenderer,
      alert: (view) => withAlertChart(slackAlertRenderer.alert(view), view, options.logger),
    },
    sdkAppId: options.sdkAppId,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.eventsFlowing ? { eventsFlowing: options.eventsFlowing } : {}),
    blindAfterMs: Math.max(10 * 60_000, (2 * (options.syncSeconds ?? 300) + 60) * 1000),
  });
  const handler = createAlertHandler({
    alerts,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxPerChannel ? { maxPerChannel: options.maxPerChannel } : {}),
  });
  const nudgeAfterMs = options.nudgeAfterMs ?? 2_000;
  let pending: NodeJS.Timeout | undefined;
  let events = 0;
  let stopped = false;
  return {
    handler,
    engine,
    eventArrived() {
      events += 1;
      if (pending || stopped) return;
      pending = setTimeout(() => {
        pending = undefined;
        options.logger.debug("alert.nudged", { events });
        events = 0;
        engine.nudge();
      }, nudgeAfterMs);
      pending.unref();
    },
    async rulesBy(userId, lang) {
      return (await alerts.allRules())
        .filter((rule) => rule.createdBy === userId)
        .map((rule) => ({
          channelId: rule.channelId,
          description: `#${rule.number} ${describeRule(rule, lang)}`,
        }));
    },
    start: () => engine.start(),
    stop: () => {
      stopped = true;
      clearTimeout(pending);
      return engine.stop();
    },
  };
}
