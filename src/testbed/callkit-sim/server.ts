import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { CallRecord } from "../../callkit/schemas.js";
import type { IndexedDataset } from "./columnar.js";
import { datasetFromRecords, generateDataset } from "./dataset.js";
import type { DatasetOptions, SimDataset } from "./dataset-shape.js";
import { type Fault, FaultBoard } from "./faults.js";
import { MatchCache, pageOf } from "./pager.js";
import { SlidingWindow } from "./rate-window.js";
import { withEditedRecords } from "./record-edits.js";
import {
  callIdBodySchema,
  check,
  DEFAULT_PER_PAGE,
  filterBodySchema,
  parseJson,
  queryParamsSchema,
} from "./requests.js";
import { createStats, type Endpoint, type SimStats } from "./stats.js";
import { verifyUserSig } from "./usersig-verify.js";
import {
  answerV4CallId,
  answerV4Filter,
  V4_CALL_ID_PATH,
  V4_CODES,
  V4_FILTER_PATH,
  type V4Envelope,
  v4CodeForUserSig,
  v4Envelope,
  withBadV4Record,
  withEditedV4Records,
} from "./v4.js";
import {
  type DeliveryOptions,
  type EventSenderStats,
  type SimGeneration,
  sendDatasetEvents,
} from "./webhooks.js";

/**
 * A stand-in for the vendor's TUICallKit records API over real HTTP (contract:
 * shared/callkit-api.md). Checks happen in the vendor's order: query parameters (70001), UserSig
 * (70002/70003/70004), rate (70005), body JSON (70009), body fields (70001), the 7-day window
 * (70001); then the answer, or 70011 when nothing matches.
 *
 * Choices where the vendor's page is silent:
 * - a window holds the calls whose startCallTs is in [startTimestamp, endTimestamp); the default
 *   end is "now" (the current second included);
 * - startTimestamp older than now − 7 days is refused (70001, the message says why) rather than
 *   quietly moved up, so a client that forgets the limit finds out;
 * - endTimestamp before startTimestamp is 70001; an empty window is 70011;
 * - numberPerPage is 1..1000 (more is 70001, not cut down); page 0 or absent is the first page,
 *   and a page past the end is 70011; `maxPerPage` makes it cut pages down silently (a capping
 *   vendor) and `refuseAbove` makes it refuse smaller sizes (70001);
 * - records are served newest first (the contract does not promise an order);
 * - the limiter counts only requests that got past the signature check;
 * - injected faults act before any check; `bad-record` and `edit-records` act on the successful
 *   answer.
 *
 * It speaks the second generation too (v4.ts, shared/callkit-v4-api.md) on the same port, with
 * its own limits, counts and faults (endpoints `v4-filter`, `v4-callId`). Which generation holds
 * which calls is `generation`: all in v1 (the default), all in v4, or `both`, an app mid-migration
 * (about 45% of calls in v1 only, 45% in v4 only, 10% in both); `dataset` is then every call.
 */

export interface SimulatorOptions {
  sdkAppId: number;
  secretKey: string;
  adminUser?: string; // default "administrator"
  host?: string; // default "127.0.0.1"
  port?: number; // default 0 (any free port)
  now?: () => number; // epoch ms clock for the 7-day rule, UserSig expiry; default Date.now
  dataset?: DatasetOptions | CallRecord[]; // generated (default) or explicit records
  rateLimit?: number; // get_records_by_filter, default 200/s; above it answers 70005
  callIdRateLimit?: number; // get_record_by_callId, default 20/s
  pagination?: { totalNum?: "total" | "page"; page?: "echo" | "zero-when-done" }; // both readings of the page
  ignorePage?: boolean; // misbehave like a server that answers page 1 whatever page is asked
  maxPerPage?: number; // numberPerPage above this is silently cut down to it (a vendor's cap); default none
  refuseAbove?: number; // numberPerPage above this is refused as invalid parameters (70001); default 1000
  generation?: "v1" | "v4" | "both"; // which generation holds the data set; default v1
  v4?: {
    dataset?: CallRecord[]; // v4's own records (then `dataset` is v1's and `generation` is ignored)
    rateLimit?: number; // get_record_by_filter, default 200/s; above it answers 60007
    callIdRateLimit?: number; // get_record_by_callid, default 200/s
    maxPerPage?: number; // NumberPerPage above this is silently cut down to it; default 100
    pagination?: { totalNum?: "total" | "page"; page?: "echo" | "zero-when-done" };
  };
}

