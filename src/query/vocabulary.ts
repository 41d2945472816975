import {
  CALL_TYPES,
  type CallType,
  isFailedResult,
  KNOWN_CALL_RESULTS,
  type KnownCallResult,
  MEDIA_TYPES,
  type MediaType,
} from "../callkit/schemas.js";
import type { Text } from "./text.js";

/** Every result except `normal_end`: what people mean by "failed". */
export const FAILED_RESULTS: readonly KnownCallResult[] = KNOWN_CALL_RESULTS.filter(isFailedResult);

/** Failed results that never connected: all but `interrupt` (`didn't connect`, `打不通`). */
export const UNCONNECTED_RESULTS: readonly KnownCallResult[] = FAILED_RESULTS.filter(
  (result) => result !== "interrupt",
);

export interface Words {
  readonly en: readonly string[];
  readonly zh: readonly string[];
}

/** Words per result, call type and media, for the parser and the help message. First = canonical. */
export const VOCABULARY = {
  results: {
    cancel: {
      en: [
        "cancelled",
        "canceled",
        "cancel",
        "cancels",
        "cancellation",
        "cancellations",
        "abandoned",
        "gave up",
        "called off",
      ],
      zh: ["取消", "已取消", "主叫取消", "撤销"],
    },
    reject: {
      en: [
        "rejected",
        "reject",
        "rejects",
        "rejection",
        "rejections",
        "declined",
        "decline",
        "refused",
        "turned down",
      ],
      zh: ["拒接", "拒绝", "拒听", "被拒", "被拒绝", "拒了"],
    },
    not_answer: {
      en: [
        "missed",
        "not_answer",
        "not answered",
        "no answer",
        "no-answer",
        "unanswered",
        "miss",
        "nobody answered",
        "no one answered",
        "nobody picked up",
        "no one picked up",
        "not picked up",
        "didn't answer",
        "didn’t answer",
        "didnt answer",
        "did not answer",
        "no pickup",
        "no response",
      ],
      zh: [
        "未接听",
        "未接",
        "无人接听",
        "没接",
        "没人接",
        "无应答",
        "没人接听",
        "没接听",
        "无人应答",
        "没有接听",
        "没有人接",
        "没有人接听",
        "无人接",
      ],
    },
    normal_end: {
      en: [
        "completed",
        "normal_end",
        "answered",
        "successful",
        "success",
        "succeeded",
        "ok",
        "complete",
        "connected",
        "normal",
      ],
      zh: ["接通", "完成", "正常", "成功", "已接", "正常结束"],
    },
    call_busy: {
      en: ["busy", "call_busy", "line busy", "engaged", "busy line"],
      zh: ["忙线", "占线", "繁忙", "正忙", "对方忙"],
    },
    interrupt: {
      en: [
        "interrupted",
        "interrupt",
        "interrupts",
        "interruption",
        "interruptions",
        "dropped",
        "drop",
        "drops",
        "cut off",
        "got cut off",
        "cut",
        "disconnected",
        "lost connection",
        "call dropped",
        "broke off",
      ],
      zh: ["中断", "掉线", "断线", "断开", "断了", "掉了", "通话中断"],
    },
    offline: {
      en: ["offline", "unreachable", "not reachable", "not online"],
      zh: ["离线", "不在线", "关机"],
    },
  } satisfies Record<KnownCallResult, Words>,
  groups: {
    failed: {
      en: ["failed", "fail", "fails", "failure", "failures", "unsuccessful", "failing"],
      zh: ["失败", "未成功", "不成功", "异常"],
    },
    /** Never connected: every failed result but `interrupt` (an interrupted call was connected). */
    unconnected: {
      en: [
        "didn't connect",
        "didn’t connect",
        "didnt connect",
        "did not connect",
        "not connected",
        "never connected",
        "couldn't connect",
        "could not connect",
        "failed to connect",
        "unconnected",
        "no connection",
      ],
      zh: [
        "打不通",
        "没接通",
        "未接通",
        "没打通",
        "接不通",
        "无法接通",
        "没通",
        "没有接通",
        "未能接通",
      ],
    },
  },
  /**
   * Words with two readings, asked back: "hung up" is the caller giving up before an answer
   * (cancelled) or the callee hanging up on the ringing call (rejected).
   */
  ambiguous: {
    hangUp: {
      en: ["hung up", "hang up", "hangup", "hung-up", "hanged up"],
      zh: ["挂断", "挂了", "被挂断", "挂掉"],
      readings: ["cancel", "reject"],
    },
  },
  callTypes: {
    single: {
      en: ["single", "1:1", "1-1", "one-to-one", "one to one", "1-on-1", "one-on-one", "direct"],
      zh: ["单聊", "一对一", "1对1", "单人", "单呼", "私聊"],
    },
    group: {
      en: ["group", "groups", "multi-party", "multiparty", "conference", "conferences"],
      zh: ["群组", "群聊", "群呼", "多人", "群"],
    },
  } satisfies Record<CallType, Words>,
  mediaTypes: {
    video: { en: ["video", "videos"], zh: ["视频"] },
    audio: { en: ["audio", "voice"], zh: ["音频", "语音"] },
  } satisfies Record<MediaType, Words>,
} as const;

