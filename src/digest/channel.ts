/**
 * What the digest needs from a chat platform, and no more: a message to post, a way to post it,
 * a way to find a post made earlier, and errors that say whether trying again may help and whether
 * the post may have landed anyway. The Slack side implements it (slack/messaging/channel-poster.ts)
 * and renders the message (slack/blocks/digest.ts), so this folder reads days and decides when to
 * post without knowing Slack exists.
 */

export interface ChannelMessage {
  /** The notification and screen-reader text. */
  text: string;
  /** Rich layout, opaque here (Block Kit for Slack). */
  blocks: unknown[];
  /**
   * A picture to show in place of the text chart, when it could be drawn. `blocks` stay the
   * message without it: the poster falls back to them whenever the picture cannot be shown.
   */
  chart?: MessageChart;
}

export interface MessageChart {
  png: Uint8Array;
  filename: string;
  title: string;
  /** What the picture shows, in words. */
  altText: string;
  /** The message's blocks with the picture in place of the text chart, once it has an id. */
  blocksWith(fileId: string): unknown[];
}

/** Machine-readable tag carried by a post (Slack message metadata), so it can be found again. */
export interface PostMarker {
  eventType: string;
  payload: Record<string, string>;
}

/** What a search for an earlier marked post found. */
export type PostLookup =
  | { status: "found"; ts: string }
  | { status: "absent" }
  /** The platform will not say (Slack: the history scope is missing). */
  | { status: "unknowable"; reason: string };

export interface ChannelPoster {
  /**
   * Posts and returns the message's id (Slack's `ts`); throws ChannelPostError. `threadTs`
   * posts it as a reply in that message's thread (alerts' updates and resolutions).
   */
  postMessage(
    channel: string,
    message: ChannelMessage,
    marker?: PostMarker,
    options?: { threadTs?: string },
  ): Promise<string>;
  /** Replaces a posted message (Slack's chat.update: an alert's top message once resolved). */
  updateMessage?(channel: string, ts: string, message: ChannelMessage): Promise<void>;
  /** As `findPost`, among the replies in a message's thread. */
  findReply?(
    channel: string,
    threadTs: string,
    marker: PostMarker,
    sinceMs: number,
  ): Promise<PostLookup>;
  /**
   * The newest post carrying `marker` at or after `sinceMs` (epoch ms); throws ChannelPostError
   * when it could not look. A poster without it cannot look: the runner treats that as unknowable.
   */
  findPost?(channel: string, marker: PostMarker, sinceMs: number): Promise<PostLookup>;
}

export class ChannelPostError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** From a 429's Retry-After. */
    readonly retryAfterMs?: number,
    /** The platform's own error code (`channel_not_found`, `not_in_channel`…) when it gave one. */
    readonly platformError?: string,
    /**
     * The platform may have taken the post although we got no answer saying so (timeout, dropped
     * connection, 5xx, `internal_error`): posting again blindly could show it twice.
     */
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = "ChannelPostError";
  }
}
