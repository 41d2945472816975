import { Api } from "tls-sig-api-v2";
import { forgetSecret, registerSecret } from "../log.js";

export interface UserSigCacheOptions {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  /** Lifetime of each signature; a day keeps signing rare. */
  ttlSeconds?: number;
  /** Renew when less than this is left, so a signature never expires mid-request. */
  renewBeforeSeconds?: number;
  /** Epoch ms; injectable so renewal can be tested without waiting a day. */
  now?: () => number;
}

/**
 * The admin UserSig, signed with tls-sig-api-v2 and reused until it nears expiry. Every signature
 * is registered as a secret the moment it exists, so no log line can ever print it. The registry
 * keeps the current one and the one it replaced (a request may still carry it) until each
 * expires; older ones are forgotten, so a long-running process does not grow the list forever.
 */
export class UserSigCache {
  private readonly api: Api;
  private readonly identifier: string;
  private readonly ttlSeconds: number;
  private readonly renewBeforeMs: number;
  private readonly now: () => number;
  private current: { sig: string; expiresAtMs: number } | undefined;
  private previous: string | undefined;

  constructor(options: UserSigCacheOptions) {
    registerSecret(options.secretKey);
    this.api = new Api(options.sdkAppId, options.secretKey);
    this.identifier = options.identifier;
    this.ttlSeconds = options.ttlSeconds ?? 24 * 3600;
    this.renewBeforeMs = (options.renewBeforeSeconds ?? 3600) * 1000;
    this.now = options.now ?? Date.now;
    if (this.renewBeforeMs >= this.ttlSeconds * 1000) {
      throw new RangeError("renewBeforeSeconds must be shorter than ttlSeconds");
    }
  }

  /** A signature with more than `renewBeforeSeconds` left. */
  get(): string {
    const now = this.now();
    if (!this.current || this.current.expiresAtMs - now < this.renewBeforeMs) {
      const sig = this.api.genUserSig(this.identifier, this.ttlSeconds);
      // The registry runs on the wall clock; `now` may be a test's.
      registerSecret(sig, { expiresAtMs: Date.now() + this.ttlSeconds * 1000 });
      this.retire(this.current?.sig);
      this.current = { sig, expiresAtMs: now + this.ttlSeconds * 1000 };
    }
    return this.current.sig;
  }

  /** Forget the signature (the vendor said 70002/70003): the next get() signs afresh. */
  invalidate(): void {
    this.retire(this.current?.sig);
    this.current = undefined;
  }

  private retire(sig: string | undefined): void {
    if (sig === undefined) return;
    if (this.previous !== undefined && this.previous !== sig) forgetSecret(this.previous);
    this.previous = sig;
  }
}
