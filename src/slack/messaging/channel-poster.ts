import type { types } from "@slack/bolt";
import { webApi } from "@slack/bolt";
import { ChannelPostError, type ChannelPoster } from "../../digest/channel.js";

/**
 * Posting to a channel (digests): its own Web API client without retries, because the caller
 * retries with backoff and Slack's Retry-After, which WebClient's own retries would hide.
 */

/** Slack errors that may pass on their own; everything else (not_in_channel…) will not. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

export function createSlackPoster(options: {
  token: string;
  /** Must end in /api/ (SLACK_API_URL); default slack.com. */
  slackApiUrl?: string;
  timeoutMs?: number;
}): ChannelPoster {
  const client = new webApi.WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    // The runner retries: WebClient's own retries would hide a 429 from it and could run 30 min.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  return {
    async postMessage(channel, message) {
      try {
        const answer = await client.chat.postMessage({
          channel,
          text: message.text,
          // Every message posted here comes from our own renderers (slack/blocks/).
          blocks: message.blocks as types.KnownBlock[],
          unfurl_links: false,
        });
        if (!answer.ts) throw new ChannelPostError("Slack answered without a message ts", true);
        return answer.ts;
      } catch (error) {
        throw toPostError(error);
      }
    },
  };
}

function toPostError(error: unknown): ChannelPostError {
  if (error instanceof ChannelPostError) return error;
  const coded = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
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
      );
    }
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      return new ChannelPostError(`Slack answered HTTP ${status}`, status >= 500 || status === 408);
    }
    default:
      return new ChannelPostError(
        `Could not reach Slack: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
  }
}
