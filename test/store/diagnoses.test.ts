import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArchiveRepository } from "../../src/store/archive.js";
import { createDiagnosisRepository } from "../../src/store/diagnoses.js";
import { backends, type TestStore } from "../support/store.js";

describe.each(backends())("kept diagnoses (migration 009) on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)("saves, replaces and loads a diagnosis as JSON", async () => {
    const repo = createDiagnosisRepository(store.db);
    expect(await repo.load("call-1")).toBeUndefined();
    await repo.save({
      callId: "call-1",
      startTs: 1_764_547_200,
      fetchedAt: 1_764_550_000_000,
      diagnosis: { a: 1, zh: "网络断开" },
    });
    expect(await repo.load("call-1")).toEqual({ a: 1, zh: "网络断开" });
    await repo.save({
      callId: "call-1",
      startTs: 1_764_547_200,
      fetchedAt: 1_764_550_001_000,
      diagnosis: { a: 2 },
    });
    expect(await repo.load("call-1")).toEqual({ a: 2 });
    expect(await repo.count()).toBe(1);
    // Survives a restart (another handle on the same data).
    const other = await store.reopen();
    expect(await createDiagnosisRepository(other.db).load("call-1")).toEqual({ a: 2 });
  });

  it.skipIf(!backend.available)("text that is not JSON reads as nothing kept", async () => {
    await store.db
      .insertInto("call_diagnoses")
      .values({ call_id: "bad", start_ts: 1, fetched_at: 1, diagnosis: "{not json" })
      .execute();
    expect(await createDiagnosisRepository(store.db).load("bad")).toBeUndefined();
  });

  it.skipIf(!backend.available)(
    "is pruned with the archive's calls, by the call's start",
    async () => {
      const repo = createDiagnosisRepository(store.db);
      await repo.save({ callId: "old", startTs: 1000, fetchedAt: 1, diagnosis: {} });
      await repo.save({ callId: "new", startTs: 5000, fetchedAt: 1, diagnosis: {} });
      await createArchiveRepository(store.db).prune(2000);
      expect(await repo.load("old")).toBeUndefined();
      expect(await repo.load("new")).toEqual({});
    },
  );
});
