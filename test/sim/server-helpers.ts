import type { Simulator } from "../../src/sim/server.js";
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
