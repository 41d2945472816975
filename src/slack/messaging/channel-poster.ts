import type { types } from "@slack/bolt";
import { webApi } from "@slack/bolt";
import {
  type ChannelMessage,
  ChannelPostError,
  type ChannelPoster,
  type MessageChart,
  type PostLookup,
  type PostMarker,
} from "../../digest/channel.js";
import { type Logger, silentLogger } from "../../log.js";
import { uploadChart } from "./upload.js";

/**
 * Posting to a channel (digests): its own Web API client without retries, because the caller
 * retries with backoff and Slack's Retry-After, which WebClient's own retries would hide. Posts
 * carry their marker as Slack message metadata, and `findPost` reads it back from
 * `conversations.history` (channels:history / groups:history), so a post whose answer was lost
 * can be recognised instead of repeated.
 *
 * A message with a chart uploads it first (once per message, whatever the retries) and shows it
 * in place of the text chart. The picture never changes how often a message is posted: a failed
 * upload, or Slack refusing the image block (`invalid_blocks`, e.g. a file not processed yet),
 * posts the text chart instead, in the same attempt.
 */

/** Slack errors that may pass on their own; everything else (not_in_channel…) will not. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/** Slack errors after which the message may exist all the same. */
const UNKNOWN_OUTCOME_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/** Socket errors that mean the request never reached Slack. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** Pages of history read at most when looking for an earlier post. */
const HISTORY_PAGES = 5;

export function createSlackPoster(options: {
  token: string;
  /** Must end in /api/ (SLACK_API_URL); default slack.com. */
  slackApiUrl?: string;
  timeoutMs?: number;
  logger?: Logger;
}): ChannelPoster {
  const logger = options.logger ?? silentLogger;
  const client = new webApi.WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    // The runner retries: WebClient's own retries would hide a 429 from it and could run 30 min.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  // One upload per chart: a retried post names the file uploaded the first time.
  const uploads = new WeakMap<MessageChart, Promise<string | undefined>>();
  const uploaded = (chart: MessageChart) => {
    let upload = uploads.get(chart);
    if (!upload) {
      upload = uploadChart(client, chart, logger);
      uploads.set(chart, upload);
    }
    return upload;
  };
  const post = (
    channel: string,
    text: string,
    blocks: unknown[],
    marker?: PostMarker,
    threadTs?: string,
  ) =>
    client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text,
      // Every message posted here comes from our own renderers (slack/blocks/).
      blocks: blocks as types.KnownBlock[],
      unfurl_links: false,
      ...(marker
        ? { metadata: { event_type: marker.eventType, event_payload: marker.payload } }
        : {}),
    });
  const postWithChart = async (
    channel: string,
    message: ChannelMessage,
    marker?: PostMarker,
    threadTs?: string,
  ) => {
    const fileId = message.chart ? await uploaded(message.chart) : undefined;
    if (!message.chart || !fileId)
      return post(channel, message.text, message.blocks, marker, threadTs);
    try {
      return await post(channel, message.text, message.chart.blocksWith(fileId), marker, threadTs);
    } catch (error) {
      const coded = error as { code?: string; data?: { error?: string } };
      // invalid_blocks: Slack posted nothing, so the text chart goes instead, still once.
      if (coded.code !== webApi.ErrorCode.PlatformError || coded.data?.error !== "invalid_blocks")
        throw error;
      logger.warn("chart.image_refused", { channel, fileId, error: "invalid_blocks" });
      return post(channel, message.text, message.blocks, marker, threadTs);
    }
  };
  return {
    async postMessage(channel, message, marker, options) {
      try {
        const answer = await postWithChart(channel, message, marker, options?.threadTs);
        if (!answer.ts)
          throw new ChannelPostError(
            "Slack answered without a message ts",
            true,
            undefined,
            "",
            true,
          );
        return answer.ts;
      } catch (error) {
        throw toPostError(error);
      }
    },
    async updateMessage(channel, ts, message) {
      try {
        await client.chat.update({
          channel,
          ts,
          text: message.text,
          blocks: message.blocks as types.KnownBlock[],
        });
      } catch (error) {
        throw toPostError(error);
      }
    },
    findReply: (channel, threadTs, marker, sinceMs) =>
      findMarked(marker, "replies", (cursor) =>
        client.conversations.replies({
          channel,
          ts: threadTs,
          oldest: (sinceMs / 1000).toFixed(6),
          inclusive: true,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      ),
    findPost: (channel, marker, sinceMs) =>
      findMarked(marker, "history", (cursor) =>
        client.conversations.history({
          channel,
          oldest: (sinceMs / 1000).toFixed(6),
          inclusive: true,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      ),
  };
}

interface MessagesPage {
  messages?: { ts?: string; metadata?: Parameters<typeof matches>[0] }[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** The message carrying `marker`, read page by page (a channel's history or a thread's replies). */
async function findMarked(
  marker: PostMarker,
  what: "history" | "replies",
  read: (cursor: string | undefined) => Promise<MessagesPage>,
): Promise<PostLookup> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const answer = await read(cursor);
      const hit = answer.messages?.find((m) => matches(m.metadata, marker));
      if (hit?.ts) return { status: "found", ts: hit.ts };
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) return { status: "absent" };
    }
    return { status: "unknowable", reason: `more than ${HISTORY_PAGES} pages of ${what}` };
  } catch (error) {
    const known = lookupRefusal(error);
    if (known) return known;
    throw toPostError(error);
  }
}

function matches(
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined,
  marker: PostMarker,
): boolean {
  if (metadata?.event_type !== marker.eventType) return false;
  return Object.entries(marker.payload).every(([k, v]) => metadata.event_payload?.[k] === v);
}

/** History Slack will not show us, for good: the scope is missing, or we are not in the channel. */
function lookupRefusal(error: unknown): PostLookup | undefined {
  const coded = error as { code?: string; data?: { error?: string; needed?: string } };
  if (coded.code !== webApi.ErrorCode.PlatformError) return undefined;
  const slackError = coded.data?.error ?? "";
  if (slackError === "missing_scope")
    return { status: "unknowable", reason: `missing_scope ${coded.data?.needed ?? ""}`.trim() };
  if (slackError === "not_in_channel" || slackError === "channel_not_found")
    return { status: "unknowable", reason: slackError };
  return undefined;
}

function toPostError(error: unknown): ChannelPostError {
  if (error instanceof ChannelPostError) return error;
  const coded = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    original?: { code?: string };
  };
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new ChannelPostError(
        "Slack rate-limited the post",
        true,
        Math.max(0, (coded.retryAfter ?? 1) * 1000),
        "ratelimited",
      );
    case webApi.ErrorCode.PlatformError: {
      const slackError = coded.data?.error ?? "unknown_error";
      return new ChannelPostError(
        `Slack refused the post: ${slackError}`,
        TRANSIENT_PLATFORM_ERRORS.has(slackError),
        undefined,
        slackError,
        UNKNOWN_OUTCOME_PLATFORM_ERRORS.has(slackError),
      );
    }
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      return new ChannelPostError(
        `Slack answered HTTP ${status}`,
        status >= 500 || status === 408,
        undefined,
        undefined,
        status >= 500 || status === 408,
      );
    }
    default: {
      const sent = !NOT_SENT_CODES.has(coded.original?.code ?? "");
      return new ChannelPostError(
        `Could not reach Slack: ${error instanceof Error ? error.message : String(error)}`,
        true,
        undefined,
        undefined,
        sent,
      );
    }
  }
}
