import type { CallRecord } from "../callkit/schemas.js";
import type { TrtcCloudApi } from "../trtc/client.js";
import { TrtcCloudError } from "../trtc/errors.js";
import type { UserInformation } from "../trtc/schemas.js";
import { clientEvents, decideVerdict, pickRoom, summarizeQuality } from "./analyse.js";
import {
  type ClientEvent,
  DIAGNOSIS_VERSION,
  type Diagnosis,
  type DiagnosisGap,
  type DiagnosisPart,
  type Participant,
} from "./model.js";

/**
 * A record → TRTC's account of its call (shared/trtc-quality-api.md, "From a TUICallKit record to
 * these calls"): DescribeRoomInfo finds the CommId, then users, each user's events, quality and the
 * abnormal experiences are fetched in parallel (the client paces each API at 20/s and splits the
 * windows). A failure finding the room fails the whole diagnosis (a TrtcCloudError); a failure of
 * one later part leaves a gap and the rest is still shown.
 */

/** The call's members: the caller, then the callees (v4 member lists include the caller). */
export function membersOf(record: CallRecord): string[] {
  return [...new Set([record.caller, ...record.callees, ...(record.members ?? [])])].filter(
    (id) => id.length > 0,
  );
}

/** When the call ended, as far as the record says (unanswered calls may carry endTs 0). */
export function endOf(record: CallRecord): number {
  const end = record.endTs ?? 0;
  return Math.max(end, record.startCallTs);
}

const MAX_USER_WINDOW_SEC = 4 * 3600;

export interface DiagnoseOptions {
  signal?: AbortSignal;
  now?: () => number;
}

export async function diagnose(
  api: TrtcCloudApi,
  record: CallRecord,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const signal = options.signal;
  const callStart = record.startCallTs;
  const callEnd = endOf(record);
  const base = {
    version: DIAGNOSIS_VERSION,
    callId: record.callId,
    roomId: record.roomId,
    callResult: record.callResult,
    callStart,
    callEnd,
    fetchedAt: Math.floor((options.now ?? Date.now)() / 1000),
  } as const;
  const members = membersOf(record);
  const rooms = await api.findRooms(
    { roomId: record.roomId, start: callStart - 300, end: callEnd + 60 },
    signal,
  );
  const room = pickRoom(rooms, record.roomId, callStart);
  if (!room) {
    const empty = {
      ...base,
      status: "no_room" as const,
      participants: members.map((userId) => ({ userId, entered: false })),
      events: [],
      abnormal: [],
      quality: [],
      gaps: [],
    };
    return { ...empty, verdict: decideVerdict(empty) };
  }
  const roomEnd =
    room.DestroyTime && room.DestroyTime >= room.CreateTime ? room.DestroyTime : callEnd;
  const window = {
    commId: room.CommId,
    start: room.CreateTime,
    end: Math.max(room.CreateTime, Math.min(roomEnd, room.CreateTime + MAX_USER_WINDOW_SEC)),
  };
  const gaps: DiagnosisGap[] = [];
  const partial = async <T>(
    part: DiagnosisPart,
    fallback: T,
    work: () => Promise<T>,
    userId?: string,
  ) => {
    try {
      return await work();
    } catch (error) {
      if (signal?.aborted) throw error;
      if (!(error instanceof TrtcCloudError)) throw error;
      // The package, the key or the clock fail every part alike: say so once, as the whole.
      if (error.kind === "package_required" || error.kind === "auth" || error.kind === "clock")
        throw error;
      gaps.push({ part, kind: error.kind, ...(userId ? { userId } : {}) });
      return fallback;
    }
  };

  const [users, eventLists, series, abnormal] = await Promise.all([
    partial("users", [] as UserInformation[], () =>
      api.userInfo({ ...window, userIds: members }, signal),
    ),
    Promise.all(
      members.map((userId) =>
        partial(
          "events",
          [] as ClientEvent[],
          async () =>
            (await api.userEvents({ ...window, roomId: room.RoomString, userId }, signal)).flatMap(
              (entry) => clientEvents(userId, entry.peerId, entry.events),
            ),
          userId,
        ),
      ),
    ),
    partial("quality", [], () => api.callQuality({ ...window, userIds: members }, signal)),
    partial("abnormal", [], () =>
      api.unusualEvents({ roomId: room.RoomString, start: window.start, end: roomEnd }, signal),
    ),
  ]);

  const events = eventLists
    .flat()
    .sort((a, b) => a.timeMs - b.timeMs || a.userId.localeCompare(b.userId));
  const seen = new Map(users.map((user) => [user.UserId, user]));
  const participants: Participant[] = [...new Set([...members, ...seen.keys()])].map((userId) => {
    const user = seen.get(userId);
    if (!user) return { userId, entered: false };
    return {
      userId,
      entered: true,
      joinTs: user.JoinTs,
      leaveTs: user.LeaveTs,
      ...(user.DeviceType ? { device: user.DeviceType } : {}),
      ...(user.SdkVersion ? { sdkVersion: user.SdkVersion } : {}),
      ...(user.ClientIp ? { clientIp: user.ClientIp } : {}),
    };
  });
  // "RTT before it": before the user's first explaining event near the end, else the end.
  const momentOf = (userId: string) => {
    const first = events.find(
      (event) =>
        event.userId === userId &&
        event.cause !== undefined &&
        event.timeMs >= (callEnd - 120) * 1000,
    );
    return first ? Math.floor(first.timeMs / 1000) : callEnd;
  };
  const diagnosis = {
    ...base,
    status: "found" as const,
    room: {
      commId: room.CommId,
      createTime: room.CreateTime,
      ...(room.DestroyTime ? { destroyTime: room.DestroyTime } : {}),
    },
    participants,
    events,
    abnormal: abnormal.map((item) => ({
      userId: item.UserId,
      experienceId: item.ExperienceId,
      eventTime: item.EventTime,
      causes: item.AbnormalEventList.map((cause) => ({
        eventId: cause.AbnormalEventId,
        peerId: cause.PeerId ?? "",
      })),
    })),
    quality: summarizeQuality(series, momentOf),
    gaps,
  };
  return { ...diagnosis, verdict: decideVerdict(diagnosis) };
}

/** Whether a call is worth explaining (and keeping the explanation of). */
export function isFailedCall(record: Pick<CallRecord, "callResult">): boolean {
  return record.callResult !== "normal_end";
}
