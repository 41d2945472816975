import { addDays, instantOf, startOfDay, wallClock } from "../query/time/wall.js";
import type { Lang, SearchQuery } from "../query/types.js";
import { FAILED_RESULTS } from "../query/vocabulary.js";
import { runSearch } from "../records/search.js";
import type { Summary } from "../report/summary.js";
import type { DayFigures, HomeData, HomeExtras } from "./blocks/home.js";
import { encodeButtonValue } from "./button-value.js";
import type { ListenerDeps } from "./deps.js";
import { admitted } from "./listeners/answers.js";

/**
 * What one user's Home shows, gathered: health, today against yesterday at the same time, the
 * last failed calls, their saved searches and digests. Each part that cannot be read is left out
 * with a word, never the whole Home; the rendering is blocks/home.ts.
 */

export const VENDOR_ERROR_WINDOW_MINUTES = 15;

const allCalls = (startMs: number, endMs: number, lang: Lang, pageSize: number): SearchQuery => ({
  kind: "search",
  results: [],
  callTypes: [],
  mediaTypes: [],
  users: { caller: [], callee: [], either: [] },
  window: {
    startTs: Math.floor(startMs / 1000),
    endTs: Math.max(Math.floor(startMs / 1000), Math.floor(endMs / 1000)),
  },
  defaultWindow: false,
  pageSize,
  lang,
});

function figures(summary: Summary): DayFigures {
  const failed = FAILED_RESULTS.reduce((n, result) => n + (summary.byResult[result] ?? 0), 0);
  return {
    total: summary.total,
    answerRate: summary.answerRate,
    failed,
    interrupted: summary.byResult.interrupt ?? 0,
  };
}

/** The next time a daily digest at hour:minute in `timeZone` runs after `nowMs`. */
export function nextDailyRun(
  hour: number,
  minute: number,
  timeZone: string,
  nowMs: number,
): number {
  const today = wallClock(nowMs, timeZone);
  const at = instantOf(today, hour, minute, timeZone);
  return at > nowMs ? at : instantOf(addDays(today, 1), hour, minute, timeZone);
}

export interface GatherOptions {
  userId: string;
  lang: Lang;
  timeZone: string;
  /** From other features (a chart, alert rules, webhooks); none by default. */
  extras?: HomeExtras;
}

export async function gatherHome(deps: ListenerDeps, options: GatherOptions): Promise<HomeData> {
  const { userId, lang, timeZone } = options;
  const nowMs = deps.now().getTime();
  const wall = wallClock(nowMs, timeZone);
  const todayStart = startOfDay(wall, timeZone);
  const yesterdayStart = startOfDay(addDays(wall, -1), timeZone);
  const sameTimeYesterday = instantOf(addDays(wall, -1), wall.hour, wall.minute, timeZone);

  const search = (query: SearchQuery) =>
    admitted(deps, { userId }, async (signal) => {
      const chosen = await deps.router.forSearch(query);
      return runSearch(chosen.source, chosen.query, { signal });
    });
  const failedQuery: SearchQuery = {
    ...allCalls(nowMs - 24 * 3600_000, nowMs, lang, 10),
    results: [...FAILED_RESULTS],
  };
  // One at a time: the Home must not take three of the user's scan slots at once.
  const today = await (async () => {
    try {
      const now = await search(allCalls(todayStart, nowMs, lang, 1));
      const before = await search(allCalls(yesterdayStart, sameTimeYesterday, lang, 1));
      return { now: figures(now.summary), yesterday: figures(before.summary) };
    } catch (error) {
      deps.logger.warn("slack.home_figures_failed", { user: userId, error });
      return undefined;
    }
  })();
  const failures = await search(failedQuery).then(
    (result) => result.page,
    (error: unknown) => {
      deps.logger.warn("slack.home_failures_failed", { user: userId, error });
      return [];
    },
  );
  const saved = deps.savedSearches
    ? await deps.savedSearches.list(userId).catch((error: unknown) => {
        deps.logger.warn("slack.home_saved_failed", { user: userId, error });
        return [];
      })
    : [];
  const subscriptions = deps.subscriptions
    ? await deps.subscriptions().catch((error: unknown) => {
        deps.logger.warn("slack.home_digests_failed", { user: userId, error });
        return [];
      })
    : [];
  const synced = await deps.archiveSyncedAt?.().catch(() => undefined);
  const extras = options.extras ?? (await deps.homeExtras?.(userId, lang).catch(() => ({}))) ?? {};
  return {
    lang,
    timeZone,
    nowTs: Math.floor(nowMs / 1000),
    health: {
      generations: deps.generations?.(),
      archiveSyncedTs: synced ? Math.floor(synced.getTime() / 1000) : undefined,
      vendorErrors: {
        count: deps.upstream.recentErrors(VENDOR_ERROR_WINDOW_MINUTES * 60_000, nowMs).count,
        minutes: VENDOR_ERROR_WINDOW_MINUTES,
      },
    },
    today,
    failures,
    saved: saved.map((s) => ({ name: s.name, words: s.words })),
    digests: subscriptions
      .filter((s) => s.createdBy === userId)
      .map((s) => ({
        channelId: s.channelId,
        hour: s.hour,
        minute: s.minute,
        nextRunTs: Math.floor(nextDailyRun(s.hour, s.minute, s.timeZone, nowMs) / 1000),
      })),
    extras,
    detailsOf: (callId) => encodeButtonValue({ kind: "lookup", callIds: [callId], lang }),
  };
}
