import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type OpenStoreOptions, openStore, type Store } from "../../src/store/database.js";

/**
 * Gives each test file its own store on each backend, so files running in parallel never see
 * each other's rows: a SQLite file in a fresh temp folder, and a freshly created PostgreSQL schema
 * (dropped afterwards) on the database the global setup found.
 */

export interface Backend {
  name: "sqlite" | "postgres";
  /** False when PostgreSQL is unreachable here: use describe.skipIf(!backend.available). */
  available: boolean;
  /** A new, empty, migrated store. Call `dispose()` in afterAll/afterEach. */
  open(options?: OpenStoreOptions): Promise<TestStore>;
}

export interface TestStore extends Store {
  /** What another process needs to open the same store: DATABASE_URL and, on PostgreSQL, schema. */
  url: string;
  schema: string | undefined;
  /** Opens a second handle on the same data (a "restart" or another replica). */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export function backends(): Backend[] {
  const postgresUrl = inject("postgresUrl");
  return [
    { name: "sqlite", available: true, open: openSqlite },
    {
      name: "postgres",
      available: postgresUrl !== "",
      open: (options) => openPostgres(postgresUrl, options),
    },
  ];
}

async function openSqlite(options: OpenStoreOptions = {}): Promise<TestStore> {
  const folder = mkdtempSync(join(tmpdir(), "callscope-store-"));
  const url = `sqlite:${join(folder, "test.sqlite")}`;
  const store = await openStore(url, options);
  const others: Store[] = [];
  return {
    ...store,
    url,
    schema: undefined,
    async reopen() {
      const other = await openStore(url);
      others.push(other);
      return other;
    },
    async dispose() {
      for (const other of others) await other.close().catch(() => {});
      await store.close().catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function openPostgres(url: string, options: OpenStoreOptions = {}): Promise<TestStore> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = await openStore(url, { ...options, schema });
  const others: Store[] = [];
  return {
    ...store,
    url,
    schema,
    async reopen() {
      const other = await openStore(url, { schema });
      others.push(other);
      return other;
    },
    async dispose() {
      for (const other of others) await other.close().catch(() => {});
      await store.close().catch(() => {});
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}
