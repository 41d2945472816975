import type { CallKitErrorKind } from "../callkit/errors.js";
import type { Lang } from "../query/types.js";

/**
 * Every word callscope says in Slack, English and Chinese side by side, so a change to one
 * language is made beside the other and nothing is translated in only one place. Renderers and
 * listeners take their table in the reader's language: `CALLS_TEXT[lang].next`.
 */

type Bilingual = Record<string, { en: unknown; zh: unknown }>;
type InLang<T extends Bilingual> = { [K in keyof T]: T[K]["en"] };

/** A side-by-side table as one table per language. */
export function bilingual<T extends Bilingual>(copy: T): Record<Lang, InLang<T>> {
  const pick = (lang: Lang) =>
    Object.fromEntries(Object.entries(copy).map(([key, value]) => [key, value[lang]])) as InLang<T>;
  return { en: pick("en"), zh: pick("zh") };
}

/** Searches, call lists and call details. */
export const CALLS_TEXT = bilingual({
  more: {
    en: (n: number) => `…and ${n} more`,
    zh: (n: number) => `…另有 ${n} 个`,
  },
  callsStartedBetween: {
    en: (from: string, to: string) => `Calls started between ${from} and ${to}`,
    zh: (from: string, to: string) => `发起时间在 ${from} 至 ${to} 之间的通话`,
  },
  clampNote: {
    en: (from: string, asked: string) =>
      `⚠️ Calls older than 7 days are not kept by TUICallKit: showing from ${from} (you asked from ${asked}).`,
    zh: (from: string, asked: string) =>
      `⚠️ TUICallKit 只保留最近 7 天的通话记录：从 ${from} 开始显示（你要求从 ${asked} 开始）。`,
  },
  skippedRecords: {
    en: (n: number, requestIds: string) =>
      `⚠️ ${n === 1 ? "1 record" : `${n} records`} from TUICallKit did not fit its documented shape and ${n === 1 ? "is" : "are"} left out (requestId ${requestIds}).`,
    zh: (n: number, requestIds: string) =>
      `⚠️ TUICallKit 返回的 ${n} 条记录不符合文档格式，已略过（requestId ${requestIds}）。`,
  },
  archiveNote: {
    en: (when: string) => `From callscope's archive, synced ${when}.`,
    zh: (when: string) => `来自 callscope 归档，同步于 ${when}。`,
  },
  calls: {
    en: (n: number) => (n === 1 ? "1 call" : `${n} calls`),
    zh: (n: number) => `${n} 通通话`,
  },
  noCalls: {
    en: "No calls matched.",
    zh: "没有符合条件的通话。",
  },
  /** The title of a search's calls-over-time chart. */
  overTime: {
    en: "Calls over time by result",
    zh: "各结果通话随时间变化",
  },
  noCallsHint: {
    en: "Try a wider window (`/calls failed last 3 days`), fewer words, or `/calls help` for the vocabulary.",
    zh: "试试更长的时间范围（`/calls 失败 最近3天`）、更少的条件，或 `/calls 帮助` 查看词汇。",
  },
  answered: {
    en: "answered",
    zh: "接通",
  },
  answerRate: {
    en: "answer rate",
    zh: "接通率",
  },
  medianTalk: {
    en: "median talk",
    zh: "通话时长中位数",
  },
  p90Talk: {
    en: "p90 talk",
    zh: "通话时长 p90",
  },
  byResult: {
    en: "By result",
    zh: "按结果",
  },
  byType: {
    en: "By type",
    zh: "按类型",
  },
  byMedia: {
    en: "By media",
    zh: "按媒体",
  },
  page: {
    en: (index: number, count: number, from: number, to: number, total: number) =>
      `Page ${index + 1} of ${count} · newest first · calls ${from}–${to} of ${total}`,
    zh: (index: number, count: number, from: number, to: number, total: number) =>
      `第 ${index + 1}/${count} 页 · 最新在前 · 第 ${from}–${to} 通，共 ${total} 通`,
  },
  notShownOnPage: {
    en: (n: number) =>
      `…and ${n} more on this page not shown (Slack message size limit): narrow the search to see them.`,
    zh: (n: number) => `…本页另有 ${n} 通未显示（Slack 消息大小限制）：请缩小查询范围。`,
  },
  answeredAfter: {
    en: (d: string) => `answered after ${d}`,
    zh: (d: string) => `${d}后接通`,
  },
  talked: {
    en: (d: string) => `talked ${d}`,
    zh: (d: string) => `通话 ${d}`,
  },
  droppedAfter: {
    en: (d: string) => `dropped after ${d}`,
    zh: (d: string) => `通话 ${d} 后中断`,
  },
  lasted: {
    en: (d: string) => `lasted ${d}`,
    zh: (d: string) => `持续 ${d}`,
  },
  details: {
    en: "Details",
    zh: "详情",
  },
  next: {
    en: "Next page ▶",
    zh: "下一页 ▶",
  },
  prev: {
    en: "◀ Previous page",
    zh: "◀ 上一页",
  },
  share: {
    en: "Share in channel",
    zh: "分享到频道",
  },
  lookupHeader: {
    en: (n: number) => (n === 1 ? "Call details" : `Details of ${n} calls`),
    zh: (n: number) => (n === 1 ? "通话详情" : `${n} 通通话的详情`),
  },
  fields: {
    en: {
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
    zh: {
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
  },
  notAnswered: {
    en: "not answered",
    zh: "未接通",
  },
  story: {
    en: "The story around it (the same users' calls within 1 h either side)",
    zh: "前后经过（相同用户前后 1 小时内的通话）",
  },
  storyEmpty: {
    en: "No other calls by these users within an hour either side.",
    zh: "这些用户前后 1 小时内没有其他通话。",
  },
  thisCall: {
    en: "◀ this call",
    zh: "◀ 本通话",
  },
  retryAfterDrop: {
    en: "↻ retry after a drop",
    zh: "↻ 掉线后重拨",
  },
  retry: {
    en: "↻ retry",
    zh: "↻ 重拨",
  },
  notFoundTitle: {
    en: "Not found in the last 7 days",
    zh: "最近 7 天内未找到",
  },
  notFoundChecks: {
    en: [
      "Is the id complete? Copy the whole callId (a UUID such as `0f8b…-…`).",
      "Was the call made more than 7 days ago? TUICallKit keeps records for 7 days only.",
      "Did the call end in the last few seconds? A record appears about 5 s after the call ends.",
      "Does the call belong to this TRTC application (SDKAppID) and region?",
      "Calls started with TUICallKit's newer `calls()` / `join()` are kept by a different API.",
    ],
    zh: [
      "ID 是否完整？请复制完整的 callId（形如 `0f8b…-…` 的 UUID）。",
      "通话是否在 7 天以前？TUICallKit 只保留 7 天的记录。",
      "通话是否刚刚结束？记录在通话结束约 5 秒后才能查到。",
      "通话是否属于这个 TRTC 应用（SDKAppID）和地域？",
      "使用 TUICallKit 新接口 `calls()` / `join()` 发起的通话记录在另一个 API 中。",
    ],
  },
  notShownCalls: {
    en: (n: number) => `…and ${n} more calls not shown (Slack message size limit).`,
    zh: (n: number) => `…另有 ${n} 通通话未显示（Slack 消息大小限制）。`,
  },
  sharedBy: {
    en: (user: string) => `Shared by ${user}`,
    zh: (user: string) => `由 ${user} 分享`,
  },
});

/** The daily digest message. */
export const DIGEST_TEXT = bilingual({
  title: {
    en: (date: string) => `Call digest · ${date}`,
    zh: (date: string) => `通话日报 · ${date}`,
  },
  noCalls: {
    en: (date: string, zone: string) => `No calls on ${date} (${zone}).`,
    zh: (date: string, zone: string) => `${date}（${zone}）没有通话。`,
  },
  total: {
    en: "Total calls",
    zh: "通话总数",
  },
  answerRate: {
    en: "Answer rate",
    zh: "接通率",
  },
  medianTalk: {
    en: "Median talk (answered)",
    zh: "通话时长中位数（已接通）",
  },
  p90Talk: {
    en: "p90 talk (answered)",
    zh: "通话时长 p90（已接通）",
  },
  byResult: {
    en: "By result",
    zh: "按结果",
  },
  split: {
    en: "By type and media",
    zh: "按类型和媒体",
  },
  busiest: {
    en: (label: string, count: number) => `Busiest hour: *${label}* (${count} calls)`,
    zh: (label: string, count: number) => `最忙时段：*${label}*（${count} 通）`,
  },
  perHour: {
    en: "Calls per hour",
    zh: "每小时通话数",
  },
  alertsTitle: {
    en: (n: number) => `Alerts (${n})`,
    zh: (n: number) => `告警（${n} 次）`,
  },
  alertLine: {
    en: (n: number, rule: string, from: string, to: string, peak: string) =>
      `🚨 #${n} ${rule} · ${from} → ${to} · peak ${peak}`,
    zh: (n: number, rule: string, from: string, to: string, peak: string) =>
      `🚨 #${n} ${rule} · ${from} → ${to} · 峰值 ${peak}`,
  },
  alertOngoing: { en: "still open", zh: "仍在持续" },
  outageLine: {
    en: (from: string, to: string) => `⚠️ callscope could not see calls · ${from} → ${to}`,
    zh: (from: string, to: string) => `⚠️ callscope 看不到通话 · ${from} → ${to}`,
  },
  topFailed: {
    en: "Top callers by failed calls",
    zh: "失败通话最多的主叫",
  },
  failedCount: {
    en: (n: number) => (n === 1 ? "1 failed" : `${n} failed`),
    zh: (n: number) => `${n} 通失败`,
  },
  failedButton: {
    en: (n: number) => `Failed calls (${n})`,
    zh: (n: number) => `失败的通话（${n}）`,
  },
  interruptedButton: {
    en: (n: number) => `Interrupted calls (${n})`,
    zh: (n: number) => `中断的通话（${n}）`,
  },
  vsDayBefore: {
    en: "vs the day before",
    zh: "与前一天相比",
  },
  vsWeekAgo: {
    en: (date: string) => `vs ${date}: `,
    zh: (date: string) => `与上周同日（${date}）相比：`,
  },
  weekCalls: {
    en: (change: string) => `${change} calls`,
    zh: (change: string) => `通话 ${change}`,
  },
  weekRate: {
    en: (change: string) => `answer rate ${change}`,
    zh: (change: string) => `接通率 ${change}`,
  },
  weekFailed: {
    en: (change: string) => `${change} failed`,
    zh: (change: string) => `失败 ${change}`,
  },
  listSeparator: {
    en: ", ",
    zh: "，",
  },
  scope: {
    en: (zone: string, description?: string) =>
      `Calls started that day in ${zone}${description ? ` · ${description}` : ""}`,
    zh: (zone: string, description?: string) =>
      `当天（${zone}）发起的通话${description ? ` · ${description}` : ""}`,
  },
});

/** Words the query language could not read. */
export const PARSE_ERROR_TEXT = bilingual({
  question: {
    en: "🤔 Which one did you mean?",
    zh: "🤔 你指的是哪一个？",
  },
  title: {
    en: "🤔 I did not understand that",
    zh: "🤔 没有看懂这条查询",
  },
  unknown: {
    en: "Words I do not know",
    zh: "无法识别的词",
  },
  didYouMean: {
    en: (word: string, suggestion: string) => `${word} → did you mean ${suggestion}?`,
    zh: (word: string, suggestion: string) => `${word} → 你是想说 ${suggestion} 吗？`,
  },
  tryThese: {
    en: "Try for example",
    zh: "可以试试",
  },
  help: {
    en: "Type `/calls help` for every word I understand.",
    zh: "输入 `/calls 帮助` 查看所有可用的词。",
  },
  more: {
    en: (n: number) => `…and ${n} more`,
    zh: (n: number) => `…另有 ${n} 个`,
  },
});

/** `/calls help`. */
export const HELP_TEXT = bilingual({
  title: {
    en: "callscope: ask about TUICallKit calls in plain words",
    zh: "callscope：用平常的话查询 TUICallKit 通话",
  },
  intro: {
    en: "Type `/calls` and what you want to see. Words can come in any order; without time words you get the last 24 hours. Paste one or more callIds to see each call's details and the calls around it.",
    zh: "输入 `/calls` 加上你想看的内容，词语顺序不限；没有时间词时默认最近 24 小时。粘贴一个或多个 callId 可查看每通通话的详情及前后的通话。",
  },
  examplesEn: {
    en: "*Examples*",
    zh: "*English examples*",
  },
  examplesZh: {
    en: "*中文示例*",
    zh: "*中文示例*",
  },
  limit: {
    en: "⏳ TUICallKit keeps call records for *7 days* only: older calls cannot be found, and a window reaching further back is shown from 7 days ago. A record appears about 5 s after its call ends.",
    zh: "⏳ TUICallKit 只保留 *7 天* 的通话记录：更早的通话查不到，超出范围的时间窗口从 7 天前开始显示。通话结束约 5 秒后记录才可查询。",
  },
  answered: {
    en: "✂️ An *interrupted* call that was answered before it was cut counts as answered in the answer rate and shows how long it lasted (“dropped after 2 min 13 s”); `failed` still includes every interrupted call.",
    zh: "✂️ 接通后才*中断*的通话计入接通率，并显示通话多久后中断（“通话 2分13秒 后中断”）；`失败` 仍包含所有中断的通话。",
  },
  more: {
    en: "Message shortcut *Look up calls* finds every callId in a message (an alert, a ticket) and shows their details.",
    zh: "消息快捷方式 *Look up calls* 会找出消息（告警、工单）中的所有 callId 并显示详情。",
  },
});

/** `/calls help`: the vocabulary's headings. */
export const HELP_HEADINGS = bilingual({
  results: {
    en: "Results",
    zh: "结果",
  },
  failed: {
    en: "every result but completed",
    zh: "除正常结束外的所有结果",
  },
  types: {
    en: "Types",
    zh: "类型",
  },
  media: {
    en: "Media",
    zh: "媒体",
  },
  time: {
    en: "Time",
    zh: "时间",
  },
  timeWords: {
    en: "last 2 hours · 3h30m · today · yesterday · since 9am · until 3pm · between 2pm and 3pm · last monday (last week's) · 11/24 (in your Slack time zone). Words with two readings (between 5pm and 3pm, 3/4, hung up) are asked back.",
    zh: "最近30分钟 · 一个半小时内 · 今天 · 昨天 · 今天上午 · 从早上8点 · 9点之前 · 从昨天18点到现在 · 上周一（上一周的）· 11月24日（按你的 Slack 时区）。有两种理解的说法（下午5点到下午3点、3/4、挂断）会反问。",
  },
  people: {
    en: "People",
    zh: "用户",
  },
  peopleWords: {
    en: "from 10086 · to alice · with bob",
    zh: "主叫 10086 · 被叫 alice",
  },
});

/** What went wrong, as a title, by kind of failure. */
export const FAILURE_TITLES = bilingual({
  config: {
    en: "callscope's TRTC settings are wrong",
    zh: "callscope 的 TRTC 配置有误",
  },
  rate_limited: {
    en: "TUICallKit is rate limiting this app",
    zh: "TUICallKit 正在对本应用限流",
  },
  bug: {
    en: "TUICallKit refused callscope's request",
    zh: "TUICallKit 拒绝了 callscope 的请求",
  },
  upstream: {
    en: "TUICallKit answered with an error",
    zh: "TUICallKit 返回了错误",
  },
  timeout: {
    en: "TUICallKit did not answer in time",
    zh: "TUICallKit 未能及时响应",
  },
  network: {
    en: "TUICallKit could not be reached",
    zh: "无法连接 TUICallKit",
  },
  malformed: {
    en: "TUICallKit sent an answer callscope could not read",
    zh: "TUICallKit 的响应无法解析",
  },
  package_required: {
    en: "This app needs TUICallKit's group-call package",
    zh: "本应用需要开通 TUICallKit 群组通话套餐",
  },
  cancelled: {
    en: "The request was cancelled",
    zh: "请求已取消",
  },
  unknown: {
    en: "Something went wrong on callscope's side",
    zh: "callscope 内部出错",
  },
});

/** A polite refusal for users or channels outside the allow-lists. */
export const ACCESS_DENIED_TEXT: Record<Lang, string> = {
  en: "🔒 Sorry, callscope is not open to you here. Ask the people who run it to add you (or this channel) to its allow-list.",
  zh: "🔒 抱歉，你在这里无权使用 callscope。请联系维护者把你（或本频道）加入允许名单。",
};

/** What to do next, in Chinese (English shows the error's own explanation, written in English). */
export const FAILURE_NEXT_STEP_ZH: Record<CallKitErrorKind, string> = {
  config: "请运维人员核对 TRTC_SDKAPPID、TRTC_SECRET_KEY、TRTC_ADMIN_USER 后重启 callscope。",
  rate_limited: "稍等片刻再试；可能有其他程序在使用同一个 SDKAppID。",
  bug: "这是 callscope 的缺陷：请把错误码和 requestId 报告给维护者。",
  upstream: "请再试一次；若持续出现，请把错误码、信息和 requestId 提供给腾讯云支持。",
  timeout: "请稍后再试，或缩小时间范围。",
  network: "请稍后再试；若持续出现，请检查 TRTC_API_URL 和网络。",
  malformed: "请再试一次；若持续出现，请把 requestId 报告给维护者。",
  package_required: "这不是 callscope 的问题：请在 TRTC 控制台开通群组通话套餐后再查询。",
  cancelled: "请重新发起查询。",
};

/** Any failure without a known cause. */
export const FAILURE_GENERIC_TEXT: Record<Lang, string> = {
  en: "Please try again in a moment. If it keeps happening, tell the people who run callscope (the logs have the details).",
  zh: "请稍后再试。若持续出现，请联系 callscope 的维护者（日志中有详细信息）。",
};

/** Short plain answers of the Slack glue. */
export const NOTICE_TEXT = {
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

/** A button whose value cannot be used. */
export const BUTTON_PROBLEM_TEXT = {
  stale: {
    en: "This button comes from an older version of callscope and no longer works. Please run `/calls` again.",
    zh: "这个按钮来自旧版本的 callscope，已无法使用。请重新运行 `/calls`。",
  },
  tampered: {
    en: "This button's data could not be read, so nothing was looked up. Please run `/calls` again.",
    zh: "无法读取这个按钮的数据，因此没有进行查询。请重新运行 `/calls`。",
  },
  expired: {
    en: "These calls are now older than the 7 days the call records service keeps. Please run `/calls` again for a recent window.",
    zh: "这些通话已超过通话记录服务保留的 7 天。请重新运行 `/calls` 查询最近的时间段。",
  },
};

/** A search waiting for its turn, or stopped by admission. */
export const ADMISSION_TEXT = {
  waiting: {
    en: ":hourglass: Waiting for {n} searches ahead of yours. The answer follows here.",
    zh: ":hourglass: 前面还有 {n} 个查询在进行，轮到你后结果会显示在这里。",
  },
  waitingOne: {
    en: ":hourglass: Waiting for 1 search ahead of yours. The answer follows here.",
    zh: ":hourglass: 前面还有 1 个查询在进行，轮到你后结果会显示在这里。",
  },
  tooSlow: {
    en: ":stopwatch: This search took too long and was stopped. Try a shorter time window or fewer words, e.g. `/calls failed calls last 2 hours`.",
    zh: ":stopwatch: 这次查询耗时过长，已停止。请缩短时间范围或简化条件，例如 `/calls 最近 2 小时 失败的通话`。",
  },
  shuttingDown: {
    en: ":arrows_counterclockwise: callscope is restarting and stopped this search. Please run it again in a minute.",
    zh: ":arrows_counterclockwise: callscope 正在重启，已停止这次查询。请稍后重新查询。",
  },
} satisfies Record<string, Record<Lang, string>>;

/** An answer given in the default zone because Slack did not say the user's. */
export const ZONE_NOTE_TEXT = {
  zoneFallback: {
    en: ":globe_with_meridians: Times are in {zone}: Slack did not tell me your time zone just now.",
    zh: ":globe_with_meridians: 时间按 {zone} 显示：暂时无法从 Slack 获取你的时区。",
  },
} satisfies Record<string, Record<Lang, string>>;
/** `/calls digest …` and `/calls 日报 …`. */
export const DIGEST_COMMAND_TEXT = bilingual({
  on: {
    en: (ch: string, at: string, zone: string, what: string) =>
      `:white_check_mark: Daily digest on for ${ch}: every day at *${at}* (${zone}), yesterday's ${what}.`,
    zh: (ch: string, at: string, zone: string, what: string) =>
      `:white_check_mark: 已为 ${ch} 开启日报：每天 *${at}*（${zone}）发送前一天的${what}。`,
  },
  updated: {
    en: (ch: string, at: string, zone: string, what: string) =>
      `:white_check_mark: Daily digest for ${ch} updated: every day at *${at}* (${zone}), yesterday's ${what}.`,
    zh: (ch: string, at: string, zone: string, what: string) =>
      `:white_check_mark: 已更新 ${ch} 的日报：每天 *${at}*（${zone}）发送前一天的${what}。`,
  },
  next: {
    en: (when: string) => `Next digest: ${when}.`,
    zh: (when: string) => `下一次：${when}。`,
  },
  off: {
    en: (ch: string) => `Daily digest off for ${ch}.`,
    zh: (ch: string) => `已关闭 ${ch} 的日报。`,
  },
  noneToTurnOff: {
    en: (ch: string) =>
      `There is no daily digest in ${ch} to turn off. See what is set with \`/calls digest\`.`,
    zh: (ch: string) => `${ch} 没有开启日报，无需关闭。用 \`/calls 日报\` 查看设置。`,
  },
  none: {
    en: (ch: string) =>
      `No daily digest in ${ch}. Turn one on with \`/calls digest on at 09:00\` (add words such as \`video group\` to narrow it).`,
    zh: (ch: string) =>
      `${ch} 还没有日报。用 \`/calls 日报 开启 9点\` 开启（可加 \`视频 群组\` 等词缩小范围）。`,
  },
  show: {
    en: (ch: string, at: string, zone: string, what: string, by: string) =>
      `Daily digest for ${ch}: every day at *${at}* (${zone}), yesterday's ${what}. Set by <@${by}>.`,
    zh: (ch: string, at: string, zone: string, what: string, by: string) =>
      `${ch} 的日报：每天 *${at}*（${zone}）发送前一天的${what}。由 <@${by}> 设置。`,
  },
  badChannel: {
    en: (text: string) =>
      `I couldn't tell which channel “${text}” is. Type \`#\` and pick the channel from Slack's list, e.g. \`/calls digest on in #team-calls\`.`,
    zh: (text: string) =>
      `无法识别频道“${text}”。请输入 \`#\` 后从 Slack 的列表中选择频道，例如 \`/calls 日报 开启 在 #team-calls\`。`,
  },
  badZone: {
    en: (zone: string) =>
      `Your Slack time zone “${zone}” is not one I know, so the digest uses UTC.`,
    zh: (zone: string) => `你的 Slack 时区“${zone}”无法识别，日报将使用 UTC。`,
  },
  posted: {
    en: (ch: string, date: string) => `Posted the digest of ${date} in ${ch}.`,
    zh: (ch: string, date: string) => `已在 ${ch} 发送 ${date} 的日报。`,
  },
  notInChannel: {
    en: (ch: string) =>
      `I can't post in ${ch}: invite me first with \`/invite @callscope\` (or pick a channel I am in).`,
    zh: (ch: string) => `我无法在 ${ch} 发消息：请先用 \`/invite @callscope\` 邀请我。`,
  },
  postFailed: {
    en: (reason: string) =>
      `Slack did not take the digest: ${reason}. Please try again in a minute.`,
    zh: (reason: string) => `Slack 未接受日报：${reason}。请稍后再试。`,
  },
  notAllowed: {
    en: (ch: string) =>
      `callscope is not enabled for ${ch}, so I can't set or post its digest. Ask an admin to add it to ALLOWED_CHANNEL_IDS.`,
    zh: (ch: string) =>
      `callscope 未对 ${ch} 开放，无法为它设置或发送日报。请联系管理员将其加入 ALLOWED_CHANNEL_IDS。`,
  },
  notYours: {
    en: (ch: string, by: string) =>
      `Only people in ${ch}, or <@${by}> who set it, can change or turn off its digest. Run the command in ${ch}.`,
    zh: (ch: string, by: string) =>
      `只有 ${ch} 中的成员或设置者 <@${by}> 可以修改或关闭它的日报。请在 ${ch} 中运行此命令。`,
  },
  tooSoon: {
    en: (ch: string, seconds: number) =>
      `A digest was just posted in ${ch}. Please wait ${seconds} s before asking for another one.`,
    zh: (ch: string, seconds: number) => `${ch} 刚刚发送过日报，请 ${seconds} 秒后再试。`,
  },
  tooMany: {
    en: (max: number) =>
      `This workspace already has ${max} daily digests, the most callscope keeps. Turn one off with \`/calls digest off in #channel\` first.`,
    zh: (max: number) =>
      `本工作区已有 ${max} 个日报，已达上限。请先用 \`/calls 日报 关闭 在 #频道\` 关闭一个。`,
  },
});

/** A call's own timeline from its call events (`/calls <callId>`, Details, the shortcut). */
export const TIMELINE_TEXT = bilingual({
  title: {
    en: "Timeline (from the vendor's call events)",
    zh: "时间线（来自厂商的通话事件回调）",
  },
  caller: { en: "caller", zh: "主叫" },
  callee: { en: "callee", zh: "被叫" },
  actions: {
    en: {
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
    zh: {
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
  verdict: { en: "Verdict", zh: "结论" },
  chartTitle: { en: "The call's steps over time", zh: "通话各步骤时间轴" },
  /** The timeline's verdict and TRTC's cause in one line (issue 18 item 2). */
  combined: {
    en: (timeline: string, trtc: string) => `${timeline}; TRTC: ${trtc}`,
    zh: (timeline: string, trtc: string) => `${timeline}；TRTC：${trtc}`,
  },
  trtcEvent: {
    en: (what: string, id: number, before: string | undefined, rttMs: number | undefined) =>
      `${what} (event ${id})${before ? ` ${before} before` : ""}${rttMs === undefined ? "" : `; RTT ${rttMs} ms`}`,
    zh: (what: string, id: number, before: string | undefined, rttMs: number | undefined) =>
      `${what}（事件 ${id}）${before ? `，早 ${before}` : ""}${rttMs === undefined ? "" : `；RTT ${rttMs} 毫秒`}`,
  },
  offlineAfterAnswer: {
    en: (who: string, after: string) =>
      `${who} went offline ${after} after answering: heartbeat lost`,
    zh: (who: string, after: string) => `${who}在接听 ${after} 后掉线：心跳丢失`,
  },
  offline: {
    en: (who: string) => `${who} went offline before answering: heartbeat lost`,
    zh: (who: string) => `${who}在接听前掉线：心跳丢失`,
  },
  rejected: {
    en: (who: string, after: string | undefined) =>
      after ? `${who} rejected the call after ${after}` : `${who} rejected the call`,
    zh: (who: string, after: string | undefined) =>
      after ? `${who}在 ${after} 后拒接` : `${who}拒接了通话`,
  },
  noAnswer: {
    en: (who: string, after: string | undefined) =>
      after ? `${who} did not answer (rang for ${after})` : `${who} did not answer`,
    zh: (who: string, after: string | undefined) =>
      after ? `${who}未接听（响铃 ${after}）` : `${who}未接听`,
  },
  busy: { en: (who: string) => `${who} was busy`, zh: (who: string) => `${who}忙线` },
  cancelled: {
    en: (who: string, after: string | undefined) =>
      after
        ? `${who} cancelled after ${after}, before anyone answered`
        : `${who} cancelled before anyone answered`,
    zh: (who: string, after: string | undefined) =>
      after ? `${who}在 ${after} 后、无人接听前取消` : `${who}在无人接听前取消`,
  },
  interrupted: {
    en: (who: string) => `the call was interrupted on ${who}'s side`,
    zh: (who: string) => `通话在${who}一侧中断`,
  },
  hungUp: {
    en: (who: string, talk: string | undefined) =>
      talk ? `${who} hung up after ${talk} of talk` : `${who} hung up`,
    zh: (who: string, talk: string | undefined) =>
      talk ? `${who}在通话 ${talk} 后挂断` : `${who}挂断`,
  },
  ended: { en: "the call ended; no step says why", zh: "通话已结束，事件未说明原因" },
  inProgress: {
    en: "no end-of-call event yet: the call may still be going on",
    zh: "尚无通话结束事件：通话可能仍在进行",
  },
  who: {
    en: (role: string, user: string) => `${role} ${user}`,
    zh: (role: string, user: string) => `${role} ${user} `,
  },
  more: {
    en: (n: number) => `…and ${n} more participants`,
    zh: (n: number) => `…另有 ${n} 位参与者`,
  },
});
/** The diagnosis in call details: TRTC's own account of a call (issue 18). */
export const DIAGNOSIS_TEXT = bilingual({
  heading: { en: "Why (TRTC's own data)", zh: "原因（TRTC 自身数据）" },
  unconfigured: {
    en: "ℹ️ With TRTC cloud API credentials (TRTC_CLOUD_SECRET_ID and TRTC_CLOUD_SECRET_KEY), this would also show who joined and left the room, their devices and networks, client events, call quality and a one-line verdict.",
    zh: "ℹ️ 配置 TRTC 云 API 密钥（TRTC_CLOUD_SECRET_ID 与 TRTC_CLOUD_SECRET_KEY）后，这里还会显示谁进出了房间、设备与网络、客户端事件、通话质量以及一句话结论。",
  },
  pending: {
    en: "⏳ Asking TRTC why… the answer follows in a moment.",
    zh: "⏳ 正在向 TRTC 查询原因…结果稍后发出。",
  },
  followUpHeader: { en: "Why these calls failed (TRTC)", zh: "通话失败原因（TRTC）" },
  failed: {
    en: (why: string) => `⚠️ TRTC's data could not be read: ${why}`,
    zh: (why: string) => `⚠️ 无法读取 TRTC 数据：${why}`,
  },
  kept: { en: "kept in the archive", zh: "取自存档" },
  participants: { en: "Participants", zh: "参与者" },
  neverEntered: { en: "never entered the room", zh: "未进入房间" },
  joined: { en: "joined", zh: "进入" },
  left: { en: "left", zh: "离开" },
  events: { en: "Client events", zh: "客户端事件" },
  noEvents: { en: "none that explain a failure", zh: "无可解释失败的事件" },
  quality: {
    en: "Quality over the call (upstream, p50 / p90 / max)",
    zh: "通话质量（上行，p50 / p90 / 最大）",
  },
  qualityUnits: {
    en: "RTT in ms; loss as reported; stutter in ms",
    zh: "RTT 单位毫秒；丢包按原样显示；卡顿单位毫秒",
  },
  abnormal: { en: "TRTC's abnormal-experience verdicts", zh: "TRTC 异常体验判定" },
  gaps: {
    en: (parts: string) => `Not shown (TRTC did not answer): ${parts}`,
    zh: (parts: string) => `未显示（TRTC 未返回）：${parts}`,
  },
  beforeEnd: {
    en: (s: string) => `${s} before the end`,
    zh: (s: string) => `结束前 ${s}`,
  },
});

/** What each client event that can explain a failure means. */
export const EVENT_CAUSE_TEXT = bilingual({
  network_lost: { en: "network dropped", zh: "网络断开" },
  background: { en: "app went to the background", zh: "应用切到后台" },
  no_network_permission: { en: "no network permission", zh: "没有网络权限" },
  no_mic_permission: { en: "microphone permission denied", zh: "麦克风权限被拒绝" },
  no_camera_permission: { en: "camera permission denied", zh: "摄像头权限被拒绝" },
  camera_failed: { en: "camera failed to open", zh: "摄像头打开失败" },
  enter_failed: { en: "entering the room failed", zh: "进房失败" },
  server_timeout: { en: "connection to the server timed out", zh: "连接服务器超时" },
  left_timeout: { en: "left the room by timeout", zh: "超时退出房间" },
  kicked: { en: "was kicked out of the room", zh: "被踢出房间" },
  web_signal_lost: { en: "signalling channel lost (Web)", zh: "信令通道断开（Web）" },
  web_media_lost: { en: "media channel lost (Web)", zh: "媒体通道断开（Web）" },
  backend_signal_lost: { en: "signalling lost (seen by TRTC)", zh: "信令断开（TRTC 后台检测）" },
});

/** The call's end, as the verdict names it ("before the call was interrupted"). */
export const VERDICT_END_TEXT = bilingual({
  interrupt: { en: "the call was interrupted", zh: "通话中断" },
  offline: { en: "the call went offline", zh: "通话掉线" },
  cancel: { en: "the call was cancelled", zh: "通话被取消" },
  reject: { en: "the call was rejected", zh: "通话被拒绝" },
  not_answer: { en: "the call went unanswered", zh: "通话无人接听" },
  normal_end: { en: "the call ended", zh: "通话结束" },
  other: { en: "the call ended", zh: "通话结束" },
});

/** TRTC's ExperienceId (DescribeUnusualEvent). */
export const EXPERIENCE_TEXT = bilingual({
  1: { en: "slow room entry", zh: "进房慢" },
  2: { en: "could not start video", zh: "视频无法开启" },
  3: { en: "could not start audio", zh: "音频无法开启" },
  4: { en: "video stutter", zh: "视频卡顿" },
  5: { en: "audio stutter", zh: "音频卡顿" },
});

export const VERDICT_TEXT = bilingual({
  event: {
    en: (who: string, what: string, id: number, ago: string, end: string, rtt?: number) =>
      `${who}'s ${what} (event ${id}) ${ago} before ${end}${rtt !== undefined ? `; RTT ${rtt} ms before it` : ""}.`,
    zh: (who: string, what: string, id: number, ago: string, end: string, rtt?: number) =>
      `${end}前 ${ago}，${who} ${what}（事件 ${id}）${rtt !== undefined ? `；此前 RTT ${rtt} 毫秒` : ""}。`,
  },
  eventAtEnd: {
    en: (who: string, what: string, id: number, end: string) =>
      `${who}'s ${what} (event ${id}) as ${end}.`,
    zh: (who: string, what: string, id: number, end: string) =>
      `${end}时，${who} ${what}（事件 ${id}）。`,
  },
  abnormal: {
    en: (who: string, what: string, cause?: string) =>
      `TRTC reports ${what} for ${who}${cause ? `, probably caused by ${cause}` : ""}.`,
    zh: (who: string, what: string, cause?: string) =>
      `TRTC 判定 ${who} 出现${what}${cause ? `，可能原因：${cause}` : ""}。`,
  },
  abnormalCause: {
    en: (id: number, peer?: string) => `event ${id}${peer ? ` from ${peer}` : ""}`,
    zh: (id: number, peer?: string) => `事件 ${id}${peer ? `（来自 ${peer}）` : ""}`,
  },
  high_rtt: {
    en: (who: string, rtt: number) =>
      `No client event explains it; ${who}'s RTT was ${rtt} ms before the end.`,
    zh: (who: string, rtt: number) => `没有客户端事件可解释；结束前 ${who} 的 RTT 为 ${rtt} 毫秒。`,
  },
  no_room: {
    en: "TRTC has no room for this call: no one entered it (the call never connected).",
    zh: "TRTC 没有这个通话的房间：无人进房（通话从未接通）。",
  },
  nothing_found: {
    en: "TRTC's data show nothing wrong with this call.",
    zh: "TRTC 数据未显示此通话有异常。",
  },
});

/** TrtcCloudError kinds in plain words. */
export const TRTC_FAILURE_TEXT = bilingual({
  package_required: {
    en: "the account has no TRTC Monitoring Dashboard paid edition (Standard or Premium), which these APIs need.",
    zh: "该账号未开通 TRTC 监控仪表盘付费版（基础版或进阶版），这些 API 需要它。",
  },
  auth: {
    en: "TRTC refused the API key (TRTC_CLOUD_SECRET_ID / TRTC_CLOUD_SECRET_KEY) or it may not read these data.",
    zh: "TRTC 拒绝了 API 密钥（TRTC_CLOUD_SECRET_ID / TRTC_CLOUD_SECRET_KEY），或该密钥无权读取这些数据。",
  },
  clock: {
    en: "this server's clock is more than 5 minutes off Tencent Cloud's.",
    zh: "本服务器时钟与腾讯云相差超过 5 分钟。",
  },
  rate_limited: {
    en: "TRTC's limit of 20 requests per second was reached; try again shortly.",
    zh: "已达到 TRTC 每秒 20 次请求的限制，请稍后再试。",
  },
  too_old: {
    en: "the call is older than TRTC keeps these data (7 days on Standard, 14 on Premium).",
    zh: "通话早于 TRTC 保留数据的期限（基础版 7 天，进阶版 14 天）。",
  },
  not_found: {
    en: "TRTC has no room by that ID at that time.",
    zh: "TRTC 在该时间没有这个房间。",
  },
  bug: {
    en: "TRTC refused callscope's request as invalid (a callscope bug; please report it).",
    zh: "TRTC 认为 callscope 的请求无效（callscope 的缺陷，请反馈）。",
  },
  region: {
    en: "this API does not accept the configured TRTC_CLOUD_REGION.",
    zh: "该 API 不接受所配置的 TRTC_CLOUD_REGION。",
  },
  upstream: {
    en: "Tencent Cloud had an internal error; try again in a moment.",
    zh: "腾讯云内部错误，请稍后再试。",
  },
  timeout: { en: "TRTC did not answer in time.", zh: "TRTC 未及时响应。" },
  network: { en: "TRTC could not be reached.", zh: "无法连接 TRTC。" },
  malformed: {
    en: "TRTC's answer did not have the documented shape.",
    zh: "TRTC 的返回不符合文档格式。",
  },
  cancelled: { en: "the request was cancelled.", zh: "请求已取消。" },
});
/** Alerts: the channel messages (slack/blocks/alert.ts) and `/calls alert …` answers. */
export const ALERT_TEXT = bilingual({
  title: {
    en: (n: number, rule: string) => `🚨 Alert #${n}: ${rule}`,
    zh: (n: number, rule: string) => `🚨 告警 #${n}：${rule}`,
  },
  resolvedTitle: {
    en: (n: number, rule: string) => `✅ Resolved · alert #${n}: ${rule}`,
    zh: (n: number, rule: string) => `✅ 已恢复 · 告警 #${n}：${rule}`,
  },
  crossed: {
    en: (figure: string, threshold: string, window: string) =>
      `*${figure}* in the last ${window}, over the rule's *${threshold}*.`,
    zh: (figure: string, threshold: string, window: string) =>
      `最近${window}为 *${figure}*，超过规则的 *${threshold}*。`,
  },
  crossedBaseline: {
    en: (figure: string, usual: string, window: string) =>
      `*${figure}* in the last ${window}; usually *${usual}* at this hour (last 7 days).`,
    zh: (figure: string, usual: string, window: string) =>
      `最近${window}为 *${figure}*；过去 7 天同一时段通常为 *${usual}*。`,
  },
  ofCalls: {
    en: (matched: number, total: number) => `${matched} of ${total} calls`,
    zh: (matched: number, total: number) => `${total} 通中的 ${matched} 通`,
  },
  since: {
    en: (when: string) => `Since ${when}`,
    zh: (when: string) => `开始于 ${when}`,
  },
  stillBad: {
    en: (minutes: number, figure: string, peak: string) =>
      `Still over after ${minutes} min: *${figure}* now, peak *${peak}*.`,
    zh: (minutes: number, figure: string, peak: string) =>
      `${minutes} 分钟后仍超过阈值：当前 *${figure}*，峰值 *${peak}*。`,
  },
  resolved: {
    en: (when: string, peak: string, minutes: number) =>
      `Back under the rule since ${when} · peak *${peak}* · lasted ${minutes} min.`,
    zh: (when: string, peak: string, minutes: number) =>
      `自 ${when} 起恢复正常 · 峰值 *${peak}* · 持续 ${minutes} 分钟。`,
  },
  chartTitle: {
    en: (hours: number, bucket: number) => `Last ${hours} h, per ${bucket} min (matched / all)`,
    zh: (hours: number, bucket: number) => `最近 ${hours} 小时，每 ${bucket} 分钟（符合 / 全部）`,
  },
  topCallers: { en: "Top callers", zh: "主叫最多" },
  topCallees: { en: "Top callees", zh: "被叫最多" },
  callIds: { en: "Calls", zh: "通话" },
  showCalls: { en: "Show calls", zh: "查看通话" },
  mute1h: { en: "Mute 1h", zh: "静音 1 小时" },
  muteTomorrow: { en: "Mute until tomorrow", zh: "静音到明天" },
  blindTitle: {
    en: "⚠️ callscope cannot see calls right now",
    zh: "⚠️ callscope 暂时看不到通话",
  },
  blindBody: {
    en: (lastSeen: string) =>
      `The call records have not come in since ${lastSeen} (TUICallKit or callscope's sync is down). Alert rules in this channel are paused until they do; this is not an alert about calls.`,
    zh: (lastSeen: string) =>
      `自 ${lastSeen} 起没有收到通话记录（TUICallKit 或 callscope 的同步出现故障）。本频道的告警规则暂停判断，恢复后继续；这不是关于通话的告警。`,
  },
  blindNever: { en: "callscope started", zh: "callscope 启动" },
  seeingTitle: {
    en: "✅ callscope can see calls again",
    zh: "✅ callscope 已恢复看到通话",
  },
  seeingBody: {
    en: (since: string, again: string) =>
      `Calls were out of sight from ${since} to ${again}. Alert rules are judged again.`,
    zh: (since: string, again: string) =>
      `${since} 至 ${again} 期间看不到通话。告警规则已恢复判断。`,
  },
});

/** `/calls alert …` and `/calls 告警 …` answers, and the Mute buttons'. */
export const ALERT_COMMAND_TEXT = bilingual({
  added: {
    en: (n: number, rule: string) =>
      `:white_check_mark: Alert #${n} on for this channel: ${rule}. Checked every minute from the archive; mute it with \`/calls alert mute ${n} 1h\`, remove it with \`/calls alert off ${n}\`.`,
    zh: (n: number, rule: string) =>
      `:white_check_mark: 已为本频道开启告警 #${n}：${rule}。每分钟根据归档检查一次；用 \`/calls 告警 静音 ${n} 1小时\` 静音，用 \`/calls 告警 关闭 ${n}\` 删除。`,
  },
  cap: {
    en: (max: number) =>
      `This channel already has ${max} alert rules, the most callscope keeps per channel. Remove one with \`/calls alert off <n>\` first.`,
    zh: (max: number) =>
      `本频道已有 ${max} 条告警规则，已达上限。请先用 \`/calls 告警 关闭 <编号>\` 删除一条。`,
  },
  none: {
    en: "No alert rules in this channel. Add one with `/calls alert on failed > 20% over 15m` or `/calls alert on interrupted unusual`.",
    zh: "本频道没有告警规则。可用 `/calls 告警 失败 > 20% 15分钟` 或 `/calls 告警 中断 反常` 添加。",
  },
  listTitle: {
    en: (n: number) => `Alert rules in this channel (${n}):`,
    zh: (n: number) => `本频道的告警规则（${n} 条）：`,
  },
  line: {
    en: (n: number, rule: string, state: string) => `*#${n}* ${rule}${state}`,
    zh: (n: number, rule: string, state: string) => `*#${n}* ${rule}${state}`,
  },
  mutedUntil: {
    en: (when: string) => ` · muted until ${when}`,
    zh: (when: string) => ` · 静音至 ${when}`,
  },
  firing: { en: " · 🚨 firing now", zh: " · 🚨 正在告警" },
  setBy: {
    en: (by: string, when: string) => `Set by <@${by}> ${when}.`,
    zh: (by: string, when: string) => `由 <@${by}> 于 ${when} 设置。`,
  },
  removed: {
    en: (n: number) => `Alert #${n} removed from this channel.`,
    zh: (n: number) => `已删除本频道的告警 #${n}。`,
  },
  noSuchRule: {
    en: (n: number) =>
      `This channel has no alert #${n}. A rule is changed only from its own channel; see this channel's with \`/calls alert\`.`,
    zh: (n: number) =>
      `本频道没有告警 #${n}。规则只能在其所在频道修改；用 \`/calls 告警\` 查看本频道的规则。`,
  },
  muted: {
    en: (n: number, when: string, by: string) =>
      `:zzz: Alert #${n} muted until ${when} by <@${by}>.`,
    zh: (n: number, when: string, by: string) => `:zzz: <@${by}> 已将告警 #${n} 静音至 ${when}。`,
  },
  notAnAlertButton: {
    en: "This button does not carry an alert rule. See `/calls alert`.",
    zh: "这个按钮没有对应的告警规则。请看 `/calls 告警`。",
  },
  disabled: {
    en: "Alerts need callscope's archive (ARCHIVE_ENABLED and a DATABASE_URL); ask whoever runs callscope to turn it on.",
    zh: "告警需要 callscope 的归档（ARCHIVE_ENABLED 和 DATABASE_URL）；请联系 callscope 的管理员开启。",
  },
});

/** The search form (a modal), its field errors and what its answers add. */
export const FORM_TEXT = bilingual({
  title: { en: "Search calls", zh: "搜索通话" },
  submit: { en: "Search", zh: "搜索" },
  close: { en: "Cancel", zh: "取消" },
  intro: {
    en: "Pick what to look for. The answer shows the `/calls …` words that ask the same, to type next time.",
    zh: "选择要查的内容。回复中会显示等价的 `/calls …` 命令，下次可以直接输入。",
  },
  range: { en: "Time range", zh: "时间范围" },
  presets: {
    en: {
      last_1h: "Last hour",
      last_2h: "Last 2 hours",
      last_24h: "Last 24 hours",
      today: "Today",
      yesterday: "Yesterday",
      last_7d: "Last 7 days",
      custom: "Custom (start and end below)",
    },
    zh: {
      last_1h: "最近1小时",
      last_2h: "最近2小时",
      last_24h: "最近24小时",
      today: "今天",
      yesterday: "昨天",
      last_7d: "最近7天",
      custom: "自定义（在下方填写开始和结束）",
    },
  },
  startDate: { en: "Start date (custom)", zh: "开始日期（自定义）" },
  startTime: { en: "Start time", zh: "开始时间" },
  endDate: { en: "End date (custom)", zh: "结束日期（自定义）" },
  endTime: { en: "End time", zh: "结束时间" },
  zoneHint: {
    en: (zone: string) => `Dates and times are in your time zone, ${zone}.`,
    zh: (zone: string) => `日期和时间按你的时区 ${zone}。`,
  },
  results: { en: "Results", zh: "结果" },
  resultLabels: {
    en: {
      failed: "Failed (any)",
      cancel: "Cancelled",
      reject: "Rejected",
      not_answer: "Missed",
      call_busy: "Busy",
      interrupt: "Interrupted",
      offline: "Offline",
      normal_end: "Completed",
    },
    zh: {
      failed: "失败（全部）",
      cancel: "取消",
      reject: "拒接",
      not_answer: "未接听",
      call_busy: "忙线",
      interrupt: "中断",
      offline: "离线",
      normal_end: "接通",
    },
  },
  anyResult: { en: "Any result", zh: "任意结果" },
  callTypes: { en: "Call types", zh: "通话类型" },
  typeLabels: {
    en: { single: "1:1", group: "Group" },
    zh: { single: "单聊", group: "群组" },
  },
  media: { en: "Media", zh: "媒体" },
  mediaLabels: {
    en: { video: "Video", audio: "Audio" },
    zh: { video: "视频", audio: "音频" },
  },
  users: { en: "User ids", zh: "用户 ID" },
  usersHint: {
    en: "Separated by spaces or commas.",
    zh: "用空格或逗号分隔。",
  },
  role: { en: "The users as", zh: "用户身份" },
  roleLabels: {
    en: { either: "Caller or callee", caller: "Caller", callee: "Callee" },
    zh: { either: "主叫或被叫", caller: "主叫", callee: "被叫" },
  },
  startNeeded: {
    en: "A custom range needs a start date.",
    zh: "自定义范围需要开始日期。",
  },
  endNeeded: {
    en: "A custom range needs an end date.",
    zh: "自定义范围需要结束日期。",
  },
  endBeforeStart: {
    en: "The end must come after the start.",
    zh: "结束时间必须晚于开始时间。",
  },
  badUserId: {
    en: (id: string) => `“${id}” is not a user id (letters, digits, _ . @ : + - only).`,
    zh: (id: string) => `“${id}” 不是有效的用户 ID（只能包含字母、数字和 _ . @ : + -）。`,
  },
  tooManyUsers: {
    en: (max: number) => `At most ${max} user ids at a time.`,
    zh: (max: number) => `一次最多 ${max} 个用户 ID。`,
  },
  beyondReach: {
    en: "TUICallKit keeps only the last 7 days and the archive does not reach back that far: pick a later start.",
    zh: "TUICallKit 只保留最近 7 天，归档也没有更早的记录：请选择更晚的开始时间。",
  },
  sameAs: {
    en: (words: string) => `Same as typing ${words}`,
    zh: (words: string) => `等同于输入 ${words}`,
  },
  newSearch: { en: "New search", zh: "新搜索" },
  formFailed: {
    en: "I could not open the search form (Slack refused it). Please try again, or type `/calls help`.",
    zh: "无法打开搜索表单（Slack 拒绝了）。请重试，或输入 `/calls 帮助`。",
  },
});

/** Saved searches: the Save button, its modal, `/calls run <name>` and the Home's menu. */
export const SAVED_TEXT = bilingual({
  save: { en: "Save", zh: "保存" },
  saveTitle: { en: "Save this search", zh: "保存搜索" },
  editTitle: { en: "Edit saved search", zh: "编辑保存的搜索" },
  saveSubmit: { en: "Save", zh: "保存" },
  name: { en: "Name", zh: "名称" },
  nameHint: {
    en: (max: number) => `Up to ${max} characters; run it later with \`/calls run <name>\`.`,
    zh: (max: number) => `最多 ${max} 个字符；以后用 \`/calls 运行 <名称>\` 运行。`,
  },
  words: { en: "Words", zh: "命令" },
  wordsHint: {
    en: "What `/calls` reads. Relative times stay relative: `last 2 hours` is always the last 2 hours.",
    zh: "`/calls` 读取的内容。相对时间保持相对：`最近2小时` 每次都是最近 2 小时。",
  },
  nameEmpty: { en: "Give it a name.", zh: "请输入名称。" },
  nameTooLong: {
    en: (max: number) => `A name has at most ${max} characters.`,
    zh: (max: number) => `名称最多 ${max} 个字符。`,
  },
  nameTaken: {
    en: (name: string) =>
      `You already have a search named “${name}”: pick another name or edit that one.`,
    zh: (name: string) => `你已有名为“${name}”的搜索：请换个名称或编辑它。`,
  },
  tooMany: {
    en: (max: number) =>
      `You have ${max} saved searches, the most callscope keeps: delete one from the Home tab first.`,
    zh: (max: number) => `你已保存 ${max} 个搜索，已达上限：请先在主页删除一个。`,
  },
  wordsInvalid: {
    en: (why: string) => `These words do not make a search: ${why}`,
    zh: (why: string) => `这些词无法组成搜索：${why}`,
  },
  saved: {
    en: (name: string, words: string) =>
      `Saved “${name}” (${words}). Run it with \`/calls run ${name}\` or from the Home tab.`,
    zh: (name: string, words: string) =>
      `已保存“${name}”（${words}）。用 \`/calls 运行 ${name}\` 或在主页运行。`,
  },
  updated: {
    en: (name: string) => `Updated “${name}”.`,
    zh: (name: string) => `已更新“${name}”。`,
  },
  deleted: {
    en: (name: string) => `Deleted “${name}”.`,
    zh: (name: string) => `已删除“${name}”。`,
  },
  notFound: {
    en: (name: string, names: string) =>
      names
        ? `You have no saved search named “${name}”. Yours: ${names}.`
        : `You have no saved search named “${name}” (none saved yet: use Save under an answer).`,
    zh: (name: string, names: string) =>
      names
        ? `你没有名为“${name}”的保存搜索。你的搜索：${names}。`
        : `你没有名为“${name}”的保存搜索（还没有保存过：在回复下方点“保存”）。`,
  },
  runNeedsName: {
    en: "Say which saved search: `/calls run <name>`.",
    zh: "请说明运行哪个保存的搜索：`/calls 运行 <名称>`。",
  },
  unavailable: {
    en: "Saved searches need callscope's store (DATABASE_URL), which is off here.",
    zh: "保存搜索需要 callscope 的存储（DATABASE_URL），此处未启用。",
  },
  run: { en: "Run", zh: "运行" },
  edit: { en: "Edit", zh: "编辑" },
  remove: { en: "Delete", zh: "删除" },
});

/** The App Home tab. */
export const HOME_TEXT = bilingual({
  title: { en: "callscope", zh: "callscope" },
  health: { en: "Health", zh: "运行状况" },
  generations: {
    en: (g: string) => `Records API: ${g}`,
    zh: (g: string) => `记录接口：${g}`,
  },
  archive: {
    en: (when: string, lag: string) => `archive synced ${when} (${lag} behind)`,
    zh: (when: string, lag: string) => `归档同步于 ${when}（落后 ${lag}）`,
  },
  noArchive: { en: "no archive", zh: "未启用归档" },
  vendorErrors: {
    en: (n: number, minutes: number) =>
      n === 0
        ? `no vendor errors in ${minutes} min`
        : `⚠️ ${n} vendor error${n === 1 ? "" : "s"} in ${minutes} min`,
    zh: (n: number, minutes: number) =>
      n === 0 ? `最近 ${minutes} 分钟无接口错误` : `⚠️ 最近 ${minutes} 分钟 ${n} 次接口错误`,
  },
  webhooks: {
    en: (arriving: boolean) =>
      arriving ? "webhooks arriving" : "⚠️ no webhooks lately: the sync re-reads the last 3 h",
    zh: (arriving: boolean) =>
      arriving ? "回调正常到达" : "⚠️ 最近没有收到回调：同步改为重读最近 3 小时",
  },
  today: { en: "Today so far", zh: "今天到目前" },
  todayLine: {
    en: (total: string, rate: string, failed: string, interrupted: string) =>
      `*${total}* calls · answer rate ${rate} · failed ${failed} · interrupted ${interrupted}`,
    zh: (total: string, rate: string, failed: string, interrupted: string) =>
      `*${total}* 通 · 接通率 ${rate} · 失败 ${failed} · 中断 ${interrupted}`,
  },
  vsYesterday: {
    en: "change vs the same time yesterday",
    zh: "与昨天同一时间相比",
  },
  todayUnavailable: {
    en: "Today's figures could not be read just now.",
    zh: "暂时无法读取今天的数据。",
  },
  chartFallback: {
    en: "(The chart of today appears here once charts are enabled.)",
    zh: "（启用图表后，这里会显示今天的图表。）",
  },
  chartAlt: { en: "Calls today by hour", zh: "今天每小时的通话" },
  failures: { en: "Recent failures", zh: "最近的失败" },
  noFailures: { en: "No failed calls in the last 24 hours.", zh: "最近 24 小时没有失败的通话。" },
  saved: { en: "Saved searches", zh: "保存的搜索" },
  noSaved: {
    en: "None yet: press *Save* under any answer, and it shows here.",
    zh: "还没有：在任一回复下点 *保存*，就会显示在这里。",
  },
  digests: { en: "Your digests and alerts", zh: "你的日报和告警" },
  noDigests: {
    en: "None set up by you. `/calls digest on` in a channel starts one.",
    zh: "你还没有设置。在频道里输入 `/calls 日报 开启` 即可。",
  },
  digestLine: {
    en: (channel: string, at: string, next: string) => `${channel}: daily at ${at}, next ${next}`,
    zh: (channel: string, at: string, next: string) => `${channel}：每天 ${at}，下次 ${next}`,
  },
  alertLine: {
    en: (channel: string, rule: string) => `${channel}: alert ${rule}`,
    zh: (channel: string, rule: string) => `${channel}：告警 ${rule}`,
  },
  help: { en: "Help", zh: "帮助" },
  updatedAt: {
    en: (when: string) => `Updated ${when}. Reopen the tab to refresh.`,
    zh: (when: string) => `更新于 ${when}。重新打开此页即可刷新。`,
  },
  sentHere: {
    en: "Answers to searches started here arrive in this app's Messages tab.",
    zh: "从这里发起的搜索，回复会出现在本应用的“消息”标签中。",
  },
});
