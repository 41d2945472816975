import { re, type Text } from "../text.js";
import { type DurationUnit, emptyFacts, type Part, type TimeFacts } from "./facts.js";
import { CHINESE_NUMBER, chineseNumber, ENGLISH_NUMBER_WORDS, englishNumber } from "./numbers.js";
import { addDays, addMonths, type WallTime } from "./wall.js";

/**
 * Our own grammar for what chrono gets wrong or misses (../shared/time-phrases.md): rolling
 * durations, `within`, relative days and weeks read on the user's clock, weekdays as the most
 * recent past one, parts of the day, and since/before/until-now markers. Clock times, dates and
 * explicit ranges are left in the text for chrono.
 */

const EN_NUM = `(?:\\d+(?:\\.\\d+)?|${ENGLISH_NUMBER_WORDS.join("|")})`;
const EN_UNIT =
  "(minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|wks|wk|w|months|month|mo)";
const ZH_UNIT = "(分钟|分|小时|钟头|个钟|天|日|周|星期|礼拜|个月|月)";
const NOT_CLOCK = `(?!\\s*(?:\\d|[零〇一二两三四五六七八九十]+\\s*[点時时]))`;

function englishUnit(word: string): DurationUnit {
  if (/^mo/.test(word)) return "month";
  if (/^m/.test(word)) return "minute";
  if (/^h/.test(word)) return "hour";
  if (/^d/.test(word)) return "day";
  return "week";
}

function chineseUnit(word: string): DurationUnit {
  if (word.startsWith("分")) return "minute";
  if (word === "小时" || word === "钟头" || word === "个钟") return "hour";
  if (word === "天" || word === "日") return "day";
  if (word.endsWith("月")) return "month";
  return "week";
}

const EN_WEEKDAYS: [RegExp, number][] = [
  [/^mon/, 1],
  [/^tue/, 2],
  [/^wed/, 3],
  [/^thu/, 4],
  [/^fri/, 5],
  [/^sat/, 6],
  [/^sun/, 7],
];
const ZH_WEEKDAY: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
  "5": 5,
  "6": 6,
  "7": 7,
};

const EN_PART: Record<string, Part> = {
  morning: "morning",
  afternoon: "afternoon",
  evening: "evening",
  night: "night",
  overnight: "night",
};
const ZH_PART: Record<string, Part> = {
  上午: "morning",
  早上: "morning",
  早晨: "morning",
  清晨: "morning",
  中午: "noon",
  下午: "afternoon",
  午后: "afternoon",
  晚上: "evening",
  傍晚: "evening",
  晚间: "evening",
  夜里: "night",
  夜间: "night",
  深夜: "night",
  半夜: "night",
  凌晨: "small-hours",
};

