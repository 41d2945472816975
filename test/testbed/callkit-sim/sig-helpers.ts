import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";

/**
 * Signing helpers for the simulator's tests. Real UserSigs come from the vendor's own package
 * (loaded with require so these tests do not depend on anyone's type declaration for it);
 * `forgeUserSig` builds documents the package cannot (tampered fields, wrong keys).
 */

interface TlsSigApi {
  genUserSig(identifier: string, expireSeconds: number): string;
}
const require = createRequire(import.meta.url);
const { Api } = require("tls-sig-api-v2") as {
  Api: new (sdkAppId: number, key: string) => TlsSigApi;
};

export function vendorUserSig(
  sdkAppId: number,
  secretKey: string,
  identifier: string,
  expireSeconds = 86_400,
): string {
  return new Api(sdkAppId, secretKey).genUserSig(identifier, expireSeconds);
}

export interface ForgeOptions {
  sdkAppId: number;
  identifier: string;
  /** Key used for the HMAC. */
  key: string;
  timeSec: number;
  expire: number;
  /** Replaces the computed signature. */
  sig?: string;
}

export function forgeUserSig(o: ForgeOptions): string {
  const content = `TLS.identifier:${o.identifier}\nTLS.sdkappid:${o.sdkAppId}\nTLS.time:${o.timeSec}\nTLS.expire:${o.expire}\n`;
  const doc = {
    "TLS.ver": "2.0",
    "TLS.identifier": o.identifier,
    "TLS.sdkappid": o.sdkAppId,
    "TLS.time": o.timeSec,
    "TLS.expire": o.expire,
    "TLS.sig": o.sig ?? createHmac("sha256", o.key).update(content).digest("base64"),
  };
  return encodeSigDocument(doc);
}

export function encodeSigDocument(doc: unknown): string {
  return deflateSync(Buffer.from(JSON.stringify(doc)))
    .toString("base64")
    .replace(/\+/g, "*")
    .replace(/\//g, "-")
    .replace(/=/g, "_");
}
