import { findCallIds } from "../callkit/call-id.js";
import { isIanaZone } from "../time/zone.js";
import { DIGEST_KEYWORD, parseDigest } from "./digest.js";
import { leftoverError, plainError, timeError, windowError } from "./errors.js";
import { takeFilter } from "./filter.js";
import { hasCjk, Text } from "./text.js";
import { takeChronoTimes } from "./time/chrono.js";
import { hasTime } from "./time/facts.js";
import { takeTimeGrammar } from "./time/grammar.js";
import { resolveTime } from "./time/resolve.js";
import { wallClock } from "./time/wall.js";
import type { Lang, ParseError, ParseOptions, Query, SearchQuery, TimeWindow } from "./types.js";
import { leftoverWords } from "./vocabulary.js";
import { clampWindow, isWindowProblem } from "./window.js";

export type { ParseOptions } from "./types.js";

/** Longer than any real question; bounds the work a pasted log could cause. */
export const MAX_TEXT_LENGTH = 500;

const HELP = /^\s*(?:help|\?|usage|how|帮助|说明|用法|怎么用|？)\s*$/i;
const DEFAULT_PAGE_SIZE = 20;

/**
 * Plain words (English or Chinese) → a Query, in the user's time zone. Pure: `now` and `timeZone`
 * come in. Never throws: anything it cannot read is a ParseError that says why.
 */
export function parse(text: string, options: ParseOptions): Query | ParseError {
  try {
    return parseStrict(text, options);
  } catch {
    // A safety net only: the property tests run parseStrict, which must not get here.
    const lang: Lang = typeof text === "string" && hasCjk(text) ? "zh" : "en";
    return plainError(lang, "I could not read that question.", "我没能读懂这个问题。");
  }
}

/** parse() without the safety net (tests prove it does not throw). */
export function parseStrict(input: string, options: ParseOptions): Query | ParseError {
  const text = typeof input === "string" ? input : "";
  const lang: Lang = hasCjk(text) ? "zh" : "en";
  const nowMs = options.now instanceof Date ? options.now.getTime() : Number.NaN;
  if (!Number.isFinite(nowMs)) {
    return plainError(lang, "The reference time is not a valid date.", "参考时间无效。");
  }
  if (!isIanaZone(options.timeZone)) {
    return plainError(
      lang,
      `Unknown time zone "${options.timeZone}".`,
      `未知的时区“${options.timeZone}”。`,
    );
  }
  if (text.length > MAX_TEXT_LENGTH) {
    return plainError(
      lang,
      `That is too long (over ${MAX_TEXT_LENGTH} characters); ask in a few words.`,
      `内容太长（超过${MAX_TEXT_LENGTH}个字符），请简短地问。`,
    );
  }
  const callIds = findCallIds(text);
  if (callIds.length > 0) return { kind: "lookup", callIds, lang };
  if (text.trim() === "" || HELP.test(text)) return { kind: "help", lang };
  if (DIGEST_KEYWORD.test(text)) return parseDigest(text, lang);
  return parseSearch(text, lang, nowMs, options.timeZone);
}

function parseSearch(
  input: string,
  lang: Lang,
  nowMs: number,
  timeZone: string,
): SearchQuery | ParseError {
  const text = new Text(input);
  const { filter, entities } = takeFilter(text);
  const wall = wallClock(nowMs, timeZone);
  const facts = takeTimeGrammar(text, wall, nowMs);
  takeChronoTimes(text, wall, facts);
  // A lone "from 9am" / "从9点" means since then.
  if (
    facts.points.length === 1 &&
    !facts.points[0]?.end &&
    text.has(/(?<![\w])from(?![\w])|从|自/g)
  ) {
    facts.since = true;
  }
  const leftovers = leftoverWords(text);
  if (leftovers.length > 0) return leftoverError(lang, leftovers);
  const span = resolveTime(facts, nowMs, timeZone);
  if ("problem" in span) return timeError(lang, span);
  const window = clampWindow(span.startMs, span.endMs, nowMs);
  const search = (searchWindow: TimeWindow): SearchQuery => ({
    kind: "search",
    ...filter,
    window: searchWindow,
    defaultWindow: span.isDefault && !hasTime(facts),
    pageSize: entities.pageSize ?? DEFAULT_PAGE_SIZE,
    lang,
  });
  if (!isWindowProblem(window)) return search(window);
  const error = windowError(lang, window, timeZone);
  if (window.problem !== "too-old" || window.endTs <= window.startTs) return error;
  // Too old for the vendor, not necessarily for an archive: the search as asked travels along.
  return { ...error, beyondReach: search({ startTs: window.startTs, endTs: window.endTs }) };
}
