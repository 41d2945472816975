import { ISO_WEEKDAY, MONTH_ABBR } from "../../time/calendar.js";
import { re, type Text } from "../text.js";
import { takeDates } from "./dates.js";
import {
  chineseDuration,
  type Duration,
  durationSign,
  EN_DURATION,
  englishDuration,
  ZH_DURATION,
} from "./duration.js";
import { emptyFacts, type Part, type TimeFacts } from "./facts.js";
import { addDays, type WallDate, type WallTime } from "./wall.js";

/**
 * Our own grammar for what chrono gets wrong or misses (../shared/time-phrases.md): rolling
 * durations, `within`, relative days and weeks read on the user's clock, weekdays as the most
 * recent past one, parts of the day, and since/before/until-now markers. Clock times, dates and
 * explicit ranges are left in the text for chrono.
 */

const NOT_CLOCK = `(?!\\s*(?:\\d|[零〇一二两三四五六七八九十]+\\s*[点時时]))`;
/** Chinese durations after 最近/过去 may also count in 日 (最近3日). */
const ZH_DURATION_DAYS = ZH_DURATION.replaceAll("天|", "天|日|");

const EN_WEEKDAYS: [RegExp, number][] = [
  [/^mon/, 1],
  [/^tue/, 2],
  [/^wed/, 3],
  [/^thu/, 4],
  [/^fri/, 5],
  [/^sat/, 6],
  [/^sun/, 7],
];
/**
 * One table of weekday words for both languages, so the same question reads the same:
 * - bare (`monday`, `on monday`, `周一`, `星期一`): the most recent one, today included;
 * - `this monday`, `这周一`, `本周一`: this calendar week's (weeks start on Monday);
 * - `last monday`, `上周一`, `上个星期一`: the previous calendar week's (decided once: 上周一
 *   cannot mean anything else, so `last monday` means the same; the reply says so when this
 *   week's Monday is also past);
 * - `past monday`: the most recent one before today; `上上周一`: the week before last.
 */
export type WeekdayWhich = "recent" | "before-today" | "this" | "last" | "before-last";
export const WEEKDAY_PREFIXES: Record<string, WeekdayWhich> = {
  "": "recent",
  on: "recent",
  past: "before-today",
  this: "this",
  last: "last",
  previous: "last",
  这: "this",
  这个: "this",
  本: "this",
  今: "this",
  上: "last",
  上个: "last",
  上上: "before-last",
  上上个: "before-last",
};

export function weekdayDate(
  today: WallDate,
  isoWeekday: number,
  weekday: number,
  which: WeekdayWhich,
): WallDate {
  const monday = addDays(today, 1 - isoWeekday);
  if (which === "this") return addDays(monday, weekday - 1);
  if (which === "last") return addDays(monday, weekday - 8);
  if (which === "before-last") return addDays(monday, weekday - 15);
  let back = (isoWeekday - weekday + 7) % 7;
  if (back === 0 && which === "before-today") back = 7;
  return addDays(today, -back);
}

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