export interface Simulator {
  url: string; // "http://127.0.0.1:PORT" (no trailing slash)
  connections(): number; // TCP connections accepted so far (keep-alive reuse shows as few)
  dataset: SimDataset; // every call, whichever generation holds it
  datasets: { v1: SimDataset; v4: SimDataset }; // what each generation holds
  generation: "v1" | "v4" | "both";
  stats: SimStats;
  faults: { inject(fault: Fault): void; clear(): void };
  /** What `v1/callback/set` and `v4/call_config/set_callback` registered (the last call wins). */
  callbacks: {
    v1?: { address: string; actions: string[] };
    v4?: { Url: string; CallbackCommandList: string[] };
  };
  /**
   * Sends the call events of these records (default: the whole data set of that generation) to
   * the generation's registered URL (or `url`), with the vendor's retry schedule.
   */
  sendEvents(
    options: { generation: SimGeneration; records?: Iterable<CallRecord>; url?: string } & Omit<
      DeliveryOptions,
      "url"
    > & { concurrency?: number },
  ): Promise<EventSenderStats>;
  stop(): Promise<void>;
}

export const FILTER_PATH = "/v1/records/get_records_by_filter";
export const CALL_ID_PATH = "/v1/records/get_record_by_callId";
const SEVEN_DAYS_SEC = 7 * 86_400;
const CALLBACK_PATHS = new Set([
  "/v1/callback/set",
  "/v1/callback/get",
  "/v4/call_config/set_callback",
  "/v4/call_config/get_callback",
]);
const MAX_BODY_BYTES = 1 << 20;

interface Envelope {
  errorCode: number;
  errorMessage: string;
  requestId: string;
  data?: unknown;
}

const envelope = (errorCode: number, errorMessage: string, data?: unknown): Envelope => ({
  errorCode,
  errorMessage,
  requestId: randomBytes(16).toString("hex"),
  ...(data === undefined ? {} : { data }),
});
const noRecord = () => envelope(70011, "no record found");

function endpointOf(path: string): Endpoint | undefined {
  if (path === FILTER_PATH) return "filter";
  if (path === CALL_ID_PATH) return "callId";
  if (path === V4_FILTER_PATH) return "v4-filter";
  if (path === V4_CALL_ID_PATH) return "v4-callId";
  return undefined;
}

const isV4 = (endpoint: Endpoint) => endpoint === "v4-filter" || endpoint === "v4-callId";

/** A stable split of calls for `generation: "both"`: by callId, so every run splits alike. */
function holderOf(callId: string): "v1" | "v4" | "both" {
  let hash = 2166136261;
  for (let i = 0; i < callId.length; i++) hash = Math.imul(hash ^ callId.charCodeAt(i), 16777619);
  const bucket = (hash >>> 0) % 20;
  return bucket < 9 ? "v1" : bucket < 18 ? "v4" : "both";
}

