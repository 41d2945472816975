import { type Kysely, type Migration, sql } from "kysely";

/**
 * Records of both generations of the vendor's records API live in one table, one row per callId
 * (a call present in both is one call); `generation` says which API the row last came from.
 * Rows archived before v4 existed are v1's, hence the default.
 */
export const archiveGenerationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("call_records")
      .addColumn("generation", "varchar(8)", (col) => col.notNull().defaultTo(sql`'v1'`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("call_records").dropColumn("generation").execute();
  },
};
