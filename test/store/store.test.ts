import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import { createSubscriptionRepository } from "../../src/store/subscriptions.js";
import { parseStoreUrl } from "../../src/store/url.js";
import { backends, type TestStore } from "../support/store.js";

const key = { channelId: "C1", localDate: "2026-03-03" };
const filter = {
  results: ["reject"],
  callTypes: ["group" as const],
  mediaTypes: [],
  users: { caller: [], callee: [], either: [] },
};

describe("parseStoreUrl", () => {
  it.each([
    [undefined, { dialect: "sqlite", path: "data/callscope.sqlite" }],
    ["", { dialect: "sqlite", path: "data/callscope.sqlite" }],
    ["sqlite::memory:", { dialect: "sqlite", path: ":memory:" }],
    ["sqlite:/tmp/x.db", { dialect: "sqlite", path: "/tmp/x.db" }],
    ["file:rel/x.db", { dialect: "sqlite", path: "rel/x.db" }],
    ["postgres://u@h:5432/db", { dialect: "postgres", connectionString: "postgres://u@h:5432/db" }],
    ["postgresql://h/db", { dialect: "postgres", connectionString: "postgresql://h/db" }],
  ])("%s", (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected);
  });

  it.each(["mysql://h/db", "sqlite:"])("rejects %s with a clear message", (url) => {
    expect(() => parseStoreUrl(url)).toThrow(/DATABASE_URL/);
  });
});

describe.each(backends())("store on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  describe.skipIf(!backend.available)("", () => {
    it("migrates once: reopening applies nothing new and keeps the data", async () => {
      await createSubscriptionRepository(store.db).upsert({
        channelId: "C1",
        hour: 9,
        minute: 0,
        timeZone: "Asia/Shanghai",
        filter,
        lang: "en",
        createdBy: "U1",
      });
      const again = await store.reopen();
      expect(await createSubscriptionRepository(again.db).get("C1")).toMatchObject({ hour: 9 });
    });

    it("subscriptions: upsert, replace, list, remove", async () => {
      const repo = createSubscriptionRepository(store.db);
      const first = await repo.upsert(
        {
          channelId: "C1",
          hour: 9,
          minute: 0,
          timeZone: "Asia/Shanghai",
          filter,
          lang: "zh",
          createdBy: "U1",
        },
        new Date(1_000),
      );
      expect(first.replaced).toBe(false);
      expect(first.subscription).toEqual({
        channelId: "C1",
        hour: 9,
        minute: 0,
        timeZone: "Asia/Shanghai",
        filter,
        lang: "zh",
        createdBy: "U1",
        createdAt: new Date(1_000),
        updatedAt: new Date(1_000),
      });
      const second = await repo.upsert(
        {
          channelId: "C1",
          hour: 7,
          minute: 30,
          timeZone: "UTC",
          filter,
          lang: "en",
          createdBy: "U2",
        },
        new Date(2_000),
      );
      expect(second.replaced).toBe(true);
      expect(second.subscription).toMatchObject({
        hour: 7,
        minute: 30,
        createdAt: new Date(1_000),
        updatedAt: new Date(2_000),
      });
      await repo.upsert({
        channelId: "C0",
        hour: 8,
        minute: 0,
        timeZone: "UTC",
        filter,
        lang: "en",
        createdBy: "U2",
      });
      expect((await repo.list()).map((s) => s.channelId)).toEqual(["C0", "C1"]);
      expect(await repo.remove("C1")).toBe(true);
      expect(await repo.remove("C1")).toBe(false);
      expect(await repo.get("C1")).toBeUndefined();
    });

    it("a corrupted filter row is reported, not trusted", async () => {
      const repo = createSubscriptionRepository(store.db);
      await repo.upsert({
        channelId: "C1",
        hour: 9,
        minute: 0,
        timeZone: "UTC",
        filter,
        lang: "en",
        createdBy: "U1",
      });
      await sql`update subscriptions set filter = '{"results": 5}'`.execute(store.db);
      await expect(repo.get("C1")).rejects.toThrow(/filter/);
    });

    it("claims: one winner, takeover only after expiry, posted is final", async () => {
      const runs = createDigestRunRepository(store.db);
      const t0 = new Date(1_000_000);
      expect(await runs.claim(key, "a", 60_000, t0)).toEqual({ claimed: true, attempt: 1 });
      expect(await runs.claim(key, "b", 60_000, t0)).toMatchObject({
        claimed: false,
        reason: "held",
      });
      expect(await runs.renew(key, "b", 60_000, t0)).toBe(false);
      // Expiry is on the database's clock, moved by `now`: a second either side of it keeps
      // the statements' round trips (milliseconds) out of the outcome.
      expect(await runs.claim(key, "b", 60_000, new Date(t0.getTime() + 59_000))).toMatchObject({
        claimed: false,
        reason: "held",
      });
      const later = new Date(t0.getTime() + 61_000);
      expect(await runs.claim(key, "b", 60_000, later)).toEqual({ claimed: true, attempt: 2 });
      // a's claim was taken over: it may no longer record a post.
      expect(await runs.markPosted(key, "a", "1.1", undefined, later)).toBe(false);
      const figures = { filterKey: "k", total: 3, byResult: { reject: 3 } };
      expect(await runs.markPosted(key, "b", "1.2", figures, later)).toBe(true);
      const farLater = new Date(t0.getTime() + 10 * 60_000);
      expect(await runs.claim(key, "c", 60_000, farLater)).toMatchObject({
        claimed: false,
        reason: "posted",
      });
      expect(await runs.get(key)).toMatchObject({
        status: "posted",
        messageTs: "1.2",
        claimedBy: "b",
        figures,
      });
    });

    it("release lets the next attempt claim at once", async () => {
      const runs = createDigestRunRepository(store.db);
      const t0 = new Date(5_000);
      await runs.claim(key, "a", 60_000, t0);
      await runs.release(key, "a", t0);
      expect(await runs.claim(key, "b", 60_000, t0)).toEqual({ claimed: true, attempt: 2 });
    });

    it("concurrent claims from two handles: exactly one wins", async () => {
      const other = await store.reopen();
      const a = createDigestRunRepository(store.db);
      const b = createDigestRunRepository(other.db);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claim(key, `owner-${i}`, 60_000)),
      );
      expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
    });
  });
});

const postgres = backends().find((b) => b.name === "postgres");
describe.skipIf(!postgres?.available)("store on postgres only", () => {
  const backend = postgres as NonNullable<typeof postgres>;
  // Several replicas share a store only on PostgreSQL; in one process, SQLite handles would block
  // each other synchronously, so SQLite's guard (BEGIN IMMEDIATE) is for separate processes.
  it("several handles migrating the same fresh store at once all succeed", async () => {
    const fresh = await backend.open({ migrate: false });
    try {
      const opened = await Promise.all([1, 2, 3].map(() => fresh.reopen()));
      for (const handle of opened) {
        expect(await createSubscriptionRepository(handle.db).list()).toEqual([]);
      }
    } finally {
      await fresh.dispose();
    }
  });
});
