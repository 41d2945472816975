import type { Lang } from "../../query/types.js";
import { AdmissionRefused } from "../../runtime/admission.js";
import type { OutgoingMessage } from "../messaging/reply.js";

/** What a person reads while their search waits for a slot, or when it cannot be answered. */

function notice(text: string): OutgoingMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

const texts = {
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

export function waitingForSearches(lang: Lang, ahead: number): OutgoingMessage {
  if (ahead === 1) return notice(texts.waitingOne[lang]);
  return notice(texts.waiting[lang].replace("{n}", ahead.toLocaleString("en-US")));
}

/** The answer for work that admission refused or stopped; undefined for any other failure. */
export function refusalNotice(
  error: unknown,
  lang: Lang,
): { outcome: string; message: OutgoingMessage } | undefined {
  if (!(error instanceof AdmissionRefused)) return undefined;
  return error.reason === "deadline"
    ? { outcome: "too_slow", message: notice(texts.tooSlow[lang]) }
    : { outcome: "shutting_down", message: notice(texts.shuttingDown[lang]) };
}
