import type { Lang } from "../../query/types.js";
import type { OutgoingMessage } from "../reply.js";

/** Short plain answers that belong to the Slack glue rather than to the report renderers. */

function notice(text: string): OutgoingMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

const texts = {
  digestsDisabled: {
    en: "Digests are not enabled here. Ask whoever runs callscope to enable them.",
    zh: "这里没有启用每日摘要。请联系 callscope 的管理员启用。",
  },
  noCallIds: {
    en: "I found no callId in that message. A callId looks like `5f6b1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b`.",
    zh: "这条消息里没有找到 callId。callId 的格式类似 `5f6b1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b`。",
  },
} satisfies Record<string, Record<Lang, string>>;

export function digestsDisabled(lang: Lang): OutgoingMessage {
  return notice(texts.digestsDisabled[lang]);
}

export function noCallIdsFound(lang: Lang): OutgoingMessage {
  return notice(texts.noCallIds[lang]);
}

export function buttonProblem(message: string): OutgoingMessage {
  return notice(`:warning: ${message}`);
}
