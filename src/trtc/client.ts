// Only the TRTC client, by its deep path (the package has no `exports` map; `.js` for native ESM):
// requiring the whole SDK costs ~0.5 s of start-up, this ~0.1 s, and even that is paid only on
// the first request (dynamic import below), never at start-up (docs/benchmarks.md). Named export
// of a CommonJS module: Node's ESM loader sees `exports.Client` (cjs-module-lexer).
import type { Client as SdkTrtcClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/trtc/v20190722/trtc_client.js";
import type { z } from "zod";
import { TokenBucket } from "../callkit/rate-limit.js";
import type { TrtcCloudSettings } from "../config.js";
import { type Logger, registerSecret, silentLogger } from "../log.js";
import { errorFromCode, type TrtcAction, TrtcCloudError } from "./errors.js";
import {
  type AbnormalExperience,
  callDetailResponseSchema,
  type EventMessage,
  type QualitySeries,
  type RoomState,
  roomInfoResponseSchema,
  sdkErrorSchema,
  type UserInformation,
  unusualEventResponseSchema,
  userEventResponseSchema,
  userInfoResponseSchema,
} from "./schemas.js";
import {
  chunk,
  QUALITY_MAX_USERS,
  QUALITY_WINDOW_SEC,
  ROOM_WINDOW_SEC,
  splitWindow,
  USER_INFO_MAX_USERS,
  USER_WINDOW_SEC,
  type Window,
  withinReach,
} from "./windows.js";

/**
 * The TRTC cloud API (version 2019-07-22) through the official SDK, for the five APIs that explain
 * a call (shared/trtc-quality-api.md). Knows nothing of Slack or of records. Every rule of the
 * contract is kept here by construction:
 * - 20 requests/s per API: one token bucket per API and endpoint, shared by every client of this
 *   process (src/callkit/rate-limit.ts, which also holds every sliding second at or under it);
 * - windows: rooms ≤ 24 h, users ≤ 4 h, quality and abnormal events ≤ 1 h with ≤ 6 users, split
 *   here; nothing asked before the 14-day reach;
 * - paging: pages of 100 until a short one (the meaning of `Total` is disputed);
 * - errors: one `TrtcCloudError` with plain words, the SecretKey registered as a secret first.
 */

export const TRTC_CLOUD_RATE_PER_API = 20;
const PAGE_SIZE = 100;
/** A runaway pager stops here (100 pages of 100 rooms is far beyond one room ID in a day). */
const MAX_PAGES = 100;
export const DEFAULT_QUALITY_METRICS = ["rtt", "aLoss", "bigvLoss", "aBlock", "bigvBlock"] as const;

export interface TrtcCloudClientOptions {
  settings: TrtcCloudSettings;
  sdkAppId: number;
  /** Seconds per request; default 10 (the SDK's own is 60). */
  timeoutSec?: number;
  /** Requests per second per API; default 20 (the vendor's). */
  ratePerApi?: number;
  /** Epoch ms; for the 14-day reach. */
  now?: () => number;
  logger?: Logger;
}

export interface RoomQuery {
  roomId: string;
  start: number;
  end: number;
}
export interface UserQuery {
  commId: string;
  start: number;
  end: number;
  userIds: readonly string[];
}
export interface UserEventQuery {
  commId: string;
  roomId: string;
  userId: string;
  start: number;
  end: number;
}
export interface UserEvents {
  peerId: string;
  events: EventMessage[];
}
export interface QualityQuery extends UserQuery {
  metrics?: readonly string[];
}
export interface UnusualQuery {
  roomId: string;
  start: number;
  end: number;
}

/** The port the diagnosis uses: the five APIs with their rules already applied. */
export interface TrtcCloudApi {
  findRooms(query: RoomQuery, signal?: AbortSignal): Promise<RoomState[]>;
  userInfo(query: UserQuery, signal?: AbortSignal): Promise<UserInformation[]>;
  userEvents(query: UserEventQuery, signal?: AbortSignal): Promise<UserEvents[]>;
  callQuality(query: QualityQuery, signal?: AbortSignal): Promise<QualitySeries[]>;
  unusualEvents(query: UnusualQuery, signal?: AbortSignal): Promise<AbnormalExperience[]>;
}

const buckets = new Map<string, TokenBucket>();
function bucketFor(endpoint: string, action: TrtcAction, rate: number): TokenBucket {
  const key = `${endpoint}|${action}|${rate}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new TokenBucket(rate);
    buckets.set(key, bucket);
  }
  return bucket;
}

/** "https://trtc.tencentcloudapi.com" → the SDK's protocol and endpoint (host[:port], no scheme). */
export function sdkEndpoint(apiUrl: string | undefined): { protocol: string; endpoint: string } {
  if (!apiUrl) return { protocol: "https://", endpoint: "trtc.tencentcloudapi.com" };
  const url = new URL(apiUrl);
  return { protocol: `${url.protocol}//`, endpoint: url.host };
}

type SdkModule =
  typeof import("tencentcloud-sdk-nodejs/tencentcloud/services/trtc/v20190722/trtc_client.js");
/** The SDK's module, loaded once by the first request of any client of this process. */
let sdkLoading: Promise<SdkModule> | undefined;
function loadSdk(): Promise<SdkModule> {
  sdkLoading ??= import(
    "tencentcloud-sdk-nodejs/tencentcloud/services/trtc/v20190722/trtc_client.js"
  ).catch((error: unknown) => {
    sdkLoading = undefined; // the next request tries again
    throw error;
  });
  return sdkLoading;
}

export class TrtcCloudClient implements TrtcCloudApi {
  private sdkClient: Promise<SdkTrtcClient> | undefined;
  private readonly sdkOptions: ConstructorParameters<typeof SdkTrtcClient>[0];
  private readonly sdkAppId: number;
  private readonly endpoint: string;
  private readonly rate: number;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(options: TrtcCloudClientOptions) {
    // Before anything could print it: every log line and error message is redacted against it.
    registerSecret(options.settings.secretKey);
    const { protocol, endpoint } = sdkEndpoint(options.settings.apiUrl);
    this.endpoint = `${protocol}${endpoint}`;
    this.sdkAppId = options.sdkAppId;
    this.rate = options.ratePerApi ?? TRTC_CLOUD_RATE_PER_API;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.sdkOptions = {
      credential: { secretId: options.settings.secretId, secretKey: options.settings.secretKey },
      region: options.settings.region,
      profile: {
        httpProfile: { endpoint, protocol, reqTimeout: options.timeoutSec ?? 10 },
      },
    };
  }

  /** The SDK client, made on the first request (the SDK loads then, not at start-up). */
  private sdk(): Promise<SdkTrtcClient> {
    this.sdkClient ??= loadSdk().then(
      ({ Client }) => new Client(this.sdkOptions),
      (error: unknown) => {
        this.sdkClient = undefined;
        throw error;
      },
    );
    return this.sdkClient;
  }

  async findRooms(query: RoomQuery, signal?: AbortSignal): Promise<RoomState[]> {
    const rooms: RoomState[] = [];
    for (const window of this.windows(query, ROOM_WINDOW_SEC)) {
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await this.call(
          "DescribeRoomInfo",
          roomInfoResponseSchema,
          {
            SdkAppId: this.sdkAppId,
            RoomId: query.roomId,
            StartTime: window.start,
            EndTime: window.end,
            PageNumber: page,
            PageSize: PAGE_SIZE,
          },
          signal,
        );
        rooms.push(...answer.RoomList);
        if (answer.RoomList.length < PAGE_SIZE) break;
      }
    }
    // Pieces of a split window may both see a room that spans their edge.
    return [...new Map(rooms.map((room) => [room.CommId, room])).values()];
  }

  async userInfo(query: UserQuery, signal?: AbortSignal): Promise<UserInformation[]> {
    const users = new Map<string, UserInformation>();
    for (const window of this.windows(query, USER_WINDOW_SEC)) {
      for (const userIds of chunk(query.userIds, USER_INFO_MAX_USERS)) {
        for (let page = 0; page < MAX_PAGES; page++) {
          const answer = await this.call(
            "DescribeUserInfo",
            userInfoResponseSchema,
            {
              SdkAppId: this.sdkAppId,
              CommId: query.commId,
              StartTime: window.start,
              EndTime: window.end,
              UserIds: userIds,
              PageNumber: page,
              PageSize: PAGE_SIZE,
            },
            signal,
          );
          for (const user of answer.UserList) {
            const known = users.get(user.UserId);
            // The same user seen in two pieces: from the earliest join to the latest leave.
            users.set(
              user.UserId,
              known
                ? {
                    ...known,
                    ...user,
                    JoinTs: Math.min(known.JoinTs, user.JoinTs),
                    LeaveTs: Math.max(known.LeaveTs, user.LeaveTs),
                  }
                : user,
            );
          }
          if (answer.UserList.length < PAGE_SIZE) break;
        }
      }
    }
    return [...users.values()];
  }

  async userEvents(query: UserEventQuery, signal?: AbortSignal): Promise<UserEvents[]> {
    const byPeer = new Map<string, EventMessage[]>();
    for (const window of this.windows(query, USER_WINDOW_SEC)) {
      const answer = await this.call(
        "DescribeUserEvent",
        userEventResponseSchema,
        {
          SdkAppId: this.sdkAppId,
          CommId: query.commId,
          RoomId: query.roomId,
          UserId: query.userId,
          StartTime: window.start,
          EndTime: window.end,
        },
        signal,
      );
      for (const entry of answer.Data) {
        const events = byPeer.get(entry.PeerId) ?? [];
        events.push(...entry.Content);
        byPeer.set(entry.PeerId, events);
      }
    }
    return [...byPeer].map(([peerId, events]) => ({
      peerId,
      events: events.sort((a, b) => a.Time - b.Time),
    }));
  }

  async callQuality(query: QualityQuery, signal?: AbortSignal): Promise<QualitySeries[]> {
    const metrics = [...(query.metrics ?? DEFAULT_QUALITY_METRICS)];
    const series = new Map<string, QualitySeries>();
    const requests: Promise<void>[] = [];
    for (const window of this.windows(query, QUALITY_WINDOW_SEC)) {
      for (const userIds of chunk(query.userIds, QUALITY_MAX_USERS)) {
        requests.push(
          this.call(
            "DescribeCallDetailInfo",
            callDetailResponseSchema,
            {
              SdkAppId: this.sdkAppId,
              CommId: query.commId,
              StartTime: window.start,
              EndTime: window.end,
              UserIds: userIds,
              DataType: metrics,
              PageNumber: 0,
              PageSize: QUALITY_MAX_USERS,
            },
            signal,
          ).then((answer) => {
            for (const item of answer.Data) {
              const key = `${item.UserId}\u0000${item.PeerId}\u0000${item.DataType}`;
              const known = series.get(key);
              if (known) known.Content.push(...item.Content);
              else series.set(key, { ...item, Content: [...item.Content] });
            }
          }),
        );
      }
    }
    await Promise.all(requests);
    for (const item of series.values()) item.Content.sort((a, b) => a.Time - b.Time);
    return [...series.values()];
  }

  async unusualEvents(query: UnusualQuery, signal?: AbortSignal): Promise<AbnormalExperience[]> {
    const pieces = await Promise.all(
      this.windows(query, QUALITY_WINDOW_SEC).map((window) =>
        this.call(
          "DescribeUnusualEvent",
          unusualEventResponseSchema,
          {
            SdkAppId: this.sdkAppId,
            RoomId: query.roomId,
            StartTime: window.start,
            EndTime: window.end,
          },
          signal,
        ),
      ),
    );
    return pieces.flatMap((answer) => answer.AbnormalExperienceList);
  }

  /** The window cut to the reach, then split; none when the call is beyond the reach. */
  private windows(window: Window, maxSec: number): Window[] {
    const reachable = withinReach(window, Math.floor(this.now() / 1000));
    if (!reachable) {
      throw errorFromCode("InvalidParameter.StartTimeOversize", {});
    }
    return splitWindow(reachable, maxSec);
  }

  /** One request: paced, retried once where that may help, mapped to a TrtcCloudError. */
  private async call<S extends z.ZodType>(
    action: TrtcAction,
    schema: S,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const bucket = bucketFor(this.endpoint, action, this.rate);
    const sdk = await this.sdk();
    for (let attempt = 0; ; attempt++) {
      try {
        const permit = await bucket.acquire(signal);
        permit.sent();
        const raw: unknown = await sdk.request(action, body, signal ? { signal } : {});
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          throw new TrtcCloudError({
            kind: "malformed",
            action,
            retryable: false,
            explanation: "Tencent Cloud's answer did not have the documented shape",
          });
        }
        // Counted by the metrics (callscope_trtc_requests_total), printed only at debug level.
        this.logger.debug("trtc_cloud_request", { action, attempt });
        return parsed.data;
      } catch (error) {
        const mapped = toTrtcError(error, action, signal);
        if (mapped.kind === "rate_limited") bucket.refused();
        if (mapped.retryable && attempt === 0) {
          if (mapped.kind === "rate_limited") bucket.pause(1000);
          this.logger.warn("trtc_cloud_retry", { action, kind: mapped.kind, code: mapped.code });
          continue;
        }
        this.logger.warn("trtc_cloud_failed", { action, error: mapped.toJSON() });
        throw mapped;
      }
    }
  }
}

