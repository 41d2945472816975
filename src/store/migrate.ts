import { type Kysely, type MigrationResultSet, Migrator, sql } from "kysely";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";

/**
 * Applies every pending migration. On PostgreSQL several replicas may start at once: Kysely
 * takes a database-wide advisory lock around the migrations themselves, but creates its own
 * bookkeeping tables before that lock and finds them with an introspection that looks at every
 * schema. So we hold our own advisory lock (per schema) on one connection for the whole run and
 * point Kysely's bookkeeping at the current schema explicitly.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: "sqlite" | "postgres",
): Promise<MigrationResultSet> {
  const provider = { getMigrations: async () => migrations };
  if (dialect === "sqlite") {
    // Kysely's SQLite migration lock only guards one connection. BEGIN IMMEDIATE takes SQLite's
    // write lock, so a second process opening the same file waits (busy_timeout) and then finds
    // the migrations applied; it also makes the whole run atomic.
    return db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = check(await new Migrator({ db: connection, provider }).migrateToLatest());
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      connection,
    );
    const schema = rows[0]?.schema;
    if (!schema) throw new Error("PostgreSQL has no current schema: check search_path");
    await sql`select pg_advisory_lock(hashtext(${`callscope-migrate:${schema}`}))`.execute(
      connection,
    );
    try {
      const migrator = new Migrator({ db: connection, provider, migrationTableSchema: schema });
      return check(await migrator.migrateToLatest());
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${`callscope-migrate:${schema}`}))`.execute(
        connection,
      );
    }
  });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`store migration ${failed ?? ""} failed: ${reason}`.replace("  ", " "));
  }
  return result;
}
