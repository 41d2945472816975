import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveSync } from "../../src/archive/sync.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { type SearchQuery, searchQuerySchema } from "../../src/query/types.js";
import { runLookup } from "../../src/records/lookup.js";
import { runSearch } from "../../src/records/search.js";
import { chooseSearchSource, createLookupSource } from "../../src/routing/router.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import {
  APP,
  call,
  callsBetween,
  DAY,
  startVendor,
  T0,
  T0_MS,
  type Vendor,
} from "../archive/sync-fixtures.js";
import { backends, type TestStore } from "../support/store.js";

const world = callsBetween(T0 - 7 * DAY + 600, T0 - 5, 700);
const after = callsBetween(T0 - 5, T0 + 3600, 40, "after");
const SYNC_MS = T0_MS;
const ASK_MS = T0_MS + 3600_000;

function query(input: Record<string, unknown>): SearchQuery {
  return searchQuerySchema.parse({ kind: "search", lang: "en", pageSize: 7, ...input });
}

const day = { startTs: T0 - 2 * DAY, endTs: T0 - DAY };
const cases: [string, SearchQuery, "archive" | "archive+vendor"][] = [
  ["a whole covered day", query({ window: day }), "archive"],
  [
    "failed results, per-result scans",
    query({ window: day, results: ["reject", "cancel", "offline"] }),
    "archive",
  ],
  [
    "results with normal_end",
    query({ window: day, results: ["normal_end", "interrupt"] }),
    "archive",
  ],
  ["group audio", query({ window: day, callTypes: ["group"], mediaTypes: ["audio"] }), "archive"],
  [
    "calls from a user over 7 days",
    query({
      window: { startTs: T0 + 3900 - 7 * DAY, endTs: T0 - 20 },
      users: { caller: ["user_3"] },
    }),
    // The last hours before the sync point may still gain records of long calls: the vendor's.
    "archive+vendor",
  ],
  [
    "calls involving a user, page 2",
    query({ window: { startTs: T0 - 3 * DAY, endTs: T0 - 20 }, users: { either: ["user_4"] } }),
    "archive+vendor",
  ],
  [
    "a callee in a room",
    query({ window: day, users: { callee: ["user_5"] }, rooms: ["room-4"] }),
    "archive",
  ],
  [
    "the last 24 hours up to now",
    query({ window: { startTs: T0 + 3600 - DAY, endTs: T0 + 3600 } }),
    "archive+vendor",
  ],
  [
    "a user up to now",
    query({ window: { startTs: T0 - DAY, endTs: T0 + 3600 }, users: { either: ["user_7"] } }),
    "archive+vendor",
  ],
];

