import type { CallRecord } from "../../callkit/schemas.js";

/**
 * What TRTC would have recorded for the records simulator's calls: the same roomIds, users and
 * times, so a record found in callkit-sim can be explained here. Everything is derived from the
 * record (and a hash of its ids), so every read gives the same answer. Failed calls have causes:
 * - `interrupt`: one member (a callee when there is one) loses the network (event 1003/0) 12 s
 *   before the end, its round-trip time climbs to ~900 ms and its audio loss to ~30 in the 30 s
 *   before, and it leaves by timeout (7001/1); TRTC reports audio stutter (5) caused by upstream
 *   audio loss (2005);
 * - `cancel`: the caller had no microphone permission (2002/4) 2 s after starting; TRTC reports
 *   "could not start audio" (3) caused by "mic permission not granted" (1020).
 * Other calls are healthy. Cancelled calls have a room (the caller entered it); callees that
 * never answered never enter it.
 */

export interface SimRoom {
  commId: string;
  roomString: string;
  createTime: number;
  destroyTime: number;
  creator: string;
  record: CallRecord;
}

export interface SimUser {
  userId: string;
  joinTs: number;
  leaveTs: number;
  deviceType: string;
  sdkVersion: string;
  clientIp: string;
}

export interface SimEvent {
  Time: number; // ms
  EventId: number;
  ParamOne: number;
  ParamTwo: number;
  Type: number;
}

export interface SimSample {
  Time: number;
  Value: number;
}

export interface SimAbnormal {
  UserId: string;
  ExperienceId: number;
  RoomId: string;
  AbnormalEventList: { AbnormalEventId: number; PeerId: string }[];
  EventTime: number;
}

export function hash32(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** When the call really ended: records of unanswered calls may carry endTs 0. */
function endOf(record: CallRecord): number {
  const end = record.endTs ?? 0;
  return end > record.startCallTs ? end : record.startCallTs + 20;
}

export function roomOf(record: CallRecord, sdkAppId: number): SimRoom {
  // A numeric middle part even for string room IDs, as in the vendor's sample: never derivable.
  const number = /^\d+$/.test(record.roomId)
    ? Number(record.roomId)
    : hash32(record.roomId) % 1_000_000_000;
  return {
    commId: `${sdkAppId}_${number}_${record.startCallTs}`,
    roomString: record.roomId,
    createTime: record.startCallTs,
    destroyTime: endOf(record),
    creator: record.caller,
    record,
  };
}

/** The member whose network drops in an interrupted call. */
export function droppingUser(record: CallRecord): string {
  const answered = (record.acceptTs ?? 0) > 0 ? record.callees : [];
  return answered[0] ?? record.caller;
}

const DEVICES = ["iPhone15,2", "SM-S9180", "Pixel 8", "Windows", "Mac", "HUAWEI P60"];
const VERSIONS = ["11.9.15432", "12.0.16227", "12.2.16865", "11.5.14728"];

export function usersOf(room: SimRoom): SimUser[] {
  const record = room.record;
  const answered = (record.acceptTs ?? 0) > 0;
  const members = [record.caller, ...(answered ? record.callees : [])];
  return [...new Set(members)].map((userId, index) => {
    const h = hash32(`${userId}|${room.commId}`);
    const joinTs =
      index === 0 ? room.createTime : Math.max(room.createTime, record.acceptTs ?? room.createTime);
    return {
      userId,
      joinTs,
      leaveTs: room.destroyTime,
      deviceType: DEVICES[h % DEVICES.length] as string,
      sdkVersion: VERSIONS[(h >>> 8) % VERSIONS.length] as string,
      clientIp: `203.0.${(h >>> 16) % 256}.${((h >>> 24) % 254) + 1}`,
    };
  });
}

const event = (time: number, id: number, one = -1, two = -1): SimEvent => ({
  Time: time,
  EventId: id,
  ParamOne: one,
  ParamTwo: two,
  Type: 0,
});

export function eventsOf(room: SimRoom, user: SimUser): SimEvent[] {
  const record = room.record;
  const join = user.joinTs * 1000;
  const leave = user.leaveTs * 1000;
  const events = [
    event(join, 5001),
    event(join + 300, 5003, 1),
    event(join + 320, 7000, 0),
    event(join + 900, 5009),
  ];
  if (record.callResult === "interrupt" && user.userId === droppingUser(record)) {
    events.push(event(leave - 12_000, 1003, 0), event(leave, 7001, 1));
  } else if (record.callResult === "cancel" && user.userId === record.caller) {
    events.push(
      event(join + 2000, 2002, 4),
      event(join + 2100, 3001, 2),
      event(leave, 5008, 1),
      event(leave + 10, 7001, 0),
    );
  } else {
    events.push(event(leave, 5008, 1), event(leave + 10, 7001, 0));
  }
  return events;
}

/** Samples every 2 s from join to leave; `peerId` "" is the user's upstream. */
export function samplesOf(room: SimRoom, user: SimUser, metric: string): SimSample[] {
  const record = room.record;
  const drops = record.callResult === "interrupt" && user.userId === droppingUser(record);
  const h = hash32(`${user.userId}|${metric}|${room.commId}`);
  const samples: SimSample[] = [];
  for (let t = user.joinTs; t <= user.leaveTs; t += 2) {
    const wobble = ((h + t * 2654435761) >>> 0) % 100; // 0..99, stable per sample
    const toDrop = room.destroyTime - t;
    const bad = drops && toDrop <= 30;
    let value: number;
    switch (metric) {
      case "rtt":
        value = bad ? 850 + wobble : 60 + (wobble % 60);
        break;
      case "aLoss":
      case "bigvLoss":
        value = bad ? 25 + (wobble % 10) : wobble % 3;
        break;
      case "aBlock":
      case "bigvBlock":
        value = bad ? 400 + wobble * 4 : wobble > 95 ? 40 : 0;
        break;
      default:
        value = wobble;
    }
    // After the network is gone nothing more is reported.
    if (drops && toDrop < 12) break;
    samples.push({ Time: t, Value: value });
  }
  return samples;
}

export function abnormalOf(room: SimRoom): SimAbnormal[] {
  const record = room.record;
  if (record.callResult === "interrupt") {
    const dropped = droppingUser(record);
    const other = [record.caller, ...record.callees].find((id) => id !== dropped) ?? dropped;
    return [
      {
        UserId: other,
        ExperienceId: 5,
        RoomId: room.roomString,
        AbnormalEventList: [{ AbnormalEventId: 2005, PeerId: dropped }],
        EventTime: room.destroyTime - 20,
      },
    ];
  }
  if (record.callResult === "cancel") {
    return [
      {
        UserId: record.caller,
        ExperienceId: 3,
        RoomId: room.roomString,
        AbnormalEventList: [{ AbnormalEventId: 1020, PeerId: "" }],
        EventTime: room.createTime + 2,
      },
    ];
  }
  return [];
}
