import type { Kysely } from "kysely";
import type { RateShare } from "../callkit/client.js";
import { WIDE_MARGINS } from "../callkit/rate-limit.js";
import { type Logger, silentLogger } from "../log.js";
import type { StoreDialect } from "../store/database.js";
import {
  createRateReplicaRepository,
  type RateBeat,
  type RateReplicaRepository,
} from "../store/rate-replicas.js";
import type { Database } from "../store/schema.js";
import { replicaId as newReplicaId } from "./replica-id.js";

/**
 * Makes the vendor's limits the app's rather than each process's: every replica heartbeats a row
 * in the store and paces itself at floor(limit / live replicas), re-evaluated every `refreshMs`.
 *
 * The replicas never change their rates at the same instant, so the moves are made in the safe
 * order. Lowering is applied at once. A replica that joins while others run holds for one of
 * their refreshes plus a sliding second, so they have slowed down before it speeds up. A raise
 * (someone left) waits one more refresh, by which time the leaver's last requests are more than
 * a second old; a leaver stops sending before it deletes its row. A replica that cannot reach the
 * store keeps its last share (see tick()).
 */

export interface RateShareOptions {
  replicas: RateReplicaRepository;
  /** What the limits are for: one app (`trtc:<SDKAppID>`). */
  scope: string;
  /** The app's limits in requests/s: TRTC_RATE_LIMIT, TRTC_CALLID_RATE_LIMIT. */
  limits: { rateLimit: number; callIdRateLimit: number };
  /** Where the share goes: `(share) => client.setRateShare(share)`. */
  apply: (share: RateShare) => void;
  replicaId?: string;
  /** Default 2000; must exceed a sliding second for raises to be safe. */
  refreshMs?: number;
  /** A heartbeat older than this (by the database's clock) is not counted; default 15000. */
  staleMs?: number;
  logger?: Logger;
}

export interface RateShareCoordinator {
  /** Resolves once the first share is applied (or the hold that stands in for it). */
  start(): Promise<void>;
  /** Stops sending, then leaves, so the others may take this replica's share. */
  stop(): Promise<void>;
  /** The last share applied and how many replicas it was computed for. */
  current(): { live: number; rateLimit: number; callIdRateLimit: number } | undefined;
}

/** A sliding second and the limiter's widest guard, plus room for a slow query. */
const SETTLE_MS = 1000 + WIDE_MARGINS.guardMs + 500;
/** Long enough to outlast the shutdown: a stopped replica sends nothing more. */
const LEAVING_HOLD_MS = 60_000;

