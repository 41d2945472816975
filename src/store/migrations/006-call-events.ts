import { type Kysely, type Migration, sql } from "kysely";

/**
 * The vendor's call events (webhooks, issue 14), one row per event: `event_key` is the
 * contract's idempotency key (generation, CallId, command, and per kind the user, role, event
 * time or changed members; callkit/events/schemas.ts `eventKey`), hashed to a fixed length, as
 * the primary key. A vendor retry or a second replica receiving the same event inserts nothing
 * (ON CONFLICT DO NOTHING), in one statement, so no race between replicas can store it twice.
 *
 * `call_records.unconfirmed`: 1 for a call written from its end event, until the records API
 * returns it (the sync's or a targeted lookup's upsert sets 0).
 */
export const callEventsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("call_events")
      .addColumn("event_key", "varchar(64)", (col) => col.primaryKey())
      .addColumn("generation", "varchar(8)", (col) => col.notNull())
      .addColumn("call_id", "varchar(256)", (col) => col.notNull())
      .addColumn("kind", "varchar(16)", (col) => col.notNull())
      .addColumn("command", "varchar(64)", (col) => col.notNull())
      .addColumn("event_ms", "bigint", (col) => col.notNull())
      .addColumn("received_at", "bigint", (col) => col.notNull())
      .addColumn("event", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("call_events_call")
      .on("call_events")
      .columns(["call_id", "event_ms"])
      .execute();
    await db.schema
      .createIndex("call_events_received")
      .on("call_events")
      .columns(["received_at"])
      .execute();
    await db.schema
      .alterTable("call_records")
      .addColumn("unconfirmed", "integer", (col) => col.notNull().defaultTo(sql`0`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("call_records").dropColumn("unconfirmed").execute();
    await db.schema.dropTable("call_events").execute();
  },
};