describe.each(backends())("archive as a source on $name", (backend) => {
  let store: TestStore;
  let vendor: Vendor;
  let clockMs = SYNC_MS;
  const archive = () => createArchiveRepository(store.db);

  beforeAll(async () => {
    if (!backend.available) return;
    store = await backend.open();
    // Synced at T0 from a vendor that then got an hour more of calls.
    const before = await startVendor(world, () => clockMs);
    await createArchiveSync({
      db: store.db,
      source: before.client,
      sdkAppId: APP,
      now: () => new Date(clockMs),
      sliceSeconds: DAY,
    }).runOnce();
    await before.stop();
    clockMs = ASK_MS;
    vendor = await startVendor([...world, ...after], () => clockMs);
  });
  afterAll(async () => {
    if (!backend.available) return;
    await vendor.stop();
    await store.dispose();
  });

  describe.skipIf(!backend.available)("searches", () => {
    it.each(cases)("%s: the archive answers as the vendor does", async (_, q, kind) => {
      const deps = { archive: archive(), vendor: vendor.client, sdkAppId: APP };
      const choice = await chooseSearchSource(q, deps);
      expect(choice.kind).toBe(kind);
      for (const pageIndex of [0, 1]) {
        const fromVendor = await runSearch(vendor.client, q, { pageIndex });
        const fromArchive = await runSearch(choice.source, choice.query, { pageIndex });
        expect(fromArchive.summary).toEqual(fromVendor.summary);
        expect(fromArchive.page).toEqual(fromVendor.page);
        expect(fromArchive.pageCount).toBe(fromVendor.pageCount);
        expect(fromVendor.source).toEqual({ kind: "vendor" });
        expect(fromArchive.source).toEqual({ kind: "archive", syncedAt: new Date(SYNC_MS) });
      }
      expect((await runSearch(vendor.client, q)).summary.total).toBeGreaterThan(0);
    });

    it("leaves the vendor to answer when the archive has no coverage of the window", async () => {
      const q = query({ window: { startTs: T0 + 60, endTs: T0 + 3600 } });
      const choice = await chooseSearchSource(q, {
        archive: archive(),
        vendor: vendor.client,
        sdkAppId: APP,
      });
      expect(choice).toMatchObject({ kind: "vendor", query: q });
      expect(choice.source).toBe(vendor.client);
      const none = await chooseSearchSource(q, {
        archive: archive(),
        vendor: vendor.client,
        sdkAppId: APP + 1,
      });
      expect(none.kind).toBe("vendor");
    });
  });

  describe.skipIf(!backend.available)("older than 7 days", () => {
    const old = [
      call(1, T0 - 20 * DAY, "old"),
      call(2, T0 - 12 * DAY, "old"),
      call(3, T0 - 9 * DAY, "old"),
    ];
    const clamped = (requestedStartTs: number) =>
      query({
        window: { startTs: ASK_MS / 1000 - 7 * DAY, endTs: ASK_MS / 1000, requestedStartTs },
      });

    it.each([
      [
        "reaches back to the requested start",
        T0 - 30 * DAY,
        T0 - 25 * DAY,
        T0 - 25 * DAY,
        undefined,
        3,
      ],
      [
        "reaches back as far as the archive goes",
        T0 - 15 * DAY,
        T0 - 25 * DAY,
        T0 - 15 * DAY,
        T0 - 25 * DAY,
        2,
      ],
    ])("%s", async (_, coveredFrom, requested, startTs, stillRequested, oldFound) => {
      const repo = archive();
      const coverage = await repo.coverage(APP);
      if (!coverage) throw new Error("the sync recorded no coverage");
      await repo.upsert(old);
      await repo.saveCoverage({ ...coverage, from: coveredFrom });
      try {
        const q = clamped(requested);
        const choice = await chooseSearchSource(q, {
          archive: repo,
          vendor: vendor.client,
          sdkAppId: APP,
        });
        expect(choice.query.window.startTs).toBe(startTs);
        expect(choice.query.window.requestedStartTs).toBe(stillRequested);
        const result = await runSearch(choice.source, choice.query, {});
        const { startTs: from, endTs: until } = choice.query.window;
        const everything = [...world, ...after, ...old];
        const inWindow = everything.filter((r) => r.startCallTs >= from && r.startCallTs < until);
        expect(result.summary.total).toBe(inWindow.length);
        expect(inWindow.filter((r) => r.callId.startsWith("old"))).toHaveLength(oldFound);
      } finally {
        await repo.saveCoverage(coverage);
      }
    });
  });

  describe.skipIf(!backend.available)("lookups", () => {
    it("finds callIds in the archive first, then at the vendor", async () => {
      const repo = archive();
      const gone = call(4, T0 - 10 * DAY, "gone");
      await repo.upsert([gone]);
      const inArchive = world[500] as CallRecord;
      const onlyVendor = after[3] as CallRecord;
      vendor.sim.stats.reset();
      const source = createLookupSource({ archive: repo, vendor: vendor.client, sdkAppId: APP });
      const result = await runLookup(
        source,
        [inArchive.callId, onlyVendor.callId, gone.callId, "nope"],
        {
          now: new Date(ASK_MS),
        },
      );
      expect(result.found.map((story) => story.record)).toEqual([inArchive, onlyVendor, gone]);
      expect(result.notFound).toEqual(["nope"]);
      // Only the two the archive lacks were asked of the vendor.
      expect(vendor.sim.stats.requests("callId")).toBe(2);
      const direct = await runLookup(vendor.client, [inArchive.callId], { now: new Date(ASK_MS) });
      expect(result.found[0]?.around).toEqual(direct.found[0]?.around);
    });
  });
});
