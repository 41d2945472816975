import { type Kysely, type Migration, sql } from "kysely";

/**
 * Alerts (issue 16). Rules are numbered per channel (the number people type: `/calls alert off 2`),
 * so the key is (channel, number) and a rule is reachable only from its own channel. A mute is
 * the rule's `muted_until`. An episode is one stretch of a rule being broken, from the minute it
 * opened; rule number 0 is the channel's "callscope cannot see calls" episode. At most one episode
 * per (channel, rule) is open (a partial unique index, on both backends), and each of its three
 * posts (the alert, the thread update, the resolution) is noted before it is sent and its ts
 * recorded after, as digests are: the ledger that keeps each post single across replicas.
 */
export const alertsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("alert_rules")
      .addColumn("channel_id", "varchar(64)", (col) => col.notNull())
      .addColumn("number", "integer", (col) => col.notNull())
      .addColumn("filter", "text", (col) => col.notNull())
      .addColumn("condition", "text", (col) => col.notNull())
      .addColumn("lang", "varchar(8)", (col) => col.notNull())
      .addColumn("time_zone", "varchar(64)", (col) => col.notNull())
      .addColumn("created_by", "varchar(64)", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("muted_until", "bigint")
      .addColumn("muted_by", "varchar(64)")
      .addPrimaryKeyConstraint("alert_rules_pk", ["channel_id", "number"])
      .execute();
    await db.schema
      .createTable("alert_episodes")
      .addColumn("channel_id", "varchar(64)", (col) => col.notNull())
      .addColumn("rule_number", "integer", (col) => col.notNull())
      .addColumn("opened_at", "bigint", (col) => col.notNull())
      .addColumn("status", "varchar(16)", (col) => col.notNull())
      .addColumn("figure", "double precision", (col) => col.notNull())
      .addColumn("peak", "double precision", (col) => col.notNull())
      .addColumn("peak_at", "bigint", (col) => col.notNull())
      /** Since when the figure has been back under the rule (null while it is over). */
      .addColumn("clear_since", "bigint")
      .addColumn("resolved_at", "bigint")
      /** What the rule said when the episode opened (JSON), for the digest and the resolution. */
      .addColumn("summary", "text", (col) => col.notNull())
      .addColumn("alert_ts", "varchar(32)")
      .addColumn("alert_attempted_at", "bigint")
      .addColumn("update_ts", "varchar(32)")
      .addColumn("update_attempted_at", "bigint")
      .addColumn("resolve_ts", "varchar(32)")
      .addColumn("resolve_attempted_at", "bigint")
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("alert_episodes_pk", ["channel_id", "rule_number", "opened_at"])
      .execute();
    await sql`create unique index alert_episodes_one_open on alert_episodes (channel_id, rule_number) where status = 'open'`.execute(
      db,
    );
    // The rules' windowed counts (archive.ts countSeries) read only these columns: a covering
    // index makes each window one index range, without visiting the records' rows.
    await db.schema
      .createIndex("call_records_alert_counts")
      .on("call_records")
      .columns(["start_ts", "call_result", "call_type", "media_type"])
      .execute();
    await db.schema
      .createIndex("alert_episodes_opened")
      .on("alert_episodes")
      .columns(["channel_id", "opened_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("call_records_alert_counts").execute();
    await db.schema.dropTable("alert_episodes").execute();
    await db.schema.dropTable("alert_rules").execute();
  },
};