export function takeTimeGrammar(text: Text, wall: WallTime, nowMs: number): TimeFacts {
  const facts = emptyFacts();
  const today = { year: wall.year, month: wall.month, day: wall.day };
  const seen = (match: RegExpExecArray) => facts.phrases.push(match[0].trim());
  const dayOffset = (offset: number) => facts.days.push(addDays(today, offset));
  const weekdayDate = (weekday: number, which: "recent" | "this" | "last" | "before-today") => {
    const monday = addDays(today, 1 - wall.isoWeekday);
    if (which === "this") return addDays(monday, weekday - 1);
    if (which === "last") return addDays(monday, weekday - 8);
    // The most recent one: today counts for a bare weekday, not for "last monday".
    let back = (wall.isoWeekday - weekday + 7) % 7;
    if (back === 0 && which === "before-today") back = 7;
    return addDays(today, -back);
  };
  const ago = (amount: number, unit: DurationUnit) => {
    let instantMs: number;
    if (unit === "minute" || unit === "hour") {
      instantMs = nowMs - amount * (unit === "minute" ? 60_000 : 3_600_000);
      facts.points.push({ start: { hour: 0, minute: 0, meridiemCertain: true, instantMs } });
      return;
    }
    const days = unit === "day" ? amount : unit === "week" ? amount * 7 : 0;
    const date = unit === "month" ? addMonths(today, -amount) : addDays(today, -Math.round(days));
    facts.points.push({
      start: { date, hour: wall.hour, minute: wall.minute, meridiemCertain: true },
    });
  };

  // Until now / so far: the window ends now.
  text.take(
    /(?<![\w])(?:(?:until|till|til|up to|up till|to)\s+now|so far|right now|now)(?![\w])/g,
    (m) => {
      facts.untilNow = true;
      seen(m);
    },
  );
  text.take(/到现在为止|到现在|到目前为止|到目前|截至目前|截止到现在|至今|迄今|现在/g, (m) => {
    facts.untilNow = true;
    seen(m);
  });

  // "N units ago" is a point in time.
  text.take(re(`(?<![\\w])(${EN_NUM})\\s*${EN_UNIT}\\s+ago(?![\\w])`), (m) => {
    const amount = englishNumber(m[1] ?? "");
    if (amount === undefined) return false;
    ago(amount, englishUnit(m[2] ?? ""));
    seen(m);
  });
  text.take(
    re(`(${CHINESE_NUMBER})?\\s*个?\\s*(半)?\\s*个?\\s*${ZH_UNIT}\\s*(?:以前|之前|前)`),
    (m) => {
      const amount = zhAmount(m[1], m[2]);
      if (amount === undefined || m[3] === "日") return false;
      ago(amount, chineseUnit(m[3] ?? ""));
      seen(m);
    },
  );

  // Calendar weeks before rolling ones, so "last week" is not "the last 7 days".
  text.take(/(?<![\w])(?:this|current)\s+week(?![\w])/g, (m) => {
    facts.week = "this";
    seen(m);
  });
  text.take(/(?<![\w])(?:last|previous|prior)\s+week(?![\w])/g, (m) => {
    facts.week = "last";
    seen(m);
  });
  text.take(
    /(?<![\w])(?:next\s+(?:week|month|year|\w+day)|tomorrow|tmrw|later today)(?![\w])/g,
    (m) => {
      facts.future.push(m[0]);
      seen(m);
    },
  );

  // Rolling durations: `last 2 hours`, `past week`, `within 30 minutes`, `2h`, `half an hour`.
  text.take(
    /(?<![\w])(?:(?:in|within|over|during)\s+(?:the\s+)?)?(?:(?:last|past|previous|prior|within|in)\s+)?(?:half\s+an?\s+hour|half\s+hour|half-hour|an?\s+hour\s+and\s+a\s+half)(?![\w])/g,
    (m) => {
      facts.rolling.push(
        /and a half/.test(m[0]) ? { amount: 90, unit: "minute" } : { amount: 30, unit: "minute" },
      );
      seen(m);
    },
  );
  text.take(
    re(
      `(?<![\\w])(?:(?:in|within|over|during)\\s+(?:the\\s+)?)?(?:last|past|previous|prior|within)\\s+(?:(${EN_NUM})\\s*)?${EN_UNIT}(?![\\w])`,
    ),
    (m) => {
      const amount = m[1] === undefined ? 1 : englishNumber(m[1]);
      if (amount === undefined || amount <= 0) return false;
      facts.rolling.push({ amount, unit: englishUnit(m[2] ?? "") });
      seen(m);
    },
  );
  text.take(re(`(?<![\\w:])(\\d+(?:\\.\\d+)?)\\s*${EN_UNIT}(?![\\w:])`), (m) => {
    const amount = Number(m[1]);
    if (!(amount > 0)) return false;
    facts.rolling.push({ amount, unit: englishUnit(m[2] ?? "") });
    seen(m);
  });
  text.take(
    re(
      `(?:最近|过去|近)\\s*(${CHINESE_NUMBER})?\\s*个?\\s*(半)?\\s*个?\\s*${ZH_UNIT}\\s*(?:内|之内|以内|以来|来)?`,
    ),
    (m) => {
      const amount = zhAmount(m[1], m[2]) ?? 1;
      if (!(amount > 0)) return false;
      facts.rolling.push({ amount, unit: chineseUnit(m[3] ?? "") });
      seen(m);
    },
  );
  text.take(
    re(`(${CHINESE_NUMBER})?\\s*个?\\s*(半)?\\s*个?\\s*${ZH_UNIT}\\s*(?:之内|以内|内|以来|来)`),
    (m) => {
      const amount = zhAmount(m[1], m[2]);
      if (amount === undefined || !(amount > 0)) return false;
      facts.rolling.push({ amount, unit: chineseUnit(m[3] ?? "") });
      seen(m);
    },
  );

  // Weekdays: the most recent one (today included); "last monday" before today; 上周一 the
  // previous calendar week's.
  text.take(
    /(?<![\w])(?:(last|this|past|on)\s+)?(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu|friday|fri|saturday|sat|sunday|sun)(?:'s)?(?![\w])/g,
    (m) => {
      const weekday = EN_WEEKDAYS.find(([re]) => re.test(m[2] ?? ""))?.[1] ?? 1;
      const which =
        m[1] === "last" || m[1] === "past" ? "before-today" : m[1] === "this" ? "this" : "recent";
      facts.days.push(weekdayDate(weekday, which));
      seen(m);
    },
  );
  text.take(/(上上|上个?|本|这个?|今)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (m) => {
    const weekday = ZH_WEEKDAY[m[2] ?? ""] ?? 1;
    const prefix = m[1] ?? "";
    if (prefix === "上上") facts.days.push(addDays(weekdayDate(weekday, "last"), -7));
    else if (prefix.startsWith("上")) facts.days.push(weekdayDate(weekday, "last"));
    else if (prefix === "") facts.days.push(weekdayDate(weekday, "recent"));
    else facts.days.push(weekdayDate(weekday, "this"));
    seen(m);
  });
  text.take(/本周|这周|这个?星期|本星期|这个?礼拜|本礼拜/g, (m) => {
    facts.week = "this";
    seen(m);
  });
  text.take(/上周|上个?星期|上个?礼拜/g, (m) => {
    facts.week = "last";
    seen(m);
  });
  text.take(/下周|下个?星期|下个?礼拜|下个月|明天|明日|明早|明晚|后天/g, (m) => {
    facts.future.push(m[0]);
    seen(m);
  });

  // Days, and day words that carry a part of the day.
  const dayWithPart = (offset: number, part?: Part) => (m: RegExpExecArray) => {
    dayOffset(offset);
    if (part) facts.part = { part, explicitToday: offset === 0 };
    seen(m);
  };
  text.take(/(?<![\w])last\s+night(?![\w])/g, dayWithPart(-1, "night"));
  text.take(/(?<![\w])tonight(?![\w])/g, dayWithPart(0, "night"));
  text.take(/(?<![\w])(?:the\s+)?day\s+before\s+yesterday(?![\w])/g, dayWithPart(-2));
  text.take(/(?<![\w])yesterday(?![\w])/g, dayWithPart(-1));
  text.take(/(?<![\w])today(?![\w])/g, dayWithPart(0));
  text.take(/昨晚|昨夜/g, dayWithPart(-1, "night"));
  text.take(/今晚/g, dayWithPart(0, "night"));
  text.take(/今早|今晨/g, dayWithPart(0, "morning"));
  text.take(/大前天/g, dayWithPart(-3));
  text.take(/前天/g, dayWithPart(-2));
  text.take(/昨天|昨日|昨儿/g, dayWithPart(-1));
  text.take(/今天|今日|今儿/g, dayWithPart(0));

  // Parts of the day, unless a clock time follows (下午3点 is chrono's).
  text.take(
    /(?<![\w])(?:(this|in the)\s+)?(morning|afternoon|evening|night|overnight)(?![\w])/g,
    (m) => {
      const part = EN_PART[m[2] ?? ""];
      if (!part) return false;
      facts.part = { part, explicitToday: m[1] === "this" };
      seen(m);
    },
  );
  text.take(
    re(`(上午|早上|早晨|清晨|中午|下午|午后|晚上|傍晚|晚间|夜里|夜间|深夜|半夜|凌晨)${NOT_CLOCK}`),
    (m) => {
      const part = ZH_PART[m[1] ?? ""];
      if (!part) return false;
      facts.part = { part, explicitToday: false };
      seen(m);
    },
  );

  // Markers.
  text.take(/(?<![\w])(?:since|after|starting|from now back to)(?![\w])/g, (m) => {
    facts.since = true;
    seen(m);
  });
  text.take(/以来|以后|之后|开始|起/g, (m) => {
    facts.since = true;
    seen(m);
  });
  text.take(/(?<![\w])(?:before|until|till|til|earlier than)(?![\w])/g, (m) => {
    facts.before = true;
    seen(m);
  });
  text.take(/以前|之前/g, (m) => {
    facts.before = true;
    seen(m);
  });
  return facts;
}

function zhAmount(number: string | undefined, half: string | undefined): number | undefined {
  const whole = number === undefined ? undefined : chineseNumber(number);
  if (number !== undefined && whole === undefined) return undefined;
  if (whole === undefined && !half) return undefined;
  return (whole ?? 0) + (half ? 0.5 : 0);
}
