import { createHmac } from "node:crypto";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { UserSigCache } from "../../src/callkit/usersig.js";
import { redact, secretCount } from "../../src/log.js";

const secretKey = "usersig-test-secret-0123456789abcdef";
const sdkAppId = 1400000001;

/** Decodes a TLS sig v2 and checks its HMAC, as the vendor does. */
function decode(sig: string): Record<string, string | number> {
  const b64 = sig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
  const doc = JSON.parse(inflateSync(Buffer.from(b64, "base64")).toString()) as Record<
    string,
    string | number
  >;
  const content = `TLS.identifier:${doc["TLS.identifier"]}\nTLS.sdkappid:${doc["TLS.sdkappid"]}\nTLS.time:${doc["TLS.time"]}\nTLS.expire:${doc["TLS.expire"]}\n`;
  const expected = createHmac("sha256", secretKey).update(content).digest("base64");
  expect(doc["TLS.sig"]).toBe(expected);
  return doc;
}

describe("UserSigCache", () => {
  it("signs for the admin user for 24 h with a valid HMAC", () => {
    const cache = new UserSigCache({ sdkAppId, secretKey, identifier: "administrator" });
    const doc = decode(cache.get());
    expect(doc["TLS.identifier"]).toBe("administrator");
    expect(doc["TLS.sdkappid"]).toBe(sdkAppId);
    expect(doc["TLS.expire"]).toBe(86_400);
  });

  it("reuses the signature until less than an hour is left, then renews", async () => {
    let now = Date.now();
    const cache = new UserSigCache({
      sdkAppId,
      secretKey,
      identifier: "administrator",
      now: () => now,
    });
    const first = cache.get();
    // Signatures carry whole seconds of real time: wait so a renewal is visible as a new string.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    now += 22 * 3600 * 1000;
    expect(cache.get()).toBe(first);
    now += 1.5 * 3600 * 1000;
    const renewed = cache.get();
    expect(renewed).not.toBe(first);
    expect(Number(decode(renewed)["TLS.time"])).toBeGreaterThan(Number(decode(first)["TLS.time"]));
  });

  it("signs afresh after invalidate()", async () => {
    const cache = new UserSigCache({ sdkAppId, secretKey, identifier: "administrator" });
    const first = cache.get();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(cache.get()).toBe(first);
    cache.invalidate();
    expect(cache.get()).not.toBe(first);
  });

  it("registers the key and every signature as secrets", () => {
    const cache = new UserSigCache({ sdkAppId, secretKey, identifier: "administrator" });
    const sig = cache.get();
    const line = redact(`key=${secretKey} sig ${sig}`);
    expect(line).not.toContain(secretKey);
    expect(line).not.toContain(sig);
  });
});

describe("UserSigCache and the secrets registry", () => {
  it("keeps the current and the replaced signature only, however often it renews", async () => {
    let now = Date.now();
    const cache = new UserSigCache({
      sdkAppId,
      secretKey,
      identifier: "bounded-admin",
      now: () => now,
    });
    const sigs: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      if (i > 0) {
        // A new second, so each renewal is a new string; then past the renewal point.
        await new Promise((resolve) => setTimeout(resolve, 1050));
        now += 23.5 * 3600 * 1000;
      }
      sigs.push(cache.get());
      counts.push(secretCount());
    }
    expect(new Set(sigs).size).toBe(4);
    // +1 for the first signature, +1 for the second; from then on one comes as one goes.
    expect(counts[1]).toBe((counts[0] ?? 0) + 1);
    expect(counts[3]).toBe(counts[1]);
    const [oldest, older, previous, current] = sigs as [string, string, string, string];
    expect(redact(`${previous} ${current}`)).toBe("[redacted] [redacted]");
    // Signatures two renewals old are worthless by then and no longer on the list.
    expect(redact(oldest)).toBe(oldest);
    expect(redact(older)).toBe(older);
    expect(redact(secretKey)).toBe("[redacted]");
  });
});

describe("the secrets tests' UserSig reconstruction", () => {
  it("matches what tls-sig-api-v2 signs", async () => {
    const { userSigsSince } = await import("./support/secrets.js");
    const from = Math.floor(Date.now() / 1000);
    const sig = new UserSigCache({ sdkAppId, secretKey, identifier: "administrator" }).get();
    expect(userSigsSince(from, { sdkAppId, secretKey, identifier: "administrator" })).toContain(
      sig,
    );
  });
});
