import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { UpstreamRequestEvent } from "../callkit/client.js";
import type { RecordSource } from "../callkit/source.js";
import type { Logger } from "../log.js";
import { TRTC_ACTIONS, type TrtcAction } from "../trtc/errors.js";

/**
 * `GET /metrics` in the Prometheus text format. The figures come from the two streams every part
 * already reports to, so no feature needs to know metrics exist: the records client's `onRequest`
 * events and the structured log events (`slack.command`, `digest.posted`, `archive.sync.done`…).
 * Labels are bounded sets (endpoint, outcome, kind of answer); never a user id, a callId or words.
 * prom-client, rather than our own exposition: its text format and histograms are what scrapers
 * expect, and it adds the process figures (memory, event-loop lag) for free.
 */

export interface Metrics {
  contentType: string;
  render(): Promise<string>;
  onVendorRequest(event: UpstreamRequestEvent): void;
  /** A logger that counts what the app logs, then passes it on. */
  observe(logger: Logger): Logger;
  /** The HTTP acknowledgement of a Slack request took this long (arrival to response sent). */
  onSlackAck(seconds: number): void;
  /** The same source, each scan's wall time observed under `purpose` (who reads). */
  timeScans<S extends Pick<RecordSource, "scan">>(source: S, purpose: ScanPurpose): S;
}

export type ScanPurpose = "slack" | "digest" | "archive";

// `view`: modal submissions (the search form, save/edit); `event`: app_home_opened.
const SLACK_KINDS = new Set(["command", "action", "shortcut", "view", "event"]);
const INTERACTION_OUTCOMES = new Set([
  "answered",
  "denied",
  "failed",
  "undelivered",
  "not_understood",
  "digests_disabled",
  "too_slow",
  "shutting_down",
  "saved",
  "saved_not_found",
  "form_refused",
  "published",
  "fresh",
]);

const WEBHOOK_OUTCOMES = new Set(["stored", "duplicate", "store_failed"]);
const WEBHOOK_REFUSALS = new Set([
  "token",
  "wrong_app",
  "malformed",
  "unknown_command",
  "too_big",
  "method",
]);