/** Words that carry no meaning in a query. */
export const FILLERS: Words = {
  en: [
    "calls",
    "call",
    "show",
    "me",
    "the",
    "in",
    "of",
    "a",
    "an",
    "for",
    "all",
    "any",
    "list",
    "find",
    "get",
    "with",
    "and",
    "or",
    "records",
    "record",
    "please",
    "pls",
    "what",
    "were",
    "was",
    "there",
    "which",
    "that",
    "are",
    "on",
    "at",
    "around",
    "about",
    "approximately",
    "how",
    "many",
    "did",
    "during",
    "ones",
    "search",
    "give",
    "recent",
    "only",
    "both",
    "either",
    "type",
    "types",
    "media",
    "result",
    "results",
    "status",
    "time",
    "made",
    "placed",
    "happened",
    "by",
    "i",
    "my",
    "us",
    "our",
    "some",
    "have",
    "has",
    "had",
    "is",
    "it",
    "from",
    "to",
    "within",
    "where",
    "got",
    "been",
    "those",
    "these",
    "between",
    "until",
    "til",
    "till",
    "since",
    "after",
    "before",
    "ago",
    "last",
    "past",
    "this",
  ],
  zh: [
    "的时候",
    "通话",
    "电话",
    "呼叫",
    "记录",
    "显示",
    "查看",
    "查询",
    "看看",
    "给我",
    "帮我",
    "所有",
    "全部",
    "有哪些",
    "哪些",
    "一下",
    "最近",
    "大约",
    "大概",
    "左右",
    "前后",
    "的",
    "了",
    "查",
    "看",
    "我",
    "有",
    "吗",
    "呢",
    "次",
    "个",
    "条",
    "请",
    "和",
    "或",
    "及",
    "在",
    "时",
    "里",
    "中",
    "从",
    "自从",
    "自",
    "到",
    "以来",
    "之间",
    "通",
  ],
};

export interface FilterWords {
  results: Set<string>;
  callTypes: Set<CallType>;
  mediaTypes: Set<MediaType>;
  /** Words with more than one reading (`hung up`): each option is a set of results. */
  forks: { phrase: string; options: KnownCallResult[][] }[];
}

export function emptyFilterWords(): FilterWords {
  return { results: new Set(), callTypes: new Set(), mediaTypes: new Set(), forks: [] };
}

type Apply = (into: FilterWords) => void;

function buildTable(): { en: Map<string, Apply>; zh: Map<string, Apply> } {
  const en = new Map<string, Apply>();
  const zh = new Map<string, Apply>();
  const add = (words: Words, apply: Apply) => {
    for (const word of words.en) en.set(word, apply);
    for (const word of words.zh) zh.set(word, apply);
  };
  for (const result of KNOWN_CALL_RESULTS) {
    add(VOCABULARY.results[result], (into) => into.results.add(result));
  }
  add(VOCABULARY.groups.failed, (into) => {
    for (const result of FAILED_RESULTS) into.results.add(result);
  });
  add(VOCABULARY.groups.unconnected, (into) => {
    for (const result of UNCONNECTED_RESULTS) into.results.add(result);
  });
  for (const words of Object.values(VOCABULARY.ambiguous)) {
    const fork =
      (word: string): Apply =>
      (into) => {
        if (!into.forks.some((f) => f.phrase === word)) {
          into.forks.push({ phrase: word, options: words.readings.map((r) => [r]) });
        }
      };
    for (const word of words.en) en.set(word, fork(word));
    for (const word of words.zh) zh.set(word, fork(word));
  }
  for (const type of CALL_TYPES) {
    add(VOCABULARY.callTypes[type], (into) => into.callTypes.add(type));
  }
  for (const media of MEDIA_TYPES) {
    add(VOCABULARY.mediaTypes[media], (into) => into.mediaTypes.add(media));
  }
  return { en, zh };
}

const TABLE = buildTable();

const escapeRegex = (word: string) => word.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
const longestFirst = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length);

// English words stand alone (not inside "callerid" or "video2"); Chinese has no spaces, so its
// words match anywhere, longest first (未接通 before 接通).
const spaced = (word: string) => escapeRegex(word).replace(/ /g, "\\s+");
const EN_PATTERN = new RegExp(
  `(?<![\\w:-])(?:${longestFirst(TABLE.en.keys()).map(spaced).join("|")})(?![\\w:-])`,
  "g",
);
const ZH_PATTERN = new RegExp(longestFirst(TABLE.zh.keys()).map(escapeRegex).join("|"), "g");

/** Consumes result, call-type and media words from the text. */
export function takeFilterWords(text: Text, into: FilterWords): void {
  text.take(EN_PATTERN, (match) => TABLE.en.get(match[0].replace(/\s+/g, " "))?.(into));
  text.take(ZH_PATTERN, (match) => TABLE.zh.get(match[0])?.(into));
}

const EN_FILLER = new RegExp(
  `(?<![\\w-])(?:${FILLERS.en.map(escapeRegex).join("|")})(?![\\w-])`,
  "g",
);
const ZH_FILLER = new RegExp(longestFirst(FILLERS.zh).map(escapeRegex).join("|"), "g");
const PUNCTUATION = /[\s,.;:!?'"()[\]{}<>，。；：！？、“”‘’（）《》【】…·~\-—/|]+/g;

/** Words still not understood once fillers and punctuation are gone. */
export function leftoverWords(text: Text): string[] {
  text.take(EN_FILLER, () => true);
  text.take(ZH_FILLER, () => true);
  return text.rest
    .split(PUNCTUATION)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}

/** Every English word the parser knows, for typo suggestions. */
export function knownEnglishWords(): string[] {
  return [...TABLE.en.keys()].filter((word) => /^[a-z]+$/.test(word));
}

/** Every Chinese word the parser knows, for typo suggestions (the vocabulary itself, no pinyin). */
export function knownChineseWords(): string[] {
  return [...TABLE.zh.keys()];
}