export function createRateShareCoordinator(options: RateShareOptions): RateShareCoordinator {
  const refreshMs = options.refreshMs ?? 2000;
  const staleMs = options.staleMs ?? 15_000;
  const id = options.replicaId ?? newReplicaId();
  const logger = options.logger ?? silentLogger;
  const { rateLimit, callIdRateLimit } = options.limits;

  let applied: { live: number; rateLimit: number; callIdRateLimit: number } | undefined;
  let pendingRaise: { rateLimit: number; callIdRateLimit: number } | undefined;
  let lastBeatAt: number | undefined;
  /** When this replica joined others, by the database's clock, until they have all heard of it. */
  let joinedAtMs: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let stopped = false;

  const hold = (ms: number) =>
    options.apply({
      rateLimit: applied?.rateLimit ?? 1,
      callIdRateLimit: applied?.callIdRateLimit ?? 1,
      holdMs: ms,
    });

  async function tick(): Promise<void> {
    const startedAt = performance.now();
    let beat: RateBeat;
    try {
      beat = await options.replicas.beatAndLook(options.scope, id, staleMs);
    } catch (error) {
      logger.warn("rate_share.heartbeat_failed", { error });
      // A store outage reaches every replica alike: each keeps the share it had, so together they
      // stay within the limit and /calls keeps answering from the vendor while the database is
      // down. (A replica cut off alone may then overlap one that counted it out: the vendor's
      // 70005 backs the limiter off for that case.) Only a replica that never had a share waits.
      if (applied === undefined) hold(refreshMs * 2);
      return;
    }
    const live = beat.live;
    // Absent for longer than stale: the others may have taken our part, so this is a new join.
    const joining = lastBeatAt === undefined || startedAt - lastBeatAt > staleMs;
    lastBeatAt = startedAt;
    if (joining && live > 1) joinedAtMs = beat.atMs;
    // A newcomer sends nothing until every other replica has beaten since it joined: their beat
    // counted it, so they have slowed down. Waiting for that, rather than a fixed time, holds on a
    // loaded machine where their next beat comes late.
    const heardByAll =
      live <= 1 ||
      (beat.oldestOtherBeatMs !== undefined && beat.oldestOtherBeatMs > (joinedAtMs ?? 0));
    const acknowledged = joinedAtMs !== undefined && heardByAll;
    if (acknowledged) joinedAtMs = undefined;
    const target = {
      rateLimit: Math.max(1, Math.floor(rateLimit / live)),
      callIdRateLimit: Math.max(1, Math.floor(callIdRateLimit / live)),
    };
    if (live > rateLimit || live > callIdRateLimit) {
      logger.warn("rate_share.too_many_replicas", { live, rateLimit, callIdRateLimit });
    }
    let next = target;
    if (applied && !joining) {
      const raises =
        target.rateLimit > applied.rateLimit || target.callIdRateLimit > applied.callIdRateLimit;
      const confirmed =
        pendingRaise?.rateLimit === target.rateLimit &&
        pendingRaise.callIdRateLimit === target.callIdRateLimit;
      pendingRaise = raises && !confirmed ? target : undefined;
      if (raises && !confirmed) {
        next = {
          rateLimit: Math.min(target.rateLimit, applied.rateLimit),
          callIdRateLimit: Math.min(target.callIdRateLimit, applied.callIdRateLimit),
        };
      }
    }
    // Until heard, hold past the next beat; once heard, one sliding second for their last requests.
    const holdMs =
      joinedAtMs !== undefined ? refreshMs * 2 + SETTLE_MS : acknowledged ? SETTLE_MS : 0;
    const changed =
      !applied ||
      applied.rateLimit !== next.rateLimit ||
      applied.callIdRateLimit !== next.callIdRateLimit;
    if (changed || holdMs > 0) {
      options.apply({ ...next, ...(holdMs > 0 ? { holdMs } : {}) });
      logger.info("rate_share.applied", { live, ...next, holdMs });
    }
    applied = { live, ...next };
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        ticking = undefined;
        schedule();
      });
    }, refreshMs);
    timer.unref();
  };

  return {
    async start() {
      ticking = tick();
      await ticking;
      ticking = undefined;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking?.catch(() => undefined);
      hold(LEAVING_HOLD_MS);
      await options.replicas.leave(options.scope, id).catch((error: unknown) => {
        logger.warn("rate_share.leave_failed", { error });
      });
    },
    current: () => applied,
  };
}

/** The coordinator as the app wires it: the app's limits from config, shared through `store`. */
export function rateShareFromConfig(
  config: { TRTC_SDKAPPID: number; TRTC_RATE_LIMIT: number; TRTC_CALLID_RATE_LIMIT: number },
  deps: {
    store: { db: Kysely<Database>; dialect: StoreDialect };
    client: { setRateShare(share: RateShare): void };
    logger?: Logger;
  },
): RateShareCoordinator {
  return createRateShareCoordinator({
    replicas: createRateReplicaRepository(deps.store.db, deps.store.dialect),
    scope: `trtc:${config.TRTC_SDKAPPID}`,
    limits: { rateLimit: config.TRTC_RATE_LIMIT, callIdRateLimit: config.TRTC_CALLID_RATE_LIMIT },
    apply: (share) => deps.client.setRateShare(share),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
