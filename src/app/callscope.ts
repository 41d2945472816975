import { createEventsFeed, type EventsFeed } from "../archive/events-feed.js";
import { type ArchiveSync, archiveSyncFromConfig } from "../archive/sync.js";
import { type CallKitClient, createCallKitClients } from "../callkit/client.js";
import type { ApiGeneration } from "../callkit/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import { type AppConfig, trtcCloudSettings } from "../config.js";
import { createDiagnosisPrefetcher } from "../diagnosis/prefetch.js";
import { createDiagnosisService, type DiagnosisService } from "../diagnosis/service.js";
import { createLogger, type Logger, registerSecret } from "../log.js";
import {
  createGenerationRouting,
  type GenerationRouting,
  shareAcrossGenerations,
} from "../routing/generations.js";
import { archiveRouter, type RecordRouter } from "../routing/router.js";
import { createWebhookHandler, type WebhookReceiverOptions } from "../runtime/callkit-webhook.js";
import { createLifecycle, type Lifecycle } from "../runtime/lifecycle.js";
import { createMetrics } from "../runtime/metrics.js";
import { rateShareFromConfig } from "../runtime/rate-share.js";
import { createUpstreamTracker } from "../runtime/upstream-tracker.js";
import { createSlackApp, type SlackApp } from "../slack/app.js";
import type { AlertHandler, DigestHandler, SlackDeps } from "../slack/deps.js";
import { createSlackPoster } from "../slack/messaging/channel-poster.js";
import { createArchiveRepository } from "../store/archive.js";
import { createCallEventRepository } from "../store/call-events.js";
import { openStore, type Store } from "../store/database.js";
import { createDiagnosisRepository } from "../store/diagnoses.js";
import { createSavedSearchRepository } from "../store/saved-searches.js";
import { createSubscriptionRepository } from "../store/subscriptions.js";
import { TrtcCloudClient } from "../trtc/client.js";
import { type AlertFeature, createAlertFeature } from "./alerts.js";
import { createDigestFeature, type DigestFeature } from "./digest.js";

/**
 * The one way callscope is put together, for `npm start`, the demo and the tests alike: the
 * records client, the store with digests and the archive, and the Slack app on top. What differs
 * between them (a clock, a log sink, no store, a wrapped source) comes in as an override, so a test
 * exercises the same wiring that runs in production.
 */

export interface CallscopeOverrides {
  logger?: Logger;
  now?: () => Date;
  /** HTTP mode only: the address to bind (the demo keeps to 127.0.0.1); default every interface. */
  host?: string;
  /**
   * `false`: no store, hence no digests and no archive (tests of the Slack side alone); a Store:
   * use it (and close it at shutdown) instead of opening DATABASE_URL (tests on a schema of their own).
   */
  store?: false | Store;
  /** Wraps the vendor source as what the Slack side reads (the demo watches what it reads). */
  wrapSource?: (source: RecordSource) => RecordSource;
  /** Where records come from, given the vendor source; default archive-first when the archive is on. */
  router?: (vendor: RecordSource) => RecordRouter;
  /** Answers `/calls digest …` instead of the store-backed digest (tests). */
  digest?: DigestHandler;
  /** Answers `/calls alert …` and Mute buttons instead of the store-backed alerts (tests). */
  alerts?: AlertHandler;
  slack?: Partial<
    Pick<
      SlackDeps,
      | "responseUrlOptions"
      | "slowAnswerMs"
      | "timeZones"
      | "access"
      | "admission"
      | "diagnosisWaitMs"
      | "homeExtras"
      | "homeState"
    >
  >;
  /** The webhook receiver's test seams (a crash between store and answer, lookup delays). */
  webhook?: Pick<WebhookReceiverOptions, "afterStore"> & { confirmAfterMs?: readonly number[] };
}

export interface Callscope {
  config: AppConfig;
  /** The first generation's client (v1). */
  client: CallKitClient;
  /** A client per generation of the records API. */
  clients: Record<ApiGeneration, CallKitClient>;
  /** Which generations answer (TRTC_API_GENERATION; `auto` decided at start-up, then daily). */
  generations: GenerationRouting;
  slack: SlackApp;
  lifecycle: Lifecycle;
  store?: Store;
  digest?: DigestFeature;
  /** The archive sync, when there is a store. */
  archiveSync?: ArchiveSync;
  /** The archive fed by call events, when the webhook receiver is on. */
  eventsFeed?: EventsFeed;
  /** TRTC's account of a call (TRTC_CLOUD_* set); absent without credentials. */
  diagnosis?: DiagnosisService;
  /** Present with a store and the archive on. */
  alerts?: AlertFeature;
  /**
   * Starts listening, then the digest scheduler and the archive sync; resolves with the HTTP port
   * once the records generations are known too (`auto`'s probe, which /healthz does not wait for).
   */
  start(): Promise<{ port?: number }>;
  /** Stops taking requests, lets answers in flight finish (at most `graceMs`), then every job. */
  stop(options?: { graceMs?: number }): Promise<{ unfinished: number; hookFailures: string[] }>;
}

