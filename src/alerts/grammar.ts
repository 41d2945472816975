import { plainError } from "../query/errors.js";
import { takeFilter } from "../query/filter.js";
import { Text } from "../query/text.js";
import { chineseNumber } from "../query/time/numbers.js";
import type { CallFilter, Lang, ParseError } from "../query/types.js";
import { leftoverWords } from "../query/vocabulary.js";
import {
  ALERT_MAX_WINDOW_MINUTES,
  type AlertCommand,
  type AlertCondition,
  BASELINE_DAYS,
  DEFAULT_BASELINE_WINDOW_MINUTES,
  DEFAULT_MIN_VOLUME,
  type MuteLength,
} from "./types.js";

/**
 * `/calls alert …` and `/calls 告警 …`: words → an AlertCommand, or a ParseError that says what
 * was not understood with an example that works. Pure; the filter part is the query language's
 * own (`takeFilter`), so `failed video calls`, `interrupted calls from 10086`, `group` read the
 * same here as in a search.
 *
 *   alert                                   list the channel's rules      告警 / 告警 列表
 *   alert on failed > 20% over 15m          share of calls in the window  告警 失败 > 20% 15分钟
 *   alert on interrupted > 30 calls over 10m  count in the window         告警 中断 > 30 通 10分钟
 *   alert on interrupted unusual [over 1h] [min 20 calls]                 告警 中断 反常 [1小时] [至少 20 通]
 *   alert off 2 · alert mute 2 1h · alert mute 2 until tomorrow · alert show 2
 *                                           告警 关闭 2 · 告警 静音 2 1小时 · 告警 静音 2 到明天 · 告警 查看 2
 */

export const ALERT_KEYWORD = /^\s*(?:alerts?|alarms?|告警|警报|报警)(?![\w])/i;

export const ALERT_EXAMPLES: Record<Lang, string[]> = {
  en: [
    "/calls alert on failed > 20% over 15m",
    "/calls alert on interrupted > 30 calls over 10m",
    "/calls alert on interrupted unusual",
    "/calls alert mute 1 1h",
  ],
  zh: [
    "/calls 告警 失败 > 20% 15分钟",
    "/calls 告警 中断 > 30 通 10分钟",
    "/calls 告警 中断 反常",
    "/calls 告警 静音 1 1小时",
  ],
};

type Action = "on" | "off" | "show" | "mute" | "list";

const EN_ACTIONS: Record<string, Action> = {
  on: "on",
  add: "on",
  new: "on",
  create: "on",
  off: "off",
  remove: "off",
  delete: "off",
  stop: "off",
  show: "show",
  mute: "mute",
  snooze: "mute",
  silence: "mute",
  list: "list",
  ls: "list",
};
const ZH_ACTIONS: Record<string, Action> = {
  开启: "on",
  新建: "on",
  添加: "on",
  关闭: "off",
  删除: "off",
  取消: "off",
  停止: "off",
  查看: "show",
  详情: "show",
  静音: "mute",
  免打扰: "mute",
  暂停: "mute",
  列表: "list",
  全部: "list",
};

/** Minutes in `15m`, `15 min`, `2 hours`, `1h`, `15分钟`, `1小时`, `半小时`, `一个小时`. */
const EN_DURATION =
  /(?<![\w])(?:(?:over|in|within|for|during|last|past|the)\s+)*(\d{1,5})\s*(m|min|mins|minutes?|h|hr|hrs|hours?)(?![\w])/g;
const ZH_DURATION =
  /(?:过去|最近|近|在)?\s*(\d{1,5}|[零〇一二两三四五六七八九十百]+|半)\s*(?:个)?\s*(分钟|分|小时|钟头)(?:内|之内|以内)?/g;

const EN_UNUSUAL =
  /(?<![\w])(?:is\s+|are\s+)?(?:unusual|unusually\s+high|abnormal|anomal(?:y|ous)|above\s+(?:normal|usual|baseline)|baseline)(?![\w])/g;
