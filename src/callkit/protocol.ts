import type { z } from "zod";
import type { CallKitEndpoint, CallKitError } from "./errors.js";
import type { ApiGeneration, CallRecord, RecordsFilter } from "./schemas.js";

/**
 * What differs between the two generations of the records API, and nothing else: paths, the
 * envelope, the error table, the body's field names, the record's shape. Signing, pacing,
 * retries, timeouts and the pager are the client's (client.ts) and the same for both.
 */

/** One page as the client hands it to the pager, misfits counted. */
export interface PageData {
  records: CallRecord[];
  totalNum: number;
  page: number;
  skipped: number;
  issues: string[];
}

/** The envelope, read: the outcome code, the text, the requestId, and the payload. */
export type EnvelopeReading =
  | { ok: true; code: number; message: string; requestId: string; data: unknown }
  | { ok: false; issues: z.ZodError };

export interface GenerationProtocol {
  readonly generation: ApiGeneration;
  readonly endpoints: { readonly filter: CallKitEndpoint; readonly callId: CallKitEndpoint };
  readonly paths: Readonly<Partial<Record<CallKitEndpoint, string>>>;
  /** The variable that holds this generation's host, for explanations. */
  readonly urlVariable: string;
  /** Where the payload sits in the envelope (`data`, `Response`), for explanations. */
  readonly dataRoot: string;
  readEnvelope(json: unknown): EnvelopeReading;
  /** "No record": an empty page, or a call not found. */
  isEmpty(code: number): boolean;
  errorFor(
    code: number,
    details: { vendorMessage?: string; requestId?: string; endpoint: CallKitEndpoint },
  ): CallKitError;
  /** UserSig rejected: sign afresh once, then fail (wrong key or SDKAppID). */
  resignOnce(code: number): boolean;
  /** UserSig expired: sign afresh and retry. */
  resignAlways(code: number): boolean;
  /** The vendor refused the request's parameters, which may be the page size asked for. */
  refusesPageSize(code: number): boolean;
  filterBody(filter: RecordsFilter): unknown;
  callIdBody(callId: string): unknown;
  readonly pageSchema: z.ZodType<PageData>;
  readonly recordSchema: z.ZodType<CallRecord>;
}
