import { redact } from "../log.js";

/**
 * What went wrong asking the TRTC cloud API (API 3.0), in one class, as `CallKitError` does for the
 * records: the vendor's code, the RequestId support asks for, whether trying again may help, and a
 * plain explanation. Messages are built from known parts only, never from a library error's text
 * (which may carry the endpoint URL), and pass through redact() as a second defence: the SecretKey
 * is registered as a secret when the client is built.
 */

export type TrtcCloudErrorKind =
  /** The account lacks the Monitoring Dashboard paid edition (or monthly package) these APIs need. */
  | "package_required"
  /** SecretId/SecretKey wrong, disabled, or a CAM policy forbids these actions. */
  | "auth"
  /** The clock is more than 5 minutes off the vendor's. */
  | "clock"
  | "rate_limited"
  /** The start lies beyond the data's reach (7 or 14 days by edition). */
  | "too_old"
  /** No room by that ID in the window: usually no one entered it. */
  | "not_found"
  /** A request we should never have sent (window too long, too many users): our bug. */
  | "bug"
  | "region"
  | "upstream"
  | "timeout"
  | "network"
  | "malformed"
  | "cancelled";

export type TrtcAction =
  | "DescribeRoomInfo"
  | "DescribeUserInfo"
  | "DescribeUserEvent"
  | "DescribeCallDetailInfo"
  | "DescribeUnusualEvent";

export const TRTC_ACTIONS: readonly TrtcAction[] = [
  "DescribeRoomInfo",
  "DescribeUserInfo",
  "DescribeUserEvent",
  "DescribeCallDetailInfo",
  "DescribeUnusualEvent",
];

export interface TrtcCloudErrorInit {
  kind: TrtcCloudErrorKind;
  action?: TrtcAction;
  code?: string;
  vendorMessage?: string;
  requestId?: string;
  status?: number;
  retryable: boolean;
  explanation: string;
}

export class TrtcCloudError extends Error {
  readonly kind: TrtcCloudErrorKind;
  readonly action?: TrtcAction;
  readonly code?: string;
  readonly vendorMessage?: string;
  readonly requestId?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly explanation: string;

  constructor(init: TrtcCloudErrorInit) {
    const vendorMessage =
      init.vendorMessage === undefined ? undefined : redact(init.vendorMessage).slice(0, 300);
    const explanation = redact(init.explanation);
    const parts = [
      init.action ? `TRTC cloud API ${init.action}` : "TRTC cloud API",
      init.code ? `answered ${init.code}` : `failed (${init.kind})`,
    ];
    let message = `${parts.join(" ")}: ${explanation}`;
    if (init.requestId) message += ` (RequestId ${init.requestId})`;
    super(redact(message));
    this.name = "TrtcCloudError";
    this.kind = init.kind;
    if (init.action) this.action = init.action;
    if (init.code) this.code = redact(init.code);
    if (vendorMessage !== undefined) this.vendorMessage = vendorMessage;
    if (init.requestId) this.requestId = redact(init.requestId);
    if (init.status !== undefined) this.status = init.status;
    this.retryable = init.retryable;
    this.explanation = explanation;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      action: this.action,
      code: this.code,
      vendorMessage: this.vendorMessage,
      requestId: this.requestId,
      status: this.status,
      retryable: this.retryable,
      explanation: this.explanation,
      message: this.message,
    };
  }
}

interface CodeRule {
  test: (code: string) => boolean;
  kind: TrtcCloudErrorKind;
  retryable: boolean;
  explanation: string;
}

const is =
  (...codes: string[]) =>
  (code: string) =>
    codes.includes(code);
const starts = (prefix: string) => (code: string) => code.startsWith(prefix);

/**
 * The vendor's codes (shared/trtc-quality-api.md, "Common error codes"), first match wins. Which
 * code a missing dashboard edition produces is not documented: the UnauthorizedOperation and
 * FailedOperation variants that name a package/edition, and `ResourceUnavailable`, read as it.
 */