function splitDatasets(
  all: IndexedDataset,
  options: SimulatorOptions,
): {
  generation: "v1" | "v4" | "both";
  all: IndexedDataset;
  v1: IndexedDataset;
  v4: IndexedDataset;
} {
  const explicitV4 = options.v4?.dataset;
  if (explicitV4) {
    const v1Records = Array.from({ length: all.size }, (_, i) => all.at(i));
    const seen = new Set(v1Records.map((record) => record.callId));
    const union = [...v1Records, ...explicitV4.filter((record) => !seen.has(record.callId))];
    return {
      generation: "both",
      all: datasetFromRecords(union),
      v1: all,
      v4: datasetFromRecords(explicitV4),
    };
  }
  const generation = options.generation ?? "v1";
  const none = datasetFromRecords([]);
  if (generation === "v1") return { generation, all, v1: all, v4: none };
  if (generation === "v4") return { generation, all, v1: none, v4: all };
  const v1: CallRecord[] = [];
  const v4: CallRecord[] = [];
  for (let i = 0; i < all.size; i++) {
    const record = all.at(i);
    const holder = holderOf(record.callId);
    if (holder !== "v4") v1.push(record);
    if (holder !== "v1") v4.push(record);
  }
  return { generation, all, v1: datasetFromRecords(v1), v4: datasetFromRecords(v4) };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")),
    );
    req.on("error", reject);
    // A client that gives up mid-body gets no answer; the promise must still settle.
    req.on("close", () => {
      if (!req.complete) resolve(undefined);
    });
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  if (!Number.isInteger(options.sdkAppId) || options.sdkAppId <= 0) {
    throw new RangeError("sdkAppId must be a positive integer");
  }
  if (!options.secretKey) throw new RangeError("secretKey is required");
  const app = {
    sdkAppId: options.sdkAppId,
    secretKey: options.secretKey,
    adminUser: options.adminUser ?? "administrator",
  };
  const now = options.now ?? Date.now;
  const sets = splitDatasets(
    Array.isArray(options.dataset)
      ? datasetFromRecords(options.dataset)
      : generateDataset({ ...options.dataset, sdkAppId: app.sdkAppId, now: now() }),
    options,
  );
  const dataset = sets.v1;
  const cache = new MatchCache(dataset);
  const v4Cache = new MatchCache(sets.v4);
  const v4Serve = {
    maxPerPage: options.v4?.maxPerPage ?? 100,
    totalNum: options.v4?.pagination?.totalNum ?? "total",
    page: options.v4?.pagination?.page ?? "echo",
  } as const;
  const stats = createStats();
  const faults = new FaultBoard();
  const rateLimits: Record<Endpoint, number> = {
    filter: options.rateLimit ?? 200,
    callId: options.callIdRateLimit ?? 20,
    "v4-filter": options.v4?.rateLimit ?? 200,
    "v4-callId": options.v4?.callIdRateLimit ?? 200,
  };
  const limiters: Record<Endpoint, SlidingWindow> = {
    filter: new SlidingWindow(rateLimits.filter),
    callId: new SlidingWindow(rateLimits.callId),
    "v4-filter": new SlidingWindow(rateLimits["v4-filter"]),
    "v4-callId": new SlidingWindow(rateLimits["v4-callId"]),
  };
  const totalNumReading = options.pagination?.totalNum ?? "total";
  const pageReading = options.pagination?.page ?? "echo";

  function answerFilter(body: unknown, nowSec: number): Envelope {
    const checked = check(filterBodySchema, body, "body field");
    if (!checked.ok) return envelope(70001, checked.message);
    const request = checked.value;
    if (request.startTimestamp < nowSec - SEVEN_DAYS_SEC) {
      return envelope(
        70001,
        "invalid startTimestamp: older than 7 days; only calls created within the last 7 days can be queried",
      );
    }
    const endTs = request.endTimestamp ?? nowSec + 1;
    if (endTs < request.startTimestamp) {
      return envelope(70001, "invalid endTimestamp: earlier than startTimestamp");
    }
    const page = options.ignorePage ? 1 : request.page || 1;
    const asked = request.numberPerPage ?? DEFAULT_PER_PAGE;
    if (options.refuseAbove !== undefined && asked > options.refuseAbove) {
      return envelope(70001, `invalid numberPerPage: must be 1..${options.refuseAbove}`);
    }
    const perPage = Math.min(asked, options.maxPerPage ?? asked);
    const filter = {
      startTs: request.startTimestamp,
      endTs,
      ...(request.callResult === undefined ? {} : { callResult: request.callResult }),
      ...(request.callType === undefined ? {} : { callType: request.callType }),
    };
    const { total, records } = pageOf(dataset, cache, filter, page, perPage);
    if (records.length === 0) return noRecord();
    const last = (page - 1) * perPage + records.length >= total;
    return envelope(0, "Success", {
      totalNum: totalNumReading === "total" ? total : records.length,
      page: pageReading === "zero-when-done" && last ? 0 : page,
      callRecordList: records,
    });
  }

  function answerCallId(body: unknown, nowSec: number): Envelope {
    const checked = check(callIdBodySchema, body, "body field");
    if (!checked.ok) return envelope(70001, checked.message);
    const record = dataset.find(checked.value.callId);
    if (!record || record.startCallTs < nowSec - SEVEN_DAYS_SEC) return noRecord();
    return envelope(0, "Success", record);
  }

  /** The same checks in the same order, answered with v4's envelope and codes. */
  function answerV4(
    endpoint: Endpoint,
    params: URLSearchParams,
    body: string,
    arrival: number,
  ): V4Envelope {
    const query = check(queryParamsSchema, Object.fromEntries(params), "query parameter");
    if (!query.ok) return v4Envelope(V4_CODES.urlInvalid, query.message);
    const nowMs = now();
    const verdict = verifyUserSig({
      userSig: query.value.usersig,
      identifier: query.value.identifier,
      sdkAppId: query.value.sdkappid,
      app,
      nowMs,
    });
    if (!verdict.ok) return v4Envelope(v4CodeForUserSig(verdict.cause), verdict.reason);
    if (!limiters[endpoint].tryAcquire(arrival)) {
      stats.rejected(endpoint);
      return v4Envelope(
        V4_CODES.rateLimited,
        `request too frequent: more than ${rateLimits[endpoint]} per second`,
      );
    }
    stats.accepted(endpoint, arrival);
    const json = parseJson(body);
    if (!json.ok) return v4Envelope(V4_CODES.bodyInvalid, "the request body is not valid JSON");
    const nowSec = Math.floor(nowMs / 1000);
    return endpoint === "v4-filter"
      ? answerV4Filter(sets.v4, v4Cache, json.value, nowSec, v4Serve)
      : answerV4CallId(sets.v4, json.value, nowSec);
  }

  /** `arrival`: when the request came in (before its body was read), as the vendor's clock sees it. */
  function answer(
    endpoint: Endpoint,
    params: URLSearchParams,
    body: string,
    arrival: number,
  ): Envelope {
    const query = check(queryParamsSchema, Object.fromEntries(params), "query parameter");
    if (!query.ok) return envelope(70001, query.message);
    const nowMs = now();
    const verdict = verifyUserSig({
      userSig: query.value.usersig,
      identifier: query.value.identifier,
      sdkAppId: query.value.sdkappid,
      app,
      nowMs,
    });
    if (!verdict.ok) return envelope(verdict.code, verdict.reason);
    if (!limiters[endpoint].tryAcquire(arrival)) {
      stats.rejected(endpoint);
      return envelope(
        70005,
        `request rate exceeds the limit of ${rateLimits[endpoint]} per second`,
      );
    }
    stats.accepted(endpoint, arrival);
    const json = parseJson(body);
    if (!json.ok) return envelope(70009, "the request body is not valid JSON");
    const nowSec = Math.floor(nowMs / 1000);
    return endpoint === "filter"
      ? answerFilter(json.value, nowSec)
      : answerCallId(json.value, nowSec);
  }

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    if (ms <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const send = (res: ServerResponse, status: number, type: string, text: string) => {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const sendJson = (res: ServerResponse, value: unknown) =>
    send(res, 200, "application/json; charset=utf-8", JSON.stringify(value));

  const callbacks: Simulator["callbacks"] = {};

  /** v1/callback/set|get and v4/call_config/set_callback|get_callback, signed like the records API. */
  function answerCallbackConfig(path: string, params: URLSearchParams, body: string): unknown {
    const v4 = path.startsWith("/v4/");
    const fail = (v1Code: number, v4Code: number, message: string) =>
      v4 ? v4Envelope(v4Code, message) : envelope(v1Code, message);
    const query = check(queryParamsSchema, Object.fromEntries(params), "query parameter");
    if (!query.ok) return fail(70001, V4_CODES.urlInvalid, query.message);
    const verdict = verifyUserSig({
      userSig: query.value.usersig,
      identifier: query.value.identifier,
      sdkAppId: query.value.sdkappid,
      app,
      nowMs: now(),
    });
    if (!verdict.ok)
      return v4
        ? v4Envelope(v4CodeForUserSig(verdict.cause), verdict.reason)
        : envelope(verdict.code, verdict.reason);
    const json = parseJson(body);
    if (!json.ok || typeof json.value !== "object" || json.value === null) {
      return fail(70009, 100002, "the request body is not valid JSON");
    }
    const value = json.value as Record<string, unknown>;
    const strings = (list: unknown) =>
      Array.isArray(list) && list.every((item) => typeof item === "string")
        ? (list as string[])
        : undefined;
    if (path === "/v1/callback/set") {
      const address = value.address;
      const actions = strings(value.actions);
      if (typeof address !== "string" || !/^https?:\/\//.test(address) || !actions) {
        return envelope(70001, "address must start with http or https; actions must be a list");
      }
      callbacks.v1 = { address, actions };
      return envelope(0, "Success", address);
    }
    if (path === "/v1/callback/get") {
      return callbacks.v1
        ? envelope(0, "Success", callbacks.v1)
        : envelope(999, "no configuration");
    }
    if (path === "/v4/call_config/set_callback") {
      const Url = value.Url;
      const list = strings(value.CallbackCommandList);
      if (typeof Url !== "string" || !/^https?:\/\//.test(Url) || !list) {
        return v4Envelope(100002, "invalid parameter: Url and CallbackCommandList are required");
      }
      callbacks.v4 = { Url, CallbackCommandList: list };
      return v4Envelope(0, "");
    }
    return callbacks.v4
      ? { ...v4Envelope(0, ""), Response: callbacks.v4 }
      : v4Envelope(100301, "no configuration exists");
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    if (CALLBACK_PATHS.has(url.pathname)) {
      if (req.method !== "POST") return send(res, 405, "text/plain", "405 method not allowed");
      const body = await readBody(req);
      if (body === undefined) return send(res, 413, "text/plain", "413 request entity too large");
      return sendJson(res, answerCallbackConfig(url.pathname, url.searchParams, body));
    }
    const endpoint = endpointOf(url.pathname);
    if (!endpoint) return send(res, 404, "text/plain", "404 page not found");
    if (req.method !== "POST") return send(res, 405, "text/plain", "405 method not allowed");
    stats.arrived(endpoint);
    const arrival = performance.now();
    const body = await readBody(req);
    const { latencyMs, outcome } = faults.take(endpoint, { perPage: perPageOf(body) });
    if (outcome?.kind === "hang") return; // the socket stays open until the client gives up or stop()
    let reply: () => void;
    if (outcome?.kind === "http") {
      const title = `${outcome.status} ${STATUS_CODES[outcome.status] ?? "Error"}`;
      const html = `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`;
      reply = () => send(res, outcome.status, "text/html", html);
    } else if (outcome?.kind === "malformed") {
      reply = () =>
        send(
          res,
          200,
          "application/json",
          '{"errorCode":0,"errorMessage":"Success","data":{"totalNum":',
        );
    } else if (outcome?.kind === "oversized") {
      reply = () => sendOversized(res, outcome.bytes, outcome.chunked === true);
    } else if (outcome?.kind === "error") {
      const message = outcome.message ?? `injected error ${outcome.code}`;
      const value = isV4(endpoint)
        ? v4Envelope(outcome.code, message)
        : envelope(outcome.code, message);
      reply = () => sendJson(res, value);
    } else if (body === undefined) {
      reply = () => send(res, 413, "text/plain", "413 request entity too large");
    } else if (isV4(endpoint)) {
      let value = answerV4(endpoint, url.searchParams, body, arrival);
      const byCallId = endpoint === "v4-callId";
      if (outcome?.kind === "bad-record") value = withBadV4Record(byCallId, value);
      if (outcome?.kind === "edit-records")
        value = withEditedV4Records(byCallId, value, outcome.edits);
      reply = () => sendJson(res, value);
    } else {
      let value = answer(endpoint, url.searchParams, body, arrival);
      if (outcome?.kind === "bad-record") value = withBadRecord(endpoint, value, dataset);
      if (outcome?.kind === "edit-records")
        value = withEditedRecords(endpoint, value, outcome.edits);
      reply = () => sendJson(res, value);
    }
    later(latencyMs, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, "text/plain", "500 internal error"));
  });
  let connections = 0;
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    dataset: sets.all,
    datasets: { v1: sets.v1, v4: sets.v4 },
    generation: sets.generation,
    stats,
    connections: () => connections,
    faults: { inject: (fault) => faults.inject(fault), clear: () => faults.clear() },
    callbacks,
    sendEvents: async ({ generation, records, url, ...delivery }) => {
      const target = url ?? (generation === "v1" ? callbacks.v1?.address : callbacks.v4?.Url);
      if (!target) throw new Error(`no ${generation} callback URL is registered`);
      const held = generation === "v1" ? sets.v1 : sets.v4;
      const all = records ?? Array.from({ length: held.size }, (_, i) => held.at(i));
      return sendDatasetEvents(all, {
        ...delivery,
        url: target,
        generation,
        sdkAppId: app.sdkAppId,
      });
    },
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}

