import type { Kysely } from "kysely";
import { z } from "zod";
import { type Lang, langSchema } from "../query/types.js";
import { retryOnConnectionLoss } from "./retry.js";
import type { Database } from "./schema.js";

/** Each user's saved searches: a name and the words, nothing resolved. */

export const SAVED_SEARCH_LIMITS = { perUser: 25, nameLength: 40, wordsLength: 500 } as const;

export interface SavedSearch {
  userId: string;
  name: string;
  words: string;
  lang: Lang;
  createdAt: Date;
  updatedAt: Date;
}

export type SaveProblem = "name_empty" | "name_too_long" | "name_taken" | "too_many" | "not_found";

export type SaveOutcome = { ok: true; search: SavedSearch } | { ok: false; problem: SaveProblem };

const rowSchema = z.object({
  user_id: z.string().min(1),
  name: z.string().min(1),
  words: z.string(),
  lang: langSchema,
  created_at: z.number(),
  updated_at: z.number(),
});

function toSaved(row: unknown): SavedSearch {
  const r = rowSchema.parse(row);
  return {
    userId: r.user_id,
    name: r.name,
    words: r.words,
    lang: r.lang,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Names are trimmed and their inner spaces folded, so "/calls run  my   calls" finds "my calls". */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/gu, " ");
}

export interface SavedSearchRepository {
  /** The user's searches, by name. */
  list(userId: string): Promise<SavedSearch[]>;
  /** By name, ignoring case. */
  get(userId: string, name: string): Promise<SavedSearch | undefined>;
  /** A new one: refused when the name is empty, too long or taken, or the user has the most. */
  create(
    input: { userId: string; name: string; words: string; lang: Lang },
    now?: Date,
  ): Promise<SaveOutcome>;
  /** Renames and/or changes the words of `name`. */
  update(
    input: { userId: string; name: string; newName: string; words: string; lang: Lang },
    now?: Date,
  ): Promise<SaveOutcome>;
  /** True when there was one to remove. */
  remove(userId: string, name: string): Promise<boolean>;
}

function checkName(name: string): SaveProblem | undefined {
  if (name === "") return "name_empty";
  if ([...name].length > SAVED_SEARCH_LIMITS.nameLength) return "name_too_long";
  return undefined;
}

export function createSavedSearchRepository(db: Kysely<Database>): SavedSearchRepository {
  const list = (userId: string) =>
    retryOnConnectionLoss(async () => {
      const rows = await db
        .selectFrom("saved_searches")
        .selectAll()
        .where("user_id", "=", userId)
        .execute();
      return rows.map(toSaved).sort((a, b) => a.name.localeCompare(b.name));
    });
  // Case-insensitive on both backends alike: compared here, not by the database's collation.
  const find = async (userId: string, name: string) => {
    const wanted = normalizeName(name).toLowerCase();
    return (await list(userId)).find((s) => s.name.toLowerCase() === wanted);
  };
  return {
    list,
    get: find,
    async create(input, now = new Date()) {
      const name = normalizeName(input.name);
      const problem = checkName(name);
      if (problem) return { ok: false, problem };
      const at = now.getTime();
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom("saved_searches")
          .select("name")
          .where("user_id", "=", input.userId)
          .execute();
        if (rows.some((r) => r.name.toLowerCase() === name.toLowerCase()))
          return { ok: false as const, problem: "name_taken" as const };
        if (rows.length >= SAVED_SEARCH_LIMITS.perUser)
          return { ok: false as const, problem: "too_many" as const };
        const values = {
          user_id: input.userId,
          name,
          words: input.words.trim().slice(0, SAVED_SEARCH_LIMITS.wordsLength),
          lang: input.lang,
          created_at: at,
          updated_at: at,
        };
        await trx.insertInto("saved_searches").values(values).execute();
        return { ok: true as const, search: toSaved(values) };
      });
    },
    async update(input, now = new Date()) {
      const newName = normalizeName(input.newName);
      const problem = checkName(newName);
      if (problem) return { ok: false, problem };
      const at = now.getTime();
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom("saved_searches")
          .selectAll()
          .where("user_id", "=", input.userId)
          .execute();
        const old = normalizeName(input.name).toLowerCase();
        const existing = rows.find((r) => r.name.toLowerCase() === old);
        if (!existing) return { ok: false as const, problem: "not_found" as const };
        if (rows.some((r) => r !== existing && r.name.toLowerCase() === newName.toLowerCase()))
          return { ok: false as const, problem: "name_taken" as const };
        const values = {
          user_id: input.userId,
          name: newName,
          words: input.words.trim().slice(0, SAVED_SEARCH_LIMITS.wordsLength),
          lang: input.lang,
          created_at: Number(existing.created_at),
          updated_at: at,
        };
        // The name is the key: a rename is a delete and an insert, in one transaction.
        await trx
          .deleteFrom("saved_searches")
          .where("user_id", "=", input.userId)
          .where("name", "=", existing.name)
          .execute();
        await trx.insertInto("saved_searches").values(values).execute();
        return { ok: true as const, search: toSaved(values) };
      });
    },
    async remove(userId, name) {
      const existing = await find(userId, name);
      if (!existing) return false;
      const result = await db
        .deleteFrom("saved_searches")
        .where("user_id", "=", userId)
        .where("name", "=", existing.name)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
