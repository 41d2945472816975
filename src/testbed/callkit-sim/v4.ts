import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { CallRecord } from "../../callkit/schemas.js";
import type { IndexedDataset } from "./columnar.js";
import { type MatchCache, pageOf } from "./pager.js";
import type { RecordEdit } from "./record-edits.js";
import { check } from "./requests.js";
import type { UserSigFailure } from "./usersig-verify.js";

/**
 * The simulator's second generation (shared/callkit-v4-api.md): the same records, served at the
 * v4 paths in the v4 envelope with PascalCase fields and values, and the Chat REST platform's
 * codes. Its tables are its own (not the client's), so a mapping bug in the client shows.
 *
 * Choices where the vendor's pages are silent or loose:
 * - StartTime older than now − 7 days is silently raised to it (as the page says), absent is
 *   now − 7 days; EndTime absent is now (the current second included);
 * - NumberPerPage defaults to 10; above `maxPerPage` (default 100) it is silently cut down to it
 *   (the page states no maximum: a client must follow the size the answer shows);
 * - Page defaults to 1 and pages start at 1 (Page 0 is 60003); a page past the end is 101050;
 * - CallResult / CallType are honoured when sent (the page's sample sends them);
 * - CalleeList_Account lists the caller first, then the callees (as in the vendor's samples);
 *   AcceptTime / EndTime are 0 when the record has none.
 */

export const V4_FILTER_PATH = "/v4/call_record_http_srv/get_record_by_filter";
export const V4_CALL_ID_PATH = "/v4/call_record_http_srv/get_record_by_callid";
export const V4_DEFAULT_PER_PAGE = 10;

export const V4_CODES = {
  noRecord: 101050,
  urlInvalid: 60002,
  bodyInvalid: 60003,
  notAdmin: 60010,
  rateLimited: 60007,
  userSigExpired: 70001,
  userSigMalformed: 70003,
  wrongKey: 70009,
  identifierMismatch: 70013,
  sdkAppIdMismatch: 70014,
} as const;

/** What each UserSig failure is on v4 (v1 has 70002/70003/70004 for all of them). */
export function v4CodeForUserSig(cause: UserSigFailure): number {
  switch (cause) {
    case "app":
    case "sdkappid":
      return V4_CODES.sdkAppIdMismatch;
    case "format":
      return V4_CODES.userSigMalformed;
    case "identifier":
      return V4_CODES.identifierMismatch;
    case "signature":
      return V4_CODES.wrongKey;
    case "expired":
      return V4_CODES.userSigExpired;
    case "not_admin":
      return V4_CODES.notAdmin;
  }
}

const RESULTS: Record<string, string> = {
  cancel: "Cancel",
  reject: "Reject",
  not_answer: "NotAnswer",
  normal_end: "NormalEnd",
  call_busy: "CallBusy",
  interrupt: "Interrupt",
  offline: "Offline",
};
const TYPES: Record<string, string> = { single: "SingleCall", group: "MultiCall" };
const MEDIA: Record<string, string> = { video: "Video", audio: "Audio" };
const lookup = (table: Record<string, string>, value: string) =>
  Object.hasOwn(table, value) ? (table[value] as string) : value;
const reverse = (table: Record<string, string>, value: string) =>
  Object.entries(table).find(([, v4]) => v4 === value)?.[0] ?? value;

export interface V4Record {
  CallId: string;
  Caller_Account: string;
  CalleeList_Account: string[];
  MediaType: string;
  CallType: string;
  StartTime: number;
  AcceptTime: number;
  EndTime: number;
  CallResult: string;
  RoomId: string;
  RoomIdType: number;
}

/** A record of the data set as v4 sends it; values not in the tables go out as they are. */
export function toV4Record(record: CallRecord): V4Record {
  const roomId = String(record.roomId);
  return {
    CallId: record.callId,
    Caller_Account: record.caller,
    CalleeList_Account: [record.caller, ...record.callees.filter((c) => c !== record.caller)],
    MediaType: lookup(MEDIA, record.mediaType),
    CallType: lookup(TYPES, record.callType),
    StartTime: record.startCallTs,
    AcceptTime: record.acceptTs ?? 0,
    EndTime: record.endTs ?? 0,
    CallResult: lookup(RESULTS, record.callResult),
    RoomId: roomId,
    RoomIdType: /^\d+$/.test(roomId) ? 1 : 2,
  };
}

export interface V4Envelope {
  ActionStatus: "OK" | "FAIL";
  ErrorCode: number;
  ErrorInfo: string;
  RequestId: string;
  Response?: unknown;
}

let sequence = 0;
export const v4Envelope = (code: number, info: string, response?: unknown): V4Envelope => ({
  ActionStatus: code === 0 ? "OK" : "FAIL",
  ErrorCode: code,
  ErrorInfo: info,
  RequestId: `Id-${randomBytes(16).toString("hex")}-O-Seq-${++sequence}`,
  ...(response === undefined ? {} : { Response: response }),
});
const noRecord = () => v4Envelope(V4_CODES.noRecord, "call record not exist");

