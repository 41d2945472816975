import type { Lang } from "../query/types.js";

/**
 * Per user, in memory: the language they last used, and when their Home tab was last published
 * and whether something of theirs changed since. Memory rather than the store: a lost entry (a
 * restart, another replica) costs one extra views.publish on the next open, which is cheaper than
 * a write on every interaction; and the language falls back to the user's Slack locale.
 */

/** A Home older than this is published again when its user opens it. */
export const HOME_STALE_MS = 5 * 60_000;

export interface HomeState {
  langOf(userId: string): Lang | undefined;
  noteLang(userId: string, lang: Lang): void;
  /** Should opening the Home now publish it? (never published, older than HOME_STALE_MS, or changed) */
  isStale(userId: string, nowMs: number): boolean;
  published(userId: string, nowMs: number): void;
  /** Something shown on the user's Home changed (a saved search): the next check publishes. */
  changed(userId: string): void;
}

export function createHomeState(options: { maxUsers?: number } = {}): HomeState {
  const maxUsers = options.maxUsers ?? 10_000;
  const langs = new Map<string, Lang>();
  const publishedAt = new Map<string, number>();
  // Bounded: the oldest entry goes first (Map keeps insertion order; a touch re-inserts).
  const touch = <T>(map: Map<string, T>, key: string, value: T) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > maxUsers) map.delete(map.keys().next().value as string);
  };
  return {
    langOf: (userId) => langs.get(userId),
    noteLang: (userId, lang) => touch(langs, userId, lang),
    isStale: (userId, nowMs) => {
      const at = publishedAt.get(userId);
      return at === undefined || nowMs - at >= HOME_STALE_MS;
    },
    published: (userId, nowMs) => touch(publishedAt, userId, nowMs),
    changed: (userId) => {
      publishedAt.delete(userId);
    },
  };
}
