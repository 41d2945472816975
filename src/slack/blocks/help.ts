import { EXAMPLES, VOCABULARY } from "../../query/examples.js";
import type { Lang } from "../../query/types.js";
import { context, divider, header, type SlackMessage, section } from "./limits.js";

/**
 * `/calls help`: what to type, in English and Chinese (either language works for any user),
 * the words understood, and the 7-day limit of TUICallKit's records.
 */

const COPY = {
  en: {
    title: "callscope: ask about TUICallKit calls in plain words",
    intro:
      "Type `/calls` and what you want to see. Words can come in any order; without time words you get the last 24 hours. Paste one or more callIds to see each call's details and the calls around it.",
    examplesEn: "*Examples*",
    examplesZh: "*中文示例*",
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
    limit:
      "⏳ TUICallKit 只保留 *7 天* 的通话记录：更早的通话查不到，超出范围的时间窗口从 7 天前开始显示。通话结束约 5 秒后记录才可查询。",
    more: "消息快捷方式 *Look up calls* 会找出消息（告警、工单）中的所有 callId 并显示详情。",
  },
};

export function renderHelp(lang: Lang): SlackMessage {
  const c = COPY[lang];
  const list = (items: readonly string[]) => items.map((e) => `• \`/calls ${e}\``).join("\n");
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
      section(vocabulary(lang)),
      section(c.limit),
      context(c.more),
    ],
  };
}

/** Example commands for other messages (parse errors). */
export function helpExamples(lang: Lang): string[] {
  return EXAMPLES[lang];
}

const HEADINGS = {
  en: {
    results: "Results",
    failed: "every result but completed",
    types: "Types",
    media: "Media",
    time: "Time",
    timeWords:
      "last 2 hours · 3h30m · today · yesterday · since 9am · until 3pm · between 2pm and 3pm · last monday (last week's) · 11/24 (in your Slack time zone). Words with two readings (between 5pm and 3pm, 3/4, hung up) are asked back.",
    people: "People",
    peopleWords: "from 10086 · to alice · with bob",
  },
  zh: {
    results: "结果",
    failed: "除正常结束外的所有结果",
    types: "类型",
    media: "媒体",
    time: "时间",
    timeWords:
      "最近30分钟 · 一个半小时内 · 今天 · 昨天 · 今天上午 · 从早上8点 · 9点之前 · 从昨天18点到现在 · 上周一（上一周的）· 11月24日（按你的 Slack 时区）。有两种理解的说法（下午5点到下午3点、3/4、挂断）会反问。",
    people: "用户",
    peopleWords: "主叫 10086 · 被叫 alice",
  },
};

/** The words understood, from the parser's own vocabulary (first word of each list is canonical). */
function vocabulary(lang: Lang): string {
  const h = HEADINGS[lang];
  const words = (w: { en: readonly string[]; zh: readonly string[] }) =>
    w[lang].slice(0, 3).join(" / ");
  const results = Object.values(VOCABULARY.results).map(words);
  results.push(`${words(VOCABULARY.groups.failed)} (${h.failed})`);
  return [
    `*${h.results}*: ${results.join(" · ")}`,
    `*${h.types}*: ${Object.values(VOCABULARY.callTypes).map(words).join(" · ")}   *${h.media}*: ${Object.values(VOCABULARY.mediaTypes).map(words).join(" · ")}`,
    `*${h.people}*: ${h.peopleWords}`,
    `*${h.time}*: ${h.timeWords}`,
  ].join("\n");
}
