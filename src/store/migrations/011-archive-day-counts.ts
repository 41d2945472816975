import type { Kysely, Migration } from "kysely";

/**
 * The digest's day counted from the archive reads only these columns (archive.ts dayFigures):
 * result, type and media by hour, whether a call was answered and for how long (accept_ts,
 * end_ts), and the callers of failed calls. This index covers them, so the day is read from the
 * index alone. It replaces migration 007's `call_records_alert_counts` (start_ts, call_result,
 * call_type, media_type), which is its prefix: the alerts' windowed counts are served as before,
 * and each write still maintains one index for both.
 */
export const archiveDayCountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("call_records_day_counts")
      .on("call_records")
      .columns([
        "start_ts",
        "call_result",
        "call_type",
        "media_type",
        "accept_ts",
        "end_ts",
        "caller",
      ])
      .execute();
    await db.schema.dropIndex("call_records_alert_counts").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .createIndex("call_records_alert_counts")
      .on("call_records")
      .columns(["start_ts", "call_result", "call_type", "media_type"])
      .execute();
    await db.schema.dropIndex("call_records_day_counts").execute();
  },
};
