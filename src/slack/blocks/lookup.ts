import { answerSeconds, type CallRecord, isAnswered, talkSeconds } from "../../callkit/schemas.js";
import { combineVerdicts } from "../../diagnosis/merge.js";
import type { Lang } from "../../query/types.js";
import type { CallStory, LookupResult } from "../../records/types.js";
import { formatDuration } from "../../time/format.js";
import { CALLS_TEXT } from "../copy.js";
import { callersLine, DETAIL_LEVELS, kindsLine, userId } from "./calls.js";
import { type DiagnosisView, diagnosisBlocks } from "./diagnosis.js";
import { slackDate } from "./format.js";
import {
  actions,
  code,
  context,
  createBudget,
  divider,
  enforceLimits,
  escapeMrkdwn,
  fieldsSection,
  header,
  joinWithMore,
  type KnownBlock,
  type SlackMessage,
  section,
  sizeOf,
  truncate,
} from "./limits.js";
import { kindLabel, resultIcon, resultLabel } from "./text.js";
import { timelineBlocks } from "./timeline.js";

export interface LookupRenderContext {
  timeZone: string;
  lang: Lang;
  /** Value of the Share button; no button without it. */
  share?: string | undefined;
  /** TRTC's account of each call, by callId (issue 18); a call without one shows none. */
  diagnoses?: ReadonlyMap<string, DiagnosisView>;
}

const KNOWN_FIELDS = new Set([
  "callId",
  "sdkAppId",
  "mediaType",
  "roomId",
  "startCallTs",
  "acceptTs",
  "endTs",
  "caller",
  "totalUserNumber",
  "callType",
  "callResult",
  "callees",
]);

/** Details of each call asked for, the story around it, and the ids that were not found. */
export function renderLookup(result: LookupResult, ctx: LookupRenderContext): SlackMessage {
  const t = CALLS_TEXT[ctx.lang];
  const tail = actions([{ actionId: "share", text: t.share, value: ctx.share }]);
  const notFound = notFoundBlocks(result.notFound, ctx.lang);
  const note = context(t.notShownCalls(result.found.length));
  const reserve = {
    blocks: tail.length + notFound.length + 1,
    chars: [...tail, ...notFound, note].reduce((n, b) => n + sizeOf(b), 2),
  };
  const budget = createBudget(reserve);
  budget.add(header(t.lookupHeader(result.found.length || result.notFound.length)));

  let shown = 0;
  for (const story of result.found) {
    const blocks = storyBlocks(story, ctx);
    const before = budget.blocks.length;
    if (!blocks.every((block) => budget.add(block))) {
      budget.blocks.splice(before);
      break;
    }
    shown++;
  }
  const blocks = [...budget.blocks];
  if (shown < result.found.length)
    blocks.push(context(t.notShownCalls(result.found.length - shown)));
  blocks.push(...notFound, ...tail);

  const ids = result.found.map((s) => s.record.callId);
  const text =
    ids.length > 0
      ? `${t.lookupHeader(ids.length)}: ${escapeMrkdwn(truncate(ids.join(", "), 500))}`
      : `${t.notFoundTitle}: ${escapeMrkdwn(truncate(result.notFound.join(", "), 500))}`;
  return enforceLimits({ text, blocks });
}

