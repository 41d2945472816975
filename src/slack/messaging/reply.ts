import type { types, webApi } from "@slack/bolt";
import type { Logger } from "../../log.js";

/**
 * Every answer goes out here. The `response_url` is tried first (it works in channels the bot is
 * not in); when Slack refuses it (expired after 30 minutes or 5 posts: 404) the answer falls back to
 * `chat.postEphemeral`, so a person never waits for an answer that will not come. A 429 is waited
 * out once per Retry-After (bounded), because it is the same URL that will work a moment later.
 */

export interface OutgoingMessage {
  text: string;
  blocks: types.KnownBlock[];
}

export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`Slack refused the response_url post (HTTP ${status})`);
    this.name = "ResponseUrlError";
  }
}

export interface ResponseUrlOptions {
  /** Longest Retry-After honoured; a longer one fails at once (the fallback is quicker). */
  maxRetryAfterMs?: number;
  retries?: number;
}

export async function postToResponseUrl(
  responseUrl: string,
  body: Record<string, unknown>,
  options: ResponseUrlOptions = {},
): Promise<void> {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  let retriesLeft = options.retries ?? 2;
  for (;;) {
    const response = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (response.ok) return;
    if (response.status === 429 && retriesLeft > 0) {
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      const waitMs = Math.max(0, Number.isFinite(seconds) ? seconds * 1000 : 1000);
      if (waitMs <= maxRetryAfterMs) {
        retriesLeft -= 1;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
    }
    throw new ResponseUrlError(response.status);
  }
}

export interface ReplyTarget {
  responseUrl?: string;
  client: Pick<webApi.WebClient, "chat">;
  channelId: string;
  userId: string;
  threadTs?: string;
  logger: Logger;
  responseUrlOptions?: ResponseUrlOptions;
}

export type ReplyRoute = "response_url" | "chat.postEphemeral";

/**
 * Posts through the target's response_url; false (logged) when there is none or Slack refused it,
 * so the caller can fall back to the Web API.
 */
async function viaResponseUrl(
  target: ReplyTarget,
  body: Record<string, unknown>,
): Promise<boolean> {
  if (!target.responseUrl) return false;
  try {
    await postToResponseUrl(target.responseUrl, body, target.responseUrlOptions);
    return true;
  } catch (error) {
    target.logger.warn("slack.response_url_failed", {
      user: target.userId,
      channel: target.channelId,
      status: error instanceof ResponseUrlError ? error.status : undefined,
      error,
    });
    return false;
  }
}

const inThread = (target: ReplyTarget) => (target.threadTs ? { thread_ts: target.threadTs } : {});

/** An ephemeral answer; `replaceOriginal` replaces the message a button sits on. */
export async function replyEphemeral(
  target: ReplyTarget,
  message: OutgoingMessage,
  options: { replaceOriginal?: boolean } = {},
): Promise<ReplyRoute> {
  const body = {
    response_type: "ephemeral",
    replace_original: options.replaceOriginal ?? false,
    text: message.text,
    blocks: message.blocks,
  };
  if (await viaResponseUrl(target, body)) return "response_url";
  await target.client.chat.postEphemeral({
    channel: target.channelId,
    user: target.userId,
    text: message.text,
    blocks: message.blocks,
    ...inThread(target),
  });
  return "chat.postEphemeral";
}

/** A message everyone in the channel sees; falls back to chat.postMessage (bot must be a member). */
export async function replyInChannel(
  target: ReplyTarget,
  message: OutgoingMessage,
): Promise<ReplyRoute | "chat.postMessage"> {
  const body = {
    response_type: "in_channel",
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  };
  if (await viaResponseUrl(target, body)) return "response_url";
  await target.client.chat.postMessage({
    channel: target.channelId,
    text: message.text,
    blocks: message.blocks,
    ...inThread(target),
  });
  return "chat.postMessage";
}

/** Removes the ephemeral message a button sits on; a failure leaves it (harmless), logged. */
export async function deleteOriginal(target: ReplyTarget): Promise<boolean> {
  if (!target.responseUrl) return false;
  try {
    await postToResponseUrl(
      target.responseUrl,
      { delete_original: true },
      target.responseUrlOptions,
    );
    return true;
  } catch (error) {
    target.logger.warn("slack.delete_original_failed", { user: target.userId, error });
    return false;
  }
}

/**
 * A search answer with its chart: uploaded (Slack's file flow, `files:write`), then shown by an
 * image block in the same ephemeral answer. Exactly one answer either way: without the scope,
 * when the upload fails, or when Slack refuses the image, the answer goes without it.
 */
export async function replyEphemeralWithChart(
  target: ReplyTarget,
  message: OutgoingMessage,
  chart: {
    upload: () => Promise<string | undefined>;
    blocksWith: (fileId: string) => unknown[] | undefined;
  },
): Promise<ReplyRoute> {
  const fileId = await chart.upload();
  const blocks = fileId ? chart.blocksWith(fileId) : undefined;
  if (!blocks) return replyEphemeral(target, message);
  const pictured = { ...message, blocks: blocks as OutgoingMessage["blocks"] };
  try {
    // Through response_url, then chat.postEphemeral: either refusing the picture leaves no answer.
    return await replyEphemeral(target, pictured);
  } catch (error) {
    target.logger.warn("chart.image_refused", { user: target.userId, fileId, error });
    return replyEphemeral(target, message);
  }
}

/**
 * A target for answers to something done on the Home tab or in a modal opened there: no channel
 * and no response_url, so the answer is a message in the app's DM with the user (its Messages tab).
 */
export function dmTarget(
  client: Pick<webApi.WebClient, "chat">,
  userId: string,
  logger: Logger,
): ReplyTarget {
  const chat = {
    postEphemeral: (args: { text?: string; blocks?: unknown }) =>
      client.chat.postMessage({
        channel: userId,
        text: args.text ?? "",
        ...(args.blocks ? { blocks: args.blocks as types.KnownBlock[] } : {}),
      }),
  };
  return {
    client: { chat } as unknown as Pick<webApi.WebClient, "chat">,
    channelId: userId,
    userId,
    logger,
  };
}
