import type { StepAction } from "../callkit/events/schemas.js";
import type { Lang } from "../query/types.js";
import type { CallTimeline } from "../report/call-timeline.js";
import { CHART_WORDS } from "./labels.js";
import type { Step, StepTimeline } from "./steps-chart.js";

/**
 * A call's webhook timeline (report/call-timeline.ts) as the steps chart's input, pure: one row
 * per participant ("caller 10010"), each step labelled in the reader's language, a step that
 * ends a call badly marked as a failure.
 */

const FAILED: ReadonlySet<StepAction> = new Set([
  "rejected",
  "no_answer",
  "ignored",
  "busy",
  "cancelled",
  "offline",
  "interrupted",
  "failed",
]);
const OK: ReadonlySet<StepAction> = new Set(["answered", "connected", "joined", "hung_up"]);

function toneOf(action: StepAction): Step["tone"] {
  if (FAILED.has(action)) return "fail";
  return OK.has(action) ? "ok" : "info";
}

export function callTimelineSteps(
  timeline: CallTimeline,
  options: { lang: Lang; timeZone: string },
): StepTimeline {
  const w = CHART_WORDS[options.lang];
  const row = (p: CallTimeline["participants"][number]) => `${w.role[p.role]} ${p.userId}`;
  return {
    title: w.callTitle(timeline.callId),
    participants: timeline.participants.map(row),
    steps: timeline.participants.flatMap((p) =>
      p.steps.map((s) => ({
        participant: row(p),
        atMs: s.atMs,
        label: w.actions[s.action],
        tone: toneOf(s.action),
      })),
    ),
    timeZone: options.timeZone,
  };
}