function storyBlocks(story: CallStory, ctx: LookupRenderContext): KnownBlock[] {
  const { record } = story;
  const t = CALLS_TEXT[ctx.lang];
  const f = t.fields;
  const time = (ts: number) =>
    ts > 0 ? slackDate(ts, ctx.timeZone, ctx.lang, { seconds: true }) : "–";
  const answer = answerSeconds(record);
  const talk = talkSeconds(record);
  const callees = joinWithMore(
    record.callees.map((id) => userId(id, 64)),
    { separator: ", ", maxItems: 20, maxChars: 1500, more: t.more },
  );
  const extra = Object.entries(record)
    .filter(([key]) => !KNOWN_FIELDS.has(key))
    .map(
      ([key, value]) =>
        `${escapeMrkdwn(truncate(key, 40))}: ${escapeMrkdwn(truncate(JSON.stringify(value) ?? "", 120))}`,
    );

  const blocks: KnownBlock[] = [
    divider,
    section(`${code(record.callId)}\n${kindsLine(record, ctx.lang)}`),
    fieldsSection([
      `*${f.result}*\n${resultIcon(record.callResult)} ${escapeMrkdwn(truncate(resultLabel(record.callResult, ctx.lang), 100))} (${code(truncate(record.callResult, 100))})`,
      `*${f.type}* · *${f.media}*\n${escapeMrkdwn(truncate(kindLabel(record.callType, ctx.lang), 50))} · ${escapeMrkdwn(truncate(kindLabel(record.mediaType, ctx.lang), 50))}`,
      `*${f.caller}*\n${userId(record.caller, 200)}`,
      `*${f.callees}*\n${callees || "–"}`,
      `*${f.placed}*\n${time(record.startCallTs)}`,
      `*${f.answeredAt}*\n${isAnswered(record) ? (record.acceptTs === undefined ? "–" : time(record.acceptTs)) : t.notAnswered}`,
      `*${f.ended}*\n${record.endTs === undefined ? "–" : time(record.endTs)}`,
      `*${f.timeToAnswer}* · *${f.talkTime}*\n${answer === undefined ? "–" : formatDuration(answer, ctx.lang)} · ${talk === undefined ? "–" : formatDuration(talk, ctx.lang)}`,
      `*${f.duration}*\n${record.endTs !== undefined && record.endTs >= record.startCallTs ? formatDuration(record.endTs - record.startCallTs, ctx.lang) : "–"}`,
      `*${f.participants}* · *${f.room}* · *${f.app}*\n${record.totalUserNumber ?? "–"} · ${code(truncate(record.roomId, 100))} · ${record.sdkAppId}`,
    ]),
  ];
  if (extra.length > 0) {
    blocks.push(
      context(
        `*${f.other}*: ${joinWithMore(extra, { separator: " · ", maxItems: 10, maxChars: 1500, more: t.more })}`,
      ),
    );
  }
  const view = ctx.diagnoses?.get(record.callId);
  // One verdict: TRTC's cause joins the timeline's fact where both exist (issue 18 item 2).
  const combined =
    story.timeline && view?.state === "ready"
      ? combineVerdicts(story.timeline, view.diagnosis)
      : undefined;
  if (story.timeline) blocks.push(...timelineBlocks(story.timeline, ctx, combined));
  blocks.push(section(`*${t.story}*\n${storyLines(story, ctx)}`));
  if (view)
    blocks.push(...diagnosisBlocks(view, { ...ctx, verdictMerged: combined !== undefined }));
  return blocks;
}

/** The call and its neighbours by start, marking retries (a call placed after a failed one). */
function storyLines(story: CallStory, ctx: LookupRenderContext): string {
  const t = CALLS_TEXT[ctx.lang];
  if (story.around.length === 0) return t.storyEmpty;
  const calls = [story.record, ...story.around].sort(
    (a, b) => a.startCallTs - b.startCallTs || (a.callId < b.callId ? -1 : 1),
  );
  const detail = DETAIL_LEVELS[1]!;
  const lines = calls.map((call, index) => {
    const marks: string[] = [];
    const retry = retryOf(call, calls.slice(0, index));
    if (retry === "drop") marks.push(t.retryAfterDrop);
    if (retry === "failed") marks.push(t.retry);
    if (call === story.record) marks.push(`*${t.thisCall}*`);
    const when = slackDate(call.startCallTs, ctx.timeZone, ctx.lang, {
      seconds: true,
      zoneInFallback: false,
    });
    return [
      `• ${when}`,
      kindsLine(call, ctx.lang),
      callersLine(call, ctx.lang, detail),
      code(call.callId),
      ...marks,
    ].join(" · ");
  });
  return joinWithMore(lines, { separator: "\n", maxItems: 15, maxChars: 2600, more: t.more });
}

const DROPS = new Set(["interrupt", "offline"]);

/** Whether `call` follows a dropped or failed call among the same users (the usual story). */
function retryOf(call: CallRecord, earlier: readonly CallRecord[]): "drop" | "failed" | undefined {
  const users = new Set([call.caller, ...call.callees]);
  for (let i = earlier.length - 1; i >= 0; i--) {
    const previous = earlier[i]!;
    if (![previous.caller, ...previous.callees].some((u) => users.has(u))) continue;
    if (DROPS.has(previous.callResult)) return "drop";
    if (!isAnswered(previous)) return "failed";
    return undefined;
  }
  return undefined;
}

function notFoundBlocks(ids: readonly string[], lang: Lang): KnownBlock[] {
  if (ids.length === 0) return [];
  const t = CALLS_TEXT[lang];
  const list = joinWithMore(
    ids.map((id) => code(truncate(id, 80))),
    { separator: ", ", maxItems: 20, maxChars: 1500, more: t.more },
  );
  const checks = t.notFoundChecks.map((line) => `• ${line}`).join("\n");
  return [divider, section(`*${t.notFoundTitle}:* ${list}\n${checks}`)];
}
