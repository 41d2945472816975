import { webApi } from "@slack/bolt";
import type { SlackMessage } from "./blocks/limits.js";

/**
 * Posting a digest to a channel, behind a one-method interface so the runner does its own retry
 * (with backoff and Slack's Retry-After) and tests can point it at a local fake Slack.
 */
export interface DigestPoster {
  /** Posts and returns the message `ts`; throws DigestPostError. */
  postMessage(channel: string, message: SlackMessage): Promise<string>;
}

export class DigestPostError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** From a 429's Retry-After. */
    readonly retryAfterMs?: number,
    /** Slack's error code (`channel_not_found`, `not_in_channel`…) when it gave one. */
    readonly slackError?: string,
  ) {
    super(message);
    this.name = "DigestPostError";
  }
}

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
}): DigestPoster {
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
          blocks: message.blocks,
          unfurl_links: false,
        });
        if (!answer.ts) throw new DigestPostError("Slack answered without a message ts", true);
        return answer.ts;
      } catch (error) {
        throw toPostError(error);
      }
    },
  };
}

function toPostError(error: unknown): DigestPostError {
  if (error instanceof DigestPostError) return error;
  const coded = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new DigestPostError(
        "Slack rate-limited the post",
        true,
        Math.max(0, (coded.retryAfter ?? 1) * 1000),
        "ratelimited",
      );
    case webApi.ErrorCode.PlatformError: {
      const slackError = coded.data?.error ?? "unknown_error";
      return new DigestPostError(
        `Slack refused the post: ${slackError}`,
        TRANSIENT_PLATFORM_ERRORS.has(slackError),
        undefined,
        slackError,
      );
    }
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      return new DigestPostError(`Slack answered HTTP ${status}`, status >= 500 || status === 408);
    }
    default:
      return new DigestPostError(
        `Could not reach Slack: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
  }
}
