import { createCallKitClient } from "./callkit/client.js";
import { ConfigError, loadAppConfig, loadDotEnv } from "./config.js";
import { archiveSyncFromConfig } from "./jobs/archive-sync.js";
import { createDigestFeature } from "./jobs/digest-feature.js";
import { rateShareFromConfig } from "./jobs/rate-share.js";
import { createLogger, redact } from "./log.js";
import { archiveRouter } from "./service/source-choice.js";
import { createSlackApp, EVENTS_PATH, HEALTH_PATH } from "./slack/app.js";
import { createLifecycle } from "./slack/lifecycle.js";
import { createUpstreamTracker } from "./slack/upstream-tracker.js";
import { createArchiveRepository } from "./store/archive.js";
import { openStore } from "./store/database.js";

/**
 * `npm start`: configuration, the records client, the Slack app; stops gracefully on SIGTERM
 * (no new requests, in-flight answers finish, then schedulers and the store via lifecycle hooks).
 */

const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadAppConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const upstream = createUpstreamTracker();
  const client = createCallKitClient(config, { onRequest: upstream.onRequest });

  const store = await openStore(config.DATABASE_URL);
  // Hooks run newest first: the scheduler stops before the store it writes to is closed.
  lifecycle.onShutdown("store", () => store.close());
  // The vendor's limits are the app's: replicas split them through the store. Registered before
  // the jobs that use the client, so it stops (and leaves) after them.
  const rateShare = rateShareFromConfig(config, { store, client, logger });
  await rateShare.start();
  lifecycle.onShutdown("rate share", () => rateShare.stop());
  // With the archive off, nothing fills it: every answer comes from the vendor.
  const archive = config.ARCHIVE_ENABLED ? createArchiveRepository(store.db) : undefined;
  const digest = createDigestFeature({
    store,
    source: client,
    logger,
    slackToken: config.SLACK_BOT_TOKEN,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    ...(archive ? { archive: { repository: archive, sdkAppId: config.TRTC_SDKAPPID } } : {}),
  });
  lifecycle.onShutdown("digest scheduler", () => digest.stop());
  const archiveSync = archiveSyncFromConfig(config, { db: store.db, source: client, logger });
  lifecycle.onShutdown("archive sync", () => archiveSync.stop());
  const router = archive
    ? archiveRouter({ archive, vendor: client, sdkAppId: config.TRTC_SDKAPPID })
    : undefined;

  const slack = createSlackApp(config, {
    source: client,
    logger,
    now: () => new Date(),
    upstream,
    lifecycle,
    digest: digest.handler,
    ...(router ? { router } : {}),
  });

  const { port } = await slack.start();
  await digest.start();
  archiveSync.start();
  logger.info("callscope.started", {
    mode: slack.mode,
    ...(slack.mode === "http"
      ? {
          events: `http://localhost:${port}${EVENTS_PATH}`,
          health: `http://localhost:${port}${HEALTH_PATH}`,
        }
      : { health: `http://localhost:${config.PORT}${HEALTH_PATH}` }),
    upstream: config.TRTC_API_URL,
    slackApi: config.SLACK_API_URL ?? "https://slack.com/api/",
  });

  const stop = async (signal: string) => {
    if (lifecycle.stopping) return;
    logger.info("callscope.stopping", { signal, inFlight: lifecycle.inFlight() });
    const finished = lifecycle.shutdown({ graceMs: SHUTDOWN_GRACE_MS });
    // Stop taking requests while the in-flight answers finish; a stuck keep-alive cannot hold us.
    await Promise.race([
      slack.stop().catch((error: unknown) => logger.warn("callscope.stop_failed", { error })),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS)),
    ]);
    const { unfinished, hookFailures } = await finished;
    logger.info("callscope.stopped", { unfinished, hookFailures });
    process.exit(unfinished === 0 && hookFailures.length === 0 ? 0 : 1);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`callscope could not start: ${redact(message)}\n`);
  }
  process.exit(1);
});
