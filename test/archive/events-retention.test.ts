import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArchiveSync } from "../../src/archive/sync.js";
import { readCallbackRequest } from "../../src/callkit/events/request.js";
import { createCallEventRepository } from "../../src/store/call-events.js";
import { v4MemberBody, v4Query } from "../callkit/events/samples.js";
import { backends, type TestStore } from "../support/store.js";
import { APP, callsBetween, DAY, startVendor, T0, T0_MS, type Vendor } from "./sync-fixtures.js";

/**
 * The stored call events are pruned wherever the archive prunes, with its retention
 * (ARCHIVE_RETENTION_DAYS), and never down to less than a day.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe.each(backends())("call-event retention on $name", (backend) => {
  let store: TestStore;
  let vendor: Vendor;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    await vendor?.stop();
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)(
    "drops the events older than the retention with the archive, keeping at least a day",
    async () => {
      vendor = await startVendor(callsBetween(T0 - 2 * DAY, T0 - 60, 50), () => T0_MS);
      const events = createCallEventRepository(store.db);
      const ages = [10 * DAY_MS, 3 * DAY_MS, 18 * HOUR_MS, HOUR_MS];
      for (const [i, age] of ages.entries()) {
        const read = readCallbackRequest(
          new URLSearchParams(v4Query("Call.CallbackAfterMemberChanged", APP)),
          v4MemberBody("Accept", '"field-112"', T0_MS - age + i),
          APP,
        );
        if (!read.ok) throw new Error(read.message);
        expect(await events.record(read.event, new Date(T0_MS - age))).toBe(true);
      }
      const left = async () => {
        const rows = await store.db
          .selectFrom("call_events")
          .select("received_at")
          .orderBy("received_at")
          .execute();
        return rows.map((row) => Math.round((T0_MS - Number(row.received_at)) / HOUR_MS));
      };
      const sync = (retentionDays: number) =>
        createArchiveSync({
          db: store.db,
          source: vendor.client,
          sdkAppId: APP,
          now: () => new Date(T0_MS),
          sliceSeconds: DAY,
          retentionDays,
          events,
        }).runOnce();

      expect(await sync(7)).toMatchObject({ ran: true, eventsPruned: 1 });
      expect(await left()).toEqual([72, 18, 1]);
      // A retention under a day still keeps a day of events: only the 3-day-old one goes.
      expect(await sync(0.5)).toMatchObject({ ran: true, eventsPruned: 1 });
      expect(await left()).toEqual([18, 1]);
    },
  );
});
