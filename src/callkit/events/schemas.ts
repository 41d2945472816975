import { z } from "zod";
import { type CallRecord, callRecordSchema } from "../schemas.js";
import { normaliseV4, v4RecordSchema } from "../v4/schemas.js";

/**
 * The vendor's call-event callbacks (../shared/callkit-callbacks.md), both generations, as zod
 * schemas, read into one `CallEvent`. Lenient where the vendor's pages disagree with themselves:
 * v1 casing (`Caller`/`caller`, `Normal_end`), v4 ActionType spellings (`Hangup`/`HangUp`/`Hang
 * Up`, `Cancel_Invite`/`Canncel_Invite`), user ids as JSON numbers (parse the body with
 * `parseJsonKeepingIds` so 18-digit ones arrive here as text). Unknown words pass through.
 */

export type EventGeneration = "v1" | "v4";

/** What one participant did, in the words the timeline shows. */
export const STEP_ACTIONS = [
  "started",
  "invited",
  "ringing",
  "answered",
  "connected",
  "rejected",
  "no_answer",
  "ignored",
  "busy",
  "cancelled",
  "hung_up",
  "offline",
  "joined",
  "interrupted",
  "failed",
  "ended",
  "other",
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export interface EventStep {
  userId: string;
  action: StepAction;
  /** The vendor's own word for it (an unknown one is kept here). */
  word: string;
  role?: "caller" | "callee";
}

export type EventKind = "v1_status" | "v1_event" | "v4_start" | "v4_end" | "v4_member";

export interface CallEvent {
  generation: EventGeneration;
  kind: EventKind;
  /** v1's `command` query word or v4's CallbackCommand. */
  command: string;
  callId: string;
  /** Epoch ms (v1 sends seconds; converted). */
  eventTimeMs: number;
  steps: EventStep[];
  /** End of call: the call as the event tells it (unconfirmed until the records API says so). */
  record?: CallRecord;
  /** The idempotency key (see eventKey): retries and replicas of one event share it. */
  key: string;
}

/** A stored CallEvent read back (the store keeps it as JSON). */
export const callEventSchema = z.object({
  generation: z.enum(["v1", "v4"]),
  kind: z.enum(["v1_status", "v1_event", "v4_start", "v4_end", "v4_member"]),
  command: z.string(),
  callId: z.string(),
  eventTimeMs: z.number(),
  steps: z.array(
    z.object({
      userId: z.string(),
      action: z.enum(STEP_ACTIONS),
      word: z.string(),
      role: z.enum(["caller", "callee"]).optional(),
    }),
  ),
  record: callRecordSchema.optional(),
  key: z.string(),
});

/** A user id: text, or a JSON number (long ones pre-quoted by parseJsonKeepingIds). */
export const userIdSchema = z.union([
  z.string().min(1),
  z
    .number()
    .int()
    .nonnegative()
    .refine(Number.isSafeInteger, "user id too long for a JSON number")
    .transform(String),
]);

const int = z.preprocess(
  (value) => (typeof value === "string" && /^-?\d{1,15}$/.test(value) ? Number(value) : value),
  z.number().int(),
);
const optionalInt = z.preprocess((v) => (v === null || v === "" ? undefined : v), int.optional());
const lowerText = z
  .union([z.string(), z.number().transform(String)])
  .transform((s) => s.trim().toLowerCase());

export const V1_STATUS_WORDS = [
  "cancel",
  "reject",
  "not_answer",
  "normal_end",
  "call_busy",
  "interrupt",
  // The vendor's own sample command, not in its list.
  "call_end",
] as const;

const V1_CALLER_EVENTS: Record<string, StepAction> = {
  start_call: "started",
  call_accepted: "connected",
  call_missed: "no_answer",
  call_rejected: "rejected",
  call_busy: "busy",
  cancel_call: "cancelled",
  call_failed: "failed",
  call_end: "hung_up",
  call_interrupted: "interrupted",
};
const V1_CALLEE_EVENTS: Record<string, StepAction> = {
  receive_call: "ringing",
  accept_call: "answered",
  not_answer_call: "no_answer",
  reject_call: "rejected",
  ignore_call: "ignored",
  call_canceled: "cancelled",
  call_end: "hung_up",
  call_interrupted: "interrupted",
};
const V1_GROUP_EVENTS: Record<string, StepAction> = {
  invite_user: "invited",
  join_in_group_call: "joined",
};

export const v1BodySchema = z.looseObject({
  UserId: userIdSchema,
  RoomId: z
    .union([z.string(), z.number().transform(String)])
    .optional()
    .default(""),
  TotalNum: optionalInt,
  MediaType: lowerText.optional().default(""),
  CallType: lowerText.optional().default(""),
  CallId: z.string().min(1),
  Role: lowerText.optional().default(""),
  Event: lowerText.optional(),
  CallResult: lowerText.optional().default(""),
  EventTime: int,
  StartCallTs: optionalInt,
  AcceptTs: optionalInt,
  EndTs: optionalInt,
});
export type V1Body = z.infer<typeof v1BodySchema>;

const v4User = z.looseObject({ User_Account: userIdSchema, Status: z.string().optional() });

export const v4StartSchema = z.looseObject({
  CallbackCommand: z.literal("Call.CallbackAfterStartCall"),
  CallInfo: z.looseObject({
    CallId: z.string().min(1),
    CallMediaType: z.string().optional(),
    MediaType: z.string().optional(),
    ChatGroupId: z.string().optional(),
    RoomId: z.union([z.string(), z.number().transform(String)]).optional(),
    RoomIdType: optionalInt,
  }),
  UserList: z.array(v4User).optional().default([]),
  EventTime: int,
});

/** Accounts as text: the callbacks send them as JSON numbers too (the records API as strings). */
const idText = (value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
const accountsAsText = (value: unknown) => {
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  return {
    ...record,
    Caller_Account: idText(record.Caller_Account),
    ...(Array.isArray(record.CalleeList_Account)
      ? { CalleeList_Account: record.CalleeList_Account.map(idText) }
      : {}),
  };
};

export const v4EndSchema = z.looseObject({
  CallbackCommand: z.literal("Call.CallbackAfterEndCall"),
  CallRecord: z.preprocess(accountsAsText, v4RecordSchema),
  EventTime: int,
});

export const v4MemberSchema = z.looseObject({
  CallbackCommand: z.literal("Call.CallbackAfterMemberChanged"),
  CallId: z.string().min(1),
  UserList: z.array(v4User).optional().default([]),
  ChangedUserList: z
    .array(z.looseObject({ User_Account: userIdSchema, ActionType: z.string() }))
    .min(1),
  EventTime: int,
});

export const V4_COMMANDS = [
  "Call.CallbackAfterStartCall",
  "Call.CallbackAfterEndCall",
  "Call.CallbackAfterMemberChanged",
] as const;

/** `Hang Up`, `hang_up`, `HangUp` → `hangup`: the comparison the contract prescribes. */
export const squash = (word: string) => word.toLowerCase().replace(/[\s_]+/g, "");

const V4_ACTIONS: Record<string, StepAction> = {
  answer: "answered",
  accept: "answered",
  reject: "rejected",
  notanswer: "no_answer",
  hangup: "hung_up",
  join: "joined",
  offline: "offline",
  invite: "invited",
  invited: "invited",
  cancelinvite: "cancelled",
  cancelinvited: "cancelled",
  canncelinvite: "cancelled",
};

export function v4Action(word: string): StepAction {
  const key = squash(word);
  return Object.hasOwn(V4_ACTIONS, key) ? (V4_ACTIONS[key] as StepAction) : "other";
}

/** Every v1 command word the vendor lists (plus its sample's `call_end`). */
export const V1_COMMANDS: ReadonlySet<string> = new Set([
  ...V1_STATUS_WORDS,
  ...Object.keys(V1_CALLER_EVENTS).map((event) => `caller_${event}`),
  ...Object.keys(V1_CALLEE_EVENTS).map((event) => `callee_${event}`),
  ...Object.keys(V1_GROUP_EVENTS),
]);

function v1Action(role: string, event: string): StepAction {
  const table = role === "caller" ? V1_CALLER_EVENTS : V1_CALLEE_EVENTS;
  if (Object.hasOwn(V1_GROUP_EVENTS, event)) return V1_GROUP_EVENTS[event] as StepAction;
  if (Object.hasOwn(table, event)) return table[event] as StepAction;
  return "other";
}

/** The event word without its side prefix, from the command when the body has no Event. */
function v1EventWord(command: string, body: V1Body): string {
  if (body.Event) return body.Event;
  return command.replace(/^(caller|callee)_/, "");
}

/**
 * v1 EventTime is seconds (the contract's sample has 9 digits); one that reads as milliseconds
 * (13 digits) is taken as such rather than landing in the year 50000.
 */
export function v1TimeMs(value: number): number {
  return value > 100_000_000_000 ? value : value * 1000;
}

export class EventParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventParseError";
  }
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
}

