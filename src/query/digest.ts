import { leftoverError, plainError } from "./errors.js";
import { takeFilter } from "./filter.js";
import { Text } from "./text.js";
import { chineseNumber } from "./time/numbers.js";
import type { DigestCommand, Lang, ParseError } from "./types.js";
import { leftoverWords } from "./vocabulary.js";

/**
 * `digest on [at 09:00] [in #channel] [filters]`, `digest off`, `digest` (show), `digest now`,
 * and the Chinese forms (`日报 开启 9点`, `日报 关闭`, `日报 现在`).
 */

export const DIGEST_KEYWORD = /^\s*(?:digest|daily digest|日报|每日报告|每日摘要)(?![\w])/i;

type Action = DigestCommand["action"];

const EN_ACTIONS: Record<string, Action> = {
  on: "on",
  enable: "on",
  subscribe: "on",
  start: "on",
  off: "off",
  disable: "off",
  unsubscribe: "off",
  stop: "off",
  now: "now",
  show: "show",
  status: "show",
  settings: "show",
};
const ZH_ACTIONS: Record<string, Action> = {
  取消订阅: "off",
  退订: "off",
  关闭: "off",
  停用: "off",
  停止: "off",
  关: "off",
  开启: "on",
  打开: "on",
  启用: "on",
  订阅: "on",
  开: "on",
  现在: "now",
  立即: "now",
  马上: "now",
  立刻: "now",
  查看: "show",
  状态: "show",
  设置: "show",
};

export function parseDigest(input: string, lang: Lang): DigestCommand | ParseError {
  const text = new Text(input.replace(DIGEST_KEYWORD, (m) => " ".repeat(m.length)));
  let channel: string | undefined;
  text.take(
    /(?:(?<![\w])(?:in|to)\s+|发到|发送到|在|到)?\s*(<#[a-z0-9]+(?:\|[^>]*)?>|#[^\s#,，。<>]+)/g,
    (m) => {
      const group = m[1] ?? "";
      const start = m.index + m[0].length - group.length;
      channel = text.slice(start, start + group.length);
    },
  );
  const actions = new Set<Action>();
  text.take(
    /(?<![\w])(on|enable|subscribe|start|off|disable|unsubscribe|stop|now|show|status|settings)(?![\w])/g,
    (m) => {
      actions.add(EN_ACTIONS[m[1] ?? ""] ?? "show");
    },
  );
  text.take(
    /取消订阅|退订|关闭|停用|停止|开启|打开|启用|订阅|现在|立即|马上|立刻|查看|状态|设置|关|开/g,
    (m) => {
      actions.add(ZH_ACTIONS[m[0]] ?? "show");
    },
  );
  let at: DigestCommand["at"];
  let badTime: string | undefined;
  const setAt = (hour: number, minute: number, raw: string) => {
    if (hour > 23 || minute > 59 || !Number.isInteger(hour)) badTime = raw.trim();
    else at = { hour, minute };
  };
  text.take(
    /(?<![\w:])(?:at\s+)?(\d{1,2}):(\d{2})\s*(am|pm)?(?![\w:])|(?<![\w])at\s+(\d{1,2})\s*(am|pm)?(?![\w:])|(?<![\w:])(\d{1,2})\s*(am|pm)(?![\w])/g,
    (m) => {
      const hour = Number(m[1] ?? m[4] ?? m[6]);
      const minute = Number(m[2] ?? 0);
      const meridiem = m[3] ?? m[5] ?? m[7];
      setAt(
        to24(hour, meridiem === "pm" ? "pm" : meridiem === "am" ? "am" : undefined),
        minute,
        m[0],
      );
    },
  );
  text.take(
    /(早上|上午|下午|晚上)?\s*(\d{1,2}|[零〇一二两三四五六七八九十]+)\s*[点點时](?:\s*(半|(\d{1,2}|[零〇一二三四五六七八九十]+)\s*分?))?/g,
    (m) => {
      const hour = chineseNumber(m[2] ?? "") ?? 99;
      const minute = m[3] === "半" ? 30 : m[4] ? (chineseNumber(m[4]) ?? 99) : 0;
      const afternoon = m[1] === "下午" || m[1] === "晚上";
      setAt(afternoon && hour < 12 ? hour + 12 : hour, minute, m[0]);
    },
  );
  if (badTime) {
    return plainError(
      lang,
      `"${badTime}" is not a time of day; use 24-hour time like 09:00.`,
      `“${badTime}”不是有效的时间，请用 9点 或 09:00 这样的写法。`,
    );
  }
  const { filter, forks } = takeFilter(text);
  const fork = forks[0];
  if (fork) {
    // A subscription has no buttons to ask back with: say which words are exact.
    return plainError(
      lang,
      `"${fork.phrase}" can mean cancelled (the caller gave up) or rejected (the callee hung up on it); say which.`,
      `“${fork.phrase}”可以指取消（主叫放弃）或拒接（被叫挂断），请说明是哪一个。`,
    );
  }
  const leftovers = leftoverWords(text);
  if (leftovers.length > 0) {
    const error = leftoverError(lang, leftovers);
    const note =
      lang === "zh"
        ? " 日报总是汇总前一天，不需要时间词；可以用 开启/关闭/现在 和筛选词。"
        : " A digest always covers the previous day, so it takes no time words; use on/off/now and filter words.";
    return { ...error, message: error.message + note };
  }
  if (actions.size > 1) {
    return plainError(
      lang,
      `Say one of on, off, now or show, not ${[...actions].join(" and ")}.`,
      "请只说一个动作：开启、关闭、现在 或 查看。",
    );
  }
  const action: Action = [...actions][0] ?? (at ? "on" : "show");
  const command: DigestCommand = { kind: "digest", action, filter, lang };
  if (at && action === "on") command.at = at;
  if (channel) command.channel = channel;
  return command;
}

function to24(hour: number, meridiem: "am" | "pm" | undefined): number {
  if (meridiem === "pm" && hour < 12) return hour + 12;
  if (meridiem === "am" && hour === 12) return 0;
  return hour;
}
