import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export type StoreTarget =
  | { dialect: "sqlite"; path: string }
  | { dialect: "postgres"; connectionString: string };

export const DEFAULT_SQLITE_PATH = "data/callscope.sqlite";

/**
 * DATABASE_URL → where the store lives. Unset → `data/callscope.sqlite` (folder created);
 * `sqlite:path`, `sqlite::memory:`, `file:path`, or `postgres://…` / `postgresql://…`.
 */
export function parseStoreUrl(url: string | undefined): StoreTarget {
  const value = url?.trim() ?? "";
  if (value === "") return { dialect: "sqlite", path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: "postgres", connectionString: value };
  const sqlite = /^(sqlite|file):(.*)$/.exec(value);
  if (sqlite) {
    const path = (sqlite[2] ?? "").replace(/^\/\/(?=\/)/, "");
    if (path === "")
      throw new Error("DATABASE_URL sqlite: needs a path, e.g. sqlite:data/callscope.sqlite");
    return { dialect: "sqlite", path };
  }
  throw new Error(
    "DATABASE_URL must be postgres://… or sqlite:path (leave unset for data/callscope.sqlite)",
  );
}

/** Creates the folder of a SQLite file so a fresh checkout starts without a manual step. */
export function ensureSqliteFolder(path: string): void {
  if (path === ":memory:") return;
  mkdirSync(dirname(resolve(path)), { recursive: true });
}
