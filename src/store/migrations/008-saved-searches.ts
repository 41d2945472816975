import type { Kysely, Migration } from "kysely";

/**
 * Saved searches, per Slack user: a name and the words of `/calls` as typed (not the times they
 * resolved to, so `last 2 hours` stays the last 2 hours of whenever it runs).
 */
export const savedSearchesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("saved_searches")
      .addColumn("user_id", "varchar(64)", (col) => col.notNull())
      .addColumn("name", "varchar(64)", (col) => col.notNull())
      .addColumn("words", "text", (col) => col.notNull())
      .addColumn("lang", "varchar(8)", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("saved_searches_pk", ["user_id", "name"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("saved_searches").execute();
  },
};
