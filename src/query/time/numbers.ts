/** Numbers as people type them in durations: digits, English words, Chinese numerals (两, 十五, 半). */

const ENGLISH: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  "forty-five": 45,
  "twenty-four": 24,
  "forty-eight": 48,
};

export const ENGLISH_NUMBER_WORDS = Object.keys(ENGLISH).sort((a, b) => b.length - a.length);

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Regex source for one Chinese-or-Arabic number (no capture group). */
export const CHINESE_NUMBER = "(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+)";

/** 十五 → 15, 二十四 → 24, 两 → 2, 一百 → 100, "36" → 36; undefined when it is not a number. */
export function chineseNumber(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const char of text) {
    const digit = CHINESE_DIGITS[char];
    if (digit !== undefined) {
      current = digit;
    } else if (char === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else if (char === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else {
      return undefined;
    }
  }
  return total + current;
}

export function englishNumber(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return ENGLISH[text];
}
