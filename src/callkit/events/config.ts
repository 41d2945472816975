import { randomInt } from "node:crypto";
import { z } from "zod";
import { redact } from "../../log.js";
import { envelopeSchema } from "../schemas.js";
import { UserSigCache } from "../usersig.js";
import { v4EnvelopeSchema } from "../v4/schemas.js";
import { V1_COMMANDS, V4_COMMANDS } from "./schemas.js";

/**
 * Registers the call-event webhook URL with the vendor (../shared/callkit-callbacks.md):
 * `v1/callback/set {address, actions}` on the v1 records host, or `v4/call_config/set_callback
 * {Url, CallbackCommandList}` on the v4 host, signed like the records API of that generation.
 * Setting again replaces the earlier configuration. Every command word of the generation is asked.
 */

export interface SetCallbackOptions {
  generation: "v1" | "v4";
  /** The generation's API host (TRTC_API_URL or TRTC_V4_API_URL). */
  apiUrl: string;
  sdkAppId: number;
  secretKey: string;
  adminUser: string;
  /** The public URL the vendor will POST to. */
  address: string;
  timeoutMs?: number;
}

export class CallbackConfigError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = "CallbackConfigError";
  }
}

const V1_ACTIONS = [...V1_COMMANDS].filter((word) => word !== "call_end");

export async function setCallback(options: SetCallbackOptions): Promise<{ actions: string[] }> {
  if (!/^https?:\/\//.test(options.address)) {
    throw new CallbackConfigError("the address must start with http:// or https://");
  }
  const sig = new UserSigCache({
    sdkAppId: options.sdkAppId,
    secretKey: options.secretKey,
    identifier: options.adminUser,
  });
  const v4 = options.generation === "v4";
  const path = v4 ? "v4/call_config/set_callback" : "v1/callback/set";
  const actions = v4 ? [...V4_COMMANDS] : V1_ACTIONS;
  const body = v4
    ? { Url: options.address, CallbackCommandList: actions }
    : { address: options.address, actions };
  const url = new URL(path, options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/`);
  url.search = new URLSearchParams({
    sdkappid: String(options.sdkAppId),
    identifier: options.adminUser,
    usersig: sig.get(),
    random: String(randomInt(0, 2 ** 32 - 1)),
    contenttype: "json",
  }).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 8000),
    });
  } catch (error) {
    // Never the URL: its query holds the UserSig.
    const reason = error instanceof Error ? error.name : "error";
    throw new CallbackConfigError(`${path} could not be reached (${reason})`);
  }
  const text = await response.text();
  if (!response.ok) throw new CallbackConfigError(`${path} answered HTTP ${response.status}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CallbackConfigError(`${path} answered something that is not JSON`);
  }
  if (v4) {
    const envelope = v4EnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new CallbackConfigError(`${path} answered an unknown shape`);
    if (envelope.data.ErrorCode !== 0) {
      throw new CallbackConfigError(
        `${path} refused: ${envelope.data.ErrorCode} ${redact(envelope.data.ErrorInfo)}`,
        envelope.data.ErrorCode,
      );
    }
    return { actions };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new CallbackConfigError(`${path} answered an unknown shape`);
  if (envelope.data.errorCode !== 0) {
    throw new CallbackConfigError(
      `${path} refused: ${envelope.data.errorCode} ${redact(envelope.data.errorMessage)}`,
      envelope.data.errorCode,
    );
  }
  z.string()
    .optional()
    .parse(envelope.data.data ?? undefined);
  return { actions };
}

/** The URL to register: the public base plus the receiver's path and token. */
export function webhookUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, "")}/callkit/events/${token}`;
}
