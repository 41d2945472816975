import type { Lang } from "../../query/types.js";
import { context, divider, header, type SlackMessage, section } from "./limits.js";

/**
 * `/calls help`: what to type, in English and Chinese (either language works for any user),
 * the words understood, and the 7-day limit of TUICallKit's records.
 */

const EXAMPLES: Record<Lang, string[]> = {
  en: [
    "/calls failed video calls last 2h",
    "/calls rejected group calls yesterday",
    "/calls calls from alice to bob today",
    "/calls interrupted audio calls since 9:00",
    "/calls 0f8b1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4",
  ],
  zh: [
    "/calls 最近2小时 失败的 视频通话",
    "/calls 昨天 被拒接的 群组通话",
    "/calls 今天 alice 打给 bob 的通话",
    "/calls 中断的 语音通话",
    "/calls 0f8b1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4",
  ],
};

const COPY = {
  en: {
    title: "callscope: ask about TUICallKit calls in plain words",
    intro:
      "Type `/calls` and what you want to see. Words can come in any order; without time words you get the last 24 hours. Paste one or more callIds to see each call's details and the calls around it.",
    examplesEn: "*Examples*",
    examplesZh: "*中文示例*",
    vocabulary: [
      "*Results*: answered / normal · cancelled · rejected · not answered / missed · busy · interrupted / dropped · offline · failed (every result but answered)",
      "*Types*: 1:1 / single · group   *Media*: video · audio",
      "*People*: from alice · to bob · with carol",
      "*Time*: last 2h · last 3 days · today · yesterday · since 9:00 · between 10:00 and 12:00 (your Slack time zone)",
    ],
    limit:
      "⏳ TUICallKit keeps call records for *7 days* only: older calls cannot be found, and a window reaching further back is shown from 7 days ago. A record appears about 5 s after its call ends.",
    more: "Message shortcut *Look up calls* finds every callId in a message (an alert, a ticket) and shows their details.",
  },
  zh: {
    title: "callscope：用平常的话查询 TUICallKit 通话",
    intro:
      "输入 `/calls` 加上你想看的内容，词语顺序不限；没有时间词时默认最近 24 小时。粘贴一个或多个 callId 可查看每通通话的详情及前后的通话。",
    examplesEn: "*English examples*",
    examplesZh: "*中文示例*",
    vocabulary: [
      "*结果*：接通 / 正常结束 · 取消 · 拒接 · 未接听 · 忙线 · 中断 / 掉线 · 离线 · 失败（除接通外的所有结果）",
      "*类型*：单人 / 一对一 · 群组   *媒体*：视频 · 语音",
      "*用户*：alice 打给 bob · 和 carol",
      "*时间*：最近2小时 · 最近3天 · 今天 · 昨天 · 9点以后（按你的 Slack 时区）",
    ],
    limit:
      "⏳ TUICallKit 只保留 *7 天* 的通话记录：更早的通话查不到，超出范围的时间窗口从 7 天前开始显示。通话结束约 5 秒后记录才可查询。",
    more: "消息快捷方式 *Look up calls* 会找出消息（告警、工单）中的所有 callId 并显示详情。",
  },
};

export function renderHelp(lang: Lang): SlackMessage {
  const c = COPY[lang];
  const list = (items: string[]) => items.map((e) => `• \`${e}\``).join("\n");
  // The user's language first, the other second: both are understood.
  const examples =
    lang === "zh"
      ? [
          section(`${c.examplesZh}\n${list(EXAMPLES.zh)}`),
          section(`${c.examplesEn}\n${list(EXAMPLES.en)}`),
        ]
      : [
          section(`${c.examplesEn}\n${list(EXAMPLES.en)}`),
          section(`${c.examplesZh}\n${list(EXAMPLES.zh)}`),
        ];
  return {
    text: c.title,
    blocks: [
      header(c.title),
      section(c.intro),
      ...examples,
      divider,
      section(c.vocabulary.join("\n")),
      section(c.limit),
      context(c.more),
    ],
  };
}

/** Example commands for other messages (parse errors). */
export function helpExamples(lang: Lang): string[] {
  return EXAMPLES[lang];
}
