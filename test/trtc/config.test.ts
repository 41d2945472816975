import { describe, expect, it } from "vitest";
import { ConfigError, loadAppConfig, trtcCloudSettings } from "../../src/config.js";

const minimal = {
  TRTC_SDKAPPID: "1400000001",
  TRTC_SECRET_KEY: "s3cr3t-key-value",
  SLACK_BOT_TOKEN: "xoxb-test",
  SLACK_SIGNING_SECRET: "signing",
};
const secretKey = "cloud-secret-key-value-99";

describe("TRTC cloud API config", () => {
  it("is off without credentials", () => {
    const config = loadAppConfig(minimal);
    expect(trtcCloudSettings(config)).toBeUndefined();
    expect(config.TRTC_DIAGNOSIS_PREFETCH).toBe(false);
  });

  it("defaults the region to ap-guangzhou and the endpoint to the SDK's", () => {
    const config = loadAppConfig({
      ...minimal,
      TRTC_CLOUD_SECRET_ID: "AKIDx",
      TRTC_CLOUD_SECRET_KEY: secretKey,
    });
    expect(trtcCloudSettings(config)).toEqual({
      secretId: "AKIDx",
      secretKey,
      region: "ap-guangzhou",
    });
  });

  it("reads the region, the endpoint override and prefetch", () => {
    const config = loadAppConfig({
      ...minimal,
      TRTC_CLOUD_SECRET_ID: "AKIDx",
      TRTC_CLOUD_SECRET_KEY: secretKey,
      TRTC_CLOUD_REGION: "ap-singapore",
      TRTC_CLOUD_API_URL: "http://127.0.0.1:8443",
      TRTC_DIAGNOSIS_PREFETCH: "true",
    });
    expect(trtcCloudSettings(config)).toMatchObject({
      region: "ap-singapore",
      apiUrl: "http://127.0.0.1:8443",
    });
    expect(config.TRTC_DIAGNOSIS_PREFETCH).toBe(true);
  });

  it.each([
    {
      name: "a SecretId alone",
      env: { TRTC_CLOUD_SECRET_ID: "AKIDx" },
      problem: "TRTC_CLOUD_SECRET_KEY",
    },
    {
      name: "a SecretKey alone",
      env: { TRTC_CLOUD_SECRET_KEY: secretKey },
      problem: "TRTC_CLOUD_SECRET_ID",
    },
    {
      name: "a region alone",
      env: { TRTC_CLOUD_REGION: "ap-singapore" },
      problem: "TRTC_CLOUD_REGION",
    },
    {
      name: "an endpoint alone",
      env: { TRTC_CLOUD_API_URL: "https://trtc.tencentcloudapi.com" },
      problem: "TRTC_CLOUD_API_URL",
    },
    {
      name: "an endpoint with a path",
      env: {
        TRTC_CLOUD_SECRET_ID: "AKIDx",
        TRTC_CLOUD_SECRET_KEY: secretKey,
        TRTC_CLOUD_API_URL: "https://trtc.tencentcloudapi.com/v3",
      },
      problem: "TRTC_CLOUD_API_URL",
    },
    {
      name: "a bad region",
      env: {
        TRTC_CLOUD_SECRET_ID: "AKIDx",
        TRTC_CLOUD_SECRET_KEY: secretKey,
        TRTC_CLOUD_REGION: "Guangzhou!",
      },
      problem: "TRTC_CLOUD_REGION",
    },
  ])("refuses $name with a clear error, never echoing the key", ({ env, problem }) => {
    let caught: unknown;
    try {
      loadAppConfig({ ...minimal, ...env });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.some((line) => line.startsWith(problem))).toBe(true);
    expect(error.message).not.toContain(secretKey);
  });
});
