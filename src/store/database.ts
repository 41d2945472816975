import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrate.js";
import { SchemaScopedPostgresDialect } from "./postgres-dialect.js";
import type { Database } from "./schema.js";
import { ensureSqliteFolder, parseStoreUrl } from "./url.js";

export type StoreDialect = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Database>;
  dialect: StoreDialect;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL only: the schema to work in (set as search_path on every connection). */
  schema?: string;
  /** PostgreSQL only: pool size (default 5). */
  maxConnections?: number;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Opens the store named by DATABASE_URL (see parseStoreUrl) and brings its schema up to date.
 * PostgreSQL's bigint and numeric come back as numbers: every value we keep (epoch ms, counts)
 * is far below 2^53.
 */
export async function openStore(url?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const target = parseStoreUrl(url);
  let store: Store;
  if (target.dialect === "sqlite") {
    ensureSqliteFolder(target.path);
    const database = new SqliteDatabase(target.path);
    database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    store = { db, dialect: "sqlite", close: () => db.destroy() };
  } else {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error("store schema must be a plain lower-case identifier");
    }
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.maxConnections ?? 5,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8_OID || oid === NUMERIC_OID
            ? (value: string) => Number(value)
            : format === "binary"
              ? pg.types.getTypeParser(oid, "binary")
              : pg.types.getTypeParser(oid, "text")) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
    store = { db, dialect: "postgres", close: () => db.destroy() };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db, store.dialect);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}
