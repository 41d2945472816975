import type { Diagnosis, Verdict } from "../../diagnosis/model.js";
import type { Lang } from "../../query/types.js";
import { formatDuration } from "../../time/format.js";
import type { TrtcCloudErrorKind } from "../../trtc/errors.js";
import {
  CALLS_TEXT,
  DIAGNOSIS_TEXT,
  EVENT_CAUSE_TEXT,
  EXPERIENCE_TEXT,
  TRTC_FAILURE_TEXT,
  VERDICT_END_TEXT,
  VERDICT_TEXT,
} from "../copy.js";
import { slackDate } from "./format.js";
import {
  code,
  context,
  divider,
  enforceLimits,
  escapeMrkdwn,
  header,
  joinWithMore,
  type KnownBlock,
  type SlackMessage,
  section,
  truncate,
} from "./limits.js";

/**
 * The diagnosis section of call details (issue 18), pure: TRTC's own account of the call, in the
 * reader's language. What state it is in is the caller's: not configured (one line saying what
 * credentials would add), still being fetched, failed (plain words), or ready.
 */

export type DiagnosisView =
  | { state: "unconfigured" }
  | { state: "pending" }
  | { state: "failed"; kind: TrtcCloudErrorKind; code?: string; requestId?: string }
  | { state: "ready"; diagnosis: Diagnosis; kept?: boolean };

export interface DiagnosisRenderContext {
  lang: Lang;
  timeZone: string;
  /** The verdict is shown merged with the call's timeline above: not a second one here. */
  verdictMerged?: boolean;
  /** The verdict already merged with the call's timeline, shown in place of TRTC's own. */
  verdictText?: string;
}

const who = (id: string) => escapeMrkdwn(truncate(id, 64));

function endText(callResult: string, lang: Lang): string {
  const table = VERDICT_END_TEXT[lang];
  return callResult in table ? table[callResult as keyof typeof table] : table.other;
}

function experienceText(id: number, lang: Lang): string {
  const table = EXPERIENCE_TEXT[lang] as Record<number, string>;
  return table[id] ?? `${lang === "zh" ? "体验异常" : "experience"} ${id}`;
}

/** The verdict in one line ("10086's network dropped (event 1003) 12 s before the call was interrupted; RTT 900 ms before it"). */
export function verdictLine(verdict: Verdict, lang: Lang): string {
  const t = VERDICT_TEXT[lang];
  switch (verdict.kind) {
    case "event": {
      const what = EVENT_CAUSE_TEXT[lang][verdict.cause];
      const end = endText(verdict.callResult, lang);
      if (verdict.secondsBeforeEnd < 1)
        return t.eventAtEnd(who(verdict.userId), what, verdict.eventId, end);
      const rtt = verdict.rttBeforeMs === undefined ? undefined : Math.round(verdict.rttBeforeMs);
      return t.event(
        who(verdict.userId),
        what,
        verdict.eventId,
        formatDuration(verdict.secondsBeforeEnd, lang),
        end,
        rtt,
      );
    }
    case "abnormal": {
      const cause =
        verdict.eventId === undefined
          ? undefined
          : t.abnormalCause(verdict.eventId, verdict.peerId ? who(verdict.peerId) : undefined);
      return t.abnormal(who(verdict.userId), experienceText(verdict.experienceId, lang), cause);
    }
    case "high_rtt":
      return t.high_rtt(who(verdict.userId), Math.round(verdict.rttBeforeMs));
    case "no_room":
      return t.no_room;
    case "nothing_found":
      return t.nothing_found;
  }
}

const round = (value: number) =>
  Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;

export function diagnosisBlocks(view: DiagnosisView, ctx: DiagnosisRenderContext): KnownBlock[] {
  const t = DIAGNOSIS_TEXT[ctx.lang];
  switch (view.state) {
    case "unconfigured":
      return [context(t.unconfigured)];
    case "pending":
      return [context(`*${t.heading}* · ${t.pending}`)];
    case "failed": {
      const ids = [
        view.code ? code(truncate(view.code, 80)) : "",
        view.requestId ? `RequestId ${code(truncate(view.requestId, 80))}` : "",
      ]
        .filter(Boolean)
        .join(" · ");
      return [
        context(
          `*${t.heading}* · ${t.failed(TRTC_FAILURE_TEXT[ctx.lang][view.kind])}${ids ? ` (${ids})` : ""}`,
        ),
      ];
    }
    case "ready":
      return readyBlocks(view.diagnosis, ctx, view.kept === true);
  }
}

