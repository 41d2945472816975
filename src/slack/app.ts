import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CustomRoute, HTTPReceiver, LogLevel, webApi } from "@slack/bolt";
import type { SlackConfig } from "../config.js";
import { type Logger, registerSecret } from "../log.js";
import { vendorRouter } from "../routing/router.js";
import { createAdmission } from "../runtime/admission.js";
import { WEBHOOK_PATH, type WebhookHandler } from "../runtime/callkit-webhook.js";
import { type HealthServer, listenHealth } from "../runtime/health-server.js";
import type { StoreHealth } from "../store/health.js";
import { createAccessPolicy } from "./access.js";
import type { ListenerDeps, SlackDeps } from "./deps.js";
import { createHomeState } from "./home-state.js";
import { register as registerAlertMute } from "./listeners/actions/alert-mute.js";
import { register as registerCallDetails } from "./listeners/actions/call-details.js";
import { register as registerPages } from "./listeners/actions/page.js";
import { register as registerSavedSearchActions } from "./listeners/actions/saved-search.js";
import { register as registerSearchFormActions } from "./listeners/actions/search-form.js";
import { register as registerShare } from "./listeners/actions/share.js";
import { register as registerCallsCommand } from "./listeners/commands/calls.js";
import { register as registerAppHome } from "./listeners/events/app-home.js";
import { register as registerLookupShortcut } from "./listeners/shortcuts/lookup-calls.js";
import { register as registerSavedSearchViews } from "./listeners/views/saved-search.js";
import { register as registerSearchFormView } from "./listeners/views/search-form.js";
import { createTimeZoneResolver, USERS_INFO_TIMEOUT_MS } from "./user-timezone.js";

/**
 * Builds the Bolt app: HTTP mode (`POST /slack/events`, `GET /healthz`) unless SLACK_APP_TOKEN
 * asks for Socket Mode. Bolt's receiver verifies every request's signature and timestamp.
 */

export type SlackAppConfig = Pick<
  SlackConfig,
  | "SLACK_BOT_TOKEN"
  | "SLACK_SIGNING_SECRET"
  | "SLACK_APP_TOKEN"
  | "SLACK_API_URL"
  | "PORT"
  | "DEFAULT_TIMEZONE"
  | "ALLOWED_USER_IDS"
  | "ALLOWED_CHANNEL_IDS"
>;

/** Access comes from the config unless the caller passes its own policy. */
export type SlackAppDeps = Omit<SlackDeps, "access"> &
  Partial<Pick<SlackDeps, "access">> & {
    /** Served as GET /metrics on the health port (Prometheus text format). */
    metrics?: {
      contentType: string;
      render(): Promise<string>;
      /** Each POST to the events path, from its arrival to its HTTP answer (the ack), HTTP mode. */
      onSlackAck?(seconds: number): void;
    };
    /** The store's reading for /healthz: degraded still answers 200 (see docs/reliability.md). */
    storeHealth?: () => StoreHealth;
    /** `/callkit/events/<token>`: the vendor's call events, on this port in both modes. */
    webhook?: WebhookHandler;
  };

export interface SlackApp {
  app: App;
  mode: "http" | "socket";
  /**
   * Starts listening; in HTTP mode resolves with the port actually bound (PORT=0 picks one), on
   * `host` when given (the demo binds loopback only: its signing secret is public).
   */
  start(options?: { host?: string }): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/**
 * Every Web API call Bolt makes for us (chat.postEphemeral fallbacks, chat.postMessage…): WebClient
 * defaults to no timeout and 10 retries over about 30 minutes, long after anyone stopped waiting.
 * Here a call takes at most 3 × 5 s plus 1.5 s of pauses, and a 429 fails at once instead of
 * pausing every other call for its Retry-After.
 */
export const WEB_API_POLICY = {
  timeout: 5_000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 1_000, randomize: true },
  rejectRateLimitedCalls: true,
} as const;

export const EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";
export const METRICS_PATH = "/metrics";

