import { describe, expect, it } from "vitest";
import { parse } from "../../src/query/parse.js";
import type { ParseError, SearchQuery } from "../../src/query/types.js";

// Mon 2 Nov 2026 10:00 in Los Angeles, the morning after clocks went back (Sun 1 Nov 02:00 PDT).
const NOW = new Date("2026-11-02T18:00:00Z");
const LA = "America/Los_Angeles";
const hours = (q: SearchQuery) => (q.window.endTs - q.window.startTs) / 3600;
const search = (text: string) => parse(text, { now: NOW, timeZone: LA }) as SearchQuery;

it.each([
  ["yesterday", "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", 25],
  ["昨天", "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", 25],
  ["last 3 days", "2026-10-30T17:00:00Z", "2026-11-02T18:00:00Z", 73],
  ["最近三天", "2026-10-30T17:00:00Z", "2026-11-02T18:00:00Z", 73],
  ["last 24 hours", "2026-11-01T18:00:00Z", "2026-11-02T18:00:00Z", 24],
  ["yesterday 3pm-5pm", "2026-11-01T23:00:00Z", "2026-11-02T01:00:00Z", 2],
  ["last night", "2026-11-02T02:00:00Z", "2026-11-02T14:00:00Z", 12],
  ["oct 31 3pm", "2026-10-31T21:30:00Z", "2026-10-31T22:30:00Z", 1],
] as const)("%s across the DST change", (text, start, end, length) => {
  const query = search(text);
  expect(query.kind).toBe("search");
  expect(query.window.startTs).toBe(Date.parse(start) / 1000);
  expect(query.window.endTs).toBe(Date.parse(end) / 1000);
  expect(hours(query)).toBe(length);
});

it("a rolling 7 calendar days across the change is 169 hours: clamped to the API's 168, and said", () => {
  const query = search("last 7 days");
  expect(query.window.requestedStartTs).toBe(Date.parse("2026-10-26T17:00:00Z") / 1000);
  // 168 hours less the two minutes kept inside the vendor's reach.
  expect(hours(query)).toBe(168 - 2 / 60);
});

describe("issue 12 phrases across the US change (Sun 1 Nov 2026, 02:00 PDT → 01:00 PST)", () => {
  const at = (iso: string) => Date.parse(iso) / 1000;
  const run = (text: string, now: string, timeZone = LA) =>
    parse(text, { now: new Date(now), timeZone });

  it.each([
    // Monday 2 Nov 10:00 PST: last week's Sunday is the 25-hour day of the change.
    ["last sunday", "2026-11-02T18:00:00Z", LA, "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z"],
    ["上周日", "2026-11-02T18:00:00Z", LA, "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z"],
    [
      "上周日",
      "2026-11-02T18:00:00Z",
      "Asia/Shanghai",
      "2026-10-31T16:00:00Z",
      "2026-11-01T16:00:00Z",
    ],
    ["从昨天到今天", "2026-11-02T18:00:00Z", LA, "2026-11-01T07:00:00Z", "2026-11-02T18:00:00Z"],
    // 1.5 days: one calendar day (Sun 10:00 PST), then 12 exact hours.
    ["last 1.5 days", "2026-11-02T18:00:00Z", LA, "2026-11-01T06:00:00Z", "2026-11-02T18:00:00Z"],
    // On the day itself, at 04:00 PST: exact durations are exact, the day starts at 00:00 PDT.
    ["last 3h30m", "2026-11-01T12:00:00Z", LA, "2026-11-01T08:30:00Z", "2026-11-01T12:00:00Z"],
    [
      "最近两小时十五分",
      "2026-11-01T12:00:00Z",
      LA,
      "2026-11-01T09:45:00Z",
      "2026-11-01T12:00:00Z",
    ],
    ["today", "2026-11-01T12:00:00Z", LA, "2026-11-01T07:00:00Z", "2026-11-01T12:00:00Z"],
  ] as const)("%s at %s in %s", (text, now, timeZone, start, end) => {
    const query = run(text, now, timeZone) as SearchQuery;
    expect(query.kind, JSON.stringify(query)).toBe("search");
    expect(query.window.startTs).toBe(at(start));
    expect(query.window.endTs).toBe(at(end));
  });

  it("between 5pm and 3pm the day after the change asks back, each reading on the right side of it", () => {
    const result = run("between 5pm and 3pm", "2026-11-02T18:00:00Z") as ParseError;
    expect(result.kind).toBe("error");
    expect(
      result.question?.readings.map((r) => [r.query.window.startTs, r.query.window.endTs]),
    ).toEqual([
      // Sat 31 Oct 17:00 PDT → Sun 1 Nov 15:00 PST: 22 hours on the wall clock, 23 real hours.
      [at("2026-11-01T00:00:00Z"), at("2026-11-01T23:00:00Z")],
      [at("2026-11-01T23:00:00Z"), at("2026-11-02T01:00:00Z")],
    ]);
  });
});