const RULES: readonly CodeRule[] = [
  {
    test: (code) => /(Package|Edition|Dashboard|NotBuy|Unpaid|NotOpen)/i.test(code),
    kind: "package_required",
    retryable: false,
    explanation:
      "the account has no TRTC Monitoring Dashboard paid edition (Standard or Premium) or top-tier monthly package, which these APIs need",
  },
  {
    test: is("ResourceUnavailable", "ResourceUnavailable.NotOpen"),
    kind: "package_required",
    retryable: false,
    explanation:
      "the account has no TRTC Monitoring Dashboard paid edition (Standard or Premium) or top-tier monthly package, which these APIs need",
  },
  {
    test: is("AuthFailure.SignatureExpire"),
    kind: "clock",
    retryable: true,
    explanation: "this server's clock is more than 5 minutes off Tencent Cloud's; fix the clock",
  },
  {
    test: is("AuthFailure.SignatureFailure"),
    kind: "auth",
    retryable: false,
    explanation:
      "the signature was refused: TRTC_CLOUD_SECRET_KEY does not match TRTC_CLOUD_SECRET_ID",
  },
  {
    test: is(
      "AuthFailure.SecretIdNotFound",
      "AuthFailure.InvalidSecretId",
      "AuthFailure.TokenFailure",
    ),
    kind: "auth",
    retryable: false,
    explanation: "TRTC_CLOUD_SECRET_ID is unknown, disabled or not an API key",
  },
  {
    test: (code) =>
      code === "UnauthorizedOperation" ||
      code.startsWith("AuthFailure") ||
      code.startsWith("UnauthorizedOperation."),
    kind: "auth",
    retryable: false,
    explanation:
      "the API key may not read these TRTC data: grant it the TRTC read actions (DescribeRoomInfo, DescribeUserInfo, DescribeUserEvent, DescribeCallDetailInfo, DescribeUnusualEvent)",
  },
  {
    test: (code) =>
      code === "RequestLimitExceeded" ||
      code.startsWith("RequestLimitExceeded.") ||
      code === "LimitExceeded" ||
      code.startsWith("LimitExceeded."),
    kind: "rate_limited",
    retryable: true,
    explanation: "Tencent Cloud's limit of 20 requests per second was reached; try again shortly",
  },
  {
    test: is("InvalidParameter.StartTimeOversize", "InvalidParameter.StartTsOversize"),
    kind: "too_old",
    retryable: false,
    explanation:
      "the call is older than the data TRTC keeps (7 days on the Standard edition, 14 on Premium)",
  },
  {
    test: (code) =>
      code === "ResourceNotFound" ||
      code.startsWith("ResourceNotFound.") ||
      /RoomNotExist|RoomNotFound/i.test(code),
    kind: "not_found",
    retryable: false,
    explanation: "TRTC has no room by that ID at that time: usually no one entered it",
  },
  {
    test: is("UnsupportedRegion"),
    kind: "region",
    retryable: false,
    explanation:
      "this API does not accept the configured TRTC_CLOUD_REGION (try ap-guangzhou or ap-singapore)",
  },
  {
    test: (code) =>
      starts("InvalidParameter")(code) ||
      starts("MissingParameter")(code) ||
      code === "InvalidParameterValue" ||
      starts("InvalidParameterValue.")(code),
    kind: "bug",
    retryable: false,
    explanation: "the request was refused as invalid; this is a callscope bug, please report it",
  },
  {
    test: (code) =>
      starts("InternalError")(code) ||
      starts("FailedOperation")(code) ||
      code === "ServiceUnavailable",
    kind: "upstream",
    retryable: true,
    explanation: "Tencent Cloud had an internal error; try again in a moment",
  },
];

export function errorFromCode(
  code: string,
  init: { action?: TrtcAction; vendorMessage?: string; requestId?: string },
): TrtcCloudError {
  const rule = RULES.find((candidate) => candidate.test(code));
  return new TrtcCloudError({
    ...init,
    code,
    kind: rule?.kind ?? "upstream",
    retryable: rule?.retryable ?? false,
    explanation: rule?.explanation ?? "Tencent Cloud refused the request",
  });
}
