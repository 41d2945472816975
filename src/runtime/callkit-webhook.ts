import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ACK_BODIES, readCallbackRequest } from "../callkit/events/request.js";
import type { CallEvent } from "../callkit/events/schemas.js";
import type { Logger } from "../log.js";
import type { CallEventRepository } from "../store/call-events.js";

/**
 * `POST /callkit/events/<token>`: the vendor's call-event callbacks, both generations
 * (../shared/callkit-callbacks.md). The vendor signs nothing, so the secret is the path's last
 * segment (CALLKIT_WEBHOOK_TOKEN, compared in constant time; anything else is a bare 404 and a
 * metric, never a log line with what was sent), and the query's SDKAppID must be ours.
 *
 * Order: read and parse the body (≤ 64 KiB), write the event to the store (one row per event by
 * its idempotency key), then answer exactly what the generation requires, then hand the event to
 * the slow work (`afterAnswer`: the archive feed). A crash after the write but before the answer
 * makes the vendor retry; the retry stores nothing new and is answered OK. A store that cannot be
 * written answers 503, so the vendor retries (v1) rather than the event being acknowledged and lost.
 */

export const WEBHOOK_PATH = "/callkit/events";
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface WebhookReceiverOptions {
  token: string;
  sdkAppId: number;
  events: Pick<CallEventRepository, "record">;
  logger: Logger;
  now?: () => Date;
  /** Slow work, after the answer is sent (errors are logged, never answered). */
  afterAnswer?: (event: CallEvent, stored: boolean) => Promise<void> | void;
  /** Tests only: runs between the store write and the answer (a crash there). */
  afterStore?: (event: CallEvent) => Promise<void> | void;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Is this path `/callkit/events` or below it? */
export function isWebhookPath(pathname: string): boolean {
  return pathname === WEBHOOK_PATH || pathname.startsWith(`${WEBHOOK_PATH}/`);
}

function json(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | "too_big"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve("too_big");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

export function createWebhookHandler(options: WebhookReceiverOptions): WebhookHandler {
  const expected = digest(options.token);
  const now = options.now ?? (() => new Date());
  const { logger } = options;

  const refuse = (
    res: ServerResponse,
    status: number,
    reason: string,
    generation: string | undefined,
    message?: string,
  ) => {
    // Counted in /metrics by reason; never the token, the path or the body.
    logger[reason === "token" ? "debug" : "warn"]("callkit.webhook.refused", {
      reason,
      ...(generation ? { generation } : {}),
      ...(message ? { message } : {}),
    });
    if (message === undefined) res.writeHead(status).end();
    else json(res, status, JSON.stringify({ error: message }));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const given = url.pathname.slice(WEBHOOK_PATH.length + 1);
    if (!isWebhookPath(url.pathname) || !timingSafeEqual(digest(given), expected)) {
      req.resume();
      return refuse(res, 404, "token", undefined);
    }
    if (req.method !== "POST") {
      req.resume();
      res.setHeader("allow", "POST");
      return refuse(res, 405, "method", undefined, "only POST is accepted here");
    }
    const text = await readBody(req, WEBHOOK_BODY_LIMIT);
    if (text === "too_big") {
      res.setHeader("connection", "close");
      return refuse(res, 413, "too_big", undefined, "the body is larger than 64 KiB");
    }
    const read = readCallbackRequest(url.searchParams, text, options.sdkAppId);
    if (!read.ok) {
      const status = read.reason === "wrong_app" ? 403 : 400;
      return refuse(res, status, read.reason, read.generation, read.message);
    }
    const { event, generation } = read;
    let stored: boolean;
    try {
      stored = await options.events.record(event, now());
    } catch (error) {
      logger.error("callkit.webhook.event", { generation, outcome: "store_failed", error });
      return json(res, 503, JSON.stringify({ error: "the event could not be stored; retry" }));
    }
    await options.afterStore?.(event);
    json(res, 200, ACK_BODIES[generation]);
    logger.debug("callkit.webhook.event", {
      generation,
      kind: event.kind,
      outcome: stored ? "stored" : "duplicate",
    });
    if (options.afterAnswer) {
      setImmediate(() => {
        Promise.resolve()
          .then(() => options.afterAnswer?.(event, stored))
          .catch((error: unknown) =>
            logger.warn("callkit.webhook.after_answer_failed", { kind: event.kind, error }),
          );
      });
    }
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error("callkit.webhook.failed", { error });
      if (!res.headersSent) json(res, 500, JSON.stringify({ error: "internal error" }));
      else res.destroy();
    });
  };
}
