import { expect, it } from "vitest";
import { parse } from "../../src/query/parse.js";
import type { SearchQuery } from "../../src/query/types.js";

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
