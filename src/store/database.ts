import { Kysely, SqliteDialect, sql } from "kysely";
import { type Logger, silentLogger } from "../log.js";
import { lossReason } from "./connection-loss.js";
import { createHealthMonitor, type StoreHealth } from "./health.js";
import { migrateToLatest } from "./migrate.js";
import { SchemaScopedPostgresDialect } from "./postgres-dialect.js";
import type { Database } from "./schema.js";
import { ensureSqliteFolder, parseStoreUrl } from "./url.js";

export type StoreDialect = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** Can the database be reached: for /healthz (see health.ts). */
  health(): StoreHealth;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL only: the schema to work in (set as search_path on every connection). */
  schema?: string;
  /** PostgreSQL only: pool size (default 5). */
  maxConnections?: number;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** PostgreSQL only: between health probes while ok (default 15 s); degraded probes every 1 s. */
  healthProbeMs?: number;
  /** Where lost connections are reported (default: nowhere). */
  logger?: Logger;
}

/** The better-sqlite3 handle behind a SQLite store's Kysely, for the archive's prepared writes. */
export type SqliteHandle = import("better-sqlite3").Database;
const handles = new WeakMap<Kysely<Database>, { dialect: StoreDialect; sqlite?: SqliteHandle }>();

/**
 * Which engine a store's `db` runs on (undefined for a Kysely not opened here), and on SQLite the
 * raw handle. Use the handle only inside `db.connection().execute(…)`: holding Kysely's one
 * connection keeps any Kysely transaction from being open around the raw statements.
 */
export function storeEngine(
  db: Kysely<Database>,
): { dialect: StoreDialect; sqlite?: SqliteHandle } | undefined {
  return handles.get(db);
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
    // Each driver is loaded only by the store that uses it: a replica on PostgreSQL never loads
    // SQLite's native module, and the default SQLite store never loads pg (start-up time, memory).
    const { default: SqliteDatabase } = await import("better-sqlite3");
    const database = new SqliteDatabase(target.path);
    database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    handles.set(db, { dialect: "sqlite", sqlite: database });
    // A file in this process has no connection to lose: it is ok while it is open.
    const since = new Date().toISOString();
    store = {
      db,
      dialect: "sqlite",
      health: () => ({ status: "ok", since }),
      close: () => db.destroy(),
    };
  } else {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error("store schema must be a plain lower-case identifier");
    }
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.maxConnections ?? 5,
      // Without these a database that stops answering (no RST: a failover, a dead host) holds
      // every query and connect forever; with them, they fail and are retried or reported.
      connectionTimeoutMillis: 5000,
      keepAlive: true,
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
    handles.set(db, { dialect: "postgres" });
    const logger = options.logger ?? silentLogger;
    let closing = false;
    const monitor = createHealthMonitor({
      probe: () => sql`select 1`.execute(db),
      ...(options.healthProbeMs !== undefined ? { okIntervalMs: options.healthProbeMs } : {}),
      logger,
    });
    // An EventEmitter without an 'error' listener throws, and pg emits 'error' on a client whose
    // connection ends: the pool forwards it for idle clients, but detaches while a client is
    // checked out (a query or the migration lock in flight). Both need a listener, or a database
    // restart ends the process. The failed query itself still rejects for its caller, and the
    // pool drops a dead client when it is released (it is no longer queryable).
    const onLost = (error: Error) => {
      if (closing) return;
      // Only the reason: pg-pool attaches the client, whose parameters hold the password.
      logger.warn("store.connection_lost", { reason: lossReason(error) });
      monitor.lost(error);
    };
    pool.on("connect", (client) => client.on("error", onLost));
    // The pool re-emits an idle client's error, already reported by the client's own listener.
    pool.on("error", () => {});
    store = {
      db,
      dialect: "postgres",
      health: monitor.reading,
      close: async () => {
        closing = true;
        monitor.stop();
        await db.destroy();
      },
    };
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
