import type { Lang } from "../query/types.js";

/**
 * The words drawn inside a chart (axis names, legend, alt text), English and Chinese. A chart is
 * an image, not a Slack message, so its words live with it; this layer knows nothing of Slack.
 */

const RESULT_NAMES: Record<Lang, Record<string, string>> = {
  en: {
    normal_end: "completed",
    interrupt: "interrupted",
    cancel: "cancelled",
    reject: "rejected",
    not_answer: "not answered",
    call_busy: "busy",
    offline: "offline",
  },
  zh: {
    normal_end: "正常结束",
    interrupt: "中断",
    cancel: "取消",
    reject: "拒接",
    not_answer: "未接听",
    call_busy: "忙线",
    offline: "离线",
  },
};

/** A result's name in `lang`; one we do not know is shown as the vendor wrote it. */
export function resultName(result: string, lang: Lang): string {
  return Object.hasOwn(RESULT_NAMES[lang], result)
    ? (RESULT_NAMES[lang][result] as string)
    : result;
}

export const CHART_WORDS = {
  en: {
    calls: "calls",
    hour: "hour",
    dayBefore: "day before",
    weekAgo: "same day last week",
    failed: "failed",
    noCalls: "no calls",
    callsPerHour: (day: string) => `Calls per hour, ${day}`,
    callsOverTime: "Calls over time by result",
    steps: "Steps",
    callTitle: (callId: string) => `Call ${callId}`,
    role: { caller: "caller", callee: "callee" },
    actions: {
      started: "placed the call",
      invited: "invited",
      ringing: "ringing",
      answered: "answered",
      connected: "connected",
      rejected: "rejected",
      no_answer: "no answer",
      ignored: "ignored",
      busy: "busy",
      cancelled: "cancelled",
      hung_up: "hung up",
      offline: "went offline",
      joined: "joined",
      interrupted: "interrupted",
      failed: "failed",
      ended: "ended",
      other: "other",
    },
  },
  zh: {
    calls: "通话",
    hour: "小时",
    dayBefore: "前一天",
    weekAgo: "上周同日",
    failed: "失败",
    noCalls: "没有通话",
    callsPerHour: (day: string) => `${day} 每小时通话`,
    callsOverTime: "各结果通话随时间变化",
    steps: "步骤",
    callTitle: (callId: string) => `通话 ${callId}`,
    role: { caller: "主叫", callee: "被叫" },
    actions: {
      started: "发起呼叫",
      invited: "被邀请",
      ringing: "响铃",
      answered: "接听",
      connected: "已接通",
      rejected: "拒接",
      no_answer: "无应答",
      ignored: "忽略",
      busy: "忙线",
      cancelled: "取消",
      hung_up: "挂断",
      offline: "掉线",
      joined: "加入",
      interrupted: "中断",
      failed: "失败",
      ended: "结束",
      other: "其他",
    },
  },
} as const;

export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
}
