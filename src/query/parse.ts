import { findCallIds } from "../callkit/call-id.js";
import { MONTH_ABBR } from "../time/calendar.js";
import { formatMoment } from "../time/format.js";
import { isIanaZone } from "../time/zone.js";
import { describeFilter } from "./describe.js";
import { DIGEST_KEYWORD, parseDigest } from "./digest.js";
import { leftoverError, plainError, questionError, timeError, windowError } from "./errors.js";
import { takeFilter } from "./filter.js";
import { hasCjk, Text } from "./text.js";
import { takeChronoTimes } from "./time/chrono.js";
import { type DateFork, hasTime, type Note, type TimeFacts } from "./time/facts.js";
import { takeTimeGrammar } from "./time/grammar.js";
import { resolveTime } from "./time/resolve.js";
import { type WallDate, wallClock } from "./time/wall.js";
import type {
  CallFilter,
  Lang,
  ParseError,
  ParseOptions,
  Query,
  Reading,
  SearchQuery,
  TimeWindow,
} from "./types.js";
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
  const { filter, entities, forks } = takeFilter(text);
  const wall = wallClock(nowMs, timeZone);
  const facts = takeTimeGrammar(text, wall);
  takeChronoTimes(text, wall, facts);
  const lonePoint = facts.points.length + facts.ago.length === 1 && !facts.points[0]?.end;
  // Both ends named (`from monday to wednesday`, `昨天到今天`), or a lone `to 5pm` / `到5点`.
  // Not a bare "and": `monday and wednesday` may mean the two days, not the days between.
  facts.rangeWord = text.has(/(?<![\w])(?:to|through|thru|between)(?![\w])|到|至|~/g);
  if (lonePoint && !facts.from && !facts.since && text.has(/(?<![\w])to(?![\w])|到|至/g)) {
    facts.before = true;
  }
  const leftovers = leftoverWords(text);
  if (leftovers.length > 0) return leftoverError(lang, leftovers);

  const resolve = (timeFacts: TimeFacts, callFilter: CallFilter) =>
    resolveSearch(input, timeFacts, callFilter, entities.pageSize, lang, nowMs, timeZone);
  const dateFork = facts.dateForks[0];
  const filterFork = forks[0];
  if (facts.dateForks.length + forks.length > 1) {
    const parts = [...facts.dateForks.map((f) => f.phrase), ...forks.map((f) => f.phrase)];
    return plainError(
      lang,
      `${parts.map((p) => `"${p}"`).join(" and ")} can each be read two ways; say them more exactly (2026-11-12, "rejected").`,
      `${parts.map((p) => `“${p}”`).join("和")}都有两种理解，请说得更确切一些（例如 2026-11-12、“拒接”）。`,
    );
  }
  if (dateFork) return decideDate(dateFork, facts, (f) => resolve(f, filter), lang);
  if (filterFork) {
    const readings = filterFork.options.map((results) => {
      const variant = { ...filter, results: [...new Set([...filter.results, ...results])] };
      return resolve(facts, variant);
    });
    const searches = readings.filter((r): r is SearchQuery => r.kind === "search");
    if (searches.length < readings.length) return readings.find((r) => r.kind === "error")!;
    return questionError(lang, {
      unclear: filterFork.phrase,
      readings: searches.map((query) => ({ label: describeFilter(query, lang), query })),
    });
  }
  return resolve(facts, filter);
}

