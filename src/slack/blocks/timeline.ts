import type { CombinedVerdict } from "../../diagnosis/merge.js";
import type { Lang } from "../../query/types.js";
import type { CallTimeline, Verdict } from "../../report/call-timeline.js";
import { formatDuration } from "../../time/format.js";
import { EVENT_CAUSE_TEXT, TIMELINE_TEXT } from "../copy.js";
import { userId } from "./calls.js";
import { verdictLine } from "./diagnosis.js";
import { slackDate } from "./format.js";
import { joinWithMore, type KnownBlock, LIMITS, section, totalChars, truncate } from "./limits.js";

/** A call's timeline (report/call-timeline.ts) as one section: a line per participant, then the verdict. */

export function verdictText(verdict: Verdict, timeline: CallTimeline, lang: Lang): string {
  const t = TIMELINE_TEXT[lang];
  const roleOf = (user: string) =>
    timeline.participants.find((p) => p.userId === user)?.role ?? "callee";
  const who = (user: string, role = roleOf(user)) => t.who(t[role], userId(user, 64));
  const dur = (seconds: number | undefined) =>
    seconds === undefined ? undefined : formatDuration(seconds, lang);
  switch (verdict.kind) {
    case "offline_after_answer":
      return t.offlineAfterAnswer(
        who(verdict.userId, verdict.role),
        formatDuration(verdict.seconds, lang),
      );
    case "offline":
      return t.offline(who(verdict.userId, verdict.role));
    case "rejected":
      return t.rejected(who(verdict.userId), dur(verdict.seconds));
    case "no_answer":
      return t.noAnswer(who(verdict.userId), dur(verdict.seconds));
    case "busy":
      return t.busy(who(verdict.userId));
    case "cancelled":
      return t.cancelled(who(verdict.userId), dur(verdict.seconds));
    case "interrupted":
      return t.interrupted(who(verdict.userId, verdict.role));
    case "hung_up":
      return t.hungUp(who(verdict.userId, verdict.role), dur(verdict.talkSeconds));
    case "ended":
      return t.ended;
    case "in_progress":
      return t.inProgress;
  }
}

/** One verdict for the call: the timeline's fact, then TRTC's cause ("…; TRTC: network dropped (event 1003) 12 s before; RTT 900 ms"). */
export function combinedVerdictText(
  combined: CombinedVerdict,
  timeline: CallTimeline,
  lang: Lang,
): string {
  const t = TIMELINE_TEXT[lang];
  const fact = verdictText(combined.timeline, timeline, lang);
  const trtc = combined.trtc;
  if (!trtc) return fact;
  if (trtc.kind !== "event") return t.combined(fact, verdictLine(trtc, lang).replace(/[.。]$/, ""));
  const before = combined.trtcSecondsBefore;
  return t.combined(
    fact,
    t.trtcEvent(
      EVENT_CAUSE_TEXT[lang][trtc.cause],
      trtc.eventId,
      before !== undefined && before >= 1 ? formatDuration(before, lang) : undefined,
      trtc.rttBeforeMs === undefined ? undefined : Math.round(trtc.rttBeforeMs),
    ),
  );
}

export function timelineBlocks(
  timeline: CallTimeline,
  ctx: { timeZone: string; lang: Lang },
  combined?: CombinedVerdict,
): KnownBlock[] {
  const t = TIMELINE_TEXT[ctx.lang];
  const time = (ms: number) =>
    slackDate(Math.floor(ms / 1000), ctx.timeZone, ctx.lang, {
      seconds: true,
      zoneInFallback: false,
    });
  const lines = timeline.participants.map((p) => {
    const steps = p.steps.map((s) => {
      const after = Math.round((s.atMs - timeline.startMs) / 100) / 10;
      return `${t.actions[s.action]} ${time(s.atMs)} (+${after}s)`;
    });
    return `• *${t[p.role]}* ${userId(p.userId, 64)}: ${steps.length > 0 ? joinWithMore(steps, { separator: " → ", maxItems: 12, maxChars: 900, more: (n) => `+${n}` }) : "–"}`;
  });
  const body = joinWithMore(lines, { separator: "\n", maxItems: 12, maxChars: 2400, more: t.more });
  const verdict = combined
    ? combinedVerdictText(combined, timeline, ctx.lang)
    : verdictText(timeline.verdict, timeline, ctx.lang);
  return [section(`*${t.title}*\n${body}\n*${t.verdict}:* ${verdict}`)];
}

export const CALL_CHART_BLOCK_ID = "call_steps";

/**
 * The details with the timeline's chart (an uploaded file) right under the timeline's section;
 * undefined when there is no timeline section or no room, and the details go without it.
 */
export function timelineBlocksWithImage(
  blocks: readonly KnownBlock[],
  image: { fileId: string; altText: string; lang: Lang },
): KnownBlock[] | undefined {
  if (blocks.length >= LIMITS.blocks) return undefined;
  const heading = `*${TIMELINE_TEXT[image.lang].title}*`;
  const at = blocks.findIndex((b) => b.type === "section" && b.text?.text.startsWith(heading));
  if (at === -1) return undefined;
  const block: KnownBlock = {
    type: "image",
    block_id: CALL_CHART_BLOCK_ID,
    slack_file: { id: image.fileId },
    alt_text: truncate(image.altText, LIMITS.imageAltText),
    title: {
      type: "plain_text",
      text: truncate(TIMELINE_TEXT[image.lang].chartTitle, LIMITS.imageTitle),
    },
  };
  const shown = [...blocks.slice(0, at + 1), block, ...blocks.slice(at + 1)];
  return totalChars(shown) > LIMITS.totalChars ? undefined : shown;
}
