import { describe, expect, it } from "vitest";
import { parse } from "../../src/query/parse.js";
import type { ParseError, Query } from "../../src/query/types.js";

// Thu 26 Nov 2026 18:00 UTC; the vendor's 7 days reach back to Thu 19 Nov 18:00 UTC.
const NOW = new Date("2026-11-26T18:00:00Z");
const ts = (iso: string) => Date.parse(iso) / 1000;

function errorOf(query: Query | ParseError): ParseError {
  if (query.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(query)}`);
  return query;
}

describe("a window wholly older than 7 days carries the search as asked", () => {
  const cases = [
    {
      text: "calls from user_3 on 2026-11-12",
      timeZone: "UTC",
      window: { startTs: ts("2026-11-12T00:00:00Z"), endTs: ts("2026-11-13T00:00:00Z") },
      filter: { users: { caller: ["user_3"], callee: [], either: [] } },
      lang: "en",
    },
    {
      text: "rejected calls on 2026-11-10, 5 per page",
      timeZone: "Asia/Shanghai",
      window: { startTs: ts("2026-11-09T16:00:00Z"), endTs: ts("2026-11-10T16:00:00Z") },
      filter: { results: ["reject"], pageSize: 5 },
      lang: "en",
    },
    {
      text: "2026年11月12日 的通话",
      timeZone: "Asia/Shanghai",
      window: { startTs: ts("2026-11-11T16:00:00Z"), endTs: ts("2026-11-12T16:00:00Z") },
      filter: {},
      lang: "zh",
    },
  ] as const;

  it.each(cases)("$text ($timeZone)", ({ text, timeZone, window, filter, lang }) => {
    const error = errorOf(parse(text, { now: NOW, timeZone }));
    expect(error.message).toMatch(/older than 7 days|早于7天前/);
    expect(error.beyondReach).toMatchObject({ kind: "search", lang, window, ...filter });
    // The window is exactly as asked: no clamping, no note about a moved start.
    expect(error.beyondReach?.window).toEqual(window);
  });
});

describe("other errors carry no search", () => {
  const cases = [
    { text: "rejcted calls yesterday", why: "an unknown word" },
    { text: "calls tomorrow", why: "a window in the future" },
    { text: "calls on 2026-11-12 frobnicate", why: "an old window and an unknown word" },
  ];

  it.each(cases)("$why: $text", ({ text }) => {
    const error = errorOf(parse(text, { now: NOW, timeZone: "UTC" }));
    expect(error.beyondReach).toBeUndefined();
  });
});

describe("a window that only starts before 7 days is still a clamped search", () => {
  it("keeps requestedStartTs and has no error", () => {
    const query = parse("calls since 2026-11-12", { now: NOW, timeZone: "UTC" });
    expect(query.kind).toBe("search");
    if (query.kind !== "search") return;
    expect(query.window.requestedStartTs).toBe(ts("2026-11-12T00:00:00Z"));
  });
});
