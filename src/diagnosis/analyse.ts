import type { EventMessage, QualitySeries, RoomState } from "../trtc/schemas.js";
import type {
  ClientEvent,
  Diagnosis,
  EventCause,
  Percentiles,
  QualitySummary,
  Verdict,
} from "./model.js";

/** Pure steps of the diagnosis: choosing the room, naming events, summing up quality, the verdict. */

/**
 * The room session of this call: RoomString equal to the room ID, created closest to the call's
 * start and not long before it (a room ID reused by many calls gives many rows).
 */
export function pickRoom(
  rooms: readonly RoomState[],
  roomId: string,
  callStart: number,
): RoomState | undefined {
  const candidates = rooms.filter(
    (room) => room.RoomString === roomId && room.CreateTime >= callStart - 300,
  );
  candidates.sort(
    (a, b) => Math.abs(a.CreateTime - callStart) - Math.abs(b.CreateTime - callStart),
  );
  return candidates[0];
}

/** Which events can explain a failure (shared/trtc-quality-api.md, the EventId table). */
export function causeOf(eventId: number, paramOne: number): EventCause | undefined {
  switch (eventId) {
    case 1003:
      return paramOne === 0 ? "network_lost" : undefined;
    case 2001:
      return paramOne === 1 ? "background" : undefined;
    case 2002:
      if (paramOne === 1) return "no_network_permission";
      if (paramOne === 4) return "no_mic_permission";
      if (paramOne === 5) return "no_camera_permission";
      return undefined;
    case 4002:
      return "camera_failed";
    case 5003:
      return paramOne === 0 ? "enter_failed" : undefined;
    case 5005:
      return "server_timeout";
    case 7001:
      if (paramOne === 1) return "left_timeout";
      if (paramOne === 2) return "kicked";
      return undefined;
    case 32790:
      return "web_signal_lost";
    case 32792:
      return "web_media_lost";
    case 36864:
      return "backend_signal_lost";
    default:
      return undefined;
  }
}

export function clientEvents(
  userId: string,
  peerId: string,
  events: readonly EventMessage[],
): ClientEvent[] {
  return events.map((event) => {
    const cause = causeOf(event.EventId, event.ParamOne);
    return {
      userId,
      peerId,
      timeMs: event.Time,
      eventId: event.EventId,
      paramOne: event.ParamOne,
      paramTwo: event.ParamTwo,
      ...(cause ? { cause } : {}),
    };
  });
}

/** Nearest-rank percentiles of the values; undefined when there are none. */
export function percentiles(values: readonly number[]): Percentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  return {
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    max: sorted[sorted.length - 1] as number,
    samples: sorted.length,
  };
}

const median = (values: readonly number[]) => percentiles(values)?.p50;

/** Each participant's upstream quality; `momentOf(userId)` is the end of the "before" window. */
export function summarizeQuality(
  series: readonly QualitySeries[],
  momentOf: (userId: string) => number,
): QualitySummary[] {
  const byUser = new Map<string, QualitySummary>();
  for (const item of series) {
    if (item.PeerId !== "") continue;
    const summary = byUser.get(item.UserId) ?? { userId: item.UserId, metrics: {} };
    const stats = percentiles(item.Content.map((sample) => sample.Value));
    if (stats) summary.metrics[item.DataType] = stats;
    if (item.DataType === "rtt") {
      const moment = momentOf(item.UserId);
      const before = median(
        item.Content.filter((sample) => sample.Time <= moment && sample.Time > moment - 30).map(
          (sample) => sample.Value,
        ),
      );
      if (before !== undefined) summary.rttBeforeEndMs = before;
    }
    byUser.set(item.UserId, summary);
  }
  return [...byUser.values()].sort((a, b) => a.userId.localeCompare(b.userId));
}

/** Causes that explain a call that dropped, and those that explain one that never started. */
const DROP_CAUSES: readonly EventCause[] = [
  "network_lost",
  "web_signal_lost",
  "web_media_lost",
  "backend_signal_lost",
  "server_timeout",
  "left_timeout",
  "kicked",
  "background",
];
const START_CAUSES: readonly EventCause[] = [
  "no_mic_permission",
  "no_camera_permission",
  "no_network_permission",
  "camera_failed",
  "enter_failed",
  "server_timeout",
];
/** How long before the end an event may still explain a drop. */
const DROP_HORIZON_SEC = 120;
const HIGH_RTT_MS = 400;

/**
 * One verdict for the call: the client event nearest before the end that explains it (a network
 * loss before an interrupt, a permission refused before a cancel), else TRTC's own abnormal
 * experience, else a high round-trip time before the end, else "nothing found".
 */
export function decideVerdict(
  diagnosis: Pick<
    Diagnosis,
    "status" | "callResult" | "callEnd" | "events" | "abnormal" | "quality"
  >,
): Verdict {
  const callResult = diagnosis.callResult;
  if (diagnosis.status === "no_room") return { kind: "no_room", callResult };
  const endMs = diagnosis.callEnd * 1000;
  const dropped = callResult !== "cancel" && callResult !== "reject" && callResult !== "not_answer";
  const wanted = dropped ? DROP_CAUSES : [...START_CAUSES, ...DROP_CAUSES];
  const candidates = diagnosis.events.filter(
    (event) =>
      event.cause !== undefined &&
      wanted.includes(event.cause) &&
      event.timeMs <= endMs + 2000 &&
      (!dropped || event.timeMs >= endMs - DROP_HORIZON_SEC * 1000),
  );
  // The earliest explaining event of the kind ranked first: a network loss precedes the timeout
  // it causes, so rank by the cause list, then by time.
  candidates.sort(
    (a, b) =>
      wanted.indexOf(a.cause as EventCause) - wanted.indexOf(b.cause as EventCause) ||
      a.timeMs - b.timeMs,
  );
  const event = candidates[0];
  if (event?.cause) {
    const rtt = diagnosis.quality.find(
      (summary) => summary.userId === event.userId,
    )?.rttBeforeEndMs;
    return {
      kind: "event",
      userId: event.userId,
      cause: event.cause,
      eventId: event.eventId,
      paramOne: event.paramOne,
      secondsBeforeEnd: Math.max(0, Math.round((endMs - event.timeMs) / 1000)),
      callResult,
      ...(rtt !== undefined ? { rttBeforeMs: rtt } : {}),
    };
  }
  const abnormal = diagnosis.abnormal[0];
  if (abnormal) {
    const cause = abnormal.causes[0];
    return {
      kind: "abnormal",
      userId: abnormal.userId,
      experienceId: abnormal.experienceId,
      callResult,
      ...(cause
        ? { eventId: cause.eventId, ...(cause.peerId ? { peerId: cause.peerId } : {}) }
        : {}),
    };
  }
  const worst = [...diagnosis.quality]
    .filter((summary) => (summary.rttBeforeEndMs ?? 0) >= HIGH_RTT_MS)
    .sort((a, b) => (b.rttBeforeEndMs ?? 0) - (a.rttBeforeEndMs ?? 0))[0];
  if (worst?.rttBeforeEndMs !== undefined) {
    return {
      kind: "high_rtt",
      userId: worst.userId,
      rttBeforeMs: worst.rttBeforeEndMs,
      callResult,
    };
  }
  return { kind: "nothing_found", callResult };
}
