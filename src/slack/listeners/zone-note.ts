import type { Lang } from "../../query/types.js";
import { context, enforceLimits, escapeMrkdwn } from "../blocks/limits.js";
import { ZONE_NOTE_TEXT } from "../copy.js";
import type { OutgoingMessage } from "../messaging/reply.js";

/**
 * When Slack could not tell us someone's time zone, the answer is still given (in the default
 * zone) but must not pass for theirs: the context line under the header says which zone it is.
 */

export function zoneFallbackText(lang: Lang, zone: string): string {
  return ZONE_NOTE_TEXT.zoneFallback[lang].replace("{zone}", escapeMrkdwn(zone));
}

export function withZoneNote(message: OutgoingMessage, lang: Lang, zone: string): OutgoingMessage {
  const note = zoneFallbackText(lang, zone);
  const blocks = [...message.blocks];
  const at = blocks.findIndex((block) => block.type === "context");
  const existing = at !== -1 && at <= 1 ? blocks[at] : undefined;
  if (existing?.type === "context" && existing.elements.length < 10) {
    blocks[at] = { ...existing, elements: [...existing.elements, { type: "mrkdwn", text: note }] };
  } else {
    blocks.splice(blocks[0]?.type === "header" ? 1 : 0, 0, context(note));
  }
  return enforceLimits({ text: message.text, blocks });
}
