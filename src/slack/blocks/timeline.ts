import type { Lang } from "../../query/types.js";
import type { CallTimeline, Verdict } from "../../report/call-timeline.js";
import { formatDuration } from "../../time/format.js";
import { TIMELINE_TEXT } from "../copy.js";
import { userId } from "./calls.js";
import { slackDate } from "./format.js";
import { joinWithMore, type KnownBlock, section } from "./limits.js";

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

export function timelineBlocks(
  timeline: CallTimeline,
  ctx: { timeZone: string; lang: Lang },
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
  const verdict = verdictText(timeline.verdict, timeline, ctx.lang);
  return [section(`*${t.title}*\n${body}\n*${t.verdict}:* ${verdict}`)];
}
