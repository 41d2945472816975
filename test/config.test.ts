import { describe, expect, it } from "vitest";
import { ConfigError, loadAppConfig, parseConfig, trtcConfigSchema } from "../src/config.js";

const minimal = {
  TRTC_SDKAPPID: "1400000001",
  TRTC_SECRET_KEY: "s3cr3t-key-value",
  SLACK_BOT_TOKEN: "xoxb-test",
  SLACK_SIGNING_SECRET: "signing",
};

describe("config", () => {
  it("applies the documented defaults", () => {
    const config = loadAppConfig(minimal);
    expect(config.TRTC_ADMIN_USER).toBe("administrator");
    expect(config.TRTC_API_URL).toBe("https://callkit.trtc.tencent-cloud.com");
    expect(config.TRTC_RATE_LIMIT).toBe(200);
    expect(config.TRTC_TIMEOUT_MS).toBe(8000);
    expect(config.DEFAULT_TIMEZONE).toBe("UTC");
    expect(config.PORT).toBe(3000);
    expect(config.ALLOWED_USER_IDS).toEqual([]);
  });

  it("lists every problem at once, without echoing values", () => {
    let caught: unknown;
    try {
      parseConfig(trtcConfigSchema, {
        TRTC_SDKAPPID: "abc",
        TRTC_SECRET_KEY: undefined,
        TRTC_TIMEOUT_MS: "1000",
        TRTC_API_URL: "not a url with secret-ish-value",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((p) => p.split(" ")[0]).sort()).toEqual([
      "TRTC_API_URL",
      "TRTC_SDKAPPID",
      "TRTC_SECRET_KEY",
      "TRTC_TIMEOUT_MS",
    ]);
    expect(error.message).not.toContain("secret-ish-value");
    expect(error.message).toContain("3 s");
  });

  it.each([
    ["DEFAULT_TIMEZONE", "Mars/Olympus"],
    ["SLACK_API_URL", "http://127.0.0.1:9/nope"],
    ["PORT", "70000"],
  ])("rejects a bad %s", (name, value) => {
    expect(() => loadAppConfig({ ...minimal, [name]: value })).toThrow(name);
  });

  it("splits allow-lists on commas", () => {
    const config = loadAppConfig({ ...minimal, ALLOWED_USER_IDS: "U1, U2,,U3 " });
    expect(config.ALLOWED_USER_IDS).toEqual(["U1", "U2", "U3"]);
  });
});
