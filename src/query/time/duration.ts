import { chineseNumber, englishNumber } from "./numbers.js";

/**
 * Durations in every common spelling, in both languages: `2h`, `3h30m`, `1h 15m`, `1h30`,
 * `90 minutes`, `1.5 hours`, `an hour and a half`, `half a day`, `一个半小时`, `两小时十五分`,
 * `1小时30分钟`, `一天半`. A duration is calendar months and days (a DST day is 23 or 25 hours)
 * plus exact milliseconds.
 */

export interface Duration {
  months: number;
  days: number;
  ms: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Unit = "second" | "minute" | "hour" | "day" | "week" | "month";

const EN_NUMBER_WORDS =
  "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|sixty|ninety|twenty-four|forty-eight|couple of";
const EN_UNIT =
  "seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|wks|wk|w|months|month|mos|mo";
/** One signed number (the sign is kept so that `-2h` can be refused rather than misread). */
const EN_NUM = `(?:[-−]\\s*)?(?:\\d+(?:\\.\\d+)?|\\.\\d+|(?:${EN_NUMBER_WORDS})(?=[\\s-]))`;
const EN_PART = `(?:${EN_NUM})(?:\\s+and\\s+a\\s+half)?\\s*-?\\s*(?:${EN_UNIT})(?:\\s+and\\s+a\\s+half)?(?![a-z])`;
const EN_HALF = "(?:a\\s+)?half(?:\\s+an?|-)?\\s*(?:hour|day|minute|week)";
/** `1h30`: minutes after hours without a unit. */
const EN_H_MIN = "\\d+\\s*h\\s*\\d{1,2}(?![\\w:.])(?!\\s*(?:minutes|minute|mins|min|m)(?![a-z]))";
/** Regex source (no capture groups) of one English duration, simple or compound. */
export const EN_DURATION = `(?:${EN_H_MIN}|${EN_HALF}|${EN_PART}(?:\\s*(?:,|and)?\\s*(?:${EN_PART}|\\d{1,2}(?![\\w:.])))*)`;

const ZH_NUM = "(?:[-−]?\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+)";
/** Units: a bare 月 is left to dates (11月), and 日 only follows 最近/过去 (see `zhDuration`). */
const ZH_UNIT = "(?:秒钟|秒|分钟|分|小时|钟头|个钟|天|周|星期|礼拜|个月)";
const ZH_PART = `(?:${ZH_NUM}\\s*个?\\s*半?|半)\\s*个?\\s*${ZH_UNIT}(?:\\s*半)?`;
/** Regex source of one Chinese duration, not inside a clock time (3点15分 is a time). */
export const ZH_DURATION = `(?<![点時时:：\\d])(?:${ZH_PART})(?:\\s*零?\\s*(?:${ZH_PART}|${ZH_NUM}(?=\\s*(?:之内|以内|内|以来|来|之前|以前|前|$))))*`;

function englishUnit(word: string): Unit {
  if (/^mo/.test(word)) return "month";
  if (/^s/.test(word)) return "second";
  if (/^m/.test(word)) return "minute";
  if (/^h/.test(word)) return "hour";
  if (/^d/.test(word)) return "day";
  return "week";
}

function chineseUnit(word: string): Unit {
  if (word.startsWith("秒")) return "second";
  if (word.startsWith("分")) return "minute";
  if (word === "小时" || word === "钟头" || word === "个钟") return "hour";
  if (word === "天" || word === "日") return "day";
  if (word.endsWith("月")) return "month";
  return "week";
}

function add(total: Duration, amount: number, unit: Unit): void {
  switch (unit) {
    case "second":
      total.ms += amount * SECOND;
      return;
    case "minute":
      total.ms += amount * MINUTE;
      return;
    case "hour":
      total.ms += amount * HOUR;
      return;
    case "day":
    case "week": {
      const days = amount * (unit === "week" ? 7 : 1);
      const whole = Math.trunc(days);
      total.days += whole;
      total.ms += (days - whole) * DAY;
      return;
    }
    case "month": {
      const whole = Math.trunc(amount);
      total.months += whole;
      total.ms += (amount - whole) * 30 * DAY;
      return;
    }
  }
}

const WORD_NUMBER: Record<string, number> = {
  forty: 40,
  sixty: 60,
  ninety: 90,
  "couple of": 2,
};

function enNumber(raw: string): number | undefined {
  const negative = /^[-−]/.test(raw);
  const word = raw.replace(/^[-−]\s*/, "");
  const value = /^\.\d+$/.test(word)
    ? Number(word)
    : (englishNumber(word) ?? WORD_NUMBER[word] ?? undefined);
  if (value === undefined) return undefined;
  return negative ? -value : value;
}

/** The duration an English match of EN_DURATION names; undefined when it is not one. */
export function englishDuration(text: string): Duration | undefined {
  const total: Duration = { months: 0, days: 0, ms: 0 };
  const hMin = /^(\d+)\s*h\s*(\d{1,2})$/.exec(text);
  if (hMin) {
    add(total, Number(hMin[1]), "hour");
    add(total, Number(hMin[2]), "minute");
    return total;
  }
  const half = /^(?:a\s+)?half(?:\s+an?|-)?\s*(hour|day|minute|week)$/.exec(text);
  if (half) {
    add(total, 0.5, englishUnit(half[1] ?? ""));
    return total;
  }
  const part = new RegExp(
    `(${EN_NUM})(\\s+and\\s+a\\s+half)?\\s*-?\\s*(${EN_UNIT})(?![a-z])(\\s+and\\s+a\\s+half)?|(\\d{1,2})$`,
    "g",
  );
  let last: Unit | undefined;
  let found = false;
  for (const m of text.matchAll(part)) {
    if (m[5] !== undefined) {
      // A trailing bare number after hours is minutes (`1h 30`); after anything else it is not.
      if (last !== "hour") return undefined;
      add(total, Number(m[5]), "minute");
      continue;
    }
    const amount = enNumber(m[1] ?? "");
    if (amount === undefined) return undefined;
    last = englishUnit(m[3] ?? "");
    add(total, amount + (m[2] || m[4] ? Math.sign(amount || 1) * 0.5 : 0), last);
    found = true;
  }
  return found ? total : undefined;
}

/** The duration a Chinese match of ZH_DURATION names. */
export function chineseDuration(text: string): Duration | undefined {
  const total: Duration = { months: 0, days: 0, ms: 0 };
  const part = new RegExp(
    `(${ZH_NUM})?\\s*个?\\s*(半)?\\s*个?\\s*(秒钟|秒|分钟|分|小时|钟头|个钟|天|日|周|星期|礼拜|个月)(\\s*半)?|(${ZH_NUM})$`,
    "g",
  );
  let last: Unit | undefined;
  let found = false;
  for (const m of text.matchAll(part)) {
    if (m[5] !== undefined) {
      // 两小时十五: a trailing number after hours is minutes.
      const minutes = zhNumber(m[5]);
      if (last !== "hour" || minutes === undefined) return undefined;
      add(total, minutes, "minute");
      continue;
    }
    const whole = m[1] === undefined ? undefined : zhNumber(m[1]);
    if (m[1] !== undefined && whole === undefined) return undefined;
    const halves = (m[2] ? 0.5 : 0) + (m[4] ? 0.5 : 0);
    if (whole === undefined && halves === 0) return undefined;
    last = chineseUnit(m[3] ?? "");
    const amount = whole ?? 0;
    add(total, amount + (amount < 0 ? -halves : halves), last);
    found = true;
  }
  return found ? total : undefined;
}

function zhNumber(raw: string): number | undefined {
  const negative = /^[-−]/.test(raw);
  const value = chineseNumber(raw.replace(/^[-−]/, ""));
  if (value === undefined) return undefined;
  return negative ? -value : value;
}

/** Positive, zero or negative: zero and negative durations are refused, not misread. */
export function durationSign(duration: Duration): number {
  const { months, days, ms } = duration;
  if (months < 0 || days < 0 || ms < 0) return -1;
  return months + days + ms > 0 ? 1 : 0;
}

/** Milliseconds, with calendar units at their nominal length (for comparisons and labels only). */
export function nominalMs(duration: Duration): number {
  return duration.months * 30 * DAY + duration.days * DAY + duration.ms;
}
