import type { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";
import { isIanaZone } from "../time/zone.js";

/**
 * Slash commands carry no time zone, so each user's `tz` comes from `users.info`, cached per user
 * (people rarely move; a day-long cache would be fine, an hour keeps travel honest).
 *
 * The lookup sits in front of every answer, so it is bounded here as well as in the client it is
 * given: a Slack outage costs an answer at most `lookupTimeoutMs`, then the default zone is used
 * and the answer says so (`fellBack`).
 */

export interface ResolvedTimeZone {
  timeZone: string;
  /** Slack could not be asked (error or timeout): `timeZone` is the default, not the user's. */
  fellBack: boolean;
}

export interface TimeZoneResolver {
  timeZoneOf(userId: string): Promise<string>;
  resolve(userId: string): Promise<ResolvedTimeZone>;
}

export interface TimeZoneResolverOptions {
  client: Pick<webApi.WebClient, "users">;
  defaultTimeZone: string;
  ttlMs?: number;
  /** Failures are cached shorter, so a Slack hiccup does not pin the default for an hour. */
  failureTtlMs?: number;
  /** Longest wait for users.info, whatever the client's own timeout and retries; default 1 s. */
  lookupTimeoutMs?: number;
  now?: () => number;
  logger?: Logger;
}

export const USERS_INFO_TIMEOUT_MS = 1000;

class LookupTimeout extends Error {
  constructor(ms: number) {
    super(`users.info did not answer within ${ms} ms`);
    this.name = "LookupTimeout";
  }
}

export function createTimeZoneResolver(options: TimeZoneResolverOptions): TimeZoneResolver {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const lookupTimeoutMs = options.lookupTimeoutMs ?? USERS_INFO_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { zone: Promise<ResolvedTimeZone>; expiresAt: number }>();

  const withTimeout = <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new LookupTimeout(lookupTimeoutMs)), lookupTimeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };

  const fetchZone = async (userId: string): Promise<ResolvedTimeZone> => {
    try {
      const answer = await withTimeout(options.client.users.info({ user: userId }));
      const zone = answer.user?.tz;
      if (zone && isIanaZone(zone)) return { timeZone: zone, fellBack: false };
      return { timeZone: options.defaultTimeZone, fellBack: false };
    } catch (error) {
      const fallback = { timeZone: options.defaultTimeZone, fellBack: true };
      cache.set(userId, { zone: Promise.resolve(fallback), expiresAt: now() + failureTtlMs });
      options.logger?.warn("slack.users_info_failed", { user: userId, error });
      return fallback;
    }
  };

  const resolve = (userId: string): Promise<ResolvedTimeZone> => {
    const cached = cache.get(userId);
    if (cached && cached.expiresAt > now()) return cached.zone;
    // The promise is cached, so concurrent commands from one user make one users.info call.
    const zone = fetchZone(userId);
    cache.set(userId, { zone, expiresAt: now() + ttlMs });
    return zone;
  };

  return {
    resolve,
    timeZoneOf: async (userId) => (await resolve(userId)).timeZone,
  };
}
