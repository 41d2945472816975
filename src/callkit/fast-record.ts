import type { CallRecord } from "./schemas.js";

/**
 * `callRecordSchema` by hand, for the hot path: a 1,000,000-call day is a million records, and zod
 * spends several microseconds on each. This accepts exactly what the schema accepts and returns
 * what it returns (a property test holds the two together); anything it does not accept goes to
 * zod, which says why. So the schema stays the one definition, and this is only its fast lane.
 */

type Loose = Record<string, unknown>;

const isInt = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value);
/** null and absent read the same (see schemas.ts). */
const openInt = (value: unknown): boolean => value === undefined || value === null || isInt(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** The record as the schema would parse it, or undefined when the schema should be asked. */
export function fastCallRecord(item: unknown): CallRecord | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const r = item as Loose;
  if (typeof r.callId !== "string" || r.callId.length === 0) return undefined;
  if (r.sdkAppId !== undefined && !isInt(r.sdkAppId)) return undefined;
  if (typeof r.mediaType !== "string") return undefined;
  const roomId = r.roomId;
  if (typeof roomId !== "string" && !(typeof roomId === "number" && Number.isFinite(roomId))) {
    return undefined;
  }
  if (!isInt(r.startCallTs)) return undefined;
  if (!openInt(r.acceptTs) || !openInt(r.endTs) || !openInt(r.totalUserNumber)) return undefined;
  if (typeof r.caller !== "string") return undefined;
  if (typeof r.callType !== "string" || typeof r.callResult !== "string") return undefined;
  const callees = r.callees;
  if (callees !== undefined && callees !== null && !isStringList(callees)) return undefined;
  if (r.generation !== undefined && r.generation !== "v1" && r.generation !== "v4")
    return undefined;
  if (r.members !== undefined && !isStringList(r.members)) return undefined;
  if (r.roomIdType !== undefined && !isInt(r.roomIdType)) return undefined;

  const record = { ...r } as Loose;
  record.roomId = typeof roomId === "number" ? String(roomId) : roomId;
  record.callees = callees ?? [];
  if (r.acceptTs === null) record.acceptTs = undefined;
  if (r.endTs === null) record.endTs = undefined;
  if (r.totalUserNumber === null) record.totalUserNumber = undefined;
  return record as CallRecord;
}
