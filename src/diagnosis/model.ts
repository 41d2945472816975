/**
 * Why a call failed, from TRTC's own data: a plain data type (JSON-safe, no classes, no functions),
 * so it can be stored in the archive as it is, rendered in any language, and merged with other
 * timelines (the call-event webhooks) by whoever holds both. Times are epoch seconds unless named
 * `…Ms`. Words are not here: the Slack copy names events and verdicts in English and Chinese.
 */

export const DIAGNOSIS_VERSION = 1;

export interface Diagnosis {
  version: typeof DIAGNOSIS_VERSION;
  callId: string;
  roomId: string;
  /** The record's result and times, as the diagnosis read them. */
  callResult: string;
  callStart: number;
  callEnd: number;
  fetchedAt: number;
  /** `no_room`: TRTC has no room by that ID around the call: no one entered it. */
  status: "found" | "no_room";
  room?: DiagnosisRoom;
  participants: Participant[];
  /** Client events of every participant, in time order. */
  events: ClientEvent[];
  abnormal: AbnormalExperience[];
  quality: QualitySummary[];
  verdict: Verdict;
  /** Parts that could not be fetched (the rest is still shown). */
  gaps: DiagnosisGap[];
}

export interface DiagnosisRoom {
  commId: string;
  createTime: number;
  destroyTime?: number;
}

export interface Participant {
  userId: string;
  /** false: a member of the call who never entered the TRTC room. */
  entered: boolean;
  joinTs?: number;
  leaveTs?: number;
  device?: string;
  sdkVersion?: string;
  clientIp?: string;
}

/** One client event (shared/trtc-quality-api.md, DescribeUserEvent's EventId table). */
export interface ClientEvent {
  userId: string;
  peerId: string;
  timeMs: number;
  eventId: number;
  paramOne: number;
  paramTwo: number;
  /** A known name when the event can explain a failure; undefined for routine ones. */
  cause?: EventCause;
}

export type EventCause =
  | "network_lost"
  | "background"
  | "no_network_permission"
  | "no_mic_permission"
  | "no_camera_permission"
  | "camera_failed"
  | "enter_failed"
  | "server_timeout"
  | "left_timeout"
  | "kicked"
  | "web_signal_lost"
  | "web_media_lost"
  | "backend_signal_lost";

export interface AbnormalExperience {
  userId: string;
  experienceId: number;
  eventTime: number;
  causes: { eventId: number; peerId: string }[];
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  samples: number;
}

/** One participant's upstream quality over the call (PeerId "" in DescribeCallDetailInfo). */
export interface QualitySummary {
  userId: string;
  /** Metric (rtt, aLoss, bigvLoss, aBlock, bigvBlock) → percentiles over the call. */
  metrics: Record<string, Percentiles>;
  /** Median RTT (ms) in the 30 s before the verdict's moment (or the call's end). */
  rttBeforeEndMs?: number;
}

export type Verdict =
  | {
      kind: "event";
      userId: string;
      cause: EventCause;
      eventId: number;
      paramOne: number;
      /** Seconds between the event and the call's end (≥ 0: before it). */
      secondsBeforeEnd: number;
      callResult: string;
      rttBeforeMs?: number;
    }
  | {
      kind: "abnormal";
      userId: string;
      experienceId: number;
      eventId?: number;
      peerId?: string;
      callResult: string;
    }
  | { kind: "high_rtt"; userId: string; rttBeforeMs: number; callResult: string }
  | { kind: "no_room"; callResult: string }
  | { kind: "nothing_found"; callResult: string };

export type DiagnosisPart = "users" | "events" | "quality" | "abnormal";

export interface DiagnosisGap {
  part: DiagnosisPart;
  /** TrtcCloudError kind. */
  kind: string;
  userId?: string;
}
