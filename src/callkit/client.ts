import { getRandomValues } from "node:crypto";
import ky, { type KyInstance } from "ky";
import type { z } from "zod";
import type { TrtcConfig } from "../config.js";
import { createLogger, type Logger, redact } from "../log.js";
import { type CallKitEndpoint, CallKitError } from "./errors.js";
import { nodeHttpFetch, ResponseTooLargeError } from "./node-fetch.js";
import type { GenerationProtocol } from "./protocol.js";
import { type Permit, type Priority, sharedBucket, type TokenBucket } from "./rate-limit.js";
import { scanRecords } from "./scan.js";
import {
  type ApiGeneration,
  type CallRecord,
  type RecordsFilter,
  recordsFilterSchema,
} from "./schemas.js";
import type { RecordSource, ScanFilter, ScanOptions } from "./source.js";
import { UserSigCache } from "./usersig.js";
import { V1_PROTOCOL } from "./v1-protocol.js";
import { v4Protocol } from "./v4/protocol.js";

export interface CallKitClientOptions {
  /** Which generation of the records API this client speaks; default v1 (the seed). */
  generation?: ApiGeneration;
  sdkAppId: number;
  secretKey: string;
  adminUser: string;
  apiUrl: string;
  /** requests/s to the by-filter endpoint (v1 and v4: 200) */
  rateLimit: number;
  /** requests/s to the by-callId endpoint (v1: 20, v4: 200) */
  callIdRateLimit: number;
  /** per request (8000) */
  timeoutMs: number;
  /** default 3 */
  retries?: number;
  /**
   * Records a page on scans that need more than one page (TRTC_PAGE_SIZE); default 100, the
   * vendor's default. A cap or a refusal the vendor shows is remembered by this client.
   */
  pageSize?: number;
  /** Where the page-size notes go (a cap or a refusal, once each); default stderr. */
  logger?: Logger;
  /** Longest answer body accepted; default 16 MiB (a page of 1000 records is well under 1 MiB). */
  maxResponseBytes?: number;
  /** for structured logs: never contains secrets */
  onRequest?: (event: UpstreamRequestEvent) => void;
}

export interface UpstreamRequestEvent {
  endpoint: CallKitEndpoint;
  generation: ApiGeneration;
  /** How long this attempt waited for the rate limiter before it could start. */
  waitedMs: number;
  requestId?: string;
  errorCode?: number;
  status?: number;
  durationMs: number;
  attempt: number;
  outcome: "ok" | "empty" | "retry" | "error";
  /** Records of the page left out because they do not fit the contract. */
  skippedRecords?: number;
  /** Where the first of them went wrong (field paths and zod's wording only, never values). */
  skippedIssues?: string[];
}

export interface RecordsPageResult {
  records: CallRecord[];
  totalNum: number;
  page: number;
  requestId: string;
  /** Records of this page that did not fit the contract and were left out. */
  skipped: number;
}

/** The vendor's default page size: what a refused size falls back to, what small pages are. */
const VENDOR_PAGE_SIZE = 100;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 4000;
/** After a 70005 the whole endpoint pauses this long (doubling per attempt, jittered, capped). */
const RATE_PAUSE_BASE_MS = 500;
const RATE_PAUSE_CAP_MS = 4000;

/** This process's part of the app's limits, from whoever coordinates replicas (requests/s). */
export interface RateShare {
  rateLimit: number;
  callIdRateLimit: number;
  /** Start nothing for this long first: the other replicas have not made room yet. */
  holdMs?: number;
}

type Answer<T> = { kind: "ok"; value: T; requestId: string } | { kind: "empty"; requestId: string };

export class CallKitClient implements RecordSource {
  private readonly options: CallKitClientOptions;
  private readonly protocol: GenerationProtocol;
  private readonly retries: number;
  private readonly userSig: UserSigCache;
  private readonly http: KyInstance;
  private readonly buckets: { filter: TokenBucket; callId: TokenBucket };
  private readonly pageSize: number;
  private readonly logger: Logger;
  /** What this vendor endpoint showed about page sizes, for the life of the process. */
  private readonly sizes: { cap?: number; refused: boolean } = { refused: false };

