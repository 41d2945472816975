import type { ChannelMessage, ChannelPoster, PostLookup, PostMarker } from "../digest/channel.js";
import { ChannelPostError } from "../digest/channel.js";
import type { Logger } from "../log.js";
import type { CallFilter } from "../query/types.js";
import { replicaId } from "../runtime/replica-id.js";
import type {
  AlertEpisode,
  AlertRepository,
  AlertRule,
  EpisodeKey,
  PostStage,
} from "../store/alerts.js";
import { RULE_NUMBER_OUTAGE } from "../store/alerts.js";
import type { ArchiveBucket, ArchiveQuery, ArchiveRepository } from "../store/archive.js";
import type { LeaseRepository } from "../store/archive-lease.js";
import { describeRule } from "./describe.js";
import { measure, type RuleFigure, step, type WindowCounts } from "./evaluate.js";
import type { AlertRenderer, AlertView, BlindView } from "./view.js";

export type { AlertRenderer, AlertTop, AlertView, BlindView } from "./view.js";

/**
 * Evaluates every channel's alert rules each minute from the archive, on one replica at a time
 * (the `alerts:evaluate` lease, as the archive sync holds its own), and posts through the
 * digest's ChannelPoster port. Each post of an episode goes out once across replicas and restarts,
 * the digest's way: claimed in the store before it is sent (store/alerts.ts `claimPost`), marked
 * with message metadata, and, when an earlier try may have landed, looked for (conversations.
 * history / replies) before any new try; when the platform cannot say, recorded unconfirmed
 * rather than sent twice. Pending posts are retried on the next minutes.
 *
 * When callscope cannot see calls (the archive sync has not progressed for `blindAfterMs`: the
 * vendor or the sync is down), no rule is judged: each channel with rules gets one "cannot see
 * calls" notice per such episode, and a reply when it can see again.
 */

export const ALERT_EVENT_TYPE = "callscope_alert";
export const ALERT_LEASE = "alerts:evaluate";
const LOOKUP_MARGIN_MS = 5 * 60_000;
const TOP_READ_LIMIT = 500;

export interface AlertEngineOptions {
  alerts: AlertRepository;
  archive: Pick<ArchiveRepository, "countSeries" | "page" | "coverage">;
  leases: LeaseRepository;
  poster: ChannelPoster;
  render: AlertRenderer;
  sdkAppId: number;
  logger: Logger;
  now?: () => Date;
  owner?: string;
  /** Evaluation period (default 60 s). */
  intervalMs?: number;
  /** The lease's life without renewal (default 3 min). */
  leaseTtlMs?: number;
  /** How long a figure stays back under its rule before the episode resolves (default 10 min). */
  clearAfterMs?: number;
  /** An open alert still bad after this long gets one update in its thread (default 30 min). */
  updateAfterMs?: number;
  /** The archive not progressing for this long means callscope cannot see calls (default 10 min). */
  blindAfterMs?: number;
  /** The chart's span and bucket (default 6 h in 15 min buckets). */
  chartHours?: number;
  chartBucketMinutes?: number;
  /**
   * True while call events flow (the webhook receiver feeds the archive as calls end): the window
   * then ends now rather than at the sync's progress, so event-fed calls count at once.
   */
  eventsFlowing?: () => Promise<boolean>;
}

export interface TickOutcome {
  /** False when another replica holds the lease. */
  evaluated: boolean;
  rules: number;
  blind: boolean;
  posts: number;
}

export interface AlertEngine {
  tick(): Promise<TickOutcome>;
  /**
   * Judges now instead of at the next minute; during a running tick, once more after it (so
   * what a call event just wrote is judged). Calls coalesce: one pending run at most.
   */
  nudge(): void;
  start(): void;
  stop(): Promise<void>;
  readonly owner: string;
}

export function alertMarker(key: EpisodeKey, stage: PostStage): PostMarker {
  return {
    eventType: ALERT_EVENT_TYPE,
    payload: {
      channel: key.channelId,
      rule: String(key.ruleNumber),
      opened: String(key.openedAt.getTime()),
      stage,
    },
  };
}

function scopeQuery(filter: CallFilter, startTs: number, endTs: number): ArchiveQuery {
  return {
    startTs,
    endTs,
    callTypes: filter.callTypes,
    mediaTypes: filter.mediaTypes,
    ...(filter.rooms?.length ? { rooms: filter.rooms } : {}),
    users: filter.users,
  };
}

