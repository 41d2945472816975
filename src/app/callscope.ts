import { archiveSyncFromConfig } from "../archive/sync.js";
import { type CallKitClient, createCallKitClients } from "../callkit/client.js";
import type { ApiGeneration } from "../callkit/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import type { AppConfig } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import {
  createGenerationRouting,
  type GenerationRouting,
  shareAcrossGenerations,
} from "../routing/generations.js";
import { archiveRouter, type RecordRouter } from "../routing/router.js";
import { createLifecycle, type Lifecycle } from "../runtime/lifecycle.js";
import { createMetrics } from "../runtime/metrics.js";
import { rateShareFromConfig } from "../runtime/rate-share.js";
import { createUpstreamTracker } from "../runtime/upstream-tracker.js";
import { createSlackApp, type SlackApp } from "../slack/app.js";
import type { DigestHandler, SlackDeps } from "../slack/deps.js";
import { createArchiveRepository } from "../store/archive.js";
import { openStore, type Store } from "../store/database.js";
import { createSavedSearchRepository } from "../store/saved-searches.js";
import { createSubscriptionRepository } from "../store/subscriptions.js";
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
  /** `false`: no store, hence no digests and no archive (tests of the Slack side alone). */
  store?: false;
  /** Wraps the vendor source as what the Slack side reads (the demo watches what it reads). */
  wrapSource?: (source: RecordSource) => RecordSource;
  /** Where records come from, given the vendor source; default archive-first when the archive is on. */
  router?: (vendor: RecordSource) => RecordRouter;
  /** Answers `/calls digest …` instead of the store-backed digest (tests). */
  digest?: DigestHandler;
  slack?: Partial<
    Pick<
      SlackDeps,
      | "responseUrlOptions"
      | "slowAnswerMs"
      | "timeZones"
      | "access"
      | "admission"
      | "homeExtras"
      | "homeState"
    >
  >;
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
  /** Starts listening, then the digest scheduler and the archive sync; resolves with the HTTP port. */
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
  // v1, v4 or both as one source; `auto` asks both now which of them hold calls.
  const generations = createGenerationRouting(config.TRTC_API_GENERATION, clients, { logger, now });
  await generations.start();
  lifecycle.onShutdown("generation probe", () => generations.stop());
  const vendor = generations.source;
  const source = overrides.wrapSource ? overrides.wrapSource(vendor) : vendor;

  const store =
    overrides.store === false ? undefined : await openStore(config.DATABASE_URL, { logger });
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
  const digest =
    store && !overrides.digest
      ? createDigestFeature({
          store,
          source: vendor,
          logger,
          now,
          slackToken: config.SLACK_BOT_TOKEN,
          ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
          ...(archive ? { archive: { repository: archive, sdkAppId: config.TRTC_SDKAPPID } } : {}),
        })
      : undefined;
  if (digest) lifecycle.onShutdown("digest scheduler", () => digest.stop());
  const archiveSync = store
    ? archiveSyncFromConfig(config, { db: store.db, source: vendor, logger })
    : undefined;
  if (archiveSync) lifecycle.onShutdown("archive sync", () => archiveSync.stop());

  const router =
    overrides.router?.(source) ??
    (archive
      ? archiveRouter({ archive, vendor: source, sdkAppId: config.TRTC_SDKAPPID })
      : undefined);
  const digestHandler = overrides.digest ?? digest?.handler;
  const slack = createSlackApp(config, {
    source,
    logger,
    now,
    upstream,
    lifecycle,
    generations: () => generations.describe(),
    ...overrides.slack,
    ...(digestHandler ? { digest: digestHandler } : {}),
    ...(router ? { router } : {}),
    ...(store ? { storeHealth: store.health } : {}),
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
    async start() {
      const started = await slack.start(overrides.host ? { host: overrides.host } : {});
      await digest?.start();
      archiveSync?.start();
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