const ZH_UNUSUAL = /高于平时|比平时高|比平常高|不寻常|反常|异动|偏高/g;

const EN_MIN_VOLUME = /(?<![\w])(?:min|minimum|at\s+least)\s*(\d{1,6})(?:\s*calls?)?(?![\w])/g;
const ZH_MIN_VOLUME = /(?:至少|最少|不少于)\s*(\d{1,6})\s*(?:通|个|次)?(?:通话|呼叫)?/g;

/** `> 20%`, `>= 20 %`, `above 20%`, `more than 30 calls`, `超过 20%`, `大于 30 通`. */
const COMPARISON =
  /(?:>=?|≥|(?<![\w])(?:above|more\s+than|exceeds?|greater\s+than)(?![\w])|超过|大于|高于|多于)\s*(\d{1,6}(?:\.\d{1,2})?)\s*(%|percent(?![\w])|calls?(?![\w])|通|个|次|条)?/g;

/** The rule number of off / mute / show: `2`, `#2`, `rule 2`, `规则 2`, `第2条`. */
const RULE_NUMBER =
  /(?:(?<![\w])rule\s*|规则\s*|第\s*)?#?(?<![\w.])(\d{1,9})(?![\w.%])\s*(?:条|号)?/g;

/** Parses the text after the keyword. `lang` decides the language of the answer. */
export function parseAlert(input: string, lang: Lang): AlertCommand | ParseError {
  const text = new Text(input.replace(ALERT_KEYWORD, (m) => " ".repeat(m.length)));

  let comparison: { value: number; unit: "percent" | "count" | undefined; raw: string } | undefined;
  let comparisons = 0;
  text.take(COMPARISON, (m) => {
    comparisons += 1;
    const unit = m[2];
    comparison = {
      value: Number(m[1]),
      unit:
        unit === undefined ? undefined : unit === "%" || unit === "percent" ? "percent" : "count",
      raw: m[0].trim(),
    };
  });

  let unusual = false;
  text.take(EN_UNUSUAL, () => {
    unusual = true;
  });
  text.take(ZH_UNUSUAL, () => {
    unusual = true;
  });

  let minVolume: number | undefined;
  const takeMin = (m: RegExpExecArray) => {
    minVolume = Number(m[1]);
  };
  text.take(EN_MIN_VOLUME, takeMin);
  text.take(ZH_MIN_VOLUME, takeMin);

  let untilTomorrow = false;
  text.take(
    /(?<![\w])(?:until|till|til)\s+tomorrow(?:\s+morning)?(?![\w])|(?:到|直到)?明天(?:早上|上午)?|明早/g,
    () => {
      untilTomorrow = true;
    },
  );

  const durations: { minutes: number; raw: string }[] = [];
  text.take(EN_DURATION, (m) => {
    const n = Number(m[1]);
    const hours = (m[2] ?? "").startsWith("h");
    durations.push({ minutes: hours ? n * 60 : n, raw: m[0].trim() });
  });
  text.take(ZH_DURATION, (m) => {
    const n = m[1] === "半" ? 0.5 : chineseNumber(m[1] ?? "");
    if (n === undefined) return false;
    const hours = m[2] === "小时" || m[2] === "钟头";
    durations.push({ minutes: hours ? n * 60 : n, raw: m[0].trim() });
  });

  const actions = new Set<Action>();
  text.take(
    /(?<![\w])(on|add|new|create|off|remove|delete|stop|show|mute|snooze|silence|list|ls)(?![\w])/g,
    (m) => {
      actions.add(EN_ACTIONS[m[1] ?? ""] ?? "list");
    },
  );
  text.take(/开启|新建|添加|关闭|删除|取消|停止|查看|详情|静音|免打扰|暂停|列表|全部/g, (m) => {
    actions.add(ZH_ACTIONS[m[0]] ?? "list");
  });

  const say = (en: string, zh: string) => alertError(lang, en, zh);

  if (actions.size > 1)
    return say(
      `Say one of on, off, mute, show or list, not ${[...actions].join(" and ")}.`,
      "请只说一个动作：开启、关闭、静音、查看 或 列表。",
    );
  const stated = [...actions][0];
  // A rule's own filter may hold numbers (`from 10086`): they are read as rule numbers only
  // when no condition was given.
  const ruleNumbers: number[] = [];
  if (stated !== "on" && !comparison && !unusual)
    text.take(RULE_NUMBER, (m) => {
      ruleNumbers.push(Number(m[1]));
    });
  // No action word: a condition, a window or any other words make a rule; a number alone is `show`.
  const action: Action =
    stated ??
    (comparison || unusual || durations.length > 0 || minVolume !== undefined
      ? "on"
      : ruleNumbers.length > 0
        ? "show"
        : text.rest.trim() === ""
          ? "list"
          : "on");

  if (action === "off" || action === "show" || action === "mute") {
    const rule = ruleNumbers[0];
    if (rule === undefined || ruleNumbers.length > 1)
      return say(
        `Say which rule by its number, e.g. "/calls alert ${action} 1" (the numbers are in "/calls alert").`,
        `请用编号说明是哪条规则，例如“/calls 告警 ${zhAction(action)} 1”（编号见“/calls 告警”）。`,
      );
    const leftovers = leftoverWords(text);
    if (leftovers.length > 0 || comparison || unusual) return notUnderstood(lang, leftovers);
    if (action !== "mute") {
      if (durations.length > 0 || untilTomorrow) return notUnderstood(lang, leftovers);
      return { kind: "alert", action, rule, lang };
    }
    let mute: MuteLength;
    if (untilTomorrow && durations.length === 0) mute = { untilTomorrow: true };
    else if (durations.length === 1 && !untilTomorrow) {
      const minutes = Math.round(durations[0]?.minutes ?? 0);
      if (minutes < 1 || minutes > 7 * 24 * 60)
        return say("A mute lasts from 1 minute to 7 days.", "静音时长须在 1 分钟到 7 天之间。");
      mute = { minutes };
    } else
      return say(
        'Say how long to mute: "/calls alert mute 1 1h" or "/calls alert mute 1 until tomorrow".',
        "请说明静音多久：“/calls 告警 静音 1 1小时” 或 “/calls 告警 静音 1 到明天”。",
      );
    return { kind: "alert", action: "mute", rule, mute, lang };
  }

  if (action === "list") {
    const leftovers = leftoverWords(text);
    if (leftovers.length > 0 || ruleNumbers.length > 0 || durations.length > 0 || untilTomorrow)
      return notUnderstood(lang, leftovers.length > 0 ? leftovers : ruleNumbers.map(String));
    return { kind: "alert", action: "list", lang };
  }

  // action === "on": a condition and a filter.
  if (untilTomorrow) return notUnderstood(lang, []);
  const { filter, forks } = takeFilter(text);
  const fork = forks[0];
  if (fork)
    return say(
      `"${fork.phrase}" can mean cancelled (the caller gave up) or rejected (the callee hung up on it); say which.`,
      `“${fork.phrase}”可以指取消（主叫放弃）或拒接（被叫挂断），请说明是哪一个。`,
    );
  const leftovers = leftoverWords(text);
  if (leftovers.length > 0) return notUnderstood(lang, leftovers);
  if (durations.length > 1)
    return say(
      `Give one window, not ${durations.map((d) => `"${d.raw}"`).join(" and ")}.`,
      `请只给一个时间窗口，而不是 ${durations.map((d) => `“${d.raw}”`).join(" 和 ")}。`,
    );
  const window = durations[0];
  if (
    window &&
    (!Number.isInteger(window.minutes) ||
      window.minutes < 1 ||
      window.minutes > ALERT_MAX_WINDOW_MINUTES)
  )
    return say(
      `"${window.raw}" is not a window I can watch: from 1 minute to 24 hours, in whole minutes.`,
      `“${window.raw}”不是可用的窗口：须在 1 分钟到 24 小时之间，按整分钟计。`,
    );
  if (comparisons > 1 || (comparison && unusual))
    return say(
      'Give one condition: a threshold ("> 20%", "> 30 calls") or "unusual".',
      "请只给一个条件：阈值（“> 20%”、“> 30 通”）或“反常”。",
    );
  const condition = conditionOf(lang, filter, comparison, unusual, window?.minutes, minVolume);
  if ("kind" in condition && condition.kind === "error") return condition;
  return { kind: "alert", action: "on", filter, condition: condition as AlertCondition, lang };
}