export async function createCallscope(
  config: AppConfig,
  overrides: CallscopeOverrides = {},
): Promise<Callscope> {
  const metrics = createMetrics();
  // Every log event also counts in /metrics: features report once, to the log.
  const logger = metrics.observe(overrides.logger ?? createLogger({ level: config.LOG_LEVEL }));
  const now = overrides.now ?? (() => new Date());
  const lifecycle = createLifecycle();
  const upstream = createUpstreamTracker();
  const clients = createCallKitClients(config, {
    logger,
    onRequest: (event) => {
      upstream.onRequest(event);
      metrics.onVendorRequest(event);
    },
  });
  const client = clients.v1;
  // v1, v4 or both as one source; `auto` asks both now which of them hold calls. Not awaited
  // here: the store opens and the app listens (is healthy) meanwhile, while the source's scans
  // and lookups wait for the answer (routing/generations.ts); start() resolves after it.
  const generations = createGenerationRouting(config.TRTC_API_GENERATION, clients, { logger, now });
  const probing = generations.start();
  lifecycle.onShutdown("generation probe", () => generations.stop());
  const vendor = generations.source;
  // Each reader's scans of the vendor are timed under its name in /metrics.
  const slackVendor = metrics.timeScans(vendor, "slack");
  const source = overrides.wrapSource ? overrides.wrapSource(slackVendor) : slackVendor;

  const store =
    overrides.store === false
      ? undefined
      : (overrides.store ?? (await openStore(config.DATABASE_URL, { logger })));
  // Hooks run newest first: the jobs stop before the store they write to is closed.
  if (store) lifecycle.onShutdown("store", () => store.close());
  // The vendor's limits are the app's: replicas split them through the store. Registered before
  // the jobs that use the client, so it stops (and leaves) after them.
  const rateShare = store
    ? rateShareFromConfig(config, {
        store,
        client: shareAcrossGenerations(clients, {
          rateLimit: config.TRTC_RATE_LIMIT,
          callIdRateLimit: config.TRTC_CALLID_RATE_LIMIT,
          v4RateLimit: config.TRTC_V4_RATE_LIMIT,
        }),
        logger,
      })
    : undefined;
  if (rateShare) {
    await rateShare.start();
    lifecycle.onShutdown("rate share", () => rateShare.stop());
  }
  // With the archive off, nothing fills it: every answer comes from the vendor.
  const archive = store && config.ARCHIVE_ENABLED ? createArchiveRepository(store.db) : undefined;
  // One Slack client for what callscope posts to channels on its own (digests, alerts).
  const channelPoster = createSlackPoster({
    token: config.SLACK_BOT_TOKEN,
    logger,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
  });
  const digest =
    store && !overrides.digest
      ? createDigestFeature({
          store,
          source: metrics.timeScans(vendor, "digest"),
          logger,
          now,
          poster: channelPoster,
          ...(archive ? { archive: { repository: archive, sdkAppId: config.TRTC_SDKAPPID } } : {}),
        })
      : undefined;
  if (digest) lifecycle.onShutdown("digest scheduler", () => digest.stop());
  // Why a call failed, from the TRTC cloud API: only with its credentials (optional as a group).
  // Failed calls' diagnoses are kept in the store, as long as the call (migration 009).
  const cloud = trtcCloudSettings(config);
  const diagnoses = store ? createDiagnosisRepository(store.db) : undefined;
  const diagnosis = cloud
    ? createDiagnosisService({
        api: new TrtcCloudClient({ settings: cloud, sdkAppId: config.TRTC_SDKAPPID, logger }),
        logger,
        ...(diagnoses
          ? {
              keeper: {
                load: (callId) => diagnoses.load(callId),
                save: (callId, kept) =>
                  diagnoses.save({
                    callId,
                    startTs: kept.callStart,
                    fetchedAt: kept.fetchedAt * 1000,
                    diagnosis: kept,
                  }),
              },
            }
          : {}),
      })
    : undefined;
  // TRTC_DIAGNOSIS_PREFETCH (off by default: it costs API calls): the sync offers interrupted calls.
  const prefetcher =
    diagnosis && store && config.TRTC_DIAGNOSIS_PREFETCH
      ? createDiagnosisPrefetcher({ service: diagnosis, logger })
      : undefined;
  // The vendor's call events (CALLKIT_WEBHOOK_TOKEN): stored, then fed to the archive.
  const callEvents =
    store && config.CALLKIT_WEBHOOK_TOKEN ? createCallEventRepository(store.db) : undefined;
  const archiveSync = store
    ? archiveSyncFromConfig(config, {
        db: store.db,
        source: metrics.timeScans(vendor, "archive"),
        logger,
        ...(callEvents ? { events: callEvents } : {}),
        ...(prefetcher ? { onArchived: (records) => prefetcher.offer(records) } : {}),
      })
    : undefined;
  if (archiveSync) lifecycle.onShutdown("archive sync", () => archiveSync.stop());
  if (prefetcher) lifecycle.onShutdown("diagnosis prefetch", () => prefetcher.stop());
  // Alerts count calls in the archive: without it there is nothing to judge.
  const alerts =
    store && archive && !overrides.alerts
      ? createAlertFeature({
          store,
          sdkAppId: config.TRTC_SDKAPPID,
          logger,
          now,
          poster: channelPoster,
          maxPerChannel: config.ALERT_MAX_RULES_PER_CHANNEL,
          syncSeconds: config.ARCHIVE_SYNC_SECONDS,
          // While call events flow, the alerts' window ends now: event-fed calls count at once.
          ...(archiveSync && callEvents
            ? {
                eventsFlowing: async () => (await archiveSync.eventsState()).mode === "events",
              }
            : {}),
        })
      : undefined;
  if (alerts) lifecycle.onShutdown("alerts", () => alerts.stop());
  const eventsFeed =
    callEvents && archive
      ? createEventsFeed({
          archive,
          source: vendor,
          sdkAppId: config.TRTC_SDKAPPID,
          logger,
          now,
          // An end-of-call event in the archive: the alerts judge within seconds, once per burst.
          ...(alerts ? { onRecorded: () => alerts.eventArrived() } : {}),
          ...(overrides.webhook?.confirmAfterMs
            ? { confirmAfterMs: overrides.webhook.confirmAfterMs }
            : {}),
        })
      : undefined;
  if (eventsFeed) lifecycle.onShutdown("events feed", () => eventsFeed.stop());
  if (config.CALLKIT_WEBHOOK_TOKEN) registerSecret(config.CALLKIT_WEBHOOK_TOKEN);
  if (config.CALLKIT_WEBHOOK_TOKEN && !callEvents) {
    logger.warn("callkit.webhook.disabled", { reason: "no store: events need one" });
  }
  const webhook =
    callEvents && config.CALLKIT_WEBHOOK_TOKEN
      ? createWebhookHandler({
          token: config.CALLKIT_WEBHOOK_TOKEN,
          sdkAppId: config.TRTC_SDKAPPID,
          events: callEvents,
          logger,
          now,
          ...(eventsFeed ? { afterAnswer: eventsFeed.afterAnswer } : {}),
          ...(overrides.webhook?.afterStore ? { afterStore: overrides.webhook.afterStore } : {}),
        })
      : undefined;

  const router =
    overrides.router?.(source) ??
    (archive
      ? archiveRouter({ archive, vendor: source, sdkAppId: config.TRTC_SDKAPPID })
      : undefined);
  const digestHandler = overrides.digest ?? digest?.handler;

  const alertHandler = overrides.alerts ?? alerts?.handler;
  // The Home's extras: the alert rules the user created, and whether call events arrive (else
  // the sync has fallen back to re-reading the overlap).
  const homeExtras: SlackDeps["homeExtras"] =
    alerts || (archiveSync && callEvents)
      ? async (userId, lang) => {
          const [alertRules, state] = await Promise.all([
            alerts?.rulesBy(userId, lang),
            callEvents ? archiveSync?.eventsState() : undefined,
          ]);
          return {
            ...(alertRules ? { alertRules } : {}),
            ...(state ? { webhooksArriving: state.mode === "events" } : {}),
          };
        }
      : undefined;
  const slack = createSlackApp(config, {
    source,
    logger,
    now,
    upstream,
    lifecycle,
    generations: () => generations.describe(),
    ...(homeExtras ? { homeExtras } : {}),
    ...overrides.slack,
    ...(digestHandler ? { digest: digestHandler } : {}),
    ...(alertHandler ? { alerts: alertHandler } : {}),
    ...(router ? { router } : {}),
    ...(diagnosis ? { diagnosis } : {}),
    ...(store ? { storeHealth: store.health } : {}),
    ...(webhook ? { webhook } : {}),
    ...(callEvents
      ? {
          callEvents: async (callId: string) =>
            (await callEvents.forCall(callId)).map((stored) => stored.event),
        }
      : {}),
    ...(store
      ? {
          savedSearches: createSavedSearchRepository(store.db),
          subscriptions: () => createSubscriptionRepository(store.db).list(),
        }
      : {}),
    ...(archive
      ? {
          archiveSyncedAt: async () => (await archive.coverage(config.TRTC_SDKAPPID))?.syncedAt,
        }
      : {}),
    metrics,
  });

  return {
    config,
    client,
    clients,
    generations,
    slack,
    lifecycle,
    ...(store ? { store } : {}),
    ...(digest ? { digest } : {}),
    ...(archiveSync ? { archiveSync } : {}),
    ...(eventsFeed ? { eventsFeed } : {}),
    ...(diagnosis ? { diagnosis } : {}),
    ...(alerts ? { alerts } : {}),
    async start() {
      const started = await slack.start(overrides.host ? { host: overrides.host } : {});
      await digest?.start();
      archiveSync?.start();
      alerts?.start();
      await probing;
      return started;
    },
    async stop(options = {}) {
      const graceMs = options.graceMs ?? 20_000;
      const finished = lifecycle.shutdown({ graceMs });
      // Stop taking requests while the in-flight answers finish; a stuck keep-alive cannot hold us.
      await Promise.race([
        slack.stop().catch((error: unknown) => logger.warn("callscope.stop_failed", { error })),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      return finished;
    },
  };
}
