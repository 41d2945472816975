import { describe, expect, it } from "vitest";
import { tc3Sign, tc3Verify } from "../../../src/testbed/trtc-sim/tc3.js";

// The contract's test vector (shared/trtc-quality-api.md, "Authentication").
const VECTOR = {
  secretId: "AKIDcallscopeEXAMPLE",
  secretKey: "callscopeSecretKeyEXAMPLE",
  timestamp: 1764550900,
  body: '{"SdkAppId":1400000001,"StartTime":1764547200,"EndTime":1764550800,"RoomId":"call-room-42"}',
};
const headers = { "content-type": "application/json", host: "trtc.tencentcloudapi.com" };

function authorization(signature: string, service = "trtc", secretId = VECTOR.secretId) {
  return `TC3-HMAC-SHA256 Credential=${secretId}/2025-12-01/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
}

describe("TC3-HMAC-SHA256", () => {
  it("reproduces the contract's test vector step by step", () => {
    const parts = tc3Sign({
      secretKey: VECTOR.secretKey,
      timestamp: VECTOR.timestamp,
      service: "trtc",
      headers,
      body: VECTOR.body,
    });
    expect(parts.bodyHash).toBe("0656467d8f78ad43e2de15e0d7768d1d93e535771a05fd9fdc027c81091e2da2");
    expect(parts.canonicalRequestHash).toBe(
      "a5a103cf1fc78701d494bce63a559bd758130123ba0942d33dab489137da762e",
    );
    expect(parts.scope).toBe("2025-12-01/trtc/tc3_request");
    expect(parts.signedHeaders).toBe("content-type;host");
    expect(parts.signature).toBe(
      "713a9babc7614abdb349b02b349bdadba4074de5a7fa235d1f376b1ab5586ac8",
    );
  });

  const good = "713a9babc7614abdb349b02b349bdadba4074de5a7fa235d1f376b1ab5586ac8";
  const base = {
    timestamp: String(VECTOR.timestamp),
    rawBody: Buffer.from(VECTOR.body),
    method: "POST",
    nowSec: VECTOR.timestamp + 10,
    secretKeyOf: (id: string) => (id === VECTOR.secretId ? VECTOR.secretKey : undefined),
  };

  it.each([
    {
      name: "the vector, Host with a port (the SDK's quirk)",
      change: { headers: { ...headers, host: "trtc.tencentcloudapi.com:443" } },
      code: undefined,
    },
    {
      name: "a wrong signature",
      change: { authorization: authorization("0".repeat(64)) },
      code: "AuthFailure.SignatureFailure",
    },
    {
      name: "a wrong SecretKey on our side",
      change: { secretKeyOf: () => "anotherKey" },
      code: "AuthFailure.SignatureFailure",
    },
    {
      name: "an unknown SecretId",
      change: { authorization: authorization(good, "trtc", "AKIDnobody") },
      code: "AuthFailure.SecretIdNotFound",
    },
    {
      name: "a body changed after signing",
      change: { rawBody: Buffer.from(VECTOR.body.replace("42", "43")) },
      code: "AuthFailure.SignatureFailure",
    },
    {
      name: "a re-serialized body (spaces)",
      change: { rawBody: Buffer.from(JSON.stringify(JSON.parse(VECTOR.body), null, 1)) },
      code: "AuthFailure.SignatureFailure",
    },
    {
      name: "a timestamp 301 s old",
      change: { nowSec: VECTOR.timestamp + 301 },
      code: "AuthFailure.SignatureExpire",
    },
    {
      name: "another service in the scope",
      change: { authorization: authorization(good, "cvm") },
      code: "AuthFailure.SignatureFailure",
    },
    {
      name: "a charset signed on one side only",
      change: { headers: { ...headers, "content-type": "application/json; charset=utf-8" } },
      code: "AuthFailure.SignatureFailure",
    },
    {
      name: "no Authorization",
      change: { authorization: undefined },
      code: "AuthFailure.InvalidAuthorization",
    },
  ])("$name", ({ change, code }) => {
    const result = tc3Verify({ authorization: authorization(good), headers, ...base, ...change });
    if (code === undefined) expect(result).toEqual({ ok: true, secretId: VECTOR.secretId });
    else expect(result).toMatchObject({ ok: false, code });
  });
});
