import { createHmac } from "node:crypto";
import { deflateSync } from "node:zlib";
import { expect } from "vitest";

/**
 * Every UserSig tls-sig-api-v2 could have made for this app between `fromSec` and now: its output
 * depends only on the current second, so a test can know "the current UserSig" without asking
 * the client for it. (usersig.test.ts checks this reconstruction against the library.)
 */
export function userSigsSince(
  fromSec: number,
  app: { sdkAppId: number; secretKey: string; identifier: string; expire?: number },
): string[] {
  const sigs: string[] = [];
  const expire = app.expire ?? 86_400;
  for (let time = fromSec - 1; time <= Math.floor(Date.now() / 1000) + 1; time++) {
    const content = `TLS.identifier:${app.identifier}\nTLS.sdkappid:${app.sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
    const doc = {
      "TLS.ver": "2.0",
      "TLS.identifier": app.identifier,
      "TLS.sdkappid": app.sdkAppId,
      "TLS.time": time,
      "TLS.expire": expire,
      "TLS.sig": createHmac("sha256", app.secretKey).update(content).digest("base64"),
    };
    const b64 = deflateSync(Buffer.from(JSON.stringify(doc))).toString("base64");
    sigs.push(b64.replace(/\+/g, "*").replace(/\//g, "-").replace(/=/g, "_"));
  }
  return sigs;
}

/** The secrets rule for one text: no key, no UserSig (raw or URL-encoded), no signed query. */
export function expectNoSecretsIn(text: string, secretKey: string, sigs: readonly string[]): void {
  expect(sigs.length).toBeGreaterThan(0);
  expect(text).not.toContain(secretKey);
  for (const sig of sigs) {
    expect(text).not.toContain(sig);
    expect(text).not.toContain(encodeURIComponent(sig));
  }
  expect(text).not.toMatch(/usersig=/i);
  // Anything shaped like a UserSig (zlib JSON in base64: "eJ…"), whatever its second.
  expect(text).not.toMatch(/eJ[A-Za-z0-9*_-]{60,}/);
}
