import { createCallscope } from "./app/callscope.js";
import { ConfigError, loadAppConfig, loadDotEnv } from "./config.js";
import { createLogger, redact } from "./log.js";
import { EVENTS_PATH, HEALTH_PATH } from "./slack/app.js";

/**
 * `npm start`: configuration, then callscope as app/callscope.ts assembles it; stops gracefully on
 * SIGTERM (no new requests, in-flight answers finish, then schedulers and the store).
 */

const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadAppConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  const callscope = await createCallscope(config, { logger });
  const { port } = await callscope.start();
  const mode = callscope.slack.mode;
  logger.info("callscope.started", {
    mode,
    ...(mode === "http"
      ? {
          events: `http://localhost:${port}${EVENTS_PATH}`,
          health: `http://localhost:${port}${HEALTH_PATH}`,
        }
      : { health: `http://localhost:${config.PORT}${HEALTH_PATH}` }),
    upstream: config.TRTC_API_URL,
    slackApi: config.SLACK_API_URL ?? "https://slack.com/api/",
  });

  const stop = async (signal: string) => {
    if (callscope.lifecycle.stopping) return;
    logger.info("callscope.stopping", { signal, inFlight: callscope.lifecycle.inFlight() });
    const { unfinished, hookFailures } = await callscope.stop({ graceMs: SHUTDOWN_GRACE_MS });
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