/**
 * The idempotency keys of the contract: v4 end = CallId + command (one per call); v4 start =
 * CallId + command; member change = CallId + command + EventTime + the sorted `user:action`
 * pairs; v1 = CallId + command + UserId + Role + EventTime. A retry and a second replica compute
 * the same key from the same body; two different events never do (an end is once per call, and a
 * member's action at one millisecond is one action).
 */
export function eventKey(parts: readonly (string | number)[]): string {
  return parts.map((part) => String(part).replaceAll("|", "||")).join("|");
}

/** v1: `command` from the query (`sdkappid`, `command`, … lower-case). */
export function parseV1Event(command: string, body: unknown): CallEvent {
  const parsed = v1BodySchema.safeParse(body);
  if (!parsed.success) throw new EventParseError(`v1 body does not fit: ${issues(parsed.error)}`);
  const b = parsed.data;
  const word = command.trim().toLowerCase();
  const isStatus = (V1_STATUS_WORDS as readonly string[]).includes(word) && !b.Event;
  const role = b.Role === "caller" || b.Role === "callee" ? b.Role : undefined;
  const eventTimeMs = v1TimeMs(b.EventTime);
  const key = eventKey(["v1", b.CallId, word, b.UserId, b.Role, b.EventTime]);
  if (isStatus) {
    const result = b.CallResult || (word === "call_end" ? "" : word);
    const startTs = b.StartCallTs && b.StartCallTs > 0 ? b.StartCallTs : undefined;
    const record: CallRecord = {
      callId: b.CallId,
      mediaType: b.MediaType,
      roomId: b.RoomId,
      startCallTs: startTs ?? Math.floor(eventTimeMs / 1000),
      ...(b.AcceptTs && b.AcceptTs > 0 ? { acceptTs: b.AcceptTs } : {}),
      ...(b.EndTs && b.EndTs > 0 ? { endTs: b.EndTs } : { endTs: Math.floor(eventTimeMs / 1000) }),
      caller: role === "caller" ? b.UserId : "",
      ...(b.TotalNum === undefined ? {} : { totalUserNumber: b.TotalNum }),
      callType: b.CallType,
      callResult: result,
      callees: role === "callee" ? [b.UserId] : [],
      generation: "v1",
    };
    return {
      generation: "v1",
      kind: "v1_status",
      command: word,
      callId: b.CallId,
      eventTimeMs,
      steps: [{ userId: b.UserId, action: "ended", word: result, ...(role ? { role } : {}) }],
      record,
      key,
    };
  }
  const event = v1EventWord(word, b);
  return {
    generation: "v1",
    kind: "v1_event",
    command: word,
    callId: b.CallId,
    eventTimeMs,
    steps: [
      { userId: b.UserId, action: v1Action(b.Role, event), word: event, ...(role ? { role } : {}) },
    ],
    key,
  };
}

