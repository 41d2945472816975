import { expect, describe as group, it } from "vitest";
import { parse } from "../../src/query/parse.js";
import type { ParseError, Query, SearchQuery } from "../../src/query/types.js";
import { CORPUS_ROWS, QUESTION_ROWS } from "./phrases.corpus.js";
import { EN_ROWS } from "./phrases.en.js";
import { ZH_ROWS } from "./phrases.zh.js";
import { type Expectation, LA, type Row, resolveAt, SH } from "./table.js";

// Wed 25 Nov 2026 14:30 in Shanghai = Tue 24 Nov 22:30 in Los Angeles.
const NOW = new Date("2026-11-25T06:30:00Z");

function check(query: Query | ParseError, expected: Expectation, timeZone: string): void {
  if ("kind" in expected) {
    expect(query.kind).toBe("help");
    return;
  }
  if ("question" in expected) {
    expect(query.kind, JSON.stringify(query)).toBe("error");
    const error = query as ParseError;
    expect(error.message).toMatch(expected.question);
    expect(error.question, error.message).toBeDefined();
    const readings = error.question?.readings ?? [];
    expect(readings.length).toBeGreaterThanOrEqual(2);
    expect(
      readings.map((r) => [r.query.window.startTs, r.query.window.endTs]),
      error.message,
    ).toEqual(
      expected.readings.map(([start, end]) => [
        resolveAt(start, NOW.getTime(), timeZone),
        resolveAt(end, NOW.getTime(), timeZone),
      ]),
    );
    expected.readings.forEach(([, , results], i) => {
      if (results) expect([...readings[i]!.query.results].sort()).toEqual([...results].sort());
      expect(readings[i]!.label.length).toBeGreaterThan(0);
    });
    return;
  }
  if ("error" in expected) {
    expect(query.kind).toBe("error");
    const error = query as ParseError;
    expect(error.question).toBeUndefined();
    expect(error.message).toMatch(expected.error);
    expect(error.examples).toHaveLength(2);
    if (expected.unknown) expect(error.unknownWords).toEqual(expected.unknown);
    if (expected.suggestion) {
      expect(error.suggestions).toContainEqual({
        word: expected.suggestion[0],
        suggestion: expected.suggestion[1],
      });
    }
    return;
  }
  expect(query, JSON.stringify(query)).toMatchObject({ kind: "search" });
  const search = query as SearchQuery;
  expect(search.window.startTs).toBe(resolveAt(expected.start, NOW.getTime(), timeZone));
  expect(search.window.endTs).toBe(resolveAt(expected.end, NOW.getTime(), timeZone));
  if (expected.requested) {
    expect(search.window.requestedStartTs).toBe(
      resolveAt(expected.requested, NOW.getTime(), timeZone),
    );
  } else {
    expect(search.window.requestedStartTs).toBeUndefined();
  }
  expect(search.defaultWindow).toBe(expected.defaultWindow ?? false);
  if (expected.note) expect(search.notes?.join(" ")).toMatch(expected.note);
  expect(search.pageSize).toBe(expected.pageSize ?? 20);
  const filter = expected.filter ?? {};
  for (const key of ["results", "callTypes", "mediaTypes"] as const) {
    const want = filter[key];
    if (want) expect([...search[key]].sort()).toEqual([...want].sort());
  }
  if (filter.rooms) expect(search.rooms).toEqual(filter.rooms);
  for (const role of ["caller", "callee", "either"] as const) {
    const want = filter.users?.[role];
    if (want) expect(search.users[role]).toEqual(want);
  }
}

function table(name: string, rows: Row[]): void {
  group(name, () => {
    for (const timeZone of [SH, LA]) {
      it.each(rows)(`${timeZone}: %s`, (phrase, expected) => {
        const forZone = "sh" in expected ? (timeZone === SH ? expected.sh : expected.la) : expected;
        check(parse(phrase, { now: NOW, timeZone }), forZone, timeZone);
      });
    }
  });
}

table("English phrases", EN_ROWS);
table("Chinese phrases", ZH_ROWS);
table("issue 12 corpus: durations, since/until, dates, weekdays, synonyms, typos", CORPUS_ROWS);
table("issue 12 corpus: phrases that must be asked back", QUESTION_ROWS);

it("the phrase corpus holds at least 300 phrases, each with its expectation", () => {
  const phrases = new Set(
    [...EN_ROWS, ...ZH_ROWS, ...CORPUS_ROWS, ...QUESTION_ROWS].map(([phrase]) => phrase),
  );
  expect(phrases.size).toBeGreaterThanOrEqual(300);
});

group("language of the answer", () => {
  it.each([
    ["failed calls today", "en"],
    ["昨天 拒接", "zh"],
    ["群呼失败 from 3pm to 5pm yesterday", "zh"],
    ["nonsense words", "en"],
    ["乱七八糟", "zh"],
  ])("%s → %s", (phrase, lang) => {
    expect(parse(phrase, { now: NOW, timeZone: SH }).lang).toBe(lang);
  });
});

group("lookups and help", () => {
  const id = "3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718";
  it("reads a pasted callId as a lookup, wherever it is", () => {
    expect(
      parse(`what happened to ${id.toUpperCase()} yesterday?`, { now: NOW, timeZone: SH }),
    ).toEqual({
      kind: "lookup",
      callIds: [id],
      lang: "en",
    });
  });
  it("collects several callIds once each", () => {
    const other = "00000000-1111-2222-3333-444444444444";
    const query = parse(`${id} ${other} ${id} 这两个通话`, { now: NOW, timeZone: SH });
    expect(query).toEqual({ kind: "lookup", callIds: [id, other], lang: "zh" });
  });
  it.each(["", "   ", "help", "HELP", "?", "帮助", "怎么用"])("%j is help", (text) => {
    expect(parse(text, { now: NOW, timeZone: LA }).kind).toBe("help");
  });
});

group("bad options and input", () => {
  it("an unknown time zone is an error, not a crash", () => {
    const query = parse("today", { now: NOW, timeZone: "Mars/Olympus" });
    expect(query.kind).toBe("error");
    expect((query as ParseError).message).toContain("Mars/Olympus");
  });
  it("an invalid now is an error", () => {
    expect(parse("today", { now: new Date(Number.NaN), timeZone: SH }).kind).toBe("error");
  });
  it("a pasted log is refused with a reason", () => {
    const query = parse("failed ".repeat(100), { now: NOW, timeZone: SH }) as ParseError;
    expect(query.message).toMatch(/too long/);
  });
});
