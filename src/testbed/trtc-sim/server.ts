import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallRecord } from "../../callkit/schemas.js";
import { SlidingWindow } from "../callkit-sim/rate-window.js";
import {
  abnormalOf,
  eventsOf,
  roomOf,
  type SimRoom,
  type SimUser,
  samplesOf,
  usersOf,
} from "./data.js";
import { tc3Verify } from "./tc3.js";

/**
 * A local stand-in for the TRTC cloud API (2019-07-22), the five APIs that explain a call
 * (shared/trtc-quality-api.md): POST / with X-TC-Action, TC3-HMAC-SHA256 checked exactly as the
 * contract describes (tc3.ts), the 20 requests/s limit per API as a sliding second, the window
 * limits, the reach (7 or 14 days), paging, and faults. Its data are derived from the records
 * simulator's calls (data.ts), so a record found there can be explained here.
 */

export const TRTC_ACTION_NAMES = [
  "DescribeRoomInfo",
  "DescribeUserInfo",
  "DescribeUserEvent",
  "DescribeCallDetailInfo",
  "DescribeUnusualEvent",
] as const;
export type TrtcActionName = (typeof TRTC_ACTION_NAMES)[number];

const REGIONS: Record<TrtcActionName, readonly string[]> = {
  DescribeRoomInfo: ["ap-beijing", "ap-guangzhou", "ap-mumbai", "ap-singapore", "na-toronto"],
  DescribeUserInfo: ["ap-beijing", "ap-guangzhou", "ap-mumbai", "ap-singapore"],
  DescribeUserEvent: ["ap-beijing", "ap-guangzhou", "ap-mumbai", "ap-singapore"],
  DescribeCallDetailInfo: ["ap-beijing", "ap-guangzhou", "ap-mumbai", "ap-singapore"],
  DescribeUnusualEvent: ["ap-beijing", "ap-guangzhou", "ap-mumbai", "ap-singapore", "na-toronto"],
};

/**
 * Which code a missing Monitoring Dashboard edition produces is not documented (contract, "What the
 * docs leave open"); this one is the simulator's guess, overridable.
 */
export const DEFAULT_PACKAGE_ERROR_CODE = "FailedOperation.MonitorDashboardNotOpen";

export type TrtcFault =
  /** Answer this vendor error code (e.g. RequestLimitExceeded, InternalError.DBError). */
  | { kind: "error"; code: string; message?: string; action?: TrtcActionName; times?: number }
  /** A 200 whose body is not JSON. */
  | { kind: "malformed"; action?: TrtcActionName; times?: number }
  /** A 200 with JSON of the wrong shape (RoomList as a string…). */
  | { kind: "wrong-shape"; action?: TrtcActionName; times?: number }
  /** An HTTP status without the envelope. */
  | { kind: "http"; status: number; action?: TrtcActionName; times?: number }
  /** Hold the answer this long (a timeout when longer than the client waits). */
  | { kind: "delay"; ms: number; action?: TrtcActionName; times?: number };

export interface TrtcSimulatorOptions {
  sdkAppId: number;
  /** SecretId → SecretKey of the API keys it accepts. */
  keys: Record<string, string>;
  /** The records simulator's calls (its `dataset`), or explicit records. */
  calls: { size: number; at(index: number): CallRecord } | readonly CallRecord[];
  host?: string;
  port?: number;
  /** Epoch ms; for the signature's ±300 s and the reach. Default Date.now. */
  now?: () => number;
  /** Requests per sliding second per API; default 20. */
  rateLimit?: number;
  /** How far back data can be asked: 7 (Standard) or 14 (Premium) days; default 14. */
  reachDays?: number;
  /** false: the account has no paid dashboard edition; every request is refused. */
  monitoring?: boolean;
  packageErrorCode?: string;
}

export interface TrtcRequestLog {
  action: string;
  at: number; // performance.now() at arrival
  accepted: boolean;
  code?: string;
  body: Record<string, unknown>;
}

export interface TrtcSimulator {
  url: string;
  requests: TrtcRequestLog[];
  /** The most requests of one action that arrived (signed correctly) in any sliding second. */
  maxPerSecond(action: TrtcActionName): number;
  faults: { inject(fault: TrtcFault): void; clear(): void };
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  body: string;
  delayMs?: number;
}

const envelope = (response: Record<string, unknown>): Answer => ({
  status: 200,
  body: JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }),
});
const vendorError = (code: string, message: string): Answer =>
  envelope({ Error: { Code: code, Message: message } });

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const num = (value: unknown) =>
  typeof value === "number" && Number.isInteger(value) ? value : undefined;
