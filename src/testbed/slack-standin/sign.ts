import { createHmac } from "node:crypto";

/**
 * Slack's v0 request signing, as Slack does it: HMAC-SHA256 over `v0:${timestamp}:${rawBody}` with
 * the app's signing secret. Used by tests and the demo to talk to the real Bolt app over HTTP.
 */

export interface SignedHeaders {
  "x-slack-signature": string;
  "x-slack-request-timestamp": string;
}

export function signBody(
  signingSecret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): SignedHeaders {
  const digest = createHmac("sha256", signingSecret)
    .update(`v0:${timestampSeconds}:${body}`)
    .digest("hex");
  return {
    "x-slack-signature": `v0=${digest}`,
    "x-slack-request-timestamp": String(timestampSeconds),
  };
}

export interface SignedResponse {
  status: number;
  body: string;
  /** When the app's HTTP answer (Slack's "ack") arrived, performance.now-based. */
  receivedAt: number;
}

export interface SendOptions {
  /** Overrides the secret used to sign (a wrong one makes a forged request). */
  signWith?: string;
  timestampSeconds?: number;
}

async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  options: SendOptions,
  contentType = "application/x-www-form-urlencoded",
): Promise<SignedResponse> {
  const headers = signBody(options.signWith ?? signingSecret, body, options.timestampSeconds);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, receivedAt: performance.now() };
}

/** Sends a slash command the way Slack does: form-encoded fields. */
export function sendSlashCommand(
  eventsUrl: string,
  signingSecret: string,
  fields: Record<string, string>,
  options: SendOptions = {},
): Promise<SignedResponse> {
  return postSigned(eventsUrl, signingSecret, new URLSearchParams(fields).toString(), options);
}

/** Sends an interactivity payload (block_actions, message_action…) as Slack does: `payload=<json>`. */
export function sendInteraction(
  eventsUrl: string,
  signingSecret: string,
  payload: unknown,
  options: SendOptions = {},
): Promise<SignedResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(eventsUrl, signingSecret, body, options);
}

/** Sends an Events API envelope (event_callback) as Slack does: a JSON body, signed. */
export function sendEvent(
  eventsUrl: string,
  signingSecret: string,
  envelope: unknown,
  options: SendOptions = {},
): Promise<SignedResponse> {
  return postSigned(
    eventsUrl,
    signingSecret,
    JSON.stringify(envelope),
    options,
    "application/json",
  );
}
