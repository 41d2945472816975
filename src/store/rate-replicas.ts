import { type Kysely, type RawBuilder, sql } from "kysely";
import type { StoreDialect } from "./database.js";
import type { Database } from "./schema.js";

/**
 * Which replicas share a rate limit right now. Every time is the database's own clock (epoch
 * ms), never a replica's: two replicas whose clocks drift apart still agree on who is alive.
 */
export interface RateBeat {
  /** Live replicas of the scope, this one included. */
  live: number;
  /** When this beat was recorded, by the database's clock (epoch ms). */
  atMs: number;
  /** The oldest last beat among the other live replicas; undefined when alone. */
  oldestOtherBeatMs?: number;
}

export interface RateReplicaRepository {
  /** Records that `replicaId` is alive and returns how many replicas of `scope` are (itself too). */
  beat(scope: string, replicaId: string, staleMs: number): Promise<number>;
  /** The same heartbeat, with when it was recorded and when the others last beat. */
  beatAndLook(scope: string, replicaId: string, staleMs: number): Promise<RateBeat>;
  /** Leaves at once, so the others may take its share without waiting for it to go stale. */
  leave(scope: string, replicaId: string): Promise<void>;
}

/** Rows this much older than stale are deleted, so crashed replicas do not pile up. */
const FORGET_AFTER_STALE = 20;

function dbNowMs(dialect: StoreDialect): RawBuilder<number> {
  return dialect === "postgres"
    ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000.0) as integer)`;
}

export function createRateReplicaRepository(
  db: Kysely<Database>,
  dialect: StoreDialect,
): RateReplicaRepository {
  const now = () => dbNowMs(dialect);
  async function beatAndLook(scope: string, replicaId: string, staleMs: number): Promise<RateBeat> {
    await db
      .insertInto("rate_replicas")
      .values({ scope, replica_id: replicaId, beat_at: now() })
      .onConflict((oc) =>
        oc.columns(["scope", "replica_id"]).doUpdateSet((eb) => ({
          beat_at: eb.ref("excluded.beat_at"),
        })),
      )
      .execute();
    await db
      .deleteFrom("rate_replicas")
      .where("scope", "=", scope)
      .where("beat_at", "<", sql<number>`${now()} - ${staleMs * FORGET_AFTER_STALE}`)
      .execute();
    const rows = await db
      .selectFrom("rate_replicas")
      .select(["replica_id", "beat_at"])
      .where("scope", "=", scope)
      .where("beat_at", ">", sql<number>`${now()} - ${staleMs}`)
      .execute();
    const mine = rows.find((row) => row.replica_id === replicaId);
    const others = rows.filter((row) => row.replica_id !== replicaId).map((r) => Number(r.beat_at));
    return {
      live: Math.max(1, rows.length),
      atMs: Number(mine?.beat_at ?? 0),
      ...(others.length > 0 ? { oldestOtherBeatMs: Math.min(...others) } : {}),
    };
  }
  return {
    async beat(scope, replicaId, staleMs) {
      return (await beatAndLook(scope, replicaId, staleMs)).live;
    },
    beatAndLook: (scope, replicaId, staleMs) => beatAndLook(scope, replicaId, staleMs),
    async leave(scope, replicaId) {
      await db
        .deleteFrom("rate_replicas")
        .where("scope", "=", scope)
        .where("replica_id", "=", replicaId)
        .execute();
    },
  };
}