/** The page size a filter body asks for (either generation's field), for faults that care. */
function perPageOf(body: string | undefined): number | undefined {
  if (body === undefined) return undefined;
  const json = parseJson(body);
  if (!json.ok || typeof json.value !== "object" || json.value === null) return undefined;
  const fields = json.value as { numberPerPage?: unknown; NumberPerPage?: unknown };
  const value = fields.numberPerPage ?? fields.NumberPerPage;
  return typeof value === "number" ? value : undefined;
}

/**
 * A valid, empty answer padded to `bytes`, written in chunks as the socket drains, so the
 * simulator never holds the whole body: the point is a client that must not either.
 */
function sendOversized(res: ServerResponse, bytes: number, chunked: boolean): void {
  if (res.destroyed) return;
  const head = `{"errorCode":0,"errorMessage":"Success","requestId":"${randomBytes(16).toString("hex")}","data":{"totalNum":0,"page":0,"callRecordList":[],"padding":"`;
  const tail = '"}}';
  const padding = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, {
    "content-type": "application/json",
    ...(chunked ? {} : { "content-length": head.length + padding + tail.length }),
  });
  res.write(head);
  const chunk = "x".repeat(64 * 1024);
  let left = padding;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

/** A successful answer whose first record lacks startCallTs (a record is made up if none matched). */
function withBadRecord(endpoint: Endpoint, value: Envelope, dataset: SimDataset): Envelope {
  if (value.errorCode !== 0 && value.errorCode !== 70011) return value;
  const strip = (record: CallRecord) => {
    const { startCallTs: _dropped, ...broken } = record;
    return broken;
  };
  if (endpoint === "callId") {
    const record =
      (value.data as CallRecord | undefined) ?? (dataset.size > 0 ? dataset.at(0) : undefined);
    return {
      ...value,
      errorCode: 0,
      errorMessage: "Success",
      data: record ? strip(record) : { callId: "" },
    };
  }
  const data = value.data as
    | { totalNum: number; page: number; callRecordList: CallRecord[] }
    | undefined;
  const list = data?.callRecordList ?? (dataset.size > 0 ? [dataset.at(0)] : []);
  const [first, ...rest] = list;
  return {
    ...value,
    errorCode: 0,
    errorMessage: "Success",
    data: {
      totalNum: data?.totalNum ?? list.length,
      page: data?.page ?? 1,
      callRecordList: first ? [strip(first), ...rest] : [{ callId: "broken" }],
    },
  };
}