const str = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);
const strings = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === "string")
    ? (value as string[])
    : undefined;

export async function startTrtcSimulator(options: TrtcSimulatorOptions): Promise<TrtcSimulator> {
  const now = options.now ?? Date.now;
  const rateLimit = options.rateLimit ?? 20;
  const reachSec = (options.reachDays ?? 14) * 86_400;
  const windows = new Map(
    TRTC_ACTION_NAMES.map((action) => [action, new SlidingWindow(rateLimit)]),
  );
  const requests: TrtcRequestLog[] = [];
  let faults: TrtcFault[] = [];

  // Rooms, indexed once on first use (the records simulator's data set may be large).
  let index:
    | { byRoom: Map<string, SimRoom[]>; byComm: Map<string, SimRoom>; all: SimRoom[] }
    | undefined;
  const rooms = () => {
    if (index) return index;
    const byRoom = new Map<string, SimRoom[]>();
    const byComm = new Map<string, SimRoom>();
    const all: SimRoom[] = [];
    const calls = options.calls;
    const size =
      "size" in calls && typeof calls.size === "number"
        ? calls.size
        : (calls as readonly CallRecord[]).length;
    const at = (i: number) =>
      Array.isArray(calls)
        ? (calls[i] as CallRecord)
        : (calls as { at(index: number): CallRecord }).at(i);
    for (let i = 0; i < size; i++) {
      const room = roomOf(at(i), options.sdkAppId);
      all.push(room);
      byComm.set(room.commId, room);
      const list = byRoom.get(room.roomString) ?? [];
      list.push(room);
      byRoom.set(room.roomString, list);
    }
    index = { byRoom, byComm, all };
    return index;
  };

  const takeFault = (action: string): TrtcFault | undefined => {
    const fault = faults.find(
      (candidate) => candidate.action === undefined || candidate.action === action,
    );
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) faults = faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  };

  /** Common checks of the time window; an error answer or undefined. */
  const checkWindow = (
    body: Record<string, unknown>,
    maxSec: number | undefined,
  ): Answer | undefined => {
    const start = num(body.StartTime);
    const end = num(body.EndTime);
    if (start === undefined)
      return vendorError("MissingParameter.StartTime", "StartTime is required");
    if (end === undefined) return vendorError("MissingParameter.EndTime", "EndTime is required");
    if (end < start) return vendorError("InvalidParameter.EndTime", "EndTime is before StartTime");
    const nowSec = Math.floor(now() / 1000);
    if (start < nowSec - reachSec) {
      return vendorError(
        "InvalidParameter.StartTimeOversize",
        "StartTime is beyond what the edition allows",
      );
    }
    if (maxSec !== undefined && end - start > maxSec) {
      return vendorError(
        "InvalidParameter.QueryScaleOversize",
        `query window longer than ${maxSec} s`,
      );
    }
    return undefined;
  };

  const page = <T>(
    items: T[],
    body: Record<string, unknown>,
    fallback: number,
    max: number,
  ): T[] | Answer => {
    const size = num(body.PageSize);
    const number = num(body.PageNumber);
    if (size !== undefined && (size < 1 || size > max)) {
      return vendorError("InvalidParameter.PageSizeOversize", `PageSize must be 1–${max}`);
    }
    if (size === undefined || number === undefined) return items.slice(0, fallback);
    return items.slice(number * size, (number + 1) * size);
  };

  const sdkAppIdOk = (body: Record<string, unknown>) => num(body.SdkAppId) === options.sdkAppId;

  const userInformation = (room: SimRoom, user: SimUser) => ({
    RoomStr: room.roomString,
    UserId: user.userId,
    JoinTs: user.joinTs,
    LeaveTs: user.leaveTs,
    DeviceType: user.deviceType,
    SdkVersion: user.sdkVersion,
    ClientIp: user.clientIp,
    Finished: true,
  });

  const handlers: Record<TrtcActionName, (body: Record<string, unknown>) => Answer> = {
    DescribeRoomInfo(body) {
      const bad = checkWindow(body, 86_400);
      if (bad) return bad;
      const start = body.StartTime as number;
      const end = body.EndTime as number;
      const roomId = str(body.RoomId);
      const candidates = roomId === undefined ? rooms().all : (rooms().byRoom.get(roomId) ?? []);
      const matching = candidates.filter(
        (room) => room.createTime >= start && room.createTime <= end,
      );
      const rows = page(matching, body, 10, 100);
      if (!Array.isArray(rows)) return rows;
      return envelope({
        Total: rows.length,
        RoomList: rows.map((room) => ({
          CommId: room.commId,
          RoomString: room.roomString,
          CreateTime: room.createTime,
          DestroyTime: room.destroyTime,
          IsFinished: true,
          UserId: room.creator,
        })),
      });
    },
    DescribeUserInfo(body) {
      const commId = str(body.CommId);
      if (!commId) return vendorError("MissingParameter.CommId", "CommId is required");
      const bad = checkWindow(body, 4 * 3600);
      if (bad) return bad;
      const userIds = body.UserIds === undefined ? undefined : strings(body.UserIds);
      if (body.UserIds !== undefined && (!userIds || userIds.length > 100)) {
        return vendorError("InvalidParameter.UserIds", "UserIds must be 1–100 strings");
      }
      const room = rooms().byComm.get(commId);
      const start = body.StartTime as number;
      const end = body.EndTime as number;
      const users = room
        ? usersOf(room).filter(
            (user) =>
              (!userIds || userIds.includes(user.userId)) &&
              user.joinTs <= end &&
              user.leaveTs >= start,
          )
        : [];
      const rows = page(users, body, 6, 100);
      if (!Array.isArray(rows)) return rows;
      return envelope({
        Total: rows.length,
        UserList: rows.map((user) => userInformation(room as SimRoom, user)),
      });
    },
    DescribeUserEvent(body) {
      for (const field of ["CommId", "RoomId", "UserId"] as const) {
        if (!str(body[field]))
          return vendorError(`MissingParameter.${field}`, `${field} is required`);
      }
      const bad = checkWindow(body, undefined);
      if (bad) return bad;
      const room = rooms().byComm.get(body.CommId as string);
      const user = room
        ? usersOf(room).find((candidate) => candidate.userId === body.UserId)
        : undefined;
      if (!room || !user || room.roomString !== body.RoomId) return envelope({ Data: [] });
      const from = (body.StartTime as number) * 1000;
      const to = Math.min(body.EndTime as number, room.destroyTime + 1) * 1000 + 999;
      const content = eventsOf(room, user).filter((item) => item.Time >= from && item.Time <= to);
      return envelope({
        Data: content.length > 0 ? [{ PeerId: user.userId, Content: content }] : [],
      });
    },
    DescribeCallDetailInfo(body) {
      const commId = str(body.CommId);
      if (!commId) return vendorError("MissingParameter.CommId", "CommId is required");
      const dataTypes = body.DataType === undefined ? undefined : strings(body.DataType);
      if (body.DataType !== undefined && !dataTypes) {
        return vendorError("InvalidParameter.DataType", "DataType must be strings");
      }
      const bad = checkWindow(body, dataTypes ? 3600 : 4 * 3600);
      if (bad) return bad;
      const userIds = body.UserIds === undefined ? undefined : strings(body.UserIds);
      if (userIds && dataTypes && userIds.length > 6) {
        return vendorError("InvalidParameter.UserIdsMorethanSix", "at most 6 users with DataType");
      }
      const pageSize = num(body.PageSize);
      if (dataTypes && pageSize !== undefined && pageSize > 6) {
        return vendorError("InvalidParameter.PageSizeOversize", "PageSize at most 6 with DataType");
      }
      const room = rooms().byComm.get(commId);
      const start = body.StartTime as number;
      const end = body.EndTime as number;
      const all = room
        ? usersOf(room).filter((user) => !userIds || userIds.includes(user.userId))
        : [];
      const rows = page(all, body, 6, dataTypes ? 6 : 100);
      if (!Array.isArray(rows)) return rows;
      const metrics =
        dataTypes?.includes("all") === true
          ? ["rtt", "aLoss", "bigvLoss", "aBlock", "bigvBlock"]
          : (dataTypes ?? []);
      const data = room
        ? rows.flatMap((user) =>
            metrics.map((metric) => ({
              UserId: user.userId,
              PeerId: "",
              DataType: metric,
              Content: samplesOf(room, user, metric).filter(
                (sample) => sample.Time >= start && sample.Time <= end,
              ),
            })),
          )
        : [];
      return envelope({
        Total: rows.length,
        UserList: room ? rows.map((user) => userInformation(room, user)) : [],
        Data: data,
      });
    },
    DescribeUnusualEvent(body) {
      const bad = checkWindow(body, 3600);
      if (bad) return bad;
      const start = body.StartTime as number;
      const end = body.EndTime as number;
      const roomId = str(body.RoomId);
      const candidates = roomId === undefined ? rooms().all : (rooms().byRoom.get(roomId) ?? []);
      const list = candidates
        .filter((room) => room.createTime <= end && room.destroyTime >= start)
        .flatMap(abnormalOf)
        .filter((item) => item.EventTime >= start && item.EventTime <= end)
        .slice(0, 20);
      return envelope({ Total: list.length, AbnormalExperienceList: list });
    },
  };

  const answer = (req: IncomingMessage, raw: Buffer, log: TrtcRequestLog): Answer => {
    const action = req.headers["x-tc-action"];
    const verdict = tc3Verify({
      authorization: req.headers.authorization,
      timestamp:
        typeof req.headers["x-tc-timestamp"] === "string"
          ? req.headers["x-tc-timestamp"]
          : undefined,
      headers: req.headers,
      rawBody: raw,
      method: req.method ?? "POST",
      nowSec: Math.floor(now() / 1000),
      secretKeyOf: (secretId) => options.keys[secretId],
    });
    if (!verdict.ok) return vendorError(verdict.code, verdict.message);
    if (req.headers["x-tc-version"] !== "2019-07-22") {
      return vendorError("InvalidParameter.Version", "X-TC-Version must be 2019-07-22");
    }
    if (typeof action !== "string" || !(TRTC_ACTION_NAMES as readonly string[]).includes(action)) {
      return vendorError("InvalidAction", "the action is not one this simulator serves");
    }
    const name = action as TrtcActionName;
    log.accepted = true;
    const region = req.headers["x-tc-region"];
    if (typeof region !== "string" || !REGIONS[name].includes(region)) {
      return vendorError("UnsupportedRegion", "the region is not supported by this API");
    }
    if (!(windows.get(name) as SlidingWindow).tryAcquire(log.at)) {
      return vendorError("RequestLimitExceeded", "request limit exceeded: 20 requests per second");
    }
    if (options.monitoring === false) {
      return vendorError(
        options.packageErrorCode ?? DEFAULT_PACKAGE_ERROR_CODE,
        "the monitoring dashboard edition does not allow this API",
      );
    }
    const fault = takeFault(name);
    if (fault) {
      if (fault.kind === "error") return vendorError(fault.code, fault.message ?? "injected fault");
      if (fault.kind === "malformed") return { status: 200, body: "<html>gateway error</html>" };
      if (fault.kind === "wrong-shape")
        return envelope({
          RoomList: "not a list",
          UserList: 7,
          Data: "x",
          AbnormalExperienceList: {},
        });
      if (fault.kind === "http") return { status: fault.status, body: "upstream failure" };
      const delayed = answerBody(name, raw);
      return { ...delayed, delayMs: fault.ms };
    }
    return answerBody(name, raw);
  };

  const answerBody = (name: TrtcActionName, raw: Buffer): Answer => {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return vendorError("InvalidParameter.EncodeParams", "the body is not JSON");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return vendorError("InvalidParameter.EncodeParams", "the body is not a JSON object");
    }
    const fields = body as Record<string, unknown>;
    if (!sdkAppIdOk(fields)) return vendorError("InvalidParameter.SdkAppId", "SdkAppId is wrong");
    return handlers[name](fields);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    readRaw(req)
      .then((raw) => {
        let parsedBody: Record<string, unknown> = {};
        try {
          const value: unknown = JSON.parse(raw.toString("utf8"));
          if (typeof value === "object" && value !== null)
            parsedBody = value as Record<string, unknown>;
        } catch {
          // Logged as {}; answered by answerBody.
        }
        const log: TrtcRequestLog = {
          action: String(req.headers["x-tc-action"] ?? ""),
          at,
          accepted: false,
          body: parsedBody,
        };
        requests.push(log);
        const result =
          req.method === "POST" && (req.url === "/" || req.url === "")
            ? answer(req, raw, log)
            : { status: 404, body: "not found" };
        const codeMatch = /"Code":"([^"]+)"/.exec(result.body);
        if (codeMatch) log.code = codeMatch[1] as string;
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(result.status, { "content-type": "application/json" });
          res.end(result.body);
        };
        if (result.delayMs) setTimeout(send, result.delayMs);
        else send();
      })
      .catch(() => {
        res.statusCode = 400;
        res.end();
      });
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const address = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    requests,
    maxPerSecond(action) {
      const times = requests
        .filter((r) => r.action === action && r.accepted)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      let best = 0;
      let head = 0;
      for (let i = 0; i < times.length; i++) {
        while ((times[i] as number) - (times[head] as number) >= 1000) head++;
        best = Math.max(best, i - head + 1);
      }
      return best;
    },
    faults: {
      inject(fault) {
        faults.push({ ...fault });
      },
      clear() {
        faults = [];
      },
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
