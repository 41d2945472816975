import { errorForCode } from "./errors.js";
import { readPageRecords } from "./page-records.js";
import type { GenerationProtocol } from "./protocol.js";
import { callRecordSchema, ErrorCode, envelopeSchema, recordsPageSchema } from "./schemas.js";

/**
 * The first generation (shared/callkit-api.md): `v1/records/…`, camelCase, snake_case values.
 * Its records are the seed's shape as they are: no `generation` field, which reads as v1
 * (records already archived, and every reader written before v4, stay exactly as they were).
 */

export const V1_PROTOCOL: GenerationProtocol = {
  generation: "v1",
  endpoints: { filter: "get_records_by_filter", callId: "get_record_by_callId" },
  paths: {
    get_records_by_filter: "v1/records/get_records_by_filter",
    get_record_by_callId: "v1/records/get_record_by_callId",
  },
  urlVariable: "TRTC_API_URL",
  dataRoot: "data",
  readEnvelope(json) {
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) return { ok: false, issues: parsed.error };
    const { errorCode, errorMessage, requestId, data } = parsed.data;
    return { ok: true, code: errorCode, message: errorMessage, requestId, data };
  },
  isEmpty: (code) => code === ErrorCode.noRecord,
  errorFor: (code, details) => errorForCode(code, details),
  resignOnce: (code) => code === ErrorCode.userSigInvalid,
  resignAlways: (code) => code === ErrorCode.userSigExpired,
  // 70001, invalid parameters: the page does not state a maximum numberPerPage.
  refusesPageSize: (code) => code === ErrorCode.invalidParameters,
  filterBody: (filter) => filter,
  callIdBody: (callId) => ({ callId }),
  pageSchema: recordsPageSchema.transform((page) => ({
    totalNum: page.totalNum,
    page: page.page,
    ...readPageRecords(page.callRecordList),
  })),
  recordSchema: callRecordSchema,
};
