import type { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";
import { isIanaZone } from "../time/zone.js";

/**
 * Slash commands carry no time zone, so each user's `tz` comes from `users.info`, cached per user
 * (people rarely move; a day-long cache would be fine, an hour keeps travel honest).
 */

export interface TimeZoneResolver {
  timeZoneOf(userId: string): Promise<string>;
}

export interface TimeZoneResolverOptions {
  client: Pick<webApi.WebClient, "users">;
  defaultTimeZone: string;
  ttlMs?: number;
  /** Failures are cached shorter, so a Slack hiccup does not pin the default for an hour. */
  failureTtlMs?: number;
  now?: () => number;
  logger?: Logger;
}

export function createTimeZoneResolver(options: TimeZoneResolverOptions): TimeZoneResolver {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { zone: Promise<string>; expiresAt: number }>();

  const fetchZone = async (userId: string): Promise<string> => {
    try {
      const answer = await options.client.users.info({ user: userId });
      const zone = answer.user?.tz;
      if (zone && isIanaZone(zone)) return zone;
      return options.defaultTimeZone;
    } catch (error) {
      cache.set(userId, {
        zone: Promise.resolve(options.defaultTimeZone),
        expiresAt: now() + failureTtlMs,
      });
      options.logger?.warn("slack.users_info_failed", { user: userId, error });
      return options.defaultTimeZone;
    }
  };

  return {
    timeZoneOf(userId) {
      const cached = cache.get(userId);
      if (cached && cached.expiresAt > now()) return cached.zone;
      // The promise is cached, so concurrent commands from one user make one users.info call.
      const zone = fetchZone(userId);
      cache.set(userId, { zone, expiresAt: now() + ttlMs });
      return zone;
    },
  };
}
