import { z } from "zod";

/**
 * The TUICallKit records contract (../shared/callkit-api.md) as zod schemas: the single source of
 * the types used everywhere else. Parsing is lenient where the vendor's page is: unknown fields
 * pass through and enum-like strings are open (the page's own sample answers `offline`).
 */

export const KNOWN_CALL_RESULTS = [
  "cancel",
  "reject",
  "not_answer",
  "normal_end",
  "call_busy",
  "interrupt",
  "offline",
] as const;
export type KnownCallResult = (typeof KNOWN_CALL_RESULTS)[number];
/** A result the vendor may send: one we know, or any other string, shown as it is. */
export type CallResult = KnownCallResult | (string & {});

export const CALL_TYPES = ["single", "group"] as const;
export type CallType = (typeof CALL_TYPES)[number];
export const MEDIA_TYPES = ["video", "audio"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** null and absent read the same: the vendor's page says neither what unanswered calls carry. */
const absentWhenNull = (value: unknown) => (value === null ? undefined : value);
const openInt = z.preprocess(absentWhenNull, z.number().int().optional());

/**
 * `acceptTs`, `endTs`, `totalUserNumber` and `callees` are left open by the contract for calls
 * that were never answered, so they may be missing (or null); a missing `callees` reads as
 * nobody. A present field of the wrong type still makes the record not fit.
 */
export const callRecordSchema = z.looseObject({
  callId: z.string().min(1),
  /** Absent on second-generation (v4) records, which do not carry it. */
  sdkAppId: z.number().int().optional(),
  mediaType: z.string(),
  roomId: z.union([z.string(), z.number().transform(String)]),
  startCallTs: z.number().int(),
  acceptTs: openInt,
  endTs: openInt,
  caller: z.string(),
  totalUserNumber: openInt,
  callType: z.string(),
  callResult: z.string(),
  callees: z.preprocess(absentWhenNull, z.array(z.string()).optional().default([])),
  /** Which generation of the records API answered; absent reads as v1 (the seed). */
  generation: z.enum(["v1", "v4"]).optional(),
  /** v4 only: the raw member list (the vendor's samples include the caller). */
  members: z.array(z.string()).optional(),
  /** v4 only: 1 numeric room id, 2 string room id. */
  roomIdType: z.number().int().optional(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;
export type ApiGeneration = NonNullable<CallRecord["generation"]>;
export const API_GENERATIONS: readonly ApiGeneration[] = ["v1", "v4"];

/** Body of `v1/records/get_records_by_filter`. */
export const recordsFilterSchema = z.object({
  startTimestamp: z.number().int().nonnegative(),
  endTimestamp: z.number().int().nonnegative().optional(),
  callResult: z.string().optional(),
  callType: z.enum(CALL_TYPES).optional(),
  numberPerPage: z.number().int().positive().optional(),
  page: z.number().int().nonnegative().optional(),
});
export type RecordsFilter = z.infer<typeof recordsFilterSchema>;

export const envelopeSchema = z.looseObject({
  errorCode: z.number().int(),
  errorMessage: z.string().optional().default(""),
  requestId: z.string().optional().default(""),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * The page's envelope, strictly; its records are checked one by one (client.ts), so one record
 * that does not fit costs that record, not the page.
 */
export const recordsPageSchema = z.looseObject({
  totalNum: z.number().int().nonnegative(),
  page: z.number().int(),
  callRecordList: z.array(z.unknown()),
});
export type RecordsPage = z.infer<typeof recordsPageSchema>;

/** Error codes of the contract; see errors.ts for what each means to a person. */
export const ErrorCode = {
  ok: 0,
  groupCallPackageRequired: 50001,
  invalidParameters: 70001,
  userSigInvalid: 70002,
  userSigExpired: 70003,
  notAdmin: 70004,
  rateLimited: 70005,
  bodyUnparseable: 70009,
  noRecord: 70011,
} as const;

/**
 * Was this call connected? A completed call always was. An interrupted call was connected and then
 * cut (by the network, a crash) when its times say so: answered after it was placed, ended no
 * earlier. acceptTs alone never decides it: the contract's sample carries `acceptTs ==
 * startCallTs` on calls that were never answered.
 */
export function isAnswered(
  record: Pick<CallRecord, "callResult" | "startCallTs" | "acceptTs" | "endTs">,
): boolean {
  if (record.callResult === "normal_end") return true;
  if (record.callResult !== "interrupt") return false;
  const { acceptTs, endTs } = record;
  return (
    acceptTs !== undefined &&
    acceptTs > record.startCallTs &&
    endTs !== undefined &&
    endTs >= acceptTs
  );
}

/**
 * "Failed" as people use the word: every result but `normal_end`, unknown ones included. An
 * interrupted call is failed even when it was answered first: it did not end as its users chose.
 */
export function isFailedResult(result: string): boolean {
  return result !== "normal_end";
}

/** Talk time in seconds for answered calls, else undefined. */
export function talkSeconds(record: CallRecord): number | undefined {
  const { acceptTs, endTs } = record;
  if (!isAnswered(record) || acceptTs === undefined || endTs === undefined) return undefined;
  if (acceptTs <= 0 || endTs < acceptTs) return undefined;
  return endTs - acceptTs;
}

/** Seconds from placing the call to its answer, for answered calls. */
export function answerSeconds(record: CallRecord): number | undefined {
  const { acceptTs } = record;
  if (!isAnswered(record) || acceptTs === undefined || acceptTs < record.startCallTs)
    return undefined;
  return acceptTs - record.startCallTs;
}