const seconds = z.int({ error: "must be an integer (Unix seconds)" }).nonnegative({
  error: "must not be negative",
});

export const v4FilterBodySchema = z.object(
  {
    StartTime: seconds.optional(),
    EndTime: seconds.optional(),
    CallResult: z.string({ error: "must be a string" }).optional(),
    CallType: z.string({ error: "must be a string" }).optional(),
    NumberPerPage: z
      .int({ error: "must be an integer" })
      .min(1, { error: "must be 1 or more" })
      .optional(),
    Page: z.int({ error: "must be an integer" }).min(1, { error: "pages start at 1" }).optional(),
  },
  { error: "the body must be a JSON object" },
);

export const v4CallIdBodySchema = z.object(
  { CallId: z.string({ error: "is required (a string)" }).min(1, { error: "must not be empty" }) },
  { error: "the body must be a JSON object" },
);

export interface V4ServeOptions {
  maxPerPage: number;
  totalNum: "total" | "page";
  page: "echo" | "zero-when-done";
}

const SEVEN_DAYS_SEC = 7 * 86_400;

export function answerV4Filter(
  dataset: IndexedDataset,
  cache: MatchCache,
  body: unknown,
  nowSec: number,
  options: V4ServeOptions,
): V4Envelope {
  const checked = check(v4FilterBodySchema, body, "body field");
  if (!checked.ok) return v4Envelope(V4_CODES.bodyInvalid, checked.message);
  const request = checked.value;
  const reach = nowSec - SEVEN_DAYS_SEC;
  const startTs = Math.max(reach, request.StartTime ?? reach);
  const endTs = request.EndTime ?? nowSec + 1;
  if (endTs < startTs) return v4Envelope(V4_CODES.bodyInvalid, "EndTime is before StartTime");
  const page = request.Page ?? 1;
  const perPage = Math.min(request.NumberPerPage ?? V4_DEFAULT_PER_PAGE, options.maxPerPage);
  const filter = {
    startTs,
    endTs,
    ...(request.CallResult === undefined
      ? {}
      : { callResult: reverse(RESULTS, request.CallResult) }),
    ...(request.CallType === undefined ? {} : { callType: reverse(TYPES, request.CallType) }),
  };
  const { total, records } = pageOf(dataset, cache, filter, page, perPage);
  if (records.length === 0) return noRecord();
  const last = (page - 1) * perPage + records.length >= total;
  return v4Envelope(0, "", {
    TotalNum: options.totalNum === "total" ? total : records.length,
    Page: options.page === "zero-when-done" && last ? 0 : page,
    CallRecordList: records.map(toV4Record),
  });
}

export function answerV4CallId(dataset: IndexedDataset, body: unknown, nowSec: number): V4Envelope {
  const checked = check(v4CallIdBodySchema, body, "body field");
  if (!checked.ok) return v4Envelope(V4_CODES.bodyInvalid, checked.message);
  const record = dataset.find(checked.value.CallId);
  if (!record || record.startCallTs < nowSec - SEVEN_DAYS_SEC) return noRecord();
  return v4Envelope(0, "", { CallRecord: toV4Record(record) });
}

/** The `edit-records` fault on a v4 answer: fields named as v4 names them. */
export function withEditedV4Records(
  callId: boolean,
  answer: V4Envelope,
  edits: readonly RecordEdit[],
): V4Envelope {
  if (answer.ErrorCode !== 0 || typeof answer.Response !== "object" || !answer.Response) {
    return answer;
  }
  const response = answer.Response as { CallRecord?: unknown; CallRecordList?: unknown[] };
  if (callId) {
    const mine = edits.filter((e) => e.index === 0);
    return { ...answer, Response: { ...response, CallRecord: edited(response.CallRecord, mine) } };
  }
  if (!Array.isArray(response.CallRecordList)) return answer;
  const list = response.CallRecordList.map((record, index) =>
    edited(
      record,
      edits.filter((e) => e.index === index),
    ),
  );
  return { ...answer, Response: { ...response, CallRecordList: list } };
}

/** The `bad-record` fault on a v4 answer: the first record loses StartTime. */
export function withBadV4Record(callId: boolean, answer: V4Envelope): V4Envelope {
  return withEditedV4Records(callId, answer, [{ index: 0, drop: ["StartTime"] }]);
}

function edited(record: unknown, edits: readonly RecordEdit[]): unknown {
  if (edits.length === 0 || typeof record !== "object" || record === null) return record;
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const edit of edits) {
    for (const key of edit.drop ?? []) delete out[key];
    Object.assign(out, edit.set ?? {});
  }
  return out;
}