/** Any failure of one request as a TrtcCloudError; the library's own text is never shown. */
export function toTrtcError(
  error: unknown,
  action: TrtcAction,
  signal?: AbortSignal,
): TrtcCloudError {
  if (error instanceof TrtcCloudError)
    return error.action ? error : new TrtcCloudError({ ...error, action });
  if (signal?.aborted) {
    return new TrtcCloudError({
      kind: "cancelled",
      action,
      retryable: false,
      explanation: "the request was cancelled",
    });
  }
  // The SDK reads the answer with JSON.parse outside its own try: a body that is not JSON, or
  // JSON without `Response`, comes out as a SyntaxError or TypeError.
  if (error instanceof SyntaxError || error instanceof TypeError) {
    return new TrtcCloudError({
      kind: "malformed",
      action,
      retryable: false,
      explanation: "Tencent Cloud's answer was not the JSON envelope it documents",
    });
  }
  const fields = sdkErrorSchema.safeParse(error);
  const info = fields.success ? fields.data : {};
  const requestId = info.requestId || undefined;
  if (info.code) {
    return errorFromCode(info.code, {
      action,
      ...(info.message ? { vendorMessage: info.message } : {}),
      ...(requestId ? { requestId } : {}),
    });
  }
  if (info.httpCode !== undefined) {
    return new TrtcCloudError({
      kind: "upstream",
      action,
      status: info.httpCode,
      retryable: info.httpCode >= 500,
      explanation: `Tencent Cloud answered HTTP ${info.httpCode}`,
    });
  }
  const message = info.message ?? "";
  // node-fetch's own reading of a body that is not JSON (its FetchError, type "invalid-json").
  if (info.type === "invalid-json" || /invalid json/i.test(message)) {
    return new TrtcCloudError({
      kind: "malformed",
      action,
      retryable: false,
      explanation: "Tencent Cloud's answer was not the JSON envelope it documents",
    });
  }
  if (/timeout|timed out/i.test(message)) {
    return new TrtcCloudError({
      kind: "timeout",
      action,
      retryable: false,
      explanation: "Tencent Cloud did not answer in time",
    });
  }
  if (/abort/i.test(message) || info.name === "AbortError") {
    return new TrtcCloudError({
      kind: "cancelled",
      action,
      retryable: false,
      explanation: "the request was cancelled",
    });
  }
  const systemCode = /\b(E[A-Z]{3,}[A-Z_]*)\b/.exec(message)?.[1];
  return new TrtcCloudError({
    kind: "network",
    action,
    retryable: false,
    explanation: `Tencent Cloud could not be reached${systemCode ? ` (${systemCode})` : ""}`,
  });
}
