import type { Lang } from "../../query/types.js";
import type { OutgoingMessage } from "../messaging/reply.js";

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
  stillReading: {
    en: ":hourglass_flowing_sand: Still reading call records ({n} so far). The answer follows here.",
    zh: ":hourglass_flowing_sand: 仍在读取通话记录（已读取 {n} 条），结果稍后在此显示。",
  },
} satisfies Record<string, Record<Lang, string>>;

export function digestsDisabled(lang: Lang): OutgoingMessage {
  return notice(texts.digestsDisabled[lang]);
}

export function noCallIdsFound(lang: Lang): OutgoingMessage {
  return notice(texts.noCallIds[lang]);
}

/** Sent once when a search takes a while, so nobody at 3 a.m. wonders whether it is working. */
export function stillReading(lang: Lang, recordsRead: number): OutgoingMessage {
  return notice(texts.stillReading[lang].replace("{n}", recordsRead.toLocaleString("en-US")));
}

export function buttonProblem(message: string): OutgoingMessage {
  return notice(`:warning: ${message}`);
}