/** `11/12`: both orders are dates. Past readings are offered; a future one is not a reading. */
function decideDate(
  fork: DateFork,
  facts: TimeFacts,
  resolve: (facts: TimeFacts) => SearchQuery | ParseError,
  lang: Lang,
): SearchQuery | ParseError {
  const readings = fork.options.map((date) => {
    const withDate: TimeFacts = {
      ...facts,
      days: [...facts.days, date],
      dayPositions: [...facts.dayPositions, fork.at],
    };
    const result = resolve(withDate);
    const query = result.kind === "search" ? result : result.beyondReach;
    return { date, result, query };
  });
  const usable = readings.filter((r) => r.query !== undefined);
  const label = (d: WallDate) =>
    lang === "zh" ? `${d.month}月${d.day}日` : `${d.day} ${MONTH_ABBR[d.month]}`;
  if (usable.length >= 2) {
    return questionError(lang, {
      unclear: fork.phrase,
      readings: usable.map((r) => ({ label: label(r.date), query: r.query! })),
    });
  }
  const chosen = usable[0] ?? readings[0]!;
  const other = readings.find((r) => r !== chosen)!;
  const note =
    lang === "zh"
      ? `“${fork.phrase}”按${label(chosen.date)}算（${label(other.date)}还没到）。`
      : `"${fork.phrase}" read as ${label(chosen.date)} (${label(other.date)} is still ahead).`;
  const result = chosen.result;
  if (result.kind === "search") return { ...result, notes: [...(result.notes ?? []), note] };
  if (result.beyondReach) {
    const notes = [...(result.beyondReach.notes ?? []), note];
    return {
      ...result,
      message: `${result.message} ${note}`,
      beyondReach: { ...result.beyondReach, notes },
    };
  }
  return result;
}

/** The words from the first time phrase to the last, as typed (`5pm and 3pm`). */
function unclearPart(input: string, phrases: string[]): string {
  const lower = input.normalize("NFKC").toLowerCase();
  const found = phrases
    .map((p) => ({ at: lower.indexOf(p), end: lower.indexOf(p) + p.length }))
    .filter((p) => p.at >= 0);
  if (found.length === 0) return phrases.join(" ");
  const start = Math.min(...found.map((p) => p.at));
  const end = Math.max(...found.map((p) => p.end));
  return input.normalize("NFKC").slice(start, end).trim();
}

function resolveSearch(
  input: string,
  facts: TimeFacts,
  filter: CallFilter,
  pageSize: number | undefined,
  lang: Lang,
  nowMs: number,
  timeZone: string,
): SearchQuery | ParseError {
  const span = resolveTime(facts, nowMs, timeZone);
  const notes = (extra: Note[]) => {
    const lines = [...facts.notes, ...extra].map((note) => note[lang]);
    return lines.length > 0 ? { notes: [...new Set(lines)] } : {};
  };
  const search = (searchWindow: TimeWindow, isDefault: boolean, extra: Note[]): SearchQuery => ({
    kind: "search",
    ...filter,
    window: searchWindow,
    defaultWindow: isDefault && !hasTime(facts),
    pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
    lang,
    ...notes(extra),
  });
  if ("problem" in span) {
    if (span.problem !== "question") return timeError(lang, span);
    const readings: Reading[] = span.choices.map(({ startMs, endMs }) => {
      const window = clampWindow(startMs, endMs, nowMs);
      const searchWindow = isWindowProblem(window)
        ? { startTs: Math.floor(startMs / 1000), endTs: Math.ceil(endMs / 1000) }
        : window;
      return {
        label: `${formatMoment(searchWindow.startTs, timeZone, lang)} → ${formatMoment(searchWindow.endTs, timeZone, lang)}`,
        query: search(searchWindow, false, []),
      };
    });
    return questionError(lang, { unclear: unclearPart(input, facts.phrases), readings });
  }
  const window = clampWindow(span.startMs, span.endMs, nowMs);
  if (!isWindowProblem(window)) return search(window, span.isDefault, span.notes);
  const said = notes(span.notes).notes ?? [];
  const bare = windowError(lang, window, timeZone);
  const error = said.length > 0 ? { ...bare, message: `${bare.message} ${said.join(" ")}` } : bare;
  if (window.problem !== "too-old" || window.endTs <= window.startTs) return error;
  // Too old for the vendor, not necessarily for an archive: the search as asked travels along.
  return {
    ...error,
    beyondReach: search(
      { startTs: window.startTs, endTs: window.endTs },
      span.isDefault,
      span.notes,
    ),
  };
}
