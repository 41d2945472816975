import { type Kysely, type RawBuilder, sql } from "kysely";

/**
 * The database's clock, for expiry decisions shared between replicas (claims, leases): replicas
 * whose clocks disagree still agree on what the database says the time is.
 *
 * Callers may still pass a `now`: only how far it is from this process's clock counts, and that
 * distance is added to the database's time. A replica passes its own clock (distance ~0), so the
 * database decides; a test passes a moved clock, and the database's time moves with it. The
 * distance is measured here and the database's time where the statement runs, so two statements
 * can differ by their round trips (milliseconds): tests keep margins well above that.
 */
export function databaseNowMs<DB>(db: Kysely<DB>, now?: Date): RawBuilder<number> {
  const shift = now ? Math.round(now.getTime() - Date.now()) : 0;
  // Each statement using this runs on its own (autocommit): now() is that statement's time.
  return isPostgres(db)
    ? sql<number>`(cast(extract(epoch from now()) * 1000 as bigint) + ${shift})`
    : sql<number>`(cast(unixepoch('now', 'subsec') * 1000 as integer) + ${shift})`;
}

/** `databaseNowMs(db, now) + ms`, for expiries. */
export function databaseNowPlusMs<DB>(db: Kysely<DB>, ms: number, now?: Date): RawBuilder<number> {
  return sql<number>`(${databaseNowMs(db, now)} + ${Math.round(ms)})`;
}

const postgres = new WeakMap<object, boolean>();

/**
 * Which SQL the database speaks, from how Kysely writes a parameter ($1 on PostgreSQL, ? on
 * SQLite): the repositories are handed only a Kysely instance, and this asks nothing internal.
 */
function isPostgres<DB>(db: Kysely<DB>): boolean {
  let known = postgres.get(db);
  if (known === undefined) {
    known = sql`${0}`.compile(db).sql.startsWith("$");
    postgres.set(db, known);
  }
  return known;
}
