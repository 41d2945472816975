import { formatMoment } from "../time/format.js";
import { EXAMPLES } from "./examples.js";
import { suggest } from "./suggest.js";
import type { TimeProblem } from "./time/resolve.js";
import type { Lang, ParseError, ParseQuestion } from "./types.js";
import type { WindowProblem } from "./window.js";

/** ParseErrors that help: what was not understood, why, a guess for typos, two examples. */

function error(lang: Lang, message: string, unknownWords: string[] = []): ParseError {
  const suggestions = unknownWords.flatMap((word) => {
    const suggestion = suggest(word);
    return suggestion ? [{ word, suggestion }] : [];
  });
  let full = message;
  if (suggestions.length > 0) {
    const guesses = suggestions.map((s) =>
      lang === "zh" ? `“${s.suggestion}”` : `"${s.suggestion}"`,
    );
    full +=
      lang === "zh"
        ? ` 你是不是想说 ${guesses.join("、")}？`
        : ` Did you mean ${guesses.join(", ")}?`;
  }
  return {
    kind: "error",
    lang,
    message: full,
    unknownWords,
    suggestions,
    examples: EXAMPLES[lang].slice(0, 2),
  };
}

const quote = (lang: Lang, words: string[]) =>
  words.map((w) => (lang === "zh" ? `“${w}”` : `"${w}"`)).join(lang === "zh" ? "、" : ", ");

export function leftoverError(lang: Lang, words: string[]): ParseError {
  return error(
    lang,
    lang === "zh"
      ? `我没看懂 ${quote(lang, words)}。`
      : `I did not understand ${quote(lang, words)}.`,
    words,
  );
}

export function timeError(lang: Lang, problem: TimeProblem): ParseError {
  const phrase = quote(lang, [problem.phrase]);
  const zh = lang === "zh";
  switch (problem.problem) {
    case "future":
      return error(
        lang,
        zh
          ? `${phrase} 是将来的时间：只能查已经发生的通话。`
          : `${phrase} is in the future: I can only search calls that already happened.`,
      );
    case "two-windows":
      return error(
        lang,
        zh
          ? `${phrase} 里有不止一个时间段，请只说一个，例如“昨天”或“最近2小时”。`
          : `${phrase} names more than one time window; say one, like "yesterday" or "last 2 hours".`,
      );
    case "two-days":
      return error(
        lang,
        zh
          ? `${phrase} 里有两个不同的日期，请一次只问一天。`
          : `${phrase} names two different days; ask about one day at a time.`,
      );
    case "needs-time":
      return error(
        lang,
        zh
          ? `${phrase} 需要一个时刻，例如“9点以来”或“昨天15点以前”。`
          : `${phrase} needs a clock time, like "since 9am" or "before 3pm yesterday".`,
      );
    case "end-before-start":
      return error(
        lang,
        zh ? `${phrase} 的结束早于开始。` : `The window ${phrase} ends before it starts.`,
      );
    case "bad-duration":
      return error(
        lang,
        problem.sign === 0
          ? zh
            ? `${phrase} 是零长度的时间段，里面不会有通话；请给一个大于零的时长，例如“最近2小时”。`
            : `${phrase} is a window of zero length, which holds no calls; give a duration above zero, like "last 2 hours".`
          : zh
            ? `${phrase} 是负的时长；请给一个大于零的时长，例如“最近2小时”。`
            : `${phrase} is a negative duration; give one above zero, like "last 2 hours".`,
      );
    case "bad-date":
      return error(lang, zh ? problem.why.zh : problem.why.en);
    case "question":
      // Turned into a question with readings by the caller (it knows the filter).
      return error(
        lang,
        zh ? `${phrase} 可以有几种理解。` : `${phrase} can be read more than one way.`,
      );
  }
}

/** A question back: the unclear words quoted, each reading offered (also in the text, for the CLI). */
export function questionError(lang: Lang, question: ParseQuestion): ParseError {
  const zh = lang === "zh";
  const unclear = quote(lang, [question.unclear]);
  const list = question.readings.map((r, i) => `(${i + 1}) ${r.label}`).join(zh ? "；" : "; ");
  return {
    ...error(
      lang,
      zh
        ? `${unclear} 有几种理解：${list}。你指的是哪一个？`
        : `${unclear} can be read more than one way: ${list}. Which one do you mean?`,
    ),
    question,
  };
}

export function windowError(lang: Lang, problem: WindowProblem, timeZone: string): ParseError {
  const zh = lang === "zh";
  const start = formatMoment(problem.startTs, timeZone, lang);
  const end = formatMoment(problem.endTs, timeZone, lang);
  if (problem.problem === "too-old") {
    const earliest = formatMoment(problem.earliestTs, timeZone, lang);
    return error(
      lang,
      zh
        ? `${start} – ${end} 整段都早于7天前：接口只保留最近7天的记录（${earliest} 以后）。`
        : `${start} – ${end} is entirely older than 7 days: the call records API keeps only the last 7 days (since ${earliest}).`,
    );
  }
  return error(
    lang,
    zh ? `${start} – ${end} 是空的时间段。` : `${start} – ${end} is an empty window.`,
  );
}

export function plainError(
  lang: Lang,
  en: string,
  zh: string,
  unknownWords: string[] = [],
): ParseError {
  return error(lang, lang === "zh" ? zh : en, unknownWords);
}