/** Bolt's own logger interface, written as our JSON lines. */
function boltLogger(logger: Logger) {
  let level = LogLevel.WARN;
  let name = "bolt";
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : String(part))).join(" ");
  return {
    debug: (...parts: unknown[]) => logger.debug(name, { message: text(parts) }),
    info: (...parts: unknown[]) => logger.info(name, { message: text(parts) }),
    warn: (...parts: unknown[]) => logger.warn(name, { message: text(parts) }),
    error: (...parts: unknown[]) => logger.error(name, { message: text(parts) }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}

export function createSlackApp(config: SlackAppConfig, deps: SlackAppDeps): SlackApp {
  registerSecret(config.SLACK_BOT_TOKEN);
  registerSecret(config.SLACK_SIGNING_SECRET);
  registerSecret(config.SLACK_APP_TOKEN);

  const mode = config.SLACK_APP_TOKEN ? "socket" : "http";
  const startedAt = Date.now();
  const health: CustomRoute = {
    path: HEALTH_PATH,
    method: ["GET"],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      const stopping = deps.lifecycle.stopping;
      const store = deps.storeHealth?.();
      res.writeHead(stopping ? 503 : 200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          status: stopping ? "stopping" : store?.status === "degraded" ? "degraded" : "ok",
          ...(store ? { store } : {}),
          mode,
          inFlight: deps.lifecycle.inFlight(),
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        }),
      );
    },
  };
  const metrics: CustomRoute | undefined = deps.metrics
    ? {
        path: METRICS_PATH,
        method: ["GET"],
        handler: (_req: IncomingMessage, res: ServerResponse) => {
          const source = deps.metrics;
          if (!source) return;
          source.render().then(
            (text) => res.writeHead(200, { "content-type": source.contentType }).end(text),
            () => res.writeHead(500).end(),
          );
        },
      }
    : undefined;
  const routes = metrics ? [health, metrics] : [health];
  // The token is the last path segment; the bare path is routed too, so a missing token is our
  // 404 (counted) rather than Bolt's.
  const webhookRoutes: CustomRoute[] = deps.webhook
    ? [`${WEBHOOK_PATH}/:token`, WEBHOOK_PATH].map((path) => ({
        path,
        method: ["POST", "GET", "PUT", "DELETE", "PATCH"],
        handler: deps.webhook as WebhookHandler,
      }))
    : [];
  const logger = boltLogger(deps.logger);
  const apiUrl = config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {};
  const clientOptions = {
    ...apiUrl,
    ...WEB_API_POLICY,
    retryConfig: { ...WEB_API_POLICY.retryConfig },
  };

  const receiver =
    mode === "http"
      ? new HTTPReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET,
          endpoints: EVENTS_PATH,
          customRoutes: [...routes, ...webhookRoutes],
          logger,
          signatureVerification: true,
          // Ack first, work after: the HTTP answer must not wait for the vendor.
          processBeforeResponse: false,
        })
      : undefined;

  const app = receiver
    ? new App({ token: config.SLACK_BOT_TOKEN, receiver, clientOptions, logger })
    : new App({
        token: config.SLACK_BOT_TOKEN,
        appToken: config.SLACK_APP_TOKEN,
        socketMode: true,
        signingSecret: config.SLACK_SIGNING_SECRET,
        // No customRoutes: Bolt's Socket Mode listener crashes on a taken port; ours says so.
        clientOptions,
        logger,
      });

  const admission = deps.admission ?? createAdmission();
  // Queued scans are refused as soon as shutdown begins; running ones get the grace period.
  deps.lifecycle.stoppingSignal.addEventListener("abort", () => admission.closeQueue(), {
    once: true,
  });
  deps.lifecycle.onShutdown("scans", () => admission.abortAll());

  const listenerDeps: ListenerDeps = {
    ...deps,
    access:
      deps.access ??
      createAccessPolicy({
        allowedUserIds: config.ALLOWED_USER_IDS,
        allowedChannelIds: config.ALLOWED_CHANNEL_IDS,
      }),
    timeZones:
      deps.timeZones ??
      createTimeZoneResolver({
        // Its own client: one try, one second. The answer goes on in the default zone instead.
        client: new webApi.WebClient(config.SLACK_BOT_TOKEN, {
          ...apiUrl,
          logger,
          timeout: USERS_INFO_TIMEOUT_MS,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        }),
        defaultTimeZone: config.DEFAULT_TIMEZONE,
        logger: deps.logger,
      }),
    admission,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    router: deps.router ?? vendorRouter(deps.source),
    homeState: deps.homeState ?? createHomeState(),
  };

  registerCallsCommand(app, listenerDeps);
  registerPages(app, listenerDeps);
  registerShare(app, listenerDeps);
  registerCallDetails(app, listenerDeps);
  registerAlertMute(app, listenerDeps);
  registerLookupShortcut(app, listenerDeps);
  registerSearchFormActions(app, listenerDeps);
  registerSearchFormView(app, listenerDeps);
  registerSavedSearchActions(app, listenerDeps);
  registerSavedSearchViews(app, listenerDeps);
  registerAppHome(app, listenerDeps);

  app.error(async (error) => {
    deps.logger.error("slack.unhandled_error", { error });
  });

  let healthServer: HealthServer | undefined;
  return {
    app,
    mode,
    async start(options = {}) {
      if (mode === "socket") {
        // First, so a taken port stops start-up before any socket is opened.
        healthServer = await listenHealth(
          Object.fromEntries(routes.map((r) => [r.path, r.handler])),
          {
            port: config.PORT,
            ...(options.host ? { host: options.host } : {}),
            ...(deps.webhook ? { webhook: deps.webhook } : {}),
          },
        );
        try {
          await app.start();
        } catch (error) {
          await healthServer.close();
          throw error;
        }
        return { port: healthServer.port };
      }
      const server = await app.start(
        options.host ? { port: config.PORT, host: options.host } : config.PORT,
      );
      const onAck = deps.metrics?.onSlackAck;
      if (onAck) {
        // Bolt answers the HTTP request when a listener calls ack() (processBeforeResponse off):
        // the response finishing is the ack, whichever listener sent it.
        server.on("request", (req: IncomingMessage, res: ServerResponse) => {
          if (req.method !== "POST" || !req.url?.startsWith(EVENTS_PATH)) return;
          const arrived = performance.now();
          res.once("finish", () => onAck((performance.now() - arrived) / 1000));
        });
      }
      const address = server.address() as AddressInfo | null;
      return { port: address?.port };
    },
    async stop() {
      await app.stop();
      await healthServer?.close();
    },
  };
}
