import { describe, expect, it } from "vitest";
import { forgetSecret, redact, registerSecret, secretCount } from "../src/log.js";

describe("the secrets registry", () => {
  it("drops a secret once it expires", async () => {
    const before = secretCount();
    registerSecret("short-lived-signature", { expiresAtMs: Date.now() + 40 });
    expect(secretCount()).toBe(before + 1);
    expect(redact("a short-lived-signature b")).toBe("a [redacted] b");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(secretCount()).toBe(before);
    expect(redact("short-lived-signature")).toBe("short-lived-signature");
  });

  it("keeps a shared secret until its last holder forgets it, and a permanent one always", () => {
    const expiresAtMs = Date.now() + 60_000;
    registerSecret("shared-signature-xyz", { expiresAtMs });
    registerSecret("shared-signature-xyz", { expiresAtMs });
    forgetSecret("shared-signature-xyz");
    expect(redact("shared-signature-xyz")).toBe("[redacted]");
    forgetSecret("shared-signature-xyz");
    expect(redact("shared-signature-xyz")).toBe("shared-signature-xyz");
    registerSecret("permanent-secret-key");
    forgetSecret("permanent-secret-key");
    expect(redact("permanent-secret-key")).toBe("[redacted]");
  });
});
