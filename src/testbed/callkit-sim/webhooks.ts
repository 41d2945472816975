import type { CallRecord } from "../../callkit/schemas.js";

/**
 * The simulator's side of the call-event webhooks (../shared/callkit-callbacks.md): for each call
 * of its data set, the events the vendor would send, in order, to a receiver URL, with the
 * vendor's retry schedule (0, 1, 1, 2, 3, 5 s) when an answer is late, not 200 or not the
 * generation's OK. Bodies are what the vendor's samples show, in valid JSON: v4 user ids as bare
 * JSON numbers when they are digits (the samples' 18-digit ones included), v1 words lower-case.
 */

export type SimGeneration = "v1" | "v4";

export interface OutgoingEvent {
  generation: SimGeneration;
  /** The query string the vendor appends (sdkappid / SdkAppid and the command). */
  query: string;
  body: string;
  callId: string;
  /** The vendor's EventTime, epoch ms. */
  atMs: number;
  /** True for the end-of-call event. */
  end: boolean;
}

export const VENDOR_RETRY_SCHEDULE_MS = [0, 1000, 1000, 2000, 3000, 5000] as const;

/** A digits-only id goes out as a bare JSON number (as the vendor's samples do); others as text. */
function account(id: string): string {
  return /^\d{1,30}$/.test(id) ? id : JSON.stringify(id);
}

const V4_RESULT: Record<string, string> = {
  cancel: "Cancel",
  reject: "Reject",
  not_answer: "NotAnswer",
  normal_end: "NormalEnd",
  call_busy: "CallBusy",
  interrupt: "Interrupt",
  offline: "Offline",
};

/** What the callee did, as told by the call's result. */
function calleeAction(result: string): { v4: string; v1: string } | undefined {
  switch (result) {
    case "reject":
      return { v4: "Reject", v1: "reject_call" };
    case "not_answer":
      return { v4: "NotAnswer", v1: "not_answer_call" };
    case "offline":
      return { v4: "Offline", v1: "call_interrupted" };
    default:
      return undefined;
  }
}

/** The events of one call, oldest first. */
export function eventsOfCall(
  record: CallRecord,
  generation: SimGeneration,
  sdkAppId: number,
): OutgoingEvent[] {
  const startMs = record.startCallTs * 1000;
  const acceptMs = record.acceptTs && record.acceptTs > 0 ? record.acceptTs * 1000 : undefined;
  const endMs = (record.endTs && record.endTs > 0 ? record.endTs : record.startCallTs + 30) * 1000;
  const callees = record.callees.filter((c) => c !== record.caller);
  const out: OutgoingEvent[] = [];
  const add = (query: string, body: string, atMs: number, end = false) =>
    out.push({ generation, query, body, callId: record.callId, atMs, end });
  if (generation === "v4") {
    const q = (command: string) =>
      `SdkAppid=${sdkAppId}&CallbackCommand=${command}&contenttype=json&ClientIP=127.0.0.1&OptPlatform=Android`;
    const users = (status: (u: string) => string) =>
      [record.caller, ...callees]
        .map((u) => `{"User_Account":${account(u)},"Status":"${status(u)}"}`)
        .join(",");
    add(
      q("Call.CallbackAfterStartCall"),
      `{"CallbackCommand":"Call.CallbackAfterStartCall","CallInfo":{"CallId":${JSON.stringify(record.callId)},"CallMediaType":"${record.mediaType === "video" ? "Video" : "Audio"}","ChatGroupId":"","RoomId":${JSON.stringify(String(record.roomId))},"RoomIdType":2},"UserList":[${users((u) => (u === record.caller ? "Calling" : "Waiting"))}],"EventTime":${startMs}}`,
      startMs,
    );
    const change = (user: string, action: string, atMs: number) =>
      add(
        q("Call.CallbackAfterMemberChanged"),
        `{"CallbackCommand":"Call.CallbackAfterMemberChanged","CallId":${JSON.stringify(record.callId)},"UserList":[${users(() => "Calling")}],"ChangedUserList":[{"User_Account":${account(user)},"ActionType":"${action}"}],"EventTime":${atMs}}`,
        atMs,
      );
    const first = callees[0];
    if (acceptMs !== undefined && first !== undefined) change(first, "Accept", acceptMs);
    const failure = calleeAction(record.callResult);
    if (failure && first !== undefined) change(first, failure.v4, endMs - 1);
    else if (record.callResult === "normal_end") change(record.caller, "Hangup", endMs - 1);
    const members = [record.caller, ...callees].map(account).join(",");
    add(
      q("Call.CallbackAfterEndCall"),
      `{"CallbackCommand":"Call.CallbackAfterEndCall","CallRecord":{"CallId":${JSON.stringify(record.callId)},"Caller_Account":${account(record.caller)},"MediaType":"${record.mediaType === "video" ? "Video" : "Audio"}","CallType":"${record.callType === "group" ? "MultiCall" : "SingleCall"}","StartTime":${record.startCallTs},"EndTime":${Math.floor(endMs / 1000)},"AcceptTime":${acceptMs ? acceptMs / 1000 : 0},"CallResult":"${V4_RESULT[record.callResult] ?? record.callResult}","CalleeList_Account":[${members}],"RoomId":${JSON.stringify(String(record.roomId))},"RoomIdType":2},"EventTime":${endMs + 40}}`,
      endMs + 40,
      true,
    );
    return out;
  }
  const q = (command: string) =>
    `sdkappid=${sdkAppId}&command=${command}&contenttype=json&clientip=127.0.0.1&optplatform=Android`;
  const body = (user: string, role: string, fields: Record<string, unknown>, atMs: number) =>
    JSON.stringify({
      UserId: user,
      RoomId: String(record.roomId),
      TotalNum: record.totalUserNumber ?? callees.length + 1,
      MediaType: record.mediaType,
      CallType: record.callType,
      CallId: record.callId,
      Role: role,
      CallResult: "",
      EventTime: Math.floor(atMs / 1000),
      ...fields,
    });
  add(
    q("caller_start_call"),
    body(record.caller, "caller", { Event: "start_call" }, startMs),
    startMs,
  );
  for (const callee of callees) {
    add(
      q("callee_receive_call"),
      body(callee, "callee", { Event: "receive_call" }, startMs),
      startMs,
    );
  }
  const first = callees[0];
  if (acceptMs !== undefined && first !== undefined) {
    add(
      q("callee_accept_call"),
      body(first, "callee", { Event: "accept_call" }, acceptMs),
      acceptMs,
    );
  }
  const failure = calleeAction(record.callResult);
  if (failure && first !== undefined) {
    add(q(`callee_${failure.v1}`), body(first, "callee", { Event: failure.v1 }, endMs), endMs);
  }
  const status = record.callResult === "offline" ? "interrupt" : record.callResult;
  add(
    q(status),
    body(
      record.caller,
      "caller",
      {
        CallResult: status,
        StartCallTs: record.startCallTs,
        AcceptTs: record.acceptTs ?? 0,
        EndTs: Math.floor(endMs / 1000),
      },
      endMs,
    ),
    endMs,
    true,
  );
  return out;
}