const sum = (buckets: ArchiveBucket[]): WindowCounts =>
  buckets.reduce((a, b) => ({ total: a.total + b.total, matched: a.matched + b.matched }), {
    total: 0,
    matched: 0,
  });

const keyOf = (e: { channelId: string; ruleNumber: number; openedAt: Date }): EpisodeKey => ({
  channelId: e.channelId,
  ruleNumber: e.ruleNumber,
  openedAt: e.openedAt,
});

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { alerts, archive, leases, poster, render, logger } = options;
  const owner = options.owner ?? replicaId();
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 60_000;
  const leaseTtl = options.leaseTtlMs ?? 3 * 60_000;
  const clearAfter = options.clearAfterMs ?? 10 * 60_000;
  const updateAfter = options.updateAfterMs ?? 30 * 60_000;
  const blindAfter = options.blindAfterMs ?? 10 * 60_000;
  const chartHours = options.chartHours ?? 6;
  const chartBucket = options.chartBucketMinutes ?? 15;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function figureOf(rule: AlertRule, endTs: number): Promise<RuleFigure> {
    const windowSec = rule.condition.windowMinutes * 60;
    const startTs = endTs - windowSec;
    const counted = rule.filter.results;
    const current = sum(
      await archive.countSeries(scopeQuery(rule.filter, startTs, endTs), counted, windowSec),
    );
    if (rule.condition.kind !== "baseline") return measure(rule.condition, current);
    let base: WindowCounts = { total: 0, matched: 0 };
    for (let day = 1; day <= rule.condition.days; day++) {
      const shift = day * 86_400;
      const past = sum(
        await archive.countSeries(
          scopeQuery(rule.filter, startTs - shift, endTs - shift),
          counted,
          windowSec,
        ),
      );
      base = { total: base.total + past.total, matched: base.matched + past.matched };
    }
    return measure(rule.condition, current, base);
  }

  async function viewOf(
    rule: AlertRule,
    figure: RuleFigure,
    episode: AlertEpisode,
    endTs: number,
  ): Promise<AlertView> {
    const bucketSec = chartBucket * 60;
    const chartEnd = Math.ceil(endTs / bucketSec) * bucketSec;
    const chartStart = chartEnd - chartHours * 3600;
    const [series, page] = await Promise.all([
      archive.countSeries(
        scopeQuery(rule.filter, chartStart, chartEnd),
        rule.filter.results,
        bucketSec,
      ),
      archive.page(
        {
          ...scopeQuery(rule.filter, endTs - rule.condition.windowMinutes * 60, endTs),
          results: rule.filter.results,
        },
        { limit: TOP_READ_LIMIT },
      ),
    ]);
    const callers = new Map<string, number>();
    const callees = new Map<string, number>();
    for (const record of page.records) {
      if (record.caller) callers.set(record.caller, (callers.get(record.caller) ?? 0) + 1);
      for (const callee of record.callees) callees.set(callee, (callees.get(callee) ?? 0) + 1);
    }
    const top = (m: Map<string, number>) =>
      [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    return {
      rule,
      figure,
      openedAt: episode.openedAt,
      peak: Math.max(episode.peak, figure.figure),
      peakAt: episode.peakAt,
      asOf: new Date(endTs * 1000),
      series,
      bucketMinutes: chartBucket,
      chartHours,
      top: {
        callers: top(callers),
        callees: top(callees),
        callIds: page.records.slice(0, 5).map((r) => r.callId),
      },
      ...(episode.resolvedAt ? { resolvedAt: episode.resolvedAt } : {}),
    };
  }

  /**
   * Sends one post of an episode unless it was sent: looks first when an earlier try may have
   * landed, claims it in the store, posts, records its ts. True when it is now recorded.
   */
  async function postOnce(
    episode: AlertEpisode,
    stage: PostStage,
    message: () => Promise<ChannelMessage> | ChannelMessage,
    threadTs?: string,
  ): Promise<boolean> {
    const key = keyOf(episode);
    const previous = episode.posts[stage];
    if (previous.ts !== undefined) return true;
    const marker = alertMarker(key, stage);
    const channel = key.channelId;
    if (previous.attemptedAt !== undefined) {
      const since = previous.attemptedAt - LOOKUP_MARGIN_MS;
      const unknowable: PostLookup = {
        status: "unknowable",
        reason: "this poster cannot read the channel's history",
      };
      const lookup: PostLookup = threadTs
        ? ((await poster.findReply?.(channel, threadTs, marker, since)) ?? unknowable)
        : ((await poster.findPost?.(channel, marker, since)) ?? unknowable);
      if (lookup.status === "found") {
        await alerts.markPosted(key, stage, lookup.ts);
        return true;
      }
      if (lookup.status === "unknowable") {
        logger.warn("alert.post_unconfirmed", {
          channel,
          rule: key.ruleNumber,
          stage,
          reason: lookup.reason,
          note: "an earlier post may have landed; not posting again rather than risk a duplicate",
        });
        await alerts.markPosted(key, stage, "");
        return true;
      }
    }
    const body = await message();
    if (!(await alerts.claimPost(key, stage, previous.attemptedAt, now()))) return false;
    try {
      const ts = await poster.postMessage(
        channel,
        body,
        marker,
        threadTs ? { threadTs } : undefined,
      );
      await alerts.markPosted(key, stage, ts);
      logger.info("alert.posted", { channel, rule: key.ruleNumber, stage, ts });
      posts += 1;
      return true;
    } catch (error) {
      const post = error instanceof ChannelPostError ? error : undefined;
      logger.warn("alert.post_failed", {
        channel,
        rule: key.ruleNumber,
        stage,
        outcomeUnknown: post?.outcomeUnknown ?? true,
        error,
      });
      return false;
    }
  }

  let posts = 0;

  async function deliverRule(
    rule: AlertRule,
    episode: AlertEpisode,
    figure: RuleFigure,
    endTs: number,
    at: Date,
  ) {
    let view: AlertView | undefined;
    const viewNow = async () => {
      view ??= await viewOf(rule, figure, episode, endTs);
      return view;
    };
    const muted = rule.mutedUntil !== undefined && rule.mutedUntil > at;
    if (episode.posts.alert.ts === undefined) {
      // A resolved episode whose alert never went out has nothing to resolve in the channel.
      if (episode.status === "resolved") {
        await alerts.markPosted(keyOf(episode), "resolve", "");
        return;
      }
      if (muted) return;
      if (!(await postOnce(episode, "alert", async () => render.alert(await viewNow())))) return;
      episode = (await alerts.getEpisode(keyOf(episode))) ?? episode;
    }
    const top = episode.posts.alert.ts;
    if (top === undefined) return;
    if (episode.status === "resolved") {
      if (top !== "")
        await poster
          .updateMessage?.(episode.channelId, top, render.resolvedTop(await viewNow()))
          .catch((error: unknown) =>
            logger.warn("alert.update_failed", { channel: episode.channelId, error }),
          );
      if (top === "") await alerts.markPosted(keyOf(episode), "resolve", "");
      else
        await postOnce(episode, "resolve", async () => render.resolvedReply(await viewNow()), top);
      return;
    }
    const due = at.getTime() - episode.openedAt.getTime() >= updateAfter;
    if (due && !muted && top !== "" && episode.clearSince === undefined)
      await postOnce(episode, "update", async () => render.update(await viewNow()), top);
  }

  async function evaluateRule(
    rule: AlertRule,
    open: AlertEpisode | undefined,
    endTs: number,
    at: Date,
  ) {
    const muted = rule.mutedUntil !== undefined && rule.mutedUntil > at;
    const figure = await figureOf(rule, endTs);
    const next = step(figure, open, at, clearAfter);
    let episode = open;
    if (next.kind === "open") {
      // A muted rule opens no episode: nothing to say now, nothing to resolve later.
      if (muted) return;
      const key = { channelId: rule.channelId, ruleNumber: rule.number, openedAt: minuteOf(at) };
      episode = await alerts.startEpisode(key, figure.figure, {
        rule: describeRule(rule, rule.lang),
        unit: figure.unit,
        threshold: figure.threshold,
        ...(figure.baseline !== undefined ? { baseline: figure.baseline } : {}),
        kind: rule.condition.kind,
      });
      if (!episode) return;
      logger.info("alert.opened", {
        channel: rule.channelId,
        rule: rule.number,
        figure: figure.figure,
      });
    } else if (next.kind === "track" && episode) {
      await alerts.trackEpisode(keyOf(episode), figure.figure, next.clearSince, at);
      episode = (await alerts.getEpisode(keyOf(episode))) ?? episode;
    } else if (next.kind === "resolve" && episode) {
      await alerts.resolveEpisode(keyOf(episode), at);
      logger.info("alert.resolved", { channel: rule.channelId, rule: rule.number });
      episode = (await alerts.getEpisode(keyOf(episode))) ?? episode;
    }
    if (episode) await deliverRule(rule, episode, figure, endTs, at);
  }

  async function blindness(
    channels: Map<string, AlertRule>,
    unfinished: AlertEpisode[],
    blind: boolean,
    lastSeen: Date | undefined,
    at: Date,
  ) {
    for (const [channelId, first] of channels) {
      let episode = unfinished.find(
        (e) => e.channelId === channelId && e.ruleNumber === RULE_NUMBER_OUTAGE,
      );
      if (blind && (!episode || episode.status === "resolved")) {
        const key = { channelId, ruleNumber: RULE_NUMBER_OUTAGE, openedAt: minuteOf(at) };
        episode = (await alerts.startEpisode(key, 0, { kind: "outage" })) ?? episode;
        logger.warn("alert.blind", { channel: channelId, lastSeen });
      }
      if (!episode) continue;
      if (!blind && episode.status === "open") {
        await alerts.resolveEpisode(keyOf(episode), at);
        episode = (await alerts.getEpisode(keyOf(episode))) ?? episode;
      }
      const view: BlindView = {
        lang: first.lang,
        timeZone: first.timeZone,
        since: episode.openedAt,
        lastSeen,
        ...(episode.resolvedAt ? { seenAgainAt: episode.resolvedAt } : {}),
      };
      if (!(await postOnce(episode, "alert", () => render.blind(view)))) continue;
      episode = (await alerts.getEpisode(keyOf(episode))) ?? episode;
      const top = episode.posts.alert.ts;
      if (episode.status !== "resolved" || top === undefined) continue;
      if (top === "") {
        await alerts.markPosted(keyOf(episode), "resolve", "");
        continue;
      }
      await poster.updateMessage?.(channelId, top, render.blindTop(view)).catch(() => {});
      await postOnce(episode, "resolve", () => render.seeing(view), top);
    }
  }

  async function tick(): Promise<TickOutcome> {
    const at = now();
    posts = 0;
    if (!(await leases.acquire(ALERT_LEASE, owner, leaseTtl, at)))
      return { evaluated: false, rules: 0, blind: false, posts: 0 };
    const [rules, unfinished, coverage] = await Promise.all([
      alerts.allRules(),
      alerts.unfinishedEpisodes(),
      archive.coverage(options.sdkAppId),
    ]);
    const lastSeen = coverage?.syncedAt;
    const blind = !coverage || at.getTime() - coverage.syncedAt.getTime() > blindAfter;
    const channels = new Map<string, AlertRule>();
    for (const rule of rules) if (!channels.has(rule.channelId)) channels.set(rule.channelId, rule);
    await blindness(channels, unfinished, blind, lastSeen, at);
    if (blind || !coverage) return { evaluated: true, rules: 0, blind, posts };
    // The archive is complete up to its sync's progress: the window ends there.
    const nowSec = Math.floor(at.getTime() / 1000);
    const live = (await options.eventsFlowing?.().catch(() => false)) ?? false;
    const endTs = live ? nowSec : Math.min(nowSec, coverage.until);
    let evaluated = 0;
    for (const rule of rules) {
      const open = unfinished.find(
        (e) => e.channelId === rule.channelId && e.ruleNumber === rule.number,
      );
      try {
        // An episode resolved whose resolution is still to post: deliver it, open no new one yet.
        if (open?.status === "resolved") {
          await deliverRule(rule, open, await figureOf(rule, endTs), endTs, at);
        } else await evaluateRule(rule, open, endTs, at);
        evaluated += 1;
      } catch (error) {
        logger.error("alert.rule_failed", { channel: rule.channelId, rule: rule.number, error });
      }
    }
    return { evaluated: true, rules: evaluated, blind, posts };
  }

  let again = false;
  const runTick = () => {
    if (running || stopped) return;
    running = tick()
      .catch((error: unknown) => logger.error("alert.tick_failed", { error }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          runTick();
        }
      });
  };

  return {
    owner,
    tick,
    nudge() {
      if (running) again = true;
      else runTick();
    },
    start() {
      if (timer) return;
      timer = setInterval(runTick, intervalMs);
      timer.unref?.();
      runTick();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await leases.release(ALERT_LEASE, owner).catch(() => {});
    },
  };
}

function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}