function readyBlocks(
  diagnosis: Diagnosis,
  ctx: DiagnosisRenderContext,
  kept: boolean,
): KnownBlock[] {
  const t = DIAGNOSIS_TEXT[ctx.lang];
  const time = (ts: number) =>
    slackDate(ts, ctx.timeZone, ctx.lang, { seconds: true, zoneInFallback: false });
  const blocks: KnownBlock[] = [
    section(
      `*${t.heading}*${kept ? ` · _${t.kept}_` : ""}${ctx.verdictMerged ? "" : `\n${ctx.verdictText ?? verdictLine(diagnosis.verdict, ctx.lang)}`}`,
    ),
  ];
  if (diagnosis.status === "no_room") return blocks;

  const people = diagnosis.participants.map((p) => {
    if (!p.entered) return `• ${who(p.userId)}: ${t.neverEntered}`;
    const facts = [
      p.joinTs !== undefined ? `${t.joined} ${time(p.joinTs)}` : "",
      p.leaveTs !== undefined ? `${t.left} ${time(p.leaveTs)}` : "",
      p.device ? escapeMrkdwn(truncate(p.device, 40)) : "",
      p.sdkVersion ? `SDK ${escapeMrkdwn(truncate(p.sdkVersion, 30))}` : "",
      p.clientIp ? `IP ${code(truncate(p.clientIp, 45))}` : "",
    ].filter(Boolean);
    return `• ${who(p.userId)}: ${facts.join(" · ")}`;
  });
  const moreText = CALLS_TEXT[ctx.lang].more;
  blocks.push(
    section(
      `*${t.participants}*\n${joinWithMore(people, { separator: "\n", maxItems: 10, maxChars: 1500, more: moreText })}`,
    ),
  );

  const endMs = diagnosis.callEnd * 1000;
  const notable = diagnosis.events.filter((event) => event.cause !== undefined);
  const eventLines = notable.map((event) => {
    const what = event.cause ? EVENT_CAUSE_TEXT[ctx.lang][event.cause] : "";
    const before = endMs - event.timeMs;
    const when =
      before >= 1000
        ? t.beforeEnd(formatDuration(Math.round(before / 1000), ctx.lang))
        : time(Math.floor(event.timeMs / 1000));
    return `• ${who(event.userId)}: ${what} (${event.eventId}/${event.paramOne}) · ${when}`;
  });
  blocks.push(
    section(
      `*${t.events}*\n${eventLines.length > 0 ? joinWithMore(eventLines, { separator: "\n", maxItems: 8, maxChars: 1500, more: moreText }) : t.noEvents}`,
    ),
  );

  const qualityLines = diagnosis.quality.map((q) => {
    const metrics = ["rtt", "aLoss", "bigvLoss", "aBlock", "bigvBlock"]
      .filter((metric) => q.metrics[metric])
      .map((metric) => {
        const m = q.metrics[metric] as NonNullable<(typeof q.metrics)[string]>;
        return `${metric} ${round(m.p50)} / ${round(m.p90)} / ${round(m.max)}`;
      });
    return `• ${who(q.userId)}: ${metrics.join(" · ") || "–"}`;
  });
  if (qualityLines.length > 0) {
    blocks.push(
      section(
        `*${t.quality}*\n${joinWithMore(qualityLines, { separator: "\n", maxItems: 8, maxChars: 1500, more: moreText })}`,
      ),
      context(t.qualityUnits),
    );
  }
  if (diagnosis.abnormal.length > 0) {
    const lines = diagnosis.abnormal.map((item) => {
      const causes = item.causes
        .map((cause) =>
          VERDICT_TEXT[ctx.lang].abnormalCause(
            cause.eventId,
            cause.peerId ? who(cause.peerId) : undefined,
          ),
        )
        .join(", ");
      const wrapped = ctx.lang === "zh" ? `：${causes}` : ` (${causes})`;
      return `• ${who(item.userId)}: ${experienceText(item.experienceId, ctx.lang)}${causes ? wrapped : ""}`;
    });
    blocks.push(
      section(
        `*${t.abnormal}*\n${joinWithMore(lines, { separator: "\n", maxItems: 6, maxChars: 1200, more: moreText })}`,
      ),
    );
  }
  if (diagnosis.gaps.length > 0) {
    const parts = [...new Set(diagnosis.gaps.map((gap) => gap.part))].join(", ");
    blocks.push(context(t.gaps(parts)));
  }
  return blocks;
}

/**
 * The diagnosis that came after the details (an ephemeral answer cannot be replaced: a command's
 * response_url cannot replace its message, chat.update cannot touch ephemerals): one message with
 * each call's section under its callId.
 */
export function renderDiagnosisFollowUp(
  calls: readonly { callId: string; view: DiagnosisView; verdictText?: string | undefined }[],
  ctx: DiagnosisRenderContext,
): SlackMessage {
  const t = DIAGNOSIS_TEXT[ctx.lang];
  const blocks: KnownBlock[] = [header(t.followUpHeader)];
  for (const call of calls) {
    blocks.push(
      divider,
      section(code(truncate(call.callId, 128))),
      ...diagnosisBlocks(
        call.view,
        call.verdictText ? { ...ctx, verdictText: call.verdictText } : ctx,
      ),
    );
  }
  const first = calls[0];
  const text =
    first?.view.state === "ready"
      ? `${t.followUpHeader}: ${first.verdictText ?? verdictLine(first.view.diagnosis.verdict, ctx.lang)}`
      : t.followUpHeader;
  return enforceLimits({ text: truncate(text, 3000), blocks });
}
