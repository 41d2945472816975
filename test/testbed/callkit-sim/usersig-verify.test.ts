import { describe, expect, it } from "vitest";
import { decodeUserSig, verifyUserSig } from "../../../src/testbed/callkit-sim/usersig-verify.js";
import { encodeSigDocument, forgeUserSig, vendorUserSig } from "./sig-helpers.js";

const app = {
  sdkAppId: 1400123456,
  secretKey: "a-secret-key-for-tests",
  adminUser: "administrator",
};
const nowSec = Math.floor(Date.now() / 1000);

function check(
  userSig: string,
  over: { identifier?: string; sdkAppId?: number; nowMs?: number } = {},
) {
  return verifyUserSig({
    userSig,
    identifier: over.identifier ?? app.adminUser,
    sdkAppId: over.sdkAppId ?? app.sdkAppId,
    app,
    nowMs: over.nowMs ?? Date.now(),
  });
}

describe("verifyUserSig", () => {
  it("accepts a UserSig made by tls-sig-api-v2 for the admin", () => {
    const verdict = check(vendorUserSig(app.sdkAppId, app.secretKey, app.adminUser));
    expect(verdict).toMatchObject({
      ok: true,
      identifier: "administrator",
      sdkAppId: app.sdkAppId,
    });
  });

  it("decodes the vendor's format", () => {
    const doc = decodeUserSig(vendorUserSig(app.sdkAppId, app.secretKey, "administrator", 600));
    expect(doc?.["TLS.expire"]).toBe(600);
    expect(doc?.["TLS.ver"]).toBe("2.0");
  });

  const forged = (over: Partial<Parameters<typeof forgeUserSig>[0]>) =>
    forgeUserSig({
      sdkAppId: app.sdkAppId,
      identifier: app.adminUser,
      key: app.secretKey,
      timeSec: nowSec,
      expire: 3600,
      ...over,
    });

  it.each([
    ["a tampered signature", forged({ sig: Buffer.alloc(32, 7).toString("base64") }), {}, 70002],
    ["a wrong secret key", vendorUserSig(app.sdkAppId, "another-key", app.adminUser), {}, 70002],
    ["a signature for another sdkappid", forged({ sdkAppId: 1400999999 }), {}, 70002],
    ["another sdkappid in the query", forged({}), { sdkAppId: 1400999999 }, 70002],
    ["a signature for another identifier", forged({ identifier: "alice" }), {}, 70002],
    ["not base64 at all", "%%%not-a-sig%%%", {}, 70002],
    ["base64 but not deflated JSON", "aGVsbG8_", {}, 70002],
    ["deflated JSON missing fields", encodeSigDocument({ "TLS.ver": "2.0" }), {}, 70002],
    ["the empty string", "", {}, 70002],
    ["an expired signature", forged({ timeSec: nowSec - 7200, expire: 3600 }), {}, 70003],
    [
      "a vendor signature past its expiry on the simulator's clock",
      vendorUserSig(app.sdkAppId, app.secretKey, app.adminUser, 60),
      { nowMs: Date.now() + 120_000 },
      70003,
    ],
    [
      "an expired forgery (invalid wins over expired)",
      forged({ timeSec: nowSec - 7200, expire: 60, key: "wrong" }),
      {},
      70002,
    ],
    [
      "a valid signature for a non-admin account",
      vendorUserSig(app.sdkAppId, app.secretKey, "alice"),
      { identifier: "alice" },
      70004,
    ],
  ])("rejects %s", (_name, userSig, over, code) => {
    const verdict = check(userSig, over);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.code).toBe(code);
      expect(verdict.reason).not.toContain(app.secretKey);
    }
  });

  it("still accepts one second before expiry", () => {
    const userSig = forged({ timeSec: nowSec - 100, expire: 101 });
    expect(check(userSig, { nowMs: (nowSec + 0) * 1000 }).ok).toBe(true);
    expect(check(userSig, { nowMs: (nowSec + 2) * 1000 }).ok).toBe(false);
  });
});
