import { redact } from "../log.js";

/**
 * What went wrong talking to TUICallKit, in one class: the vendor's code and message, the
 * requestId support asks for, whether trying again may help, and an explanation for the person on
 * call. Messages are built here from known parts only: never from a library error (ky's carry the
 * signed URL), and everything from the outside passes through redact() as a second defence.
 */

export type CallKitErrorKind =
  | "config"
  | "rate_limited"
  | "bug"
  | "upstream"
  | "timeout"
  | "network"
  | "malformed"
  | "package_required"
  | "cancelled";

/** v1's two endpoints, then v4's (their names differ: `records`/`record`, `callId`/`callid`). */
export type CallKitEndpoint =
  | "get_records_by_filter"
  | "get_record_by_callId"
  | "get_record_by_filter"
  | "get_record_by_callid";

export interface CallKitErrorInit {
  kind: CallKitErrorKind;
  code?: number;
  vendorMessage?: string;
  requestId?: string;
  status?: number;
  retryable: boolean;
  explanation: string;
  endpoint?: CallKitEndpoint;
}

export class CallKitError extends Error {
  readonly kind: CallKitErrorKind;
  readonly code?: number;
  readonly vendorMessage?: string;
  readonly requestId?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly explanation: string;
  readonly endpoint?: CallKitEndpoint;

  constructor(init: CallKitErrorInit) {
    const vendorMessage =
      init.vendorMessage === undefined ? undefined : redact(init.vendorMessage).slice(0, 500);
    const explanation = redact(init.explanation);
    super(redact(summarize({ ...init, vendorMessage, explanation })));
    this.name = "CallKitError";
    this.kind = init.kind;
    if (init.code !== undefined) this.code = init.code;
    if (vendorMessage !== undefined) this.vendorMessage = vendorMessage;
    if (init.requestId) this.requestId = redact(init.requestId);
    if (init.status !== undefined) this.status = init.status;
    if (init.endpoint !== undefined) this.endpoint = init.endpoint;
    this.retryable = init.retryable;
    this.explanation = explanation;
  }

  /** Plain fields only, so structured logs and JSON.stringify show what matters and nothing else. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      code: this.code,
      vendorMessage: this.vendorMessage,
      requestId: this.requestId,
      status: this.status,
      endpoint: this.endpoint,
      retryable: this.retryable,
      explanation: this.explanation,
      message: this.message,
    };
  }
}

function summarize(init: CallKitErrorInit): string {
  const where = init.endpoint ? `TUICallKit ${init.endpoint}` : "TUICallKit";
  const parts = [`${where}: ${init.kind}`];
  if (init.code !== undefined) parts.push(`code ${init.code}`);
  if (init.status !== undefined) parts.push(`HTTP ${init.status}`);
  if (init.vendorMessage) parts.push(`"${init.vendorMessage}"`);
  if (init.requestId) parts.push(`requestId ${init.requestId}`);
  return `${parts.join(", ")}: ${init.explanation}`;
}

export interface CodeRule {
  kind: CallKitErrorKind;
  /** Whether the client retries it (see client.ts for the special handling of 70002/70003). */
  retryable: boolean;
  explanation: string;
}

/** The contract's error table (../shared/callkit-api.md). 70011 is an empty result, not here. */
export const ERROR_CODES: Readonly<Record<number, CodeRule>> = {
  50001: {
    kind: "package_required",
    retryable: false,
    explanation:
      "This TRTC application has no TUICallKit group-call package, which the call-records API needs. This is not a callscope fault: buy or enable the package in the TRTC console, then ask again.",
  },
  70001: {
    kind: "bug",
    retryable: false,
    explanation:
      "TUICallKit rejected the request's parameters. This is a callscope bug, not a configuration problem: report it with the requestId.",
  },
  70002: {
    kind: "config",
    retryable: false,
    explanation:
      "TUICallKit says the UserSig is invalid even after signing a fresh one, so the TRTC secret key or SDKAppID is wrong: check TRTC_SECRET_KEY and TRTC_SDKAPPID against the TRTC console (Application Management → Application Info), then restart callscope.",
  },
  70003: {
    kind: "config",
    retryable: true,
    explanation:
      "TUICallKit says the UserSig has expired even after signing a fresh one: the clock of the machine running callscope is probably wrong. Check its time (NTP), then try again.",
  },
  70004: {
    kind: "config",
    retryable: false,
    explanation:
      "The account in TRTC_ADMIN_USER is not an admin account of this app. Set it to an IM admin account (the console creates `administrator` by default), then restart callscope.",
  },
  70005: {
    kind: "rate_limited",
    retryable: true,
    explanation:
      "TUICallKit is rate limiting this app (more than the allowed requests per second). callscope paces itself, so something else may be using the same SDKAppID. Wait a moment and try again.",
  },
  70009: {
    kind: "bug",
    retryable: false,
    explanation:
      "TUICallKit could not parse the request body. This is a callscope bug: report it with the requestId.",
  },
};

/** Unknown and internal codes: show what the vendor said and try once more at most. */
export const UNKNOWN_CODE_RULE: CodeRule = {
  kind: "upstream",
  retryable: true,
  explanation:
    "TUICallKit answered with an error callscope does not know. Try again; if it persists, give Tencent support the code, message and requestId.",
};

export function ruleForCode(code: number): CodeRule {
  return ERROR_CODES[code] ?? UNKNOWN_CODE_RULE;
}

export function errorForCode(
  code: number,
  details: { vendorMessage?: string; requestId?: string; endpoint?: CallKitEndpoint },
): CallKitError {
  const rule = ruleForCode(code);
  return new CallKitError({ ...rule, code, ...details });
}
