import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations/index.js";
import {
  createSavedSearchRepository,
  SAVED_SEARCH_LIMITS,
  type SavedSearchRepository,
} from "../../src/store/saved-searches.js";
import { backends, type TestStore } from "../support/store.js";

describe.each(backends())("saved searches on $name", (backend) => {
  let store: TestStore;
  let repo: SavedSearchRepository;
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    repo = createSavedSearchRepository(store.db);
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });
  const ready = () => expect(backend.available, "PostgreSQL must be reachable").toBe(true);

  it("migration 008 is registered and creates the table", async () => {
    ready();
    expect(Object.keys(migrations)).toContain("008-saved-searches");
    const rows = await sql`select count(*) as n from saved_searches`.execute(store.db);
    expect(Number((rows.rows[0] as { n: unknown }).n)).toBe(0);
  });

  it("keeps the words as typed, per user, listed by name, found ignoring case and spaces", async () => {
    ready();
    const now = new Date("2026-12-03T06:00:00Z");
    expect(
      (
        await repo.create(
          {
            userId: "U1",
            name: "  evening   fails ",
            words: "failed calls last 2 hours",
            lang: "en",
          },
          now,
        )
      ).ok,
    ).toBe(true);
    expect(
      (await repo.create({ userId: "U1", name: "a", words: "昨天 拒接", lang: "zh" })).ok,
    ).toBe(true);
    expect(
      (await repo.create({ userId: "U2", name: "evening fails", words: "calls today", lang: "en" }))
        .ok,
    ).toBe(true);
    const mine = await repo.list("U1");
    expect(mine.map((s) => s.name)).toEqual(["a", "evening fails"]);
    expect(mine[1]).toMatchObject({
      words: "failed calls last 2 hours",
      lang: "en",
      createdAt: now,
    });
    expect((await repo.get("U1", "EVENING  FAILS"))?.words).toBe("failed calls last 2 hours");
    expect((await repo.get("U2", "evening fails"))?.words).toBe("calls today");
    expect(await repo.get("U3", "a")).toBeUndefined();
  });

  it.each([
    ["", "name_empty"],
    ["   ", "name_empty"],
    ["x".repeat(SAVED_SEARCH_LIMITS.nameLength + 1), "name_too_long"],
    ["Taken", "name_taken"],
  ])("refuses the name %j (%s)", async (name, problem) => {
    ready();
    await repo.create({ userId: "U1", name: "taken", words: "calls today", lang: "en" });
    expect(await repo.create({ userId: "U1", name, words: "calls", lang: "en" })).toEqual({
      ok: false,
      problem,
    });
  });

  it("holds a user to the cap, others not", async () => {
    ready();
    for (let i = 0; i < SAVED_SEARCH_LIMITS.perUser; i++) {
      expect(
        (await repo.create({ userId: "U1", name: `s${i}`, words: "calls", lang: "en" })).ok,
      ).toBe(true);
    }
    expect(
      await repo.create({ userId: "U1", name: "one more", words: "calls", lang: "en" }),
    ).toEqual({
      ok: false,
      problem: "too_many",
    });
    expect(
      (await repo.create({ userId: "U2", name: "one more", words: "calls", lang: "en" })).ok,
    ).toBe(true);
  });

  it("edits (rename and words) and deletes", async () => {
    ready();
    const created = new Date("2026-12-01T00:00:00Z");
    await repo.create({ userId: "U1", name: "old", words: "calls today", lang: "en" }, created);
    await repo.create({ userId: "U1", name: "other", words: "calls", lang: "en" });
    expect(
      await repo.update({ userId: "U1", name: "old", newName: "other", words: "x", lang: "en" }),
    ).toEqual({
      ok: false,
      problem: "name_taken",
    });
    expect(
      await repo.update({ userId: "U1", name: "nope", newName: "n", words: "x", lang: "en" }),
    ).toEqual({
      ok: false,
      problem: "not_found",
    });
    const renamed = await repo.update({
      userId: "U1",
      name: "OLD",
      newName: "new",
      words: "failed calls yesterday",
      lang: "en",
    });
    expect(renamed.ok).toBe(true);
    expect(await repo.get("U1", "old")).toBeUndefined();
    expect(await repo.get("U1", "new")).toMatchObject({
      words: "failed calls yesterday",
      createdAt: created,
    });
    // Same name, new words.
    expect(
      (await repo.update({ userId: "U1", name: "new", newName: "New", words: "calls", lang: "en" }))
        .ok,
    ).toBe(true);
    expect((await repo.list("U1")).map((s) => s.name)).toEqual(["New", "other"]);
    expect(await repo.remove("U1", "new")).toBe(true);
    expect(await repo.remove("U1", "new")).toBe(false);
    expect((await repo.list("U1")).map((s) => s.name)).toEqual(["other"]);
  });
});