function conditionOf(
  lang: Lang,
  filter: CallFilter,
  comparison: { value: number; unit: "percent" | "count" | undefined; raw: string } | undefined,
  unusual: boolean,
  windowMinutes: number | undefined,
  minVolume: number | undefined,
): AlertCondition | ParseError {
  const say = (en: string, zh: string) => alertError(lang, en, zh);
  const counted = filter.results.length > 0;
  if (unusual) {
    if (!counted)
      return say(
        'Say which calls are unusual, e.g. "/calls alert on interrupted unusual".',
        "请说明哪类通话反常，例如“/calls 告警 中断 反常”。",
      );
    return {
      kind: "baseline",
      windowMinutes: windowMinutes ?? DEFAULT_BASELINE_WINDOW_MINUTES,
      minVolume: minVolume ?? DEFAULT_MIN_VOLUME,
      days: BASELINE_DAYS,
    };
  }
  if (!comparison)
    return say(
      'Say when to alert: a threshold ("> 20%", "> 30 calls") or "unusual".',
      "请说明何时告警：阈值（“> 20%”、“> 30 通”）或“反常”。",
    );
  if (minVolume !== undefined)
    return say('A minimum volume goes with "unusual" rules only.', "最少通话数只用于“反常”规则。");
  if (windowMinutes === undefined)
    return say(
      `Say over how long, e.g. "${comparison.raw} over 15m".`,
      `请说明时间窗口，例如“${comparison.raw} 15分钟”。`,
    );
  if (comparison.unit === undefined)
    return say(
      `Is "${comparison.raw}" a share or a number of calls? Write "${comparison.raw}%" or "${comparison.raw} calls".`,
      `“${comparison.raw}”是比例还是通数？请写“${comparison.raw}%”或“${comparison.raw} 通”。`,
    );
  if (comparison.unit === "percent") {
    if (!counted)
      return say(
        'A share needs the calls it counts, e.g. "/calls alert on failed > 20% over 15m".',
        "比例需要说明统计哪类通话，例如“/calls 告警 失败 > 20% 15分钟”。",
      );
    if (comparison.value <= 0 || comparison.value >= 100)
      return say("A share threshold lies between 0% and 100%.", "比例阈值须在 0% 到 100% 之间。");
    return { kind: "percent", above: comparison.value, windowMinutes };
  }
  if (!Number.isInteger(comparison.value))
    return say("A number of calls is a whole number.", "通数须为整数。");
  return { kind: "count", above: comparison.value, windowMinutes };
}

function zhAction(action: "off" | "show" | "mute"): string {
  return action === "off" ? "关闭" : action === "show" ? "查看" : "静音";
}

function alertError(lang: Lang, en: string, zh: string, unknownWords: string[] = []): ParseError {
  return { ...plainError(lang, en, zh, unknownWords), examples: ALERT_EXAMPLES[lang].slice(0, 2) };
}

function notUnderstood(lang: Lang, words: string[]): ParseError {
  const quoted = words.map((w) => (lang === "zh" ? `“${w}”` : `"${w}"`)).join(", ");
  return alertError(
    lang,
    `I did not understand ${quoted || "that"} in an alert rule. For example: "${ALERT_EXAMPLES.en[0]}".`,
    `我没看懂告警规则中的 ${quoted || "这部分"}。例如：“${ALERT_EXAMPLES.zh[0]}”。`,
    words,
  );
}
