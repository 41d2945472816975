import { type CallKitEndpoint, CallKitError, type CodeRule, UNKNOWN_CODE_RULE } from "../errors.js";

/**
 * The v4 error table (shared/callkit-v4-api.md): the Chat REST platform's common codes and the
 * records service's own. The same numbers mean other things on v1 (70001 is "bad parameters"
 * there, an expired UserSig here), so codes are only ever read through the table of the
 * generation that answered. 101050 ("no record") is an empty result and not in this table.
 */

export const V4ErrorCode = {
  noRecord: 101050,
  internal: 101001,
  userSigExpired: 70001,
} as const;

/** Account or signature wrong in the URL: sign afresh once, then it is configuration. */
export const V4_RESIGN_ONCE: ReadonlySet<number> = new Set([60004, 60005]);

const HOST = "TRTC_V4_API_URL";

const rule = (kind: CodeRule["kind"], retryable: boolean, explanation: string): CodeRule => ({
  kind,
  retryable,
  explanation,
});

const bug = rule(
  "bug",
  false,
  "TUICallKit (v4) could not parse callscope's request. This is a callscope bug: report it with the requestId.",
);
const rateLimited = rule(
  "rate_limited",
  true,
  "TUICallKit (v4) is rate limiting this app (too many requests per second). callscope paces itself, so something else may be using the same SDKAppID. Wait a moment and try again.",
);
const wrongKeyOrRegion = rule(
  "config",
  false,
  `TUICallKit (v4) refused the UserSig: the TRTC secret key or SDKAppID is wrong, or ${HOST} is not the host of the app's region (each region keeps its own apps). Check TRTC_SECRET_KEY, TRTC_SDKAPPID and ${HOST}, then restart callscope.`,
);
const disabled = rule(
  "config",
  false,
  "The app's Chat service refuses REST requests (the SDKAppID or REST access is disabled, or the Chat package has expired). This is not a callscope fault: check the app in the console.",
);

export const V4_ERROR_CODES: Readonly<Record<number, CodeRule>> = {
  101001: rule(
    "upstream",
    true,
    "TUICallKit (v4) had an internal error. It is usually brief: try again in a moment.",
  ),
  60002: bug,
  60003: bug,
  60004: rule(
    "config",
    false,
    "TUICallKit (v4) says the account or UserSig is wrong even after signing a fresh one: check TRTC_ADMIN_USER, TRTC_SECRET_KEY and TRTC_SDKAPPID, then restart callscope.",
  ),
  60005: rule(
    "config",
    false,
    "TUICallKit (v4) says the account or UserSig is wrong even after signing a fresh one: check TRTC_ADMIN_USER, TRTC_SECRET_KEY and TRTC_SDKAPPID, then restart callscope.",
  ),
  60006: rule(
    "config",
    false,
    `TUICallKit (v4) does not know this SDKAppID: check TRTC_SDKAPPID, and that ${HOST} is the host of the app's region.`,
  ),
  60007: rateLimited,
  60011: rateLimited,
  60018: rateLimited,
  60019: rateLimited,
  60008: rule(
    "upstream",
    true,
    "TUICallKit (v4) timed out. It is usually brief: try again in a moment.",
  ),
  60010: rule(
    "config",
    false,
    "The account in TRTC_ADMIN_USER is not an App administrator of this app. Set it to one (the console creates `administrator` by default), then restart callscope.",
  ),
  60016: disabled,
  60017: disabled,
  60020: disabled,
  60021: rule(
    "config",
    false,
    "The app's REST IP allowlist does not include the machine running callscope: add its address in the console, or clear the allowlist.",
  ),
  70001: rule(
    "config",
    true,
    "TUICallKit (v4) says the UserSig has expired even after signing a fresh one: the clock of the machine running callscope is probably wrong. Check its time (NTP), then try again.",
  ),
  70003: wrongKeyOrRegion,
  70009: wrongKeyOrRegion,
  70013: wrongKeyOrRegion,
  70014: wrongKeyOrRegion,
  70016: wrongKeyOrRegion,
  70020: wrongKeyOrRegion,
};

export function v4RuleForCode(code: number): CodeRule {
  return V4_ERROR_CODES[code] ?? UNKNOWN_CODE_RULE;
}

export function v4ErrorForCode(
  code: number,
  details: { vendorMessage?: string; requestId?: string; endpoint?: CallKitEndpoint },
): CallKitError {
  return new CallKitError({ ...v4RuleForCode(code), code, ...details });
}
