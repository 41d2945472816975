import type { Lang } from "../../query/types.js";
import { AdmissionRefused } from "../../runtime/admission.js";
import { ADMISSION_TEXT, NOTICE_TEXT } from "../copy.js";
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

export function waitingForSearches(lang: Lang, ahead: number): OutgoingMessage {
  if (ahead === 1) return notice(ADMISSION_TEXT.waitingOne[lang]);
  return notice(ADMISSION_TEXT.waiting[lang].replace("{n}", ahead.toLocaleString("en-US")));
}

/** The answer for work that admission refused or stopped; undefined for any other failure. */
export function refusalNotice(
  error: unknown,
  lang: Lang,
): { outcome: string; message: OutgoingMessage } | undefined {
  if (!(error instanceof AdmissionRefused)) return undefined;
  return error.reason === "deadline"
    ? { outcome: "too_slow", message: notice(ADMISSION_TEXT.tooSlow[lang]) }
    : { outcome: "shutting_down", message: notice(ADMISSION_TEXT.shuttingDown[lang]) };
}
