import type { Text } from "../text.js";
import type { Note, TimeFacts } from "./facts.js";
import { chineseNumber } from "./numbers.js";
import { isRealDate, type WallDate } from "./wall.js";

/**
 * Numeric and Chinese dates, read here rather than by chrono so that a date-shaped token that is
 * not a date (`2026-02-30`, `13/13`, `2月30日`) gets a date-shaped answer ("February has no
 * 30th") instead of "unknown words 2026, 02, 30", and so that `11/12` (12 Nov or 11 Dec) is
 * asked back rather than read one way by accident. Valid English month-name dates stay chrono's;
 * impossible ones (`feb 30`) are caught here.
 */

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const SUFFIX: Record<number, string> = { 1: "st", 2: "nd", 3: "rd" };

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? "th" : (SUFFIX[n % 10] ?? "th")}`;
}

/** Why year-month-day is not a date, or undefined when it is one. */
export function whyNotADate(date: WallDate, phrase: string): Note | undefined {
  if (date.month < 1 || date.month > 12) {
    return {
      en: `"${phrase}" is not a date: there is no month ${date.month}.`,
      zh: `“${phrase}”不是日期：没有${date.month}月。`,
    };
  }
  if (isRealDate(date)) return undefined;
  return {
    en: `"${phrase}" is not a date: ${EN_MONTHS[date.month - 1]} has no ${ordinal(date.day)}${date.month === 2 && date.day === 29 ? ` in ${date.year}` : ""}.`,
    zh: `“${phrase}”不是日期：${date.month === 2 && date.day === 29 ? `${date.year}年` : ""}${date.month}月没有${date.day}日。`,
  };
}

const fullYear = (raw: string | undefined, thisYear: number) => {
  if (raw === undefined) return thisYear;
  const n = Number(raw);
  return raw.length <= 2 ? 2000 + n : n;
};

function zhNumber(raw: string): number {
  return chineseNumber(raw) ?? Number.NaN;
}

/** Chinese year digits one by one (二〇二六). */
function zhYear(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  const digits: Record<string, string> = {
    〇: "0",
    零: "0",
    一: "1",
    二: "2",
    三: "3",
    四: "4",
    五: "5",
    六: "6",
    七: "7",
    八: "8",
    九: "9",
  };
  return Number([...raw].map((c) => digits[c] ?? "x").join(""));
}

const UNIT_AFTER =
  "\\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|[smhdw](?![a-z])|秒|分|小时|钟|个|天|日|周|星期|礼拜|月)";
const DOT_DATE = new RegExp(`(?<![\\w/.:-])(\\d{1,2})\\.(\\d{1,2})(?![\\w/:.]|${UNIT_AFTER})`, "g");

const MONTH_INDEX = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
];
const MONTH_WORDS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

export function takeDates(text: Text, today: WallDate, facts: TimeFacts): void {
  const seen = (phrase: string) => facts.phrases.push(phrase.trim());
  const accept = (date: WallDate, phrase: string, at: number) => {
    const why = whyNotADate(date, phrase.trim());
    if (why) facts.badDates.push({ phrase: phrase.trim(), why });
    else {
      facts.days.push(date);
      facts.dayPositions.push(at);
    }
    seen(phrase);
  };

  // Year first: 2026-11-25, 2026/11/25, 2026.11.25 (not an ISO timestamp: chrono reads those).
  text.take(/(?<![\w/.:-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w/:.-]|t\d)/g, (m) => {
    accept({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }, m[0], m.index);
  });

  // Chinese: 2026年11月25日, 11月25日, 11月25号, 十一月二十五日.
  const ZN = "\\d{1,2}|[一二三四五六七八九十]{1,3}";
  text.take(
    new RegExp(
      `(?:(\\d{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*)?(${ZN})\\s*月\\s*(${ZN})\\s*[日号]`,
      "g",
    ),
    (m) => {
      const year = m[1] === undefined ? today.year : zhYear(m[1]);
      accept({ year, month: zhNumber(m[2] ?? ""), day: zhNumber(m[3] ?? "") }, m[0], m.index);
    },
  );

  // Slashes (and dots, 11.24, when no unit follows: 1.5 hours is a duration): month/day or
  // day/month, and an optional year.
  const monthDay = (m: RegExpExecArray) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3], today.year);
    const phrase = m[0].trim();
    const monthFirst = { year, month: a, day: b };
    const dayFirst = { year, month: b, day: a };
    const options = [monthFirst, dayFirst].filter((d) => whyNotADate(d, phrase) === undefined);
    seen(phrase);
    if (options.length === 0) {
      // Explain by the reading whose month exists (11/31: November has no 31st).
      const why = whyNotADate(a <= 12 || b > 12 ? monthFirst : dayFirst, phrase);
      if (why) facts.badDates.push({ phrase, why });
      return;
    }
    if (options.length === 1 || a === b) {
      facts.days.push(options[0]!);
      facts.dayPositions.push(m.index);
      return;
    }
    facts.dateForks.push({ phrase, options, at: m.index });
  };
  text.take(/(?<![\w/.:-])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\w/:.]|-\d)/g, monthDay);
  text.take(DOT_DATE, monthDay);

  // Impossible English month-name dates (`feb 30`, `30 feb`, `april 31st`); valid ones are chrono's.
  text.take(
    new RegExp(
      `(?<![\\w])(?:(${MONTH_WORDS}|may)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_WORDS})[a-z]*)(?:,?\\s+(\\d{4}))?(?![\\w:])`,
      "g",
    ),
    (m) => {
      const name = (m[1] ?? m[4] ?? "").slice(0, 3);
      const month = MONTH_INDEX.indexOf(name) + 1;
      const day = Number(m[2] ?? m[3]);
      const date = { year: m[5] ? Number(m[5]) : today.year, month, day };
      const why = month > 0 ? whyNotADate(date, m[0].trim()) : undefined;
      if (!why) return false;
      facts.badDates.push({ phrase: m[0].trim(), why });
      seen(m[0]);
    },
  );
}
