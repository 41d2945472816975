import { CALL_TYPES, type CallType, MEDIA_TYPES, type MediaType } from "../../callkit/schemas.js";
import { callTypeLabel, mediaLabel, resultLabel as queryResultLabel } from "../../query/results.js";
import type { Lang } from "../../query/types.js";

/** Every word the renderers say, in both languages. */

const RESULT_ICONS: Record<string, string> = {
  normal_end: "✅",
  cancel: "↩️",
  reject: "⛔",
  not_answer: "📵",
  call_busy: "🔁",
  interrupt: "⚡",
  offline: "🔌",
};

/** Label of a result, as the query language says it; an unknown one is shown as it is. */
export function resultLabel(result: string, lang: Lang): string {
  return queryResultLabel(result, lang);
}

export function resultIcon(result: string): string {
  return Object.hasOwn(RESULT_ICONS, result) ? RESULT_ICONS[result]! : "❔";
}

/** Label of a call type or media type; unknown values shown as they are. */
export function kindLabel(value: string, lang: Lang): string {
  if ((CALL_TYPES as readonly string[]).includes(value))
    return callTypeLabel(value as CallType, lang);
  if ((MEDIA_TYPES as readonly string[]).includes(value))
    return mediaLabel(value as MediaType, lang);
  return value;
}

export const TEXT = {
  en: {
    more: (n: number) => `…and ${n} more`,
    callsStartedBetween: (from: string, to: string) => `Calls started between ${from} and ${to}`,
    clampNote: (from: string, asked: string) =>
      `⚠️ Calls older than 7 days are not kept by TUICallKit: showing from ${from} (you asked from ${asked}).`,
    archiveNote: (when: string) => `From callscope's archive, synced ${when}.`,
    calls: (n: number) => (n === 1 ? "1 call" : `${n} calls`),
    noCalls: "No calls matched.",
    noCallsHint:
      "Try a wider window (`/calls failed last 3 days`), fewer words, or `/calls help` for the vocabulary.",
    answered: "answered",
    answerRate: "answer rate",
    medianTalk: "median talk",
    p90Talk: "p90 talk",
    byResult: "By result",
    byType: "By type",
    byMedia: "By media",
    page: (index: number, count: number, from: number, to: number, total: number) =>
      `Page ${index + 1} of ${count} · newest first · calls ${from}–${to} of ${total}`,
    notShownOnPage: (n: number) =>
      `…and ${n} more on this page not shown (Slack message size limit): narrow the search to see them.`,
    answeredAfter: (d: string) => `answered after ${d}`,
    talked: (d: string) => `talked ${d}`,
    lasted: (d: string) => `lasted ${d}`,
    details: "Details",
    next: "Next page ▶",
    prev: "◀ Previous page",
    share: "Share in channel",
    lookupHeader: (n: number) => (n === 1 ? "Call details" : `Details of ${n} calls`),
    fields: {
      callId: "Call ID",
      result: "Result",
      type: "Type",
      media: "Media",
      caller: "Caller",
      callees: "Callees",
      participants: "Participants",
      room: "Room",
      placed: "Placed",
      answeredAt: "Answered",
      ended: "Ended",
      timeToAnswer: "Time to answer",
      talkTime: "Talk time",
      duration: "Placed to end",
      app: "SDKAppID",
      other: "Other fields",
    },
    notAnswered: "not answered",
    story: "The story around it (the same users' calls within 1 h either side)",
    storyEmpty: "No other calls by these users within an hour either side.",
    thisCall: "◀ this call",
    retryAfterDrop: "↻ retry after a drop",
    retry: "↻ retry",
    notFoundTitle: "Not found in the last 7 days",
    notFoundChecks: [
      "Is the id complete? Copy the whole callId (a UUID such as `0f8b…-…`).",
      "Was the call made more than 7 days ago? TUICallKit keeps records for 7 days only.",
      "Did the call end in the last few seconds? A record appears about 5 s after the call ends.",
      "Does the call belong to this TRTC application (SDKAppID) and region?",
      "Calls started with TUICallKit's newer `calls()` / `join()` are kept by a different API.",
    ],
    notShownCalls: (n: number) => `…and ${n} more calls not shown (Slack message size limit).`,
    sharedBy: (user: string) => `Shared by ${user}`,
  },
  zh: {
    more: (n: number) => `…另有 ${n} 个`,
    callsStartedBetween: (from: string, to: string) => `发起时间在 ${from} 至 ${to} 之间的通话`,
    clampNote: (from: string, asked: string) =>
      `⚠️ TUICallKit 只保留最近 7 天的通话记录：从 ${from} 开始显示（你要求从 ${asked} 开始）。`,
    archiveNote: (when: string) => `来自 callscope 归档，同步于 ${when}。`,
    calls: (n: number) => `${n} 通通话`,
    noCalls: "没有符合条件的通话。",
    noCallsHint:
      "试试更长的时间范围（`/calls 失败 最近3天`）、更少的条件，或 `/calls 帮助` 查看词汇。",
    answered: "接通",
    answerRate: "接通率",
    medianTalk: "通话时长中位数",
    p90Talk: "通话时长 p90",
    byResult: "按结果",
    byType: "按类型",
    byMedia: "按媒体",
    page: (index: number, count: number, from: number, to: number, total: number) =>
      `第 ${index + 1}/${count} 页 · 最新在前 · 第 ${from}–${to} 通，共 ${total} 通`,
    notShownOnPage: (n: number) =>
      `…本页另有 ${n} 通未显示（Slack 消息大小限制）：请缩小查询范围。`,
    answeredAfter: (d: string) => `${d}后接通`,
    talked: (d: string) => `通话 ${d}`,
    lasted: (d: string) => `持续 ${d}`,
    details: "详情",
    next: "下一页 ▶",
    prev: "◀ 上一页",
    share: "分享到频道",
    lookupHeader: (n: number) => (n === 1 ? "通话详情" : `${n} 通通话的详情`),
    fields: {
      callId: "通话 ID",
      result: "结果",
      type: "类型",
      media: "媒体",
      caller: "主叫",
      callees: "被叫",
      participants: "参与人数",
      room: "房间",
      placed: "发起时间",
      answeredAt: "接通时间",
      ended: "结束时间",
      timeToAnswer: "接通用时",
      talkTime: "通话时长",
      duration: "发起到结束",
      app: "SDKAppID",
      other: "其他字段",
    },
    notAnswered: "未接通",
    story: "前后经过（相同用户前后 1 小时内的通话）",
    storyEmpty: "这些用户前后 1 小时内没有其他通话。",
    thisCall: "◀ 本通话",
    retryAfterDrop: "↻ 掉线后重拨",
    retry: "↻ 重拨",
    notFoundTitle: "最近 7 天内未找到",
    notFoundChecks: [
      "ID 是否完整？请复制完整的 callId（形如 `0f8b…-…` 的 UUID）。",
      "通话是否在 7 天以前？TUICallKit 只保留 7 天的记录。",
      "通话是否刚刚结束？记录在通话结束约 5 秒后才能查到。",
      "通话是否属于这个 TRTC 应用（SDKAppID）和地域？",
      "使用 TUICallKit 新接口 `calls()` / `join()` 发起的通话记录在另一个 API 中。",
    ],
    notShownCalls: (n: number) => `…另有 ${n} 通通话未显示（Slack 消息大小限制）。`,
    sharedBy: (user: string) => `由 ${user} 分享`,
  },
} as const;

export type Texts = (typeof TEXT)[Lang];
