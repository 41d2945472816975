import type { Kysely, Migration } from "kysely";

/**
 * One row per running replica and limit scope (the vendor's limits are per app): each replica
 * refreshes `beat_at` every few seconds, and a replica's share of the app's limit is the limit
 * divided by the rows beaten recently. Times are epoch ms of the DATABASE's clock, so replicas
 * whose own clocks disagree still agree on who is alive.
 */
export const rateReplicasMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("rate_replicas")
      .addColumn("scope", "varchar(128)", (col) => col.notNull())
      .addColumn("replica_id", "varchar(256)", (col) => col.notNull())
      .addColumn("beat_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("rate_replicas_pk", ["scope", "replica_id"])
      .execute();
    await db.schema
      .createIndex("rate_replicas_scope_beat")
      .on("rate_replicas")
      .columns(["scope", "beat_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("rate_replicas").execute();
  },
};
