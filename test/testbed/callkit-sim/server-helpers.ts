import { connect } from "node:net";
import type { CallRecord } from "../../../src/callkit/schemas.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../../src/testbed/callkit-sim/server.js";
import { vendorUserSig } from "./sig-helpers.js";

export const SDK_APP_ID = 1400000042;
export const SECRET_KEY = "simulator-test-secret-key-0123456789";
export const ADMIN = "administrator";

export interface Call {
  status: number;
  text: string;
  json: Record<string, unknown> & { errorCode?: number; errorMessage?: string; data?: unknown };
}

/** Query parameters a correct client sends; `over` replaces (or with undefined, drops) some. */
export function signedParams(over: Record<string, string | undefined> = {}): URLSearchParams {
  const base: Record<string, string | undefined> = {
    sdkappid: String(SDK_APP_ID),
    identifier: ADMIN,
    usersig: vendorUserSig(SDK_APP_ID, SECRET_KEY, ADMIN),
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: "json",
    ...over,
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(base)) if (value !== undefined) params.set(key, value);
  return params;
}

export async function post(
  sim: Simulator,
  endpoint: "filter" | "callId",
  body: unknown,
  options: { params?: URLSearchParams; raw?: boolean; signal?: AbortSignal } = {},
): Promise<Call> {
  const path = endpoint === "filter" ? "get_records_by_filter" : "get_record_by_callId";
  const response = await fetch(
    `${sim.url}/v1/records/${path}?${options.params ?? signedParams()}`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: options.raw ? String(body) : JSON.stringify(body),
      signal: options.signal ?? null,
    },
  );
  const text = await response.text();
  let json: Call["json"] = {};
  try {
    json = JSON.parse(text) as Call["json"];
  } catch {
    // left empty: the test looks at `text`
  }
  return { status: response.status, text, json };
}

export const NOW_MS = Date.UTC(2025, 5, 10, 12, 0, 0);
export const NOW_SEC = NOW_MS / 1000;
export const DAY = 86_400;

export function record(i: number, over: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: `call-${String(i).padStart(3, "0")}`,
    sdkAppId: SDK_APP_ID,
    mediaType: i % 2 ? "audio" : "video",
    roomId: String(1000 + i),
    startCallTs: NOW_SEC - 3600 + i * 60,
    acceptTs: 0,
    endTs: NOW_SEC - 3600 + i * 60 + 20,
    caller: `user_${i}`,
    totalUserNumber: 2,
    callType: "single",
    callResult: i % 5 === 0 ? "reject" : "cancel",
    callees: ["10086"],
    ...over,
  };
}
export const RECORDS = Array.from({ length: 25 }, (_, i) => record(i));
export const WINDOW = { startTimestamp: NOW_SEC - 2 * 3600, endTimestamp: NOW_SEC };

/** Starts simulators for one test file; `stopAll` in afterAll. */
export function simulators() {
  const started: Simulator[] = [];
  const sim = async (over: Partial<SimulatorOptions> = {}): Promise<Simulator> => {
    const s = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: SECRET_KEY,
      now: () => NOW_MS,
      dataset: RECORDS,
      ...over,
    });
    started.push(s);
    return s;
  };
  const stopAll = () => Promise.all(started.map((s) => s.stop()));
  return { sim, stopAll };
}

/**
 * Sends many requests in one write on one connection (HTTP/1.1 pipelining), so they reach the
 * simulator together however loaded the machine is; resolves to the answers' error codes in order.
 */
export function pipelined(
  sim: Simulator,
  endpoint: "filter" | "callId",
  bodies: unknown[],
  params: URLSearchParams,
): Promise<number[]> {
  const { hostname, port } = new URL(sim.url);
  const path = `/v1/records/${endpoint === "filter" ? "get_records_by_filter" : "get_record_by_callId"}?${params}`;
  const requests = bodies.map((body) => {
    const text = JSON.stringify(body);
    return `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
  });
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(requests.join("")));
    let buffer = Buffer.alloc(0);
    const codes: number[] = [];
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) break;
        const head = buffer.subarray(0, headerEnd).toString("latin1");
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? Number.NaN);
        if (buffer.length < headerEnd + 4 + length) break;
        const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
        codes.push((JSON.parse(body) as { errorCode: number }).errorCode);
        buffer = buffer.subarray(headerEnd + 4 + length);
      }
      if (codes.length === bodies.length) {
        socket.destroy();
        resolve(codes);
      }
    });
    socket.on("error", reject);
    socket.on("close", () => {
      if (codes.length < bodies.length)
        reject(new Error(`connection closed after ${codes.length} answers`));
    });
  });
}
