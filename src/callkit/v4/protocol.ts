import { z } from "zod";
import { readPageRecords } from "../page-records.js";
import type { GenerationProtocol } from "../protocol.js";
import type { CallRecord } from "../schemas.js";
import { V4_RESIGN_ONCE, V4ErrorCode, v4ErrorForCode } from "./errors.js";
import {
  normaliseV4,
  type V4FilterBody,
  v4EnvelopeSchema,
  v4PageSchema,
  v4RecordSchema,
} from "./schemas.js";

/**
 * The second generation (shared/callkit-v4-api.md): `v4/call_record_http_srv/…` on the Chat REST
 * hosts, `{ActionStatus, ErrorCode, ErrorInfo, RequestId, Response}`, PascalCase throughout.
 * Signing is v1's. The filter body carries only the documented fields (the window and paging):
 * `CallResult`/`CallType` are not in the page's field table, so the client filters them itself.
 */
export function v4Protocol(app: { sdkAppId?: number } = {}): GenerationProtocol {
  const record = v4RecordSchema.transform((raw): CallRecord => normaliseV4(raw, app.sdkAppId));
  return {
    generation: "v4",
    endpoints: { filter: "get_record_by_filter", callId: "get_record_by_callid" },
    paths: {
      get_record_by_filter: "v4/call_record_http_srv/get_record_by_filter",
      get_record_by_callid: "v4/call_record_http_srv/get_record_by_callid",
    },
    urlVariable: "TRTC_V4_API_URL",
    dataRoot: "Response",
    readEnvelope(json) {
      const parsed = v4EnvelopeSchema.safeParse(json);
      if (!parsed.success) return { ok: false, issues: parsed.error };
      const { ErrorCode, ErrorInfo, RequestId, Response } = parsed.data;
      return {
        ok: true,
        code: ErrorCode,
        message: ErrorInfo,
        requestId: RequestId,
        data: Response,
      };
    },
    isEmpty: (code) => code === V4ErrorCode.noRecord,
    errorFor: (code, details) => v4ErrorForCode(code, details),
    resignOnce: (code) => V4_RESIGN_ONCE.has(code),
    resignAlways: (code) => code === V4ErrorCode.userSigExpired,
    // The v4 pages name no "invalid parameter" code for the filter: a refused size is not told
    // apart from other faults there (a silent cap is what v4 is known to do).
    refusesPageSize: () => false,
    filterBody: (filter): V4FilterBody => ({
      StartTime: filter.startTimestamp,
      ...(filter.endTimestamp === undefined ? {} : { EndTime: filter.endTimestamp }),
      ...(filter.numberPerPage === undefined ? {} : { NumberPerPage: filter.numberPerPage }),
      // Pages start at 1 on v4.
      Page: Math.max(1, filter.page ?? 1),
    }),
    callIdBody: (callId) => ({ CallId: callId }),
    pageSchema: v4PageSchema.transform((page) => ({
      totalNum: page.TotalNum,
      page: page.Page,
      ...readPageRecords(page.CallRecordList, record, "CallRecordList"),
    })),
    // get_record_by_callid answers `Response.CallRecord`.
    recordSchema: z.looseObject({ CallRecord: record }).transform((answer) => answer.CallRecord),
  };
}
