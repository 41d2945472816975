import type { Kysely, Migration } from "kysely";

/** Subscriptions and the exactly-once ledger of posted digests. */
export const digestMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("subscriptions")
      .addColumn("channel_id", "varchar(64)", (col) => col.primaryKey())
      .addColumn("hour", "integer", (col) => col.notNull())
      .addColumn("minute", "integer", (col) => col.notNull())
      .addColumn("time_zone", "varchar(64)", (col) => col.notNull())
      .addColumn("filter", "text", (col) => col.notNull())
      .addColumn("lang", "varchar(8)", (col) => col.notNull())
      .addColumn("created_by", "varchar(64)", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("digest_runs")
      .addColumn("channel_id", "varchar(64)", (col) => col.notNull())
      .addColumn("local_date", "varchar(10)", (col) => col.notNull())
      .addColumn("status", "varchar(16)", (col) => col.notNull())
      .addColumn("claimed_by", "varchar(128)", (col) => col.notNull())
      .addColumn("claim_expires_at", "bigint", (col) => col.notNull())
      .addColumn("message_ts", "varchar(32)")
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(1))
      .addColumn("figures", "text")
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("digest_runs_pk", ["channel_id", "local_date"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("digest_runs").execute();
    await db.schema.dropTable("subscriptions").execute();
  },
};
