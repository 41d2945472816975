import type { CallEvent, StepAction } from "../callkit/events/schemas.js";
import type { CallRecord } from "../callkit/schemas.js";

/**
 * A call's own timeline from its events (issue 14), pure: who was invited, rang, answered,
 * rejected, went offline… each with its time, per participant, and a one-line verdict naming
 * what ended the call. Words are the renderer's (copy.ts); this is data, so a chart can be
 * drawn from the same model.
 */

export interface TimelineStep {
  action: StepAction;
  /** Epoch ms of the vendor's EventTime. */
  atMs: number;
  /** The vendor's own word. */
  word: string;
}

export interface ParticipantTimeline {
  userId: string;
  role: "caller" | "callee";
  steps: TimelineStep[];
}

export type Verdict =
  | { kind: "offline_after_answer"; userId: string; role: "caller" | "callee"; seconds: number }
  | { kind: "offline"; userId: string; role: "caller" | "callee" }
  | { kind: "rejected"; userId: string; seconds: number | undefined }
  | { kind: "no_answer"; userId: string; seconds: number | undefined }
  | { kind: "busy"; userId: string }
  | { kind: "cancelled"; userId: string; seconds: number | undefined }
  | { kind: "interrupted"; userId: string; role: "caller" | "callee" }
  | { kind: "hung_up"; userId: string; role: "caller" | "callee"; talkSeconds: number | undefined }
  | { kind: "ended" }
  | { kind: "in_progress" };

export interface CallTimeline {
  callId: string;
  /** The first event's time (epoch ms). */
  startMs: number;
  participants: ParticipantTimeline[];
  verdict: Verdict;
  /** True when an end-of-call event is among the events. */
  ended: boolean;
}

/** Steps that are the call's bookkeeping rather than a person's action. */
const NOT_SHOWN: ReadonlySet<StepAction> = new Set(["ended"]);

export function buildTimeline(
  events: readonly CallEvent[],
  record?: CallRecord,
): CallTimeline | undefined {
  if (events.length === 0) return undefined;
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs);
  const endRecord = record ?? sorted.find((e) => e.record)?.record;
  const starter = sorted.flatMap((e) => e.steps).find((s) => s.action === "started")?.userId;
  const caller =
    (endRecord?.caller || undefined) ??
    sorted.flatMap((e) => e.steps).find((s) => s.role === "caller")?.userId ??
    starter;

  const byUser = new Map<string, ParticipantTimeline>();
  const seen = new Set<string>();
  const member = (userId: string, role?: "caller" | "callee") => {
    let p = byUser.get(userId);
    if (!p) {
      p = { userId, role: role ?? (userId === caller ? "caller" : "callee"), steps: [] };
      byUser.set(userId, p);
    }
    return p;
  };
  if (caller) member(caller, "caller");
  for (const event of sorted) {
    for (const step of event.steps) {
      if (NOT_SHOWN.has(step.action)) {
        member(step.userId, step.role);
        continue;
      }
      const key = `${step.userId}\u0000${step.action}\u0000${event.eventTimeMs}`;
      if (seen.has(key)) continue;
      seen.add(key);
      member(step.userId, step.role).steps.push({
        action: step.action,
        atMs: event.eventTimeMs,
        word: step.word,
      });
    }
  }
  const participants = [...byUser.values()].sort(
    (a, b) =>
      (a.role === "caller" ? 0 : 1) - (b.role === "caller" ? 0 : 1) ||
      (a.steps[0]?.atMs ?? Number.POSITIVE_INFINITY) -
        (b.steps[0]?.atMs ?? Number.POSITIVE_INFINITY),
  );
  const ended = sorted.some((e) => e.kind === "v4_end" || e.kind === "v1_status");
  const startMs = sorted[0]?.eventTimeMs ?? 0;
  return {
    callId: sorted[0]?.callId ?? "",
    startMs,
    participants,
    verdict: verdictOf(participants, startMs, ended),
    ended,
  };
}

const secondsBetween = (from: number | undefined, to: number) =>
  from === undefined ? undefined : Math.max(0, Math.round((to - from) / 1000));

function first(p: ParticipantTimeline, actions: readonly StepAction[]): TimelineStep | undefined {
  return p.steps.find((s) => actions.includes(s.action));
}

/** What ended the call, most telling first: a lost heartbeat, a refusal, silence, then a hang-up. */
export function verdictOf(
  participants: readonly ParticipantTimeline[],
  startMs: number,
  ended: boolean,
): Verdict {
  const callees = participants.filter((p) => p.role === "callee");
  for (const p of participants) {
    const offline = first(p, ["offline"]);
    if (!offline) continue;
    const answered = first(p, ["answered", "joined", "connected"]);
    if (answered && answered.atMs <= offline.atMs) {
      return {
        kind: "offline_after_answer",
        userId: p.userId,
        role: p.role,
        seconds: secondsBetween(answered.atMs, offline.atMs) ?? 0,
      };
    }
    return { kind: "offline", userId: p.userId, role: p.role };
  }
  const invitedAt = (p: ParticipantTimeline) => first(p, ["invited", "ringing"])?.atMs ?? startMs;
  for (const p of callees) {
    const rejected = first(p, ["rejected"]);
    if (rejected) {
      return {
        kind: "rejected",
        userId: p.userId,
        seconds: secondsBetween(invitedAt(p), rejected.atMs),
      };
    }
  }
  for (const p of callees) {
    const busy = first(p, ["busy"]);
    if (busy) return { kind: "busy", userId: p.userId };
  }
  for (const p of callees) {
    const silent = first(p, ["no_answer", "ignored"]);
    if (silent) {
      return {
        kind: "no_answer",
        userId: p.userId,
        seconds: secondsBetween(invitedAt(p), silent.atMs),
      };
    }
  }
  const anyAnswer = participants.some((p) => first(p, ["answered", "joined", "connected"]));
  for (const p of participants) {
    const cancelled = first(p, ["cancelled"]);
    if (cancelled && !anyAnswer) {
      return {
        kind: "cancelled",
        userId: p.userId,
        seconds: secondsBetween(startMs, cancelled.atMs),
      };
    }
  }
  for (const p of participants) {
    if (first(p, ["interrupted", "failed"])) {
      return { kind: "interrupted", userId: p.userId, role: p.role };
    }
  }
  const hangups = participants
    .flatMap((p) => p.steps.filter((s) => s.action === "hung_up").map((s) => ({ p, s })))
    .sort((a, b) => a.s.atMs - b.s.atMs);
  const hangup = hangups[0];
  if (hangup) {
    const answeredAt = participants
      .flatMap((p) => p.steps.filter((s) => s.action === "answered" || s.action === "joined"))
      .map((s) => s.atMs)
      .sort((a, b) => a - b)[0];
    return {
      kind: "hung_up",
      userId: hangup.p.userId,
      role: hangup.p.role,
      talkSeconds: secondsBetween(answeredAt, hangup.s.atMs),
    };
  }
  return ended ? { kind: "ended" } : { kind: "in_progress" };
}
