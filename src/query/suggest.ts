import { knownChineseWords, knownEnglishWords } from "./vocabulary.js";

/** Nearest known word for a typo (`rejcted` → `rejected`), by edit distance. */

const TIME_WORDS = [
  "today",
  "yesterday",
  "tonight",
  "morning",
  "afternoon",
  "evening",
  "night",
  "since",
  "before",
  "after",
  "between",
  "until",
  "around",
  "last",
  "past",
  "within",
  "hours",
  "hour",
  "minutes",
  "minute",
  "days",
  "week",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "caller",
  "callee",
  "user",
  "room",
  "from",
  "calls",
  "digest",
  "help",
];

const CANDIDATES = [...new Set([...knownEnglishWords(), ...TIME_WORDS])];

/** Chinese words: the vocabulary itself and the time words (edit distance over characters). */
const ZH_TIME_WORDS = [
  "今天",
  "昨天",
  "前天",
  "最近",
  "过去",
  "小时",
  "分钟",
  "上午",
  "下午",
  "晚上",
  "凌晨",
  "中午",
  "本周",
  "上周",
  "以来",
  "以前",
  "之前",
  "之后",
  "现在",
  "主叫",
  "被叫",
  "用户",
  "房间",
  "日报",
  "帮助",
];
const ZH_CANDIDATES = [...new Set([...knownChineseWords(), ...ZH_TIME_WORDS])].filter(
  (word) => [...word].length >= 2,
);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest known word, if close enough to be a typo of it (1 edit for short words, 2 for long). */
export function suggest(word: string): string | undefined {
  if (/^[\u3400-\u9fff]{2,6}$/.test(word)) return suggestChinese(word);
  const lower = word.toLowerCase();
  if (!/^[a-z_]{3,30}$/.test(lower)) return undefined;
  const allowed = lower.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const candidate of CANDIDATES) {
    if (Math.abs(candidate.length - lower.length) > allowed) continue;
    const distance = levenshtein(lower, candidate);
    if (distance <= allowed && (!best || distance < best.distance))
      best = { word: candidate, distance };
  }
  return best?.word;
}

/**
 * The closest Chinese word one character away (视屏 → 视频, 拒节 → 拒接). Two-character words
 * are compared only with words of the same length: one character more can flip the meaning
 * (接听 is not 未接听).
 */
function suggestChinese(word: string): string | undefined {
  for (const candidate of ZH_CANDIDATES) {
    if (word.length === 2 ? candidate.length !== 2 : Math.abs(candidate.length - word.length) > 1)
      continue;
    if (levenshtein(word, candidate) === 1) return candidate;
  }
  return undefined;
}
