import type { Kysely, Migration } from "kysely";

/**
 * The call archive: records by callId (the raw JSON kept so fields we do not know survive), one
 * participant row per user of a call so "calls involving user X" is an index range on
 * (user_id, start_ts), the sync progress per app, and leases so one replica syncs at a time.
 * Call times are epoch SECONDS as in the vendor's records; bookkeeping times are epoch ms.
 */
export const archiveMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("call_records")
      .addColumn("call_id", "varchar(128)", (col) => col.primaryKey())
      .addColumn("sdk_app_id", "bigint", (col) => col.notNull())
      .addColumn("start_ts", "bigint", (col) => col.notNull())
      .addColumn("accept_ts", "bigint", (col) => col.notNull())
      .addColumn("end_ts", "bigint", (col) => col.notNull())
      .addColumn("caller", "varchar(128)", (col) => col.notNull())
      .addColumn("call_type", "varchar(32)", (col) => col.notNull())
      .addColumn("media_type", "varchar(32)", (col) => col.notNull())
      .addColumn("call_result", "varchar(64)", (col) => col.notNull())
      .addColumn("room_id", "varchar(128)", (col) => col.notNull())
      .addColumn("total_user_number", "integer", (col) => col.notNull())
      .addColumn("callees", "text", (col) => col.notNull())
      .addColumn("raw", "text", (col) => col.notNull())
      .addColumn("archived_at", "bigint", (col) => col.notNull())
      .execute();
    // Newest-first keyset reads order by (start_ts, call_id): one index serves window and order.
    await db.schema
      .createIndex("call_records_start")
      .on("call_records")
      .columns(["start_ts", "call_id"])
      .execute();
    await db.schema
      .createIndex("call_records_result_start")
      .on("call_records")
      .columns(["call_result", "start_ts"])
      .execute();
    await db.schema
      .createIndex("call_records_caller_start")
      .on("call_records")
      .columns(["caller", "start_ts"])
      .execute();

    await db.schema
      .createTable("call_participants")
      .addColumn("call_id", "varchar(128)", (col) => col.notNull())
      .addColumn("user_id", "varchar(128)", (col) => col.notNull())
      .addColumn("role", "varchar(8)", (col) => col.notNull())
      .addColumn("start_ts", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("call_participants_pk", ["call_id", "user_id", "role"])
      .execute();
    await db.schema
      .createIndex("call_participants_user_start")
      .on("call_participants")
      .columns(["user_id", "start_ts", "call_id"])
      .execute();
    await db.schema
      .createIndex("call_participants_start")
      .on("call_participants")
      .column("start_ts")
      .execute();

    await db.schema
      .createTable("archive_sync_state")
      .addColumn("sdk_app_id", "bigint", (col) => col.primaryKey())
      .addColumn("covered_from", "bigint", (col) => col.notNull())
      .addColumn("synced_until", "bigint", (col) => col.notNull())
      .addColumn("last_run_at", "bigint", (col) => col.notNull())
      .addColumn("backfilled", "integer", (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable("leases")
      .addColumn("name", "varchar(128)", (col) => col.primaryKey())
      .addColumn("holder", "varchar(256)", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("leases").execute();
    await db.schema.dropTable("archive_sync_state").execute();
    await db.schema.dropTable("call_participants").execute();
    await db.schema.dropTable("call_records").execute();
  },
};
