import { describe, expect, it } from "vitest";
import { isClear, isOver, measure, step } from "../../src/alerts/evaluate.js";
import type { AlertCondition } from "../../src/query/alert-rule.js";

const percent: AlertCondition = { kind: "percent", above: 20, windowMinutes: 15 };
const count: AlertCondition = { kind: "count", above: 30, windowMinutes: 10 };
const baseline: AlertCondition = { kind: "baseline", windowMinutes: 60, minVolume: 20, days: 7 };

describe("measure", () => {
  it.each([
    ["percent over", percent, { total: 100, matched: 25 }, undefined, true, false],
    ["percent at the rule", percent, { total: 100, matched: 20 }, undefined, false, false],
    ["percent in the band", percent, { total: 100, matched: 19 }, undefined, false, false],
    ["percent clear", percent, { total: 100, matched: 18 }, undefined, false, true],
    ["percent, too few calls", percent, { total: 4, matched: 4 }, undefined, false, true],
    ["count over", count, { total: 31, matched: 31 }, undefined, true, false],
    ["count clear", count, { total: 500, matched: 27 }, undefined, false, true],
    [
      "baseline spike",
      baseline,
      { total: 100, matched: 12 },
      { total: 5000, matched: 100 },
      true,
      false,
    ],
    [
      "baseline usual",
      baseline,
      { total: 100, matched: 3 },
      { total: 5000, matched: 100 },
      false,
      true,
    ],
    [
      "baseline: a quiet morning's 2 of 23",
      baseline,
      { total: 23, matched: 2 },
      { total: 5000, matched: 100 },
      false,
      true,
    ],
    [
      "baseline: 2x but under +5 points",
      baseline,
      { total: 100, matched: 7 },
      { total: 5000, matched: 100 },
      false,
      false,
    ],
    [
      "baseline at night: too few calls",
      baseline,
      { total: 8, matched: 4 },
      { total: 5000, matched: 100 },
      false,
      true,
    ],
    [
      "baseline without history",
      baseline,
      { total: 100, matched: 50 },
      { total: 3, matched: 0 },
      false,
      true,
    ],
  ] as const)("%s", (_name, condition, now, base, over, clear) => {
    const figure = measure(condition, now, base);
    expect(isOver(figure)).toBe(over);
    expect(isClear(figure)).toBe(clear);
  });

  it("states the baseline it compared with", () => {
    expect(
      measure(baseline, { total: 100, matched: 12 }, { total: 5000, matched: 100 }),
    ).toMatchObject({
      figure: 12,
      baseline: 2,
      threshold: 7,
    });
  });
});

describe("step (hysteresis)", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 2, 3, 10, m));
  const over = measure(percent, { total: 100, matched: 30 });
  const edge = measure(percent, { total: 100, matched: 19 });
  const clear = measure(percent, { total: 100, matched: 5 });
  const clearAfter = 10 * 60_000;

  it("opens once, keeps open at the edge, resolves after staying clear", () => {
    expect(step(over, undefined, at(0), clearAfter)).toEqual({ kind: "open" });
    expect(step(edge, undefined, at(0), clearAfter)).toEqual({ kind: "none" });
    expect(step(over, { clearSince: undefined }, at(1), clearAfter)).toEqual({
      kind: "track",
      clearSince: undefined,
    });
    expect(step(edge, { clearSince: undefined }, at(2), clearAfter)).toEqual({
      kind: "track",
      clearSince: undefined,
    });
    expect(step(clear, { clearSince: undefined }, at(3), clearAfter)).toEqual({
      kind: "track",
      clearSince: at(3),
    });
    expect(step(clear, { clearSince: at(3) }, at(12), clearAfter)).toEqual({
      kind: "track",
      clearSince: at(3),
    });
    expect(step(clear, { clearSince: at(3) }, at(13), clearAfter)).toEqual({ kind: "resolve" });
    // Back over before the while is up: the clock starts again.
    expect(step(edge, { clearSince: at(3) }, at(8), clearAfter)).toEqual({
      kind: "track",
      clearSince: undefined,
    });
  });
});
