import { parseJsonKeepingIds } from "./json.js";
import {
  type CallEvent,
  type EventGeneration,
  EventParseError,
  parseV1Event,
  parseV4Event,
  V1_COMMANDS,
  V4_COMMANDS,
} from "./schemas.js";

/**
 * One callback request as the vendor sends it (query string + JSON body) → the event, or why it
 * is refused. Which generation sent it is told by the query: v1 writes `sdkappid` and `command`,
 * v4 `SdkAppid` and `CallbackCommand` (a v4 body also carries CallbackCommand).
 */

export type RefusalReason = "wrong_app" | "unknown_command" | "malformed";

export type ReadResult =
  | { ok: true; generation: EventGeneration; event: CallEvent }
  | { ok: false; generation: EventGeneration | undefined; reason: RefusalReason; message: string };

/** What the vendor requires as the answer, per generation (anything else makes v1 retry). */
export const ACK_BODIES: Record<EventGeneration, string> = {
  v1: JSON.stringify({ ErrorCode: 0, ErrorMessage: "Success" }),
  v4: JSON.stringify({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 }),
};

function param(query: URLSearchParams, name: string): string | undefined {
  const exact = query.get(name);
  if (exact !== null) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function generationOf(query: URLSearchParams): EventGeneration | undefined {
  if (param(query, "CallbackCommand") !== undefined) return "v4";
  if (param(query, "command") !== undefined) return "v1";
  return undefined;
}

export function readCallbackRequest(
  query: URLSearchParams,
  bodyText: string,
  sdkAppId: number,
): ReadResult {
  const generation = generationOf(query);
  const app = param(query, "SdkAppid");
  if (app === undefined || app.trim() !== String(sdkAppId)) {
    return {
      ok: false,
      generation,
      reason: "wrong_app",
      message:
        app === undefined ? "the query has no sdkappid" : "sdkappid is not this app's SDKAppID",
    };
  }
  let body: unknown;
  try {
    body = parseJsonKeepingIds(bodyText);
  } catch {
    return { ok: false, generation, reason: "malformed", message: "the body is not JSON" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, generation, reason: "malformed", message: "the body is not a JSON object" };
  }
  const bodyCommand = (body as Record<string, unknown>).CallbackCommand;
  const isV4 = generation === "v4" || (generation === undefined && bodyCommand !== undefined);
  try {
    if (isV4) {
      const command = param(query, "CallbackCommand") ?? String(bodyCommand);
      if (!(V4_COMMANDS as readonly string[]).includes(command)) {
        return {
          ok: false,
          generation: "v4",
          reason: "unknown_command",
          message: "unknown CallbackCommand",
        };
      }
      if (bodyCommand !== undefined && bodyCommand !== command) {
        return {
          ok: false,
          generation: "v4",
          reason: "malformed",
          message: "CallbackCommand differs between the query and the body",
        };
      }
      return {
        ok: true,
        generation: "v4",
        event: parseV4Event({ ...body, CallbackCommand: command }, sdkAppId),
      };
    }
    const command = param(query, "command");
    if (command === undefined || !V1_COMMANDS.has(command.trim().toLowerCase())) {
      return {
        ok: false,
        generation: "v1",
        reason: "unknown_command",
        message: command === undefined ? "the query has no command" : "unknown command",
      };
    }
    return { ok: true, generation: "v1", event: parseV1Event(command, body) };
  } catch (error) {
    if (error instanceof EventParseError) {
      return {
        ok: false,
        generation: isV4 ? "v4" : "v1",
        reason: "malformed",
        message: error.message,
      };
    }
    throw error;
  }
}
