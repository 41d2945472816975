/**
 * What the digest needs from a chat platform, and no more: a message to post, a way to post it,
 * and errors that say whether trying again may help. The Slack side implements it
 * (slack/messaging/channel-poster.ts) and renders the message (slack/blocks/digest.ts), so this
 * folder reads days and decides when to post without knowing Slack exists.
 */

export interface ChannelMessage {
  /** The notification and screen-reader text. */
  text: string;
  /** Rich layout, opaque here (Block Kit for Slack). */
  blocks: unknown[];
}

export interface ChannelPoster {
  /** Posts and returns the message's id (Slack's `ts`); throws ChannelPostError. */
  postMessage(channel: string, message: ChannelMessage): Promise<string>;
}

export class ChannelPostError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** From a 429's Retry-After. */
    readonly retryAfterMs?: number,
    /** The platform's own error code (`channel_not_found`, `not_in_channel`…) when it gave one. */
    readonly platformError?: string,
  ) {
    super(message);
    this.name = "ChannelPostError";
  }
}