/** v4: the command from the query's CallbackCommand or, failing that, the body's. */
export function parseV4Event(body: unknown, sdkAppId?: number): CallEvent {
  const command =
    typeof body === "object" && body !== null && "CallbackCommand" in body
      ? String((body as { CallbackCommand: unknown }).CallbackCommand)
      : "";
  if (command === "Call.CallbackAfterStartCall") {
    const parsed = v4StartSchema.safeParse(body);
    if (!parsed.success)
      throw new EventParseError(`v4 start does not fit: ${issues(parsed.error)}`);
    const b = parsed.data;
    return {
      generation: "v4",
      kind: "v4_start",
      command,
      callId: b.CallInfo.CallId,
      eventTimeMs: b.EventTime,
      steps: b.UserList.map((user) => {
        const calling = squash(user.Status ?? "") === "calling";
        return {
          userId: user.User_Account,
          action: calling ? ("started" as const) : ("invited" as const),
          word: user.Status ?? "",
        };
      }),
      key: eventKey(["v4", b.CallInfo.CallId, command]),
    };
  }
  if (command === "Call.CallbackAfterEndCall") {
    const parsed = v4EndSchema.safeParse(body);
    if (!parsed.success) throw new EventParseError(`v4 end does not fit: ${issues(parsed.error)}`);
    const b = parsed.data;
    const record = normaliseV4(b.CallRecord, sdkAppId);
    return {
      generation: "v4",
      kind: "v4_end",
      command,
      callId: record.callId,
      eventTimeMs: b.EventTime,
      steps: [],
      record,
      key: eventKey(["v4", record.callId, command]),
    };
  }
  if (command === "Call.CallbackAfterMemberChanged") {
    const parsed = v4MemberSchema.safeParse(body);
    if (!parsed.success)
      throw new EventParseError(`v4 member change does not fit: ${issues(parsed.error)}`);
    const b = parsed.data;
    const steps = b.ChangedUserList.map((user) => ({
      userId: user.User_Account,
      action: v4Action(user.ActionType),
      word: user.ActionType,
    }));
    const pairs = steps
      .map((step) => `${step.userId}:${step.action === "other" ? squash(step.word) : step.action}`)
      .sort();
    return {
      generation: "v4",
      kind: "v4_member",
      command,
      callId: b.CallId,
      eventTimeMs: b.EventTime,
      steps,
      key: eventKey(["v4", b.CallId, command, b.EventTime, ...pairs]),
    };
  }
  throw new EventParseError(
    command ? "unknown v4 CallbackCommand" : "v4 body has no CallbackCommand",
  );
}
