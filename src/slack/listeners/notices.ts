import type { Lang } from "../../query/types.js";
import { NOTICE_TEXT } from "../copy.js";
import type { OutgoingMessage } from "../messaging/reply.js";

/** Short plain answers that belong to the Slack glue rather than to the report renderers. */

function notice(text: string): OutgoingMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export function digestsDisabled(lang: Lang): OutgoingMessage {
  return notice(NOTICE_TEXT.digestsDisabled[lang]);
}

export function noCallIdsFound(lang: Lang): OutgoingMessage {
  return notice(NOTICE_TEXT.noCallIds[lang]);
}

/** Sent once when a search takes a while, so nobody at 3 a.m. wonders whether it is working. */
export function stillReading(lang: Lang, recordsRead: number): OutgoingMessage {
  return notice(NOTICE_TEXT.stillReading[lang].replace("{n}", recordsRead.toLocaleString("en-US")));
}

export function buttonProblem(message: string): OutgoingMessage {
  return notice(`:warning: ${message}`);
}
