import { describe, expect, it } from "vitest";
import { CallKitError, errorForCode } from "../../src/callkit/errors.js";
import { registerSecret } from "../../src/log.js";

describe("errorForCode", () => {
  it.each([
    [50001, "package_required", false],
    [70001, "bug", false],
    [70002, "config", false],
    [70003, "config", true],
    [70004, "config", false],
    [70005, "rate_limited", true],
    [70009, "bug", false],
    [70999, "upstream", true],
    [12345, "upstream", true],
  ] as const)("maps %i to %s (retryable %s)", (code, kind, retryable) => {
    const error = errorForCode(code, { vendorMessage: "vendor text", requestId: "req-1" });
    expect(error).toBeInstanceOf(CallKitError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.code).toBe(code);
    expect(error.message).toContain(String(code));
    expect(error.message).toContain("req-1");
    expect(error.explanation.length).toBeGreaterThan(40);
  });

  it("redacts secrets and signed URLs that a vendor message might echo", () => {
    const secret = "errors-test-secret-value";
    registerSecret(secret);
    const error = errorForCode(70001, {
      vendorMessage: `bad ${secret} at https://x/v1?usersig=eJwSIGNATURE&random=1`,
    });
    const text = `${error.message} ${JSON.stringify(error)} ${error.stack} ${String(error)}`;
    expect(text).not.toContain(secret);
    expect(text).not.toContain("eJwSIGNATURE");
  });
});
