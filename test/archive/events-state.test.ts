import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveSync } from "../../src/archive/sync.js";
import { readCallbackRequest } from "../../src/callkit/events/request.js";
import { createLogger } from "../../src/log.js";
import { createCallEventRepository } from "../../src/store/call-events.js";
import { v4MemberBody, v4Query } from "../callkit/events/samples.js";
import { backends, type TestStore } from "../support/store.js";
import { APP, callsBetween, DAY, startVendor, T0, T0_MS, type Vendor } from "./sync-fixtures.js";

/**
 * While call events flow the sync reads on from its last point (no 3-hour re-read); when none
 * arrives for CALLKIT_EVENTS_STALE_MINUTES while the records API shows calls, it re-reads the
 * overlap again and says so in the log, once.
 */
const backend = backends()[0];
describe.skipIf(!backend?.available)("the archive sync and the call events", () => {
  let store: TestStore;
  let vendor: Vendor;
  let clockMs = T0_MS;
  const lines: string[] = [];
  beforeAll(async () => {
    store = await (backend as NonNullable<typeof backend>).open();
    vendor = await startVendor(callsBetween(T0 - 2 * DAY, T0 - 60, 400), () => clockMs);
  });
  afterAll(async () => {
    await vendor?.stop();
    await store?.dispose();
  });

  it("uses the events while they flow, falls back to the overlap when they stop, and logs it once", async () => {
    const events = createCallEventRepository(store.db);
    const sync = createArchiveSync({
      db: store.db,
      source: vendor.client,
      sdkAppId: APP,
      now: () => new Date(clockMs),
      sliceSeconds: DAY,
      events,
      eventsStaleMinutes: 10,
      logger: createLogger({ level: "debug", write: (line) => lines.push(line) }),
    });
    expect(await sync.eventsState()).toMatchObject({ mode: "overlap", reason: "no_events" });
    expect(await sync.runOnce()).toMatchObject({ ran: true, backfill: true });

    const read = readCallbackRequest(
      new URLSearchParams(v4Query("Call.CallbackAfterMemberChanged", APP)),
      v4MemberBody("Accept"),
      APP,
    );
    if (!read.ok) throw new Error(read.message);
    await events.record(read.event, new Date(clockMs));
    clockMs += 5 * 60_000;
    expect(await sync.eventsState()).toMatchObject({ mode: "events", reason: "events_flowing" });
    expect(await sync.runOnce()).toMatchObject({ ran: true, overlapSeconds: 0 });

    clockMs += 20 * 60_000;
    expect(await sync.eventsState()).toMatchObject({ mode: "overlap", reason: "events_stale" });
    const fallback = await sync.runOnce();
    expect(fallback).toMatchObject({ ran: true, overlapSeconds: 3 * 3600 });
    if (!fallback.ran) throw new Error("ran");
    expect(fallback.records).toBeGreaterThan(0);
    await sync.runOnce();
    const stale = lines.filter((line) => line.includes('"archive.sync.events_stale"'));
    expect(stale).toHaveLength(1);
    expect(lines.filter((line) => line.includes('"archive.sync.events_flowing"'))).toHaveLength(1);
  });
});
