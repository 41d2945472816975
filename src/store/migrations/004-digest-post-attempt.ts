import type { Kysely, Migration } from "kysely";

/**
 * When a replica first sent the digest's post (epoch ms, database clock). Set before the post is
 * sent, so a replica that takes the run over, or the same replica retrying after an answer that
 * never came, knows the message may exist and looks for it before posting again.
 */
export const digestPostAttemptMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("digest_runs").addColumn("post_attempted_at", "bigint").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("digest_runs").dropColumn("post_attempted_at").execute();
  },
};
