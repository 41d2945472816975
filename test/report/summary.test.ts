import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { createSummaryAccumulator, type Summary, summarize } from "../../src/report/summary.js";
import { record } from "./fixtures.js";

/** Independent reference: sort and pick. */
function sortedMedian(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}
function nearestRank(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(p * s.length) - 1];
}

describe("summary figures", () => {
  const cases: { name: string; records: CallRecord[]; expected: Summary }[] = [
    {
      name: "no records",
      records: [],
      expected: {
        total: 0,
        byResult: {},
        byCallType: {},
        byMedia: {},
        answered: 0,
        answerRate: undefined,
        medianTalkSeconds: undefined,
        p90TalkSeconds: undefined,
      },
    },
    {
      name: "one answered call",
      records: [record({ talk: 42 })],
      expected: {
        total: 1,
        byResult: { normal_end: 1 },
        byCallType: { single: 1 },
        byMedia: { video: 1 },
        answered: 1,
        answerRate: 1,
        medianTalkSeconds: 42,
        p90TalkSeconds: 42,
      },
    },
    {
      name: "mixed results, unknown result kept as it is",
      records: [
        record({ talk: 10 }),
        record({ talk: 30, mediaType: "audio" }),
        record({ callResult: "reject" }),
        record({ callResult: "offline", acceptTs: 1_700_000_500, startCallTs: 1_700_000_500 }),
        record({ callResult: "teleported", callType: "group" }),
      ],
      expected: {
        total: 5,
        byResult: { normal_end: 2, reject: 1, offline: 1, teleported: 1 },
        byCallType: { single: 4, group: 1 },
        byMedia: { video: 4, audio: 1 },
        answered: 2,
        answerRate: 2 / 5,
        medianTalkSeconds: 20,
        p90TalkSeconds: 30,
      },
    },
    {
      name: "zero-second talk counts as a talk time",
      records: [record({ talk: 0 }), record({ talk: 0 }), record({ talk: 7 })],
      expected: {
        total: 3,
        byResult: { normal_end: 3 },
        byCallType: { single: 3 },
        byMedia: { video: 3 },
        answered: 3,
        answerRate: 1,
        medianTalkSeconds: 0,
        p90TalkSeconds: 7,
      },
    },
    {
      name: "vendor oddities as keys",
      records: [record({ callResult: "__proto__" }), record({ callResult: "constructor" })],
      expected: {
        total: 2,
        byResult: { ["__proto__"]: 1, constructor: 1 },
        byCallType: { single: 2 },
        byMedia: { video: 2 },
        answered: 0,
        answerRate: 0,
        medianTalkSeconds: undefined,
        p90TalkSeconds: undefined,
      },
    },
  ];

  it.each(cases)("$name", ({ records, expected }) => {
    const summary = summarize(records);
    expect(summary.total).toBe(expected.total);
    expect(Object.entries(summary.byResult).sort()).toEqual(
      Object.entries(expected.byResult).sort(),
    );
    expect(summary.byCallType).toEqual(expected.byCallType);
    expect(summary.byMedia).toEqual(expected.byMedia);
    expect(summary.answered).toBe(expected.answered);
    expect(summary.answerRate).toBe(expected.answerRate);
    expect(summary.medianTalkSeconds).toBe(expected.medianTalkSeconds);
    expect(summary.p90TalkSeconds).toBe(expected.p90TalkSeconds);
  });

  it.each([
    { name: "answered, then cut", acceptDelta: 4, endDelta: 64, answered: 1, median: 60 },
    { name: "never answered (acceptTs 0)", acceptDelta: null, endDelta: 20, answered: 0 },
    {
      name: "acceptTs equal to the start, as the vendor's sample",
      acceptDelta: 0,
      endDelta: 9,
      answered: 0,
    },
    { name: "ended before its answer", acceptDelta: 10, endDelta: 5, answered: 0 },
  ])("an interrupted call $name counts as answered: $answered", (c) => {
    const start = 1_800_000_000;
    const interrupted = record({
      callResult: "interrupt",
      startCallTs: start,
      acceptTs: c.acceptDelta === null ? 0 : start + c.acceptDelta,
      endTs: start + c.endDelta,
    });
    const summary = summarize([interrupted, record({ callResult: "reject" })]);
    expect(summary.answered).toBe(c.answered);
    expect(summary.answerRate).toBe(c.answered / 2);
    expect(summary.medianTalkSeconds).toBe(c.median);
    // Failed still includes it: it did not end as its users chose.
    expect(summary.byResult.interrupt).toBe(1);
  });

  it("talk time ignores answered calls whose timestamps make no sense", () => {
    const broken = record({ talk: 5 });
    const summary = summarize([
      record({ talk: 100 }),
      { ...broken, endTs: (broken.acceptTs ?? 0) - 10 },
    ]);
    expect(summary.answered).toBe(2);
    expect(summary.medianTalkSeconds).toBe(100);
  });

  it.each([1, 2, 3, 10, 11, 999, 5000])(
    "median and p90 match a sort over %i pseudo-random talk times up to 4 h",
    (n) => {
      let seed = n;
      const talks = Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % (4 * 3600);
      });
      const summary = summarize(talks.map((talk) => record({ talk })));
      expect(summary.medianTalkSeconds).toBe(sortedMedian(talks));
      expect(summary.p90TalkSeconds).toBe(nearestRank(talks, 0.9));
    },
  );

  it("beyond 4 h figures are within a minute, beyond 72 h the largest seen", () => {
    const summary = summarize(
      [5 * 3600 + 37, 5 * 3600 + 37, 5 * 3600 + 37].map((talk) => record({ talk })),
    );
    expect(summary.medianTalkSeconds).toBeLessThanOrEqual(5 * 3600 + 37);
    expect(summary.medianTalkSeconds).toBeGreaterThan(5 * 3600 + 37 - 60);
    const huge = summarize([record({ talk: 100 * 3600 })]);
    expect(huge.p90TalkSeconds).toBe(100 * 3600);
  });

  it("results are snapshots: adding later does not change an earlier result", () => {
    const accumulator = createSummaryAccumulator();
    accumulator.add(record({ callResult: "reject" }));
    const first = accumulator.result();
    accumulator.add(record({ callResult: "reject" }));
    expect(first.byResult.reject).toBe(1);
    expect(accumulator.result().byResult.reject).toBe(2);
  });
});