/** What the alert engine and listeners log (`alert.<event>`), as the counter's `event` label. */
const ALERT_EVENTS = new Set([
  "opened",
  "resolved",
  "posted",
  "post_failed",
  "post_unconfirmed",
  "update_failed",
  "blind",
  "muted",
  "rule_added",
  "rule_removed",
  "rule_failed",
  "tick_failed",
]);
const TRTC_OUTCOMES: Record<string, string> = {
  trtc_cloud_request: "ok",
  trtc_cloud_retry: "retry",
  trtc_cloud_failed: "error",
};

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "callscope_" });
  const vendorRequests = new Counter({
    name: "callscope_vendor_requests_total",
    help: "Requests to the records API by endpoint, generation and outcome (ok, empty, retry, error).",
    labelNames: ["endpoint", "generation", "outcome"],
    registers: [registry],
  });
  const vendorSeconds = new Histogram({
    name: "callscope_vendor_request_seconds",
    help: "Time of each records API request, from its start to its answer.",
    labelNames: ["endpoint"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8],
    registers: [registry],
  });
  const rateWaits = new Histogram({
    name: "callscope_vendor_rate_wait_seconds",
    help: "Time each records API request waited for the rate limiter before it started.",
    labelNames: ["endpoint"],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const scanSeconds = new Histogram({
    name: "callscope_scan_seconds",
    help: "Wall time of each scan of the records API, by who reads (slack, digest, archive) and outcome (done, stopped, failed).",
    labelNames: ["purpose", "outcome"],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
    registers: [registry],
  });
  const ackSeconds = new Histogram({
    name: "callscope_slack_ack_seconds",
    help: "Time from a Slack request arriving to its HTTP acknowledgement (Slack allows 3 s).",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "callscope_vendor_rate_limited_total",
    help: "Answers 70005 (rate limited) from the records API.",
    labelNames: ["endpoint"],
    registers: [registry],
  });
  const skippedRecords = new Counter({
    name: "callscope_vendor_records_skipped_total",
    help: "Records the vendor sent that did not fit the contract and were left out.",
    registers: [registry],
  });
  const interactions = new Counter({
    name: "callscope_slack_interactions_total",
    help: "Slack commands, clicks and shortcuts by kind and outcome.",
    labelNames: ["kind", "outcome"],
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: "callscope_slack_answer_seconds",
    help: "Time from a Slack request to its answer being delivered.",
    labelNames: ["kind"],
    buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120],
    registers: [registry],
  });
  const digests = new Counter({
    name: "callscope_digests_total",
    help: "Digest runs by outcome (posted, retried, failed, skipped).",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const archiveSyncs = new Counter({
    name: "callscope_archive_syncs_total",
    help: "Archive sync runs by outcome.",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const archiveRecords = new Counter({
    name: "callscope_archive_records_written_total",
    help: "Records written to the archive by the sync (counted per finished slice).",
    registers: [registry],
  });
  /** Call starts before this are in the archive (epoch seconds); undefined until a slice is read. */
  let syncedUntil: number | undefined;
  new Gauge({
    name: "callscope_archive_sync_lag_seconds",
    help: "How far the archive is behind now: now minus the newest call start it has read up to (NaN before the first slice).",
    registers: [registry],
    collect() {
      this.set(
        syncedUntil === undefined ? Number.NaN : Math.max(0, Date.now() / 1000 - syncedUntil),
      );
    },
  });
  const archiveSyncedAt = new Gauge({
    name: "callscope_archive_last_sync_timestamp_seconds",
    help: "When the archive sync last finished (the lag is now minus this).",
    registers: [registry],
  });

  const webhookEvents = new Counter({
    name: "callscope_webhook_events_total",
    help: "Call events from the vendor's webhooks by generation and outcome (stored, duplicate, store_failed).",
    labelNames: ["generation", "outcome"],
    registers: [registry],
  });
  const webhookRefused = new Counter({
    name: "callscope_webhook_refused_total",
    help: "Webhook requests refused, by reason (token, wrong_app, malformed, unknown_command, too_big, method).",
    labelNames: ["reason"],
    registers: [registry],
  });

  const alerts = new Counter({
    name: "callscope_alerts_total",
    help: "Alert engine events: opened, resolved, posted, post_failed, blind, rule_failed, tick_failed, and rule changes.",
    labelNames: ["event"],
    registers: [registry],
  });
  const trtcRequests = new Counter({
    name: "callscope_trtc_requests_total",
    help: "TRTC cloud API requests (call diagnosis) by action and outcome (ok, retry, error).",
    labelNames: ["action", "outcome"],
    registers: [registry],
  });

  const DIGEST_EVENTS: Record<string, string> = {
    "digest.posted": "posted",
    "digest.post_retry": "retried",
    "digest.failed": "failed",
    "digest.skipped": "skipped",
  };

  function count(event: string, fields: Record<string, unknown>): void {
    const kind = event.startsWith("slack.") ? event.slice("slack.".length) : undefined;
    if (kind && SLACK_KINDS.has(kind)) {
      const outcome = String(fields.outcome ?? "");
      interactions.inc({ kind, outcome: INTERACTION_OUTCOMES.has(outcome) ? outcome : "other" });
      if (typeof fields.durationMs === "number") {
        answerSeconds.observe({ kind }, fields.durationMs / 1000);
      }
      return;
    }
    if (event === "callkit.webhook.event") {
      const generation = fields.generation === "v4" ? "v4" : "v1";
      const outcome = String(fields.outcome ?? "");
      webhookEvents.inc({
        generation,
        outcome: WEBHOOK_OUTCOMES.has(outcome) ? outcome : "other",
      });
      return;
    }
    if (event === "callkit.webhook.refused") {
      const reason = String(fields.reason ?? "");
      webhookRefused.inc({ reason: WEBHOOK_REFUSALS.has(reason) ? reason : "other" });
      return;
    }
    if (event.startsWith("alert.")) {
      const name = event.slice("alert.".length);
      alerts.inc({ event: ALERT_EVENTS.has(name) ? name : "other" });
      return;
    }
    const trtc = TRTC_OUTCOMES[event];
    if (trtc) {
      const action = String(fields.action ?? "");
      trtcRequests.inc({
        action: TRTC_ACTIONS.includes(action as TrtcAction) ? action : "other",
        outcome: trtc,
      });
      return;
    }
    const digest = DIGEST_EVENTS[event];
    if (digest) {
      digests.inc({ outcome: digest });
      return;
    }
    if (event === "archive.sync.slice") {
      if (typeof fields.records === "number") archiveRecords.inc(fields.records);
      if (fields.complete !== false && typeof fields.until === "number")
        syncedUntil = Math.max(syncedUntil ?? 0, fields.until);
    } else if (event === "archive.sync.done") {
      archiveSyncs.inc({ outcome: fields.interrupted === true ? "interrupted" : "done" });
      archiveSyncedAt.set(Date.now() / 1000);
    } else if (event === "archive.sync.failed") {
      archiveSyncs.inc({ outcome: "failed" });
    }
  }

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    onVendorRequest(event) {
      vendorRequests.inc({
        endpoint: event.endpoint,
        generation: event.generation,
        outcome: event.outcome,
      });
      rateWaits.observe({ endpoint: event.endpoint }, event.waitedMs / 1000);
      vendorSeconds.observe({ endpoint: event.endpoint }, event.durationMs / 1000);
      if (event.errorCode === 70005) rateLimited.inc({ endpoint: event.endpoint });
      if (event.skippedRecords) skippedRecords.inc(event.skippedRecords);
    },
    onSlackAck(seconds) {
      ackSeconds.observe(seconds);
    },
    timeScans(source, purpose) {
      const scan: RecordSource["scan"] = (filter, options) => {
        const records = source.scan(filter, options);
        return {
          async *[Symbol.asyncIterator]() {
            const started = performance.now();
            let outcome = "stopped";
            try {
              yield* records;
              outcome = "done";
            } catch (error) {
              outcome = "failed";
              throw error;
            } finally {
              scanSeconds.observe({ purpose, outcome }, (performance.now() - started) / 1000);
            }
          },
        };
      };
      // A proxy, not a copy: the source's other members (a class's methods) stay its own.
      return new Proxy(source, {
        get: (target, key) => {
          if (key === "scan") return scan;
          const value: unknown = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
    observe(logger) {
      const tap =
        (level: keyof Logger) =>
        (event: string, fields: Record<string, unknown> = {}) => {
          count(event, fields);
          logger[level](event, fields);
        };
      return { debug: tap("debug"), info: tap("info"), warn: tap("warn"), error: tap("error") };
    },
  };
}
