import type { CallRecord } from "../../../src/callkit/schemas.js";
import type { TrtcCloudSettings } from "../../../src/config.js";

export const SDK_APP_ID = 1400000001;
export const SECRET_ID = "AKIDcallscopeTEST0001";
export const SECRET_KEY = "trtcCloudSecretKey-never-shown-42";

export function settingsFor(
  url: string,
  overrides: Partial<TrtcCloudSettings> = {},
): TrtcCloudSettings {
  return {
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    region: "ap-guangzhou",
    apiUrl: url,
    ...overrides,
  };
}

/** One call of each kind the diagnosis explains, ending `agoSec` before now. */
export function sampleCalls(agoSec = 3600): CallRecord[] {
  const nowSec = Math.floor(Date.now() / 1000);
  const base = nowSec - agoSec;
  const call = (
    i: number,
    result: string,
    start: number,
    talk: number,
    answered: boolean,
  ): CallRecord => ({
    callId: `c0ffee00-0000-4000-8000-${String(i).padStart(12, "0")}`,
    sdkAppId: SDK_APP_ID,
    mediaType: "audio",
    roomId: `room-${i}`,
    startCallTs: start,
    acceptTs: answered ? start + 5 : 0,
    endTs: start + 5 + talk,
    caller: "10010",
    totalUserNumber: 2,
    callType: "single",
    callResult: result,
    callees: ["10086"],
  });
  return [
    call(1, "interrupt", base - 600, 240, true),
    call(2, "cancel", base - 300, 10, false),
    call(3, "normal_end", base - 200, 120, true),
  ];
}
