import { z } from "zod";
import type { CallRecord } from "../schemas.js";

/**
 * The second-generation records contract (shared/callkit-v4-api.md) as zod schemas, and its
 * reading into the one normalised CallRecord: PascalCase fields and values become the words of
 * v1 (`NormalEnd` → `normal_end`, `MultiCall` → `group`), values not in the tables are kept as
 * they are, times stay in seconds, callees are the members less the caller. Parsing is lenient
 * where the vendor's pages disagree with themselves (numbers sent as strings and back).
 */

/** v4 result → the word users type (v1's). Not closed: anything else is kept as it is. */
export const V4_RESULTS: Readonly<Record<string, string>> = {
  Cancel: "cancel",
  Reject: "reject",
  NotAnswer: "not_answer",
  NormalEnd: "normal_end",
  CallBusy: "call_busy",
  Interrupt: "interrupt",
  Offline: "offline",
};
export const V4_CALL_TYPES: Readonly<Record<string, string>> = {
  SingleCall: "single",
  MultiCall: "group",
};
export const V4_MEDIA_TYPES: Readonly<Record<string, string>> = { Video: "video", Audio: "audio" };

const invert = (table: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(table).map(([v4, v1]) => [v1, v4])) as Record<string, string>;
const V1_TO_V4_RESULTS = invert(V4_RESULTS);
const V1_TO_V4_CALL_TYPES = invert(V4_CALL_TYPES);
const V1_TO_V4_MEDIA_TYPES = invert(V4_MEDIA_TYPES);

const own = (table: Readonly<Record<string, string>>, value: string) =>
  Object.hasOwn(table, value) ? table[value] : undefined;
export const resultFromV4 = (value: string) => own(V4_RESULTS, value) ?? value;
export const resultToV4 = (value: string) => own(V1_TO_V4_RESULTS, value) ?? value;
export const callTypeFromV4 = (value: string) => own(V4_CALL_TYPES, value) ?? value;
export const callTypeToV4 = (value: string) => own(V1_TO_V4_CALL_TYPES, value) ?? value;
export const mediaTypeFromV4 = (value: string) => own(V4_MEDIA_TYPES, value) ?? value;
export const mediaTypeToV4 = (value: string) => own(V1_TO_V4_MEDIA_TYPES, value) ?? value;

const absentWhenNull = (value: unknown) => (value === null ? undefined : value);
/** An integer, or a string of digits (the pages' types drift). */
const lenientInt = z.preprocess(
  (value) => (typeof value === "string" && /^-?\d{1,15}$/.test(value) ? Number(value) : value),
  z.number().int(),
);
const openInt = z.preprocess(absentWhenNull, lenientInt.optional());
const text = z.union([z.string(), z.number().transform(String)]);

export const v4RecordSchema = z.looseObject({
  CallId: z.string().min(1),
  Caller_Account: z.string(),
  CalleeList_Account: z.preprocess(absentWhenNull, z.array(z.string()).optional().default([])),
  MediaType: z.string(),
  CallType: z.string(),
  StartTime: lenientInt,
  AcceptTime: openInt,
  EndTime: openInt,
  CallResult: text,
  RoomId: text,
  RoomIdType: openInt,
});
export type V4Record = z.infer<typeof v4RecordSchema>;

/** 0 means "never" in the vendor's samples (an unanswered call's AcceptTime). */
const positive = (value: number | undefined) => (value && value > 0 ? value : undefined);

export function normaliseV4(record: V4Record, sdkAppId?: number): CallRecord {
  const members = record.CalleeList_Account;
  const acceptTs = positive(record.AcceptTime);
  const endTs = positive(record.EndTime);
  return {
    callId: record.CallId,
    // v4 records carry no SDKAppID: the app's own, from the configuration (the contract's mapping).
    ...(sdkAppId === undefined ? {} : { sdkAppId }),
    mediaType: mediaTypeFromV4(record.MediaType),
    roomId: record.RoomId,
    startCallTs: record.StartTime,
    ...(acceptTs === undefined ? {} : { acceptTs }),
    ...(endTs === undefined ? {} : { endTs }),
    caller: record.Caller_Account,
    callType: callTypeFromV4(record.CallType),
    callResult: resultFromV4(record.CallResult),
    callees: members.filter((member) => member !== record.Caller_Account),
    members,
    ...(record.RoomIdType === undefined ? {} : { roomIdType: record.RoomIdType }),
    generation: "v4",
  };
}

export const v4EnvelopeSchema = z.looseObject({
  ActionStatus: z.string().optional(),
  ErrorCode: lenientInt,
  ErrorInfo: z.string().optional().default(""),
  RequestId: z.string().optional().default(""),
  Response: z.unknown().optional(),
});

/** `Response` of get_record_by_filter; its records are read one by one (see page-records.ts). */
export const v4PageSchema = z.looseObject({
  TotalNum: lenientInt.pipe(z.number().nonnegative()),
  Page: lenientInt,
  CallRecordList: z.preprocess(absentWhenNull, z.array(z.unknown()).optional().default([])),
});

/** Body of get_record_by_filter: what its field table documents, and nothing else. */
export interface V4FilterBody {
  StartTime: number;
  EndTime?: number;
  NumberPerPage?: number;
  Page?: number;
}
