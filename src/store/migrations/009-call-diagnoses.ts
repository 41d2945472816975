import type { Kysely, Migration } from "kysely";

/**
 * TRTC's account of a failed call (issue 18), kept when first fetched: TRTC keeps these data 7 or
 * 14 days, the archive as long as the call (pruned with it, by `start_ts`). The diagnosis is JSON
 * text, parsed with zod on every read (src/diagnosis/schema.ts). Times: `start_ts` epoch seconds
 * like call_records.start_ts; `fetched_at` epoch ms like the other tables.
 */
export const callDiagnosesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("call_diagnoses")
      .addColumn("call_id", "varchar(128)", (col) => col.primaryKey())
      .addColumn("start_ts", "bigint", (col) => col.notNull())
      .addColumn("fetched_at", "bigint", (col) => col.notNull())
      .addColumn("diagnosis", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("call_diagnoses_start_ts")
      .on("call_diagnoses")
      .column("start_ts")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("call_diagnoses").execute();
  },
};
