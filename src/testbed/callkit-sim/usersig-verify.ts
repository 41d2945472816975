import { createHmac, timingSafeEqual } from "node:crypto";
import { inflateSync } from "node:zlib";
import { z } from "zod";

/**
 * Checks a TLS sig v2 UserSig the way the vendor's server must: decode it, recompute the HMAC
 * with the app's secret key, then check expiry and the account. It never asks tls-sig-api-v2
 * for the decision, so a signer bug in our client cannot be "verified" by the same bug.
 *
 * Format (tls-sig-api-v2 1.x): base64 of zlib-deflated JSON, with `+` → `*`, `/` → `-`, `=` → `_`.
 * The JSON holds TLS.ver, TLS.identifier, TLS.sdkappid, TLS.time, TLS.expire, optionally
 * TLS.userbuf, and TLS.sig = base64(HMAC-SHA256(key, content)) where content is the lines
 * `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n[TLS.userbuf:…\n]`.
 */

export const USERSIG_INVALID = 70002;
export const USERSIG_EXPIRED = 70003;
export const NOT_ADMIN = 70004;

export type UserSigVerdict =
  | { ok: true; identifier: string; sdkAppId: number; expiresAtMs: number }
  | {
      ok: false;
      code: typeof USERSIG_INVALID | typeof USERSIG_EXPIRED | typeof NOT_ADMIN;
      /** What exactly failed: v4 answers each with a code of its own (see v4.ts). */
      cause: UserSigFailure;
      /** Safe to show: never contains the key or the signature. */
      reason: string;
    };

export type UserSigFailure =
  | "app"
  | "format"
  | "sdkappid"
  | "identifier"
  | "signature"
  | "expired"
  | "not_admin";

export interface UserSigCheck {
  /** The `usersig` query parameter. */
  userSig: string;
  /** The `identifier` query parameter. */
  identifier: string;
  /** The `sdkappid` query parameter, already parsed as an integer. */
  sdkAppId: number;
  /** The simulated app. */
  app: { sdkAppId: number; secretKey: string; adminUser: string };
  /** The simulator's clock, epoch ms. */
  nowMs: number;
}

const sigDocSchema = z.looseObject({
  "TLS.ver": z.string(),
  "TLS.identifier": z.string(),
  "TLS.sdkappid": z.number().int(),
  "TLS.time": z.number().int(),
  "TLS.expire": z.number().int(),
  "TLS.userbuf": z.string().optional(),
  "TLS.sig": z.string().min(1),
});
export type UserSigDocument = z.infer<typeof sigDocSchema>;

/** Decodes a UserSig into its JSON document, or undefined when it is not one. */
export function decodeUserSig(userSig: string): UserSigDocument | undefined {
  if (userSig.length === 0 || !/^[A-Za-z0-9*\-_]+$/.test(userSig)) return undefined;
  const base64 = userSig.replace(/_/g, "=").replace(/-/g, "/").replace(/\*/g, "+");
  try {
    const json = inflateSync(Buffer.from(base64, "base64")).toString("utf8");
    const parsed = sigDocSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function expectedSignature(doc: UserSigDocument, secretKey: string): Buffer {
  let content = `TLS.identifier:${doc["TLS.identifier"]}\n`;
  content += `TLS.sdkappid:${doc["TLS.sdkappid"]}\n`;
  content += `TLS.time:${doc["TLS.time"]}\n`;
  content += `TLS.expire:${doc["TLS.expire"]}\n`;
  if (doc["TLS.userbuf"] !== undefined) content += `TLS.userbuf:${doc["TLS.userbuf"]}\n`;
  return createHmac("sha256", secretKey).update(content).digest();
}

/**
 * The vendor's order: a signature that does not verify is 70002 whatever else is wrong with it
 * (an expired forgery is a forgery); a genuine one past its expiry is 70003; a genuine, fresh one
 * for an account that is not the admin is 70004.
 *
 * An `sdkappid` that is not the simulated app's is 70002 too: the vendor looks the secret key up
 * by SDKAppID, so for any other app the signature cannot verify — and the operator's fix is the
 * same as for a wrong key (check TRTC_SDKAPPID / TRTC_SECRET_KEY).
 */
export function verifyUserSig(check: UserSigCheck): UserSigVerdict {
  const invalid = (cause: UserSigFailure, reason: string): UserSigVerdict => ({
    ok: false,
    code: USERSIG_INVALID,
    cause,
    reason,
  });
  if (check.sdkAppId !== check.app.sdkAppId) {
    return invalid("app", "UserSig invalid: the sdkappid is not this app's");
  }
  const doc = decodeUserSig(check.userSig);
  if (!doc) return invalid("format", "UserSig invalid: it is not a TLS sig v2 signature");
  if (doc["TLS.sdkappid"] !== check.sdkAppId) {
    return invalid("sdkappid", "UserSig invalid: it was signed for another sdkappid");
  }
  if (doc["TLS.identifier"] !== check.identifier) {
    return invalid("identifier", "UserSig invalid: it was signed for another identifier");
  }
  const given = Buffer.from(doc["TLS.sig"], "base64");
  const expected = expectedSignature(doc, check.app.secretKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return invalid(
      "signature",
      "UserSig invalid: the signature does not match (wrong secret key?)",
    );
  }
  const expiresAtMs = (doc["TLS.time"] + doc["TLS.expire"]) * 1000;
  if (check.nowMs > expiresAtMs) {
    return { ok: false, code: USERSIG_EXPIRED, cause: "expired", reason: "UserSig expired" };
  }
  if (check.identifier !== check.app.adminUser) {
    return {
      ok: false,
      code: NOT_ADMIN,
      cause: "not_admin",
      reason: "identifier is not an admin account of this app",
    };
  }
  return {
    ok: true,
    identifier: doc["TLS.identifier"],
    sdkAppId: doc["TLS.sdkappid"],
    expiresAtMs,
  };
}
