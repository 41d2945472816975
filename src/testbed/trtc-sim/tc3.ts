import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * TC3-HMAC-SHA256 as the vendor verifies it (shared/trtc-quality-api.md, "Authentication"), written
 * from the contract rather than borrowed from the SDK, so the SDK is checked by an independent
 * implementation. The two SDK quirks the contract measured are accepted: `host` is signed without
 * the port, and the service is whatever the Credential scope names.
 */

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();

export const AUTHORIZATION_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export interface SignInput {
  secretKey: string;
  timestamp: number;
  service: string;
  /** Lower-case header name → value, for the signed headers only. */
  headers: Record<string, string>;
  body: Buffer | string;
  method?: string;
}

export interface SignParts {
  bodyHash: string;
  canonicalRequest: string;
  canonicalRequestHash: string;
  scope: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
}

export const utcDate = (timestamp: number) => new Date(timestamp * 1000).toISOString().slice(0, 10);

export function tc3Sign(input: SignInput): SignParts {
  const names = Object.keys(input.headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lower = Object.fromEntries(
    Object.entries(input.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const canonicalHeaders = names.map((name) => `${name}:${(lower[name] ?? "").trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const bodyHash = sha256Hex(input.body);
  const canonicalRequest = [
    input.method ?? "POST",
    "/",
    "",
    canonicalHeaders,
    signedHeaders,
    bodyHash,
  ].join("\n");
  const canonicalRequestHash = sha256Hex(canonicalRequest);
  const date = utcDate(input.timestamp);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${canonicalRequestHash}`;
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, "tc3_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  return {
    bodyHash,
    canonicalRequest,
    canonicalRequestHash,
    scope,
    stringToSign,
    signature,
    signedHeaders,
  };
}

export type VerifyResult =
  | { ok: true; secretId: string }
  | {
      ok: false;
      code:
        | "AuthFailure.SignatureFailure"
        | "AuthFailure.SignatureExpire"
        | "AuthFailure.SecretIdNotFound"
        | "AuthFailure.InvalidAuthorization";
      message: string;
    };

export interface VerifyInput {
  authorization: string | undefined;
  timestamp: string | undefined;
  /** Received headers, lower-case names (Node's IncomingMessage.headers). */
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  method: string;
  nowSec: number;
  secretKeyOf: (secretId: string) => string | undefined;
}

const fail = (
  code: Extract<VerifyResult, { ok: false }>["code"],
  message: string,
): VerifyResult => ({
  ok: false,
  code,
  message,
});

export function tc3Verify(input: VerifyInput): VerifyResult {
  const match = AUTHORIZATION_PATTERN.exec(input.authorization ?? "");
  if (!match) return fail("AuthFailure.InvalidAuthorization", "Authorization header is malformed");
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[];
  const secretKey = input.secretKeyOf(secretId as string);
  if (secretKey === undefined) return fail("AuthFailure.SecretIdNotFound", "SecretId not found");
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(input.nowSec - timestamp) > 300) {
    return fail(
      "AuthFailure.SignatureExpire",
      "signature expired: X-TC-Timestamp is more than 300 s off",
    );
  }
  if (utcDate(timestamp) !== date) {
    return fail("AuthFailure.SignatureFailure", "credential date does not match X-TC-Timestamp");
  }
  const names = (signedHeaders as string).split(";");
  if (!names.includes("content-type") || !names.includes("host")) {
    return fail("AuthFailure.SignatureFailure", "content-type and host must be signed");
  }
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = input.headers[name];
    const text = Array.isArray(value) ? value.join(",") : (value ?? "");
    // The SDK signs the host without its port while sending it with one.
    headers[name] = name === "host" ? text.replace(/:\d+$/, "") : text;
  }
  const expected = tc3Sign({
    secretKey,
    timestamp,
    service: service as string,
    headers,
    body: input.rawBody,
    method: input.method,
  }).signature;
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(signature as string, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return fail(
      "AuthFailure.SignatureFailure",
      "the request signature we calculated does not match the signature you provided",
    );
  }
  return { ok: true, secretId: secretId as string };
}