export interface DeliveryOptions {
  /** The registered URL (its path holds the receiver's token). */
  url: string;
  /** Delays before each delivery; default the vendor's 0, 1, 1, 2, 3, 5 s. */
  scheduleMs?: readonly number[];
  /** An answer later than this counts as none; default 2000 ms (v4's documented Chat timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DeliveryResult {
  /** Deliveries made (1 = the first one was answered OK). */
  attempts: number;
  ok: boolean;
  /** The first OK answer's time from the first send, ms. */
  ackMs?: number;
}

const ACKS: Record<SimGeneration, Record<string, unknown>> = {
  v1: { ErrorCode: 0, ErrorMessage: "Success" },
  v4: { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 },
};

function isAck(generation: SimGeneration, text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return Object.entries(ACKS[generation]).every(([key, value]) => body[key] === value);
  } catch {
    return false;
  }
}

/** Sends one event as the vendor does: again on the schedule until it is answered OK. */
export async function deliver(
  event: OutgoingEvent,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const schedule = options.scheduleMs ?? VENDOR_RETRY_SCHEDULE_MS;
  const timeoutMs = options.timeoutMs ?? 2000;
  const separator = options.url.includes("?") ? "&" : "?";
  const target = `${options.url}${separator}${event.query}`;
  let attempts = 0;
  for (const delay of schedule) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    options.signal?.throwIfAborted();
    attempts++;
    const sentAt = performance.now();
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: event.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (res.status === 200 && isAck(event.generation, text)) {
        return { attempts, ok: true, ackMs: performance.now() - sentAt };
      }
    } catch {
      // Late or refused: the next delivery on the schedule.
    }
  }
  return { attempts, ok: false };
}

export interface EventSenderStats {
  events: number;
  delivered: number;
  dropped: number;
  retries: number;
}

/** Sends every call's events (each call's in order; calls `concurrency` at a time). */
export async function sendDatasetEvents(
  records: Iterable<CallRecord>,
  options: DeliveryOptions & { generation: SimGeneration; sdkAppId: number; concurrency?: number },
): Promise<EventSenderStats> {
  const stats: EventSenderStats = { events: 0, delivered: 0, dropped: 0, retries: 0 };
  const queue = [...records];
  const worker = async () => {
    for (let record = queue.shift(); record; record = queue.shift()) {
      for (const event of eventsOfCall(record, options.generation, options.sdkAppId)) {
        const result = await deliver(event, options);
        stats.events++;
        stats.retries += result.attempts - 1;
        if (result.ok) stats.delivered++;
        else stats.dropped++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return stats;
}
