import type { AlertCondition } from "../query/alert-rule.js";

/**
 * The figure of one rule at one minute, and what an episode does next: pure, so the hysteresis
 * and the baseline are tested without a clock or a store.
 *
 * - percent: matched calls as a share of the calls in scope (at least PERCENT_MIN_CALLS of them,
 *   so one failed call of one is not 100 %); fires above the rule.
 * - count: matched calls in the window; fires above the rule.
 * - baseline: the share now against the share over the same window of each of the last `days`
 *   days; fires when the share is at least twice the baseline and 5 points above it, and the
 *   matched count is at least 5 and 3 standard deviations above what the baseline predicts (so
 *   a quiet morning's 2 of 23 does not page), with at least `minVolume` calls in scope now and
 *   in the baseline.
 *
 * Hysteresis: an episode opens when the figure is over; it resolves once the figure has stayed
 * "clear" (at or below 90 % of the threshold, or too few calls to judge) for `clearAfterMs`; a
 * figure between the two keeps it open, so a value hovering at the edge does not flap.
 */

export const PERCENT_MIN_CALLS = 5;
export const CLEAR_FACTOR = 0.9;
/** Baseline rules: matched calls needed in the window before the rule may fire. */
export const BASELINE_MIN_MATCHED = 5;

export interface WindowCounts {
  total: number;
  matched: number;
}

export interface RuleFigure {
  unit: "percent" | "count";
  /** The figure now (percent or calls). */
  figure: number;
  /** What it is compared with (the rule's number, or the baseline's threshold). */
  threshold: number;
  /** The baseline rules' usual share at this hour (percent). */
  baseline?: number;
  now: WindowCounts;
  /** Enough calls to judge (percent and baseline rules). */
  judged: boolean;
}

const share = (c: WindowCounts) => (c.total > 0 ? (100 * c.matched) / c.total : 0);

export function measure(
  condition: AlertCondition,
  now: WindowCounts,
  baseline?: WindowCounts,
): RuleFigure {
  switch (condition.kind) {
    case "count":
      return { unit: "count", figure: now.matched, threshold: condition.above, now, judged: true };
    case "percent":
      return {
        unit: "percent",
        figure: share(now),
        threshold: condition.above,
        now,
        judged: now.total >= PERCENT_MIN_CALLS,
      };
    case "baseline": {
      const usual = baseline ? share(baseline) : 0;
      // Few calls make a share jumpy (2 of 23 in the morning is 8.7 %): the matched count must
      // also be well above what the usual share predicts (3 standard deviations of a Poisson
      // count) and at least BASELINE_MIN_MATCHED calls.
      const expected = (now.total * usual) / 100;
      const significant = Math.max(
        BASELINE_MIN_MATCHED,
        expected + 3 * Math.sqrt(Math.max(expected, 1)),
      );
      const significantShare = now.total > 0 ? (100 * significant) / now.total : 100;
      return {
        unit: "percent",
        figure: share(now),
        threshold: Math.min(100, Math.max(usual * 2, usual + 5, significantShare)),
        baseline: usual,
        now,
        judged:
          now.total >= condition.minVolume &&
          baseline !== undefined &&
          baseline.total >= condition.minVolume,
      };
    }
  }
}

export function isOver(f: RuleFigure): boolean {
  return f.judged && f.figure > f.threshold;
}

export function isClear(f: RuleFigure): boolean {
  return !f.judged || f.figure <= f.threshold * CLEAR_FACTOR;
}

export type Step =
  | { kind: "open" }
  | { kind: "track"; clearSince: Date | undefined }
  | { kind: "resolve" }
  | { kind: "none" };

/** What happens to a rule's episode (if any) given its figure at `at`. */
export function step(
  figure: RuleFigure,
  episode: { clearSince: Date | undefined } | undefined,
  at: Date,
  clearAfterMs: number,
): Step {
  if (!episode) return isOver(figure) ? { kind: "open" } : { kind: "none" };
  if (!isClear(figure)) return { kind: "track", clearSince: undefined };
  const since = episode.clearSince ?? at;
  if (at.getTime() - since.getTime() >= clearAfterMs) return { kind: "resolve" };
  return { kind: "track", clearSince: since };
}
