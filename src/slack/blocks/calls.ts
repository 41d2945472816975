import { answerSeconds, type CallRecord, talkSeconds } from "../../callkit/schemas.js";
import type { Lang } from "../../query/types.js";
import { formatDuration } from "../../time/format.js";
import { CALLS_TEXT } from "../copy.js";
import { slackDate } from "./format.js";
import { code, escapeMrkdwn, joinWithMore, truncate } from "./limits.js";
import { kindLabel, resultIcon, resultLabel } from "./text.js";

/** One call in a few lines, shared by the search page and the story around a looked-up call. */

export interface Detail {
  /** Longest user id shown before it is cut. */
  idChars: number;
  /** Callees shown before "…and N more". */
  callees: number;
}

/** From most to least detailed: a renderer steps down when a page would not fit. */
export const DETAIL_LEVELS: readonly Detail[] = [
  { idChars: 48, callees: 5 },
  { idChars: 24, callees: 2 },
  { idChars: 12, callees: 1 },
];

export function userId(id: string, maxChars: number): string {
  return escapeMrkdwn(truncate(id, maxChars));
}

/** "alice → bob, carol …and 3 more". */
export function callersLine(record: CallRecord, lang: Lang, detail: Detail): string {
  const callees = joinWithMore(
    record.callees.map((id) => userId(id, detail.idChars)),
    {
      separator: ", ",
      maxItems: detail.callees,
      maxChars: 400,
      more: CALLS_TEXT[lang].more,
    },
  );
  return `${userId(record.caller, detail.idChars)} → ${callees || "–"}`;
}

/** "✅ answered · 1:1 · video" (an unknown result appears as the vendor wrote it). */
export function kindsLine(record: CallRecord, lang: Lang): string {
  const result = escapeMrkdwn(truncate(resultLabel(record.callResult, lang), 60));
  const type = escapeMrkdwn(truncate(kindLabel(record.callType, lang), 30));
  const media = escapeMrkdwn(truncate(kindLabel(record.mediaType, lang), 30));
  return `${resultIcon(record.callResult)} *${result}* · ${type} · ${media}`;
}

/** Start time, then time to answer and talk time where they apply. */
export function timesLine(record: CallRecord, timeZone: string, lang: Lang): string {
  const t = CALLS_TEXT[lang];
  const parts = [
    slackDate(record.startCallTs, timeZone, lang, { seconds: true, zoneInFallback: false }),
  ];
  const answer = answerSeconds(record);
  const talk = talkSeconds(record);
  if (answer !== undefined) parts.push(t.answeredAfter(formatDuration(answer, lang)));
  if (talk !== undefined) {
    const said = record.callResult === "interrupt" ? t.droppedAfter : t.talked;
    parts.push(said(formatDuration(talk, lang)));
  } else if (
    record.endTs !== undefined &&
    record.endTs >= record.startCallTs &&
    record.startCallTs > 0
  )
    parts.push(t.lasted(formatDuration(record.endTs - record.startCallTs, lang)));
  return parts.join(" · ");
}

export function callText(record: CallRecord, timeZone: string, lang: Lang, detail: Detail) {
  return [
    `${code(record.callId)}  ${kindsLine(record, lang)}`,
    callersLine(record, lang, detail),
    timesLine(record, timeZone, lang),
  ].join("\n");
}
