import type { CallTimeline, Verdict as TimelineVerdict } from "../report/call-timeline.js";
import type { Diagnosis, Verdict as TrtcVerdict } from "./model.js";

/**
 * TRTC's diagnosis merged with the call's webhook timeline (issue 18 item 2), pure: one verdict
 * for the call, the timeline's fact first (who went offline, rejected…), then TRTC's cause with
 * its distance to that moment, so the details never show two verdicts. Undefined when the
 * timeline tells nothing about why the call ended (the diagnosis's own verdict stands).
 */
export interface CombinedVerdict {
  timeline: TimelineVerdict;
  /** TRTC's cause, when it found one (an event, an abnormal experience, a high RTT). */
  trtc?: Extract<TrtcVerdict, { kind: "event" | "abnormal" | "high_rtt" }>;
  /** Seconds from TRTC's event to the timeline's moment (≥ 0: the event came first). */
  trtcSecondsBefore?: number;
}

/** The timeline step each verdict is about. */
const MOMENT: Partial<Record<TimelineVerdict["kind"], readonly string[]>> = {
  offline_after_answer: ["offline"],
  offline: ["offline"],
  rejected: ["rejected"],
  no_answer: ["no_answer", "ignored"],
  busy: ["busy"],
  cancelled: ["cancelled"],
  interrupted: ["interrupted", "failed"],
  hung_up: ["hung_up"],
};

export function combineVerdicts(
  timeline: CallTimeline,
  diagnosis: Pick<Diagnosis, "verdict" | "events">,
): CombinedVerdict | undefined {
  const verdict = timeline.verdict;
  if (verdict.kind === "ended" || verdict.kind === "in_progress") return undefined;
  const trtc = diagnosis.verdict;
  if (trtc.kind !== "event" && trtc.kind !== "abnormal" && trtc.kind !== "high_rtt")
    return { timeline: verdict };
  if (trtc.kind !== "event") return { timeline: verdict, trtc };
  const actions = MOMENT[verdict.kind] ?? [];
  const momentMs = timeline.participants
    .find((p) => p.userId === verdict.userId)
    ?.steps.find((s) => actions.includes(s.action))?.atMs;
  const eventMs = diagnosis.events.find(
    (e) => e.userId === trtc.userId && e.eventId === trtc.eventId && e.cause === trtc.cause,
  )?.timeMs;
  if (momentMs === undefined || eventMs === undefined) return { timeline: verdict, trtc };
  return {
    timeline: verdict,
    trtc,
    trtcSecondsBefore: Math.max(0, Math.round((momentMs - eventMs) / 1000)),
  };
}
