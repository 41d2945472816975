import type { Lang } from "../../query/types.js";
import { CALLS_TEXT } from "../copy.js";
import {
  context,
  enforceLimits,
  escapeMrkdwn,
  type KnownBlock,
  type SlackMessage,
  truncate,
} from "./limits.js";

/**
 * The same message for the channel, saying who shared it. The Share button goes (it is shared);
 * the rest is left to the caller, who renders the channel version without buttons anyway.
 */
export function withSharedBy(message: SlackMessage, userId: string, lang: Lang): SlackMessage {
  const mention = /^[UW][A-Z0-9]{2,}$/.test(userId)
    ? `<@${userId}>`
    : escapeMrkdwn(truncate(userId, 60));
  const blocks: KnownBlock[] = [];
  for (const block of message.blocks) {
    if (block.type !== "actions") {
      blocks.push(block);
      continue;
    }
    const elements = block.elements.filter((e) => !("action_id" in e && e.action_id === "share"));
    if (elements.length > 0) blocks.push({ ...block, elements });
  }
  // First, so it survives when enforceLimits trims a full message from its end.
  blocks.unshift(context(CALLS_TEXT[lang].sharedBy(mention)));
  return enforceLimits({ text: `${message.text} · ${CALLS_TEXT[lang].sharedBy(mention)}`, blocks });
}