export function takeTimeGrammar(text: Text, wall: WallTime): TimeFacts {
  const facts = emptyFacts();
  const today = { year: wall.year, month: wall.month, day: wall.day };
  const seen = (match: RegExpExecArray) => facts.phrases.push(match[0].trim());
  const dayAt = (date: WallDate, at: number, weekday = false) => {
    if (weekday) facts.weekdayDays.push(facts.days.length);
    facts.days.push(date);
    facts.dayPositions.push(at);
  };
  const dayOffset = (offset: number, at: number) => dayAt(addDays(today, offset), at);
  const weekday = (day: number, which: WeekdayWhich, m: RegExpExecArray) => {
    const date = weekdayDate(today, wall.isoWeekday, day, which);
    dayAt(date, m.index, true);
    const recent = weekdayDate(today, wall.isoWeekday, day, "before-today");
    if (which === "last" && !hasCjkChar(m[0]) && recent.day !== date.day) {
      facts.notes.push({
        en: `"${m[0].trim()}" is ${ISO_WEEKDAY.enFull[day]} of last week, ${date.day} ${MONTH_ABBR[date.month]}; for ${recent.day} ${MONTH_ABBR[recent.month]} say "${ISO_WEEKDAY.enFull[day]?.toLowerCase()}".`,
        zh: `“${m[0].trim()}”指上周的${ISO_WEEKDAY.zh[day]}（${date.month}月${date.day}日）。`,
      });
    }
    seen(m);
  };
  /** A duration read from a match, or false (and a refusal noted) when it is not positive. */
  const positive = (duration: Duration | undefined, m: RegExpExecArray): Duration | false => {
    if (!duration) return false;
    const sign = durationSign(duration);
    if (sign <= 0) {
      facts.badDuration ??= { phrase: m[0].trim(), sign: sign === 0 ? 0 : -1 };
      seen(m);
      return false;
    }
    return duration;
  };
  const ago = (duration: Duration, m: RegExpExecArray) => {
    facts.ago.push(duration);
    seen(m);
  };
  const rolling = (duration: Duration, m: RegExpExecArray) => {
    facts.rolling.push(duration);
    seen(m);
  };

  takeDates(text, today, facts);

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

  // "N units ago" is a point in time.
  text.take(re(`(?<![\\w.])(${EN_DURATION})\\s+ago(?![\\w])`), (m) => {
    const duration = positive(englishDuration(m[1] ?? ""), m);
    if (duration) ago(duration, m);
  });
  text.take(re(`(${ZH_DURATION})\\s*(?:以前|之前|前)`), (m) => {
    const duration = positive(chineseDuration(m[1] ?? ""), m);
    if (duration) ago(duration, m);
  });

  // Rolling durations: `last 2 hours`, `past week`, `within 30 minutes`, `3h30m`, `half an hour`.
  text.take(
    re(
      `(?<![\\w])(?:(?:in|within|over|during|for)\\s+(?:the\\s+)?)?(?:last|past|previous|prior|within|the\\s+last|the\\s+past)\\s+(${EN_DURATION}|minute|hour|day|week|month|fortnight)(?![\\w])`,
    ),
    (m) => {
      const words = m[1] ?? "";
      const duration =
        words === "fortnight"
          ? { months: 0, days: 14, ms: 0 }
          : /^(minute|hour|day|week|month)$/.test(words)
            ? englishDuration(`1 ${words}`)
            : englishDuration(words);
      const ok = positive(duration, m);
      if (ok) rolling(ok, m);
    },
  );
  // Bare: `2h`, `3h30m`, `90 minutes`, `half an hour`, `an hour and a half`.
  text.take(
    re(
      `(?<![\\w:.])(?=(?:[-−]\\s*)?\\d|\\.\\d|(?:a\\s+)?half\\s|an?\\s+(?:hour|day)\\s+and\\s+a\\s+half)(?:${EN_DURATION})(?![\\w:])`,
    ),
    (m) => {
      const duration = englishDuration(m[0].trim());
      if (!duration) return false;
      const ok = positive(duration, m);
      if (ok) rolling(ok, m);
    },
  );
  text.take(
    re(
      `(?:最近|过去|近)\\s*(${ZH_DURATION_DAYS}|小时|分钟|天|周|星期|礼拜|个月|月)\\s*(?:之内|以内|内|以来|来|里)?`,
    ),
    (m) => {
      const words = m[1] ?? "";
      const duration =
        /^[\u3400-\u9fff]+$/.test(words) && !/[零〇一二两三四五六七八九十百半]/.test(words)
          ? chineseDuration(`一${words === "月" ? "个月" : words}`)
          : chineseDuration(words);
      const ok = positive(duration, m);
      if (ok) rolling(ok, m);
    },
  );
  text.take(re(`(${ZH_DURATION})\\s*(?:之内|以内|内|以来|来)`), (m) => {
    const duration = positive(chineseDuration(m[1] ?? ""), m);
    if (duration) rolling(duration, m);
  });

  // Weekdays, by the one table above.
  text.take(
    /(?<![\w])(?:(last|this|past|on|previous)\s+)?(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu|friday|fri|saturday|sat|sunday|sun)(?:'s)?(?![\w])/g,
    (m) => {
      const day = EN_WEEKDAYS.find(([pattern]) => pattern.test(m[2] ?? ""))?.[1] ?? 1;
      weekday(day, WEEKDAY_PREFIXES[m[1] ?? ""] ?? "recent", m);
    },
  );
  text.take(/(上上个?|上个?|本|这个?|今)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (m) => {
    weekday(ZH_WEEKDAY[m[2] ?? ""] ?? 1, WEEKDAY_PREFIXES[m[1] ?? ""] ?? "recent", m);
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
    dayOffset(offset, m.index);
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

  // `between 9 and 10`, `between 2 and 4pm`: bare hours chrono does not read as a range. A
  // meridiem written on one end only applies to both when that keeps the start first.
  text.take(
    /(?<![\w])between\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s+and\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?![\w:])/g,
    (m) => {
      const clock = (hour: string, minute: string | undefined, meridiem: string | undefined) => {
        let h = Number(hour);
        if (meridiem === "pm" && h < 12) h += 12;
        if (meridiem === "am" && h === 12) h = 0;
        return { hour: h, minute: Number(minute ?? 0), meridiemCertain: !!meridiem || h > 12 };
      };
      const end = clock(m[4] ?? "", m[5], m[6]);
      const start = clock(
        m[1] ?? "",
        m[2],
        m[3] ?? (m[6] && Number(m[1]) <= Number(m[4]) ? m[6] : undefined),
      );
      if (start.hour > 24 || end.hour > 24 || start.minute > 59 || end.minute > 59) return false;
      facts.points.push({ start, end });
      seen(m);
    },
  );

  // Markers. `from`/`从`/`自` are only noted (chrono reads `从9点到10点` as a range itself).
  facts.from = text.has(/(?<![\w])from(?![\w])|从|自/g);
  text.take(/(?<![\w])(?:since|after|starting|from now back to)(?![\w])/g, (m) => {
    facts.since = true;
    seen(m);
  });
  text.take(/以来|以后|之后|开始|起/g, (m) => {
    facts.since = true;
    seen(m);
  });
  text.take(/(?<![\w])(?:before|until|till|til|up to|up till|earlier than)(?![\w])/g, (m) => {
    facts.before = true;
    seen(m);
  });
  text.take(/以前|之前|截至|截止到|截止|直到/g, (m) => {
    facts.before = true;
    seen(m);
  });
  return facts;
}

function hasCjkChar(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}