  constructor(options: CallKitClientOptions) {
    this.options = options;
    this.protocol =
      options.generation === "v4" ? v4Protocol({ sdkAppId: options.sdkAppId }) : V1_PROTOCOL;
    this.retries = Math.max(0, options.retries ?? 3);
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? VENDOR_PAGE_SIZE));
    this.logger =
      options.logger ?? createLogger({ write: (line) => process.stderr.write(`${line}\n`) });
    this.userSig = new UserSigCache({
      sdkAppId: options.sdkAppId,
      secretKey: options.secretKey,
      identifier: options.adminUser,
    });
    // Our own timeout (it also covers reading the body) and our own retries; no HTTPError, whose
    // message would carry the signed URL. Requests go through node:http with keep-alive agents
    // (see node-fetch.ts for why not Node's own fetch).
    this.http = ky.create({
      prefixUrl: options.apiUrl,
      fetch: nodeHttpFetch,
      timeout: false,
      retry: 0,
      throwHttpErrors: false,
    });
    // Each endpoint of each generation has a limit of its own (the endpoint names differ).
    const app = `${options.apiUrl}|${options.sdkAppId}`;
    const { filter, callId } = this.protocol.endpoints;
    this.buckets = {
      filter: sharedBucket(`${app}|${filter}`, options.rateLimit),
      callId: sharedBucket(`${app}|${callId}`, options.callIdRateLimit),
    };
  }

  /** The margins each endpoint paces with now: wider for ten minutes after a 70005. */
  get rateMargins(): Record<"filter" | "callId", { headroom: number; guardMs: number }> {
    return {
      filter: this.buckets.filter.currentMargins,
      callId: this.buckets.callId.currentMargins,
    };
  }

  /** The generation this client speaks. */
  get generation(): ApiGeneration {
    return this.protocol.generation;
  }

  /**
   * Paces this process at its share of the app's limits from now on (requests waiting included).
   * The limiter is shared per app within the process, so every client of the app follows it.
   */
  setRateShare(share: RateShare): void {
    this.buckets.filter.setRate(share.rateLimit);
    this.buckets.callId.setRate(share.callIdRateLimit);
    if (share.holdMs !== undefined) {
      this.buckets.filter.hold(share.holdMs);
      this.buckets.callId.hold(share.holdMs);
    }
  }

  /** One page of records; the vendor's "no record" (v1 70011, v4 101050) is an empty page. */
  async getRecordsPage(
    filter: RecordsFilter,
    options: { signal?: AbortSignal; retryTimeouts?: boolean; priority?: Priority } = {},
  ): Promise<RecordsPageResult> {
    const endpoint = this.protocol.endpoints.filter;
    const body = recordsFilterSchema.safeParse(filter);
    if (!body.success) {
      throw new CallKitError({
        kind: "bug",
        retryable: false,
        endpoint,
        explanation: `callscope built an invalid filter (${describeIssues(body.error, "filter")}). This is a callscope bug.`,
      });
    }
    const answer = await this.request(
      "filter",
      this.protocol.filterBody(body.data),
      this.protocol.pageSchema,
      options.signal,
      (value) =>
        value.skipped > 0 ? { skippedRecords: value.skipped, skippedIssues: value.issues } : {},
      options.retryTimeouts ?? true,
      options.priority,
    );
    if (answer.kind === "empty") {
      return { records: [], totalNum: 0, page: 0, requestId: answer.requestId, skipped: 0 };
    }
    const { records, totalNum, page, skipped } = answer.value;
    return { records, totalNum, page, requestId: answer.requestId, skipped };
  }

  /** One call by its id; the vendor's "no record" (v1 70011, v4 101050) is undefined. */
  async getRecordByCallId(
    callId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<CallRecord | undefined> {
    if (typeof callId !== "string" || callId.trim() === "") {
      throw new CallKitError({
        kind: "bug",
        retryable: false,
        endpoint: this.protocol.endpoints.callId,
        explanation: "A call id is needed to look up one call.",
      });
    }
    const answer = await this.request(
      "callId",
      this.protocol.callIdBody(callId),
      this.protocol.recordSchema,
      options.signal,
    );
    return answer.kind === "empty" ? undefined : answer.value;
  }

  /** Records a page this client asks on scans that need more than one: its size, or a cap learnt. */
  get scanPageSize(): number {
    if (this.sizes.refused) return Math.min(this.pageSize, VENDOR_PAGE_SIZE);
    return Math.min(this.pageSize, this.sizes.cap ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Every record matching the filter (page/numberPerPage managed inside), constant memory. The
   * first page asks `options.pageSize` (default: this client's page size); a scan that needs more
   * asks this client's page size (TRTC_PAGE_SIZE), down to what the vendor showed it serves.
   */
  scan(filter: ScanFilter, options: ScanOptions = {}): AsyncIterable<CallRecord> {
    // Enough pages in flight to cover ~100 ms of latency at our share of the limit, no more.
    const rate = this.buckets.filter.rate;
    const defaultConcurrency = Math.min(32, Math.max(2, Math.ceil(rate / 10)));
    const grow = this.scanPageSize;
    const endpoint = this.protocol.endpoints.filter;
    const records = scanRecords(
      // A big page that times out is asked again at half the size by the pager, not as it was.
      (pageFilter, signal) =>
        this.getRecordsPage(pageFilter, {
          signal,
          retryTimeouts: (pageFilter.numberPerPage ?? VENDOR_PAGE_SIZE) <= VENDOR_PAGE_SIZE,
          ...(options.priority ? { priority: options.priority } : {}),
        }),
      filter,
      {
        ...options,
        pageSize: Math.min(options.pageSize ?? grow, grow),
        concurrency: options.concurrency ?? defaultConcurrency,
        endpoint,
        sizing: {
          grow,
          served: VENDOR_PAGE_SIZE,
          fallback: VENDOR_PAGE_SIZE,
          isRefusal: (error) =>
            error instanceof CallKitError &&
            error.code !== undefined &&
            this.protocol.refusesPageSize(error.code),
          onCap: (size) => {
            if (this.sizes.cap !== undefined && this.sizes.cap <= size) return;
            const first = this.sizes.cap === undefined;
            this.sizes.cap = size;
            if (first)
              this.logger.warn("callkit_page_size_capped", {
                generation: this.protocol.generation,
                endpoint,
                asked: this.pageSize,
                served: size,
              });
          },
          onRefusal: (size) => {
            if (this.sizes.refused) return;
            this.sizes.refused = true;
            this.logger.warn("callkit_page_size_refused", {
              generation: this.protocol.generation,
              endpoint,
              asked: this.pageSize,
              using: size,
            });
          },
        },
      },
    );
    // v4 is asked only what its field table documents (the window): result and type are
    // filtered here, so a vendor that ignores them costs pages, never wrong answers.
    return this.protocol.generation === "v4" ? matchingLocally(records, filter) : records;
  }

  /** Paces, signs, sends, parses, and retries what may be retried. */
  private async request<S extends z.ZodType>(
    which: "filter" | "callId",
    body: unknown,
    dataSchema: S,
    signal: AbortSignal | undefined,
    describe: (value: z.infer<S>) => Partial<UpstreamRequestEvent> = () => ({}),
    retryTimeouts = true,
    priority: Priority = "interactive",
  ): Promise<Answer<z.infer<S>>> {
    const endpoint = this.protocol.endpoints[which];
    const bucket = this.buckets[which];
    let resignedForInvalid = false;
    let retriedUnknown = false;
    for (let attempt = 1; ; attempt++) {
      let permit: Permit;
      const asked = performance.now();
      try {
        permit = await bucket.acquire(signal, priority);
      } catch {
        throw cancelled(endpoint);
      }
      const started = performance.now();
      const waitedMs = Math.round((started - asked) * 10) / 10;
      const event = (
        outcome: UpstreamRequestEvent["outcome"],
        extra: Partial<UpstreamRequestEvent> = {},
      ) =>
        this.emit({
          endpoint,
          generation: this.protocol.generation,
          waitedMs,
          attempt,
          outcome,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          ...extra,
        });
      let error: CallKitError;
      try {
        const answer = await this.attempt(endpoint, body, dataSchema, signal, permit);
        event(answer.kind, {
          requestId: answer.requestId,
          status: 200,
          ...(answer.kind === "ok" ? describe(answer.value) : {}),
        });
        return answer;
      } catch (caught) {
        error =
          caught instanceof CallKitError
            ? caught
            : new CallKitError({
                kind: "bug",
                retryable: false,
                endpoint,
                explanation: "callscope failed while handling the answer. This is a callscope bug.",
              });
      }
      let retry =
        error.retryable &&
        attempt <= this.retries &&
        error.kind !== "cancelled" &&
        (retryTimeouts || error.kind !== "timeout");
      let resign = false;
      // Codes are read by the generation that answered (v1's 70001 is v4's expired UserSig).
      if (error.code !== undefined && this.protocol.resignOnce(error.code)) {
        retry = !resignedForInvalid && attempt <= this.retries;
        resignedForInvalid = true;
        resign = true;
      } else if (error.code !== undefined && this.protocol.resignAlways(error.code)) {
        resign = true;
      } else if (error.kind === "upstream" && error.code !== undefined) {
        retry = retry && !retriedUnknown;
        retriedUnknown = true;
      }
      // A refusal of a paced request: the margins were too thin for this vendor's jitter.
      if (error.kind === "rate_limited") bucket.refused();
      event(retry ? "retry" : "error", {
        requestId: error.requestId,
        errorCode: error.code,
        status: error.status,
      });
      if (!retry) throw error;
      if (resign) this.userSig.invalidate();
      else if (error.kind === "rate_limited") {
        // The vendor counts the whole app: every request of this endpoint waits, not just this
        // one, and this one queues again behind them.
        bucket.pause(ratePauseMs(attempt));
      } else
        await sleep(backoffMs(attempt), signal).catch(() => {
          throw cancelled(endpoint);
        });
    }
  }

  private async attempt<S extends z.ZodType>(
    endpoint: CallKitEndpoint,
    body: unknown,
    dataSchema: S,
    signal: AbortSignal | undefined,
    permit: Permit,
  ): Promise<Answer<z.infer<S>>> {
    if (signal?.aborted) {
      permit.sent();
      throw cancelled(endpoint);
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    let status: number;
    let text: string;
    try {
      const response = await this.http.post(this.protocol.paths[endpoint] ?? endpoint, {
        searchParams: {
          sdkappid: this.options.sdkAppId,
          identifier: this.options.adminUser,
          usersig: this.userSig.get(),
          random: randomUint32(),
          contenttype: "json",
        },
        json: body,
        signal: controller.signal,
        // The rate limiter logs the request when it is on the wire, not when its slot came.
        fetch: (input, init) =>
          nodeHttpFetch(input, init, {
            onSent: permit.sent,
            maxBodyBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
          }),
      });
      status = response.status;
      text = await response.text();
    } catch (caught) {
      if (signal?.aborted) throw cancelled(endpoint);
      if (caught instanceof ResponseTooLargeError) {
        throw new CallKitError({
          kind: "malformed",
          retryable: false,
          endpoint,
          explanation: `TUICallKit's answer was longer than ${formatMiB(caught.limitBytes)}, far more than any page of records: callscope refused it unread. Something between callscope and Tencent (a proxy?) may be answering instead, or ${this.protocol.urlVariable} is wrong.`,
        });
      }
      if (timedOut) {
        throw new CallKitError({
          kind: "timeout",
          retryable: true,
          endpoint,
          explanation: `TUICallKit did not answer within ${this.options.timeoutMs} ms. Its service may be slow or unreachable: try again in a moment.`,
        });
      }
      throw new CallKitError({
        kind: "network",
        retryable: true,
        endpoint,
        explanation: `Could not reach TUICallKit (${networkReason(caught)}). Check the network and ${this.protocol.urlVariable}, then try again.`,
      });
    } finally {
      // A request that failed before it was written still releases its place in the log.
      permit.sent();
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    return parseAnswer(this.protocol, endpoint, status, text, dataSchema);
  }

  private emit(event: UpstreamRequestEvent): void {
    if (!this.options.onRequest) return;
    const clean = Object.fromEntries(
      Object.entries(event).filter(([, value]) => value !== undefined),
    ) as unknown as UpstreamRequestEvent;
    if (clean.requestId !== undefined) clean.requestId = redact(clean.requestId);
    try {
      this.options.onRequest(clean);
    } catch {
      // A logging callback must never break a request.
    }
  }
}

function parseAnswer<S extends z.ZodType>(
  protocol: GenerationProtocol,
  endpoint: CallKitEndpoint,
  status: number,
  text: string,
  dataSchema: S,
): Answer<z.infer<S>> {
  if (status !== 200) throw httpError(endpoint, status, protocol.urlVariable);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CallKitError({
      kind: "malformed",
      retryable: false,
      endpoint,
      status,
      explanation: `TUICallKit answered with something that is not JSON (${text.length} bytes). Something between callscope and Tencent (a proxy?) may be answering instead, or ${protocol.urlVariable} is wrong.`,
    });
  }
  const envelope = protocol.readEnvelope(json);
  if (!envelope.ok) throw malformed(endpoint, describeIssues(envelope.issues, ""));
  const { code, message, requestId } = envelope;
  if (protocol.isEmpty(code)) return { kind: "empty", requestId };
  if (code !== 0) {
    throw protocol.errorFor(code, { vendorMessage: message, requestId, endpoint });
  }
  const data = dataSchema.safeParse(envelope.data);
  if (!data.success)
    throw malformed(endpoint, describeIssues(data.error, protocol.dataRoot), requestId);
  return { kind: "ok", value: data.data, requestId };
}

function httpError(endpoint: CallKitEndpoint, status: number, urlVariable: string): CallKitError {
  if (status === 429) {
    return new CallKitError({
      kind: "rate_limited",
      retryable: true,
      endpoint,
      status,
      explanation:
        "TUICallKit (or a proxy in front of it) is rate limiting callscope. Wait a moment and try again.",
    });
  }
  if (status >= 500) {
    return new CallKitError({
      kind: "upstream",
      retryable: true,
      endpoint,
      status,
      explanation: `TUICallKit's service failed (HTTP ${status}). It is usually brief: try again in a moment.`,
    });
  }
  if (status === 404) {
    return new CallKitError({
      kind: "config",
      retryable: false,
      endpoint,
      status,
      explanation:
        urlVariable === "TRTC_API_URL"
          ? "The TUICallKit address does not know this API (HTTP 404): check TRTC_API_URL (e.g. https://callkit.trtc.tencent-cloud.com or the -intl host)."
          : `The TUICallKit address does not know this API (HTTP 404): check ${urlVariable} (e.g. https://console.tim.qq.com or the region's adminapi… host).`,
    });
  }
  return new CallKitError({
    kind: "upstream",
    retryable: false,
    endpoint,
    status,
    explanation: `TUICallKit refused the request with HTTP ${status}. Check ${urlVariable} and any proxy in between.`,
  });
}

function malformed(endpoint: CallKitEndpoint, where: string, requestId?: string): CallKitError {
  return new CallKitError({
    kind: "malformed",
    retryable: false,
    endpoint,
    requestId,
    explanation: `TUICallKit's answer does not have the documented shape: ${where}. The API may have changed: report it with the requestId.`,
  });
}

/** "data.callRecordList[3].callId is missing (expected string)" for the first few issues. */
function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = formatPath(root, issue.path);
      return `${path || "the answer"}: ${issue.message}`;
    })
    .join("; ");
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

async function* matchingLocally(
  records: AsyncIterable<CallRecord>,
  filter: ScanFilter,
): AsyncGenerator<CallRecord, void, undefined> {
  for await (const record of records) {
    if (filter.callResult !== undefined && record.callResult !== filter.callResult) continue;
    if (filter.callType !== undefined && record.callType !== filter.callType) continue;
    yield record;
  }
}

function cancelled(endpoint: CallKitEndpoint): CallKitError {
  return new CallKitError({
    kind: "cancelled",
    retryable: false,
    endpoint,
    explanation: "The request was cancelled before TUICallKit answered.",
  });
}

/** The system error code only (ECONNREFUSED…): library messages may carry the signed URL. */
function networkReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = cause && typeof cause.code === "string" ? cause.code : undefined;
  return code && /^[A-Z_]+$/.test(code) ? code : "connection failed";
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${bytes} bytes`;
}

function randomUint32(): number {
  return getRandomValues(new Uint32Array(1))[0] ?? 0;
}

function ratePauseMs(attempt: number): number {
  const base = Math.min(RATE_PAUSE_CAP_MS, RATE_PAUSE_BASE_MS * 2 ** (attempt - 1));
  // Jittered, so replicas refused in the same second do not all come back in the same one.
  return base * (0.75 + Math.random() / 2);
}

/** Exponential backoff with full jitter. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function createCallKitClient(
  config: TrtcConfig,
  extra: Partial<CallKitClientOptions> = {},
): CallKitClient {
  const v4 = extra.generation === "v4";
  return new CallKitClient({
    sdkAppId: config.TRTC_SDKAPPID,
    secretKey: config.TRTC_SECRET_KEY,
    adminUser: config.TRTC_ADMIN_USER,
    apiUrl: v4 ? config.TRTC_V4_API_URL : config.TRTC_API_URL,
    rateLimit: v4 ? config.TRTC_V4_RATE_LIMIT : config.TRTC_RATE_LIMIT,
    callIdRateLimit: v4 ? config.TRTC_V4_RATE_LIMIT : config.TRTC_CALLID_RATE_LIMIT,
    timeoutMs: config.TRTC_TIMEOUT_MS,
    pageSize: config.TRTC_PAGE_SIZE,
    ...extra,
  });
}

/** A client for each generation of the records API, built from the same configuration. */
export function createCallKitClients(
  config: TrtcConfig,
  extra: Partial<Omit<CallKitClientOptions, "generation">> = {},
): Record<ApiGeneration, CallKitClient> {
  return {
    v1: createCallKitClient(config, { ...extra, generation: "v1" }),
    v4: createCallKitClient(config, { ...extra, generation: "v4" }),
  };
}
