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
 *   and a page past the end is 70011;
 * - records are served newest first (the contract does not promise an order);
 * - the limiter counts only requests that got past the signature check;
 * - injected faults act before any check; `bad-record` and `edit-records` act on the successful
 *   answer.
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
}

export interface Simulator {
  url: string; // "http://127.0.0.1:PORT" (no trailing slash)
  connections(): number; // TCP connections accepted so far (keep-alive reuse shows as few)
  dataset: SimDataset;
  stats: SimStats;
  faults: { inject(fault: Fault): void; clear(): void };
  stop(): Promise<void>;
}

export const FILTER_PATH = "/v1/records/get_records_by_filter";
export const CALL_ID_PATH = "/v1/records/get_record_by_callId";
const SEVEN_DAYS_SEC = 7 * 86_400;
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
  return undefined;
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
  const dataset: IndexedDataset = Array.isArray(options.dataset)
    ? datasetFromRecords(options.dataset)
    : generateDataset({ ...options.dataset, sdkAppId: app.sdkAppId, now: now() });
  const cache = new MatchCache(dataset);
  const stats = createStats();
  const faults = new FaultBoard();
  const rateLimits = { filter: options.rateLimit ?? 200, callId: options.callIdRateLimit ?? 20 };
  const limiters = {
    filter: new SlidingWindow(rateLimits.filter),
    callId: new SlidingWindow(rateLimits.callId),
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
    const perPage = request.numberPerPage ?? DEFAULT_PER_PAGE;
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const endpoint = endpointOf(url.pathname);
    if (!endpoint) return send(res, 404, "text/plain", "404 page not found");
    if (req.method !== "POST") return send(res, 405, "text/plain", "405 method not allowed");
    stats.arrived(endpoint);
    const arrival = performance.now();
    const body = await readBody(req);
    const { latencyMs, outcome } = faults.take(endpoint);
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
      const value = envelope(outcome.code, outcome.message ?? `injected error ${outcome.code}`);
      reply = () => sendJson(res, value);
    } else if (body === undefined) {
      reply = () => send(res, 413, "text/plain", "413 request entity too large");
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
    dataset,
    stats,
    connections: () => connections,
    faults: { inject: (fault) => faults.inject(fault), clear: () => faults.clear() },
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
