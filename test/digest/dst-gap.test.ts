import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DigestTarget, RunOutcome } from "../../src/digest/runner.js";
import {
  createDigestScheduler,
  type DigestScheduler,
  localInstant,
} from "../../src/digest/scheduler.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { createSubscriptionRepository } from "../../src/store/subscriptions.js";
import { backends, type TestStore } from "../support/store.js";

/** A digest time that does not exist on a spring-forward day posts at the first minute that does. */

describe("localInstant", () => {
  it.each([
    // Los Angeles skips 02:00–02:59 on 2026-03-08: 02:30 becomes 03:00 PDT (10:00 UTC).
    ["2026-03-08", 2, 30, "America/Los_Angeles", "2026-03-08T10:00:00.000Z"],
    ["2026-03-08", 2, 0, "America/Los_Angeles", "2026-03-08T10:00:00.000Z"],
    ["2026-03-08", 3, 0, "America/Los_Angeles", "2026-03-08T10:00:00.000Z"],
    ["2026-03-08", 1, 59, "America/Los_Angeles", "2026-03-08T09:59:00.000Z"],
    ["2026-03-07", 2, 30, "America/Los_Angeles", "2026-03-07T10:30:00.000Z"],
    // Berlin skips 02:00–02:59 on 2026-03-29: 02:30 becomes 03:00 CEST (01:00 UTC).
    ["2026-03-29", 2, 30, "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    // Falling back, 01:30 happens twice in Los Angeles: the first one counts.
    ["2026-11-01", 1, 30, "America/Los_Angeles", "2026-11-01T08:30:00.000Z"],
  ])("%s %s:%s in %s is %s", (date, hour, minute, zone, expected) => {
    expect(localInstant(date, hour, minute, zone).toISOString()).toBe(expected);
  });
});

const sqlite = backends()[0];

describe("the scheduler on a spring-forward day", () => {
  let store: TestStore;
  let scheduler: DigestScheduler | undefined;
  beforeEach(async () => {
    store = await (sqlite as NonNullable<typeof sqlite>).open();
  });
  afterEach(async () => {
    await scheduler?.stop();
    await store.dispose();
  });

  it("fires the 02:30 digest once the clock reaches 03:00, not before", async () => {
    const subscriptions = createSubscriptionRepository(store.db);
    await subscriptions.upsert(
      {
        channelId: "C0GAP",
        hour: 2,
        minute: 30,
        timeZone: "America/Los_Angeles",
        filter: everyCall(),
        lang: "en",
        createdBy: "U1",
      },
      new Date("2026-03-07T12:00:00Z"),
    );
    let clock = new Date("2026-03-08T09:59:30Z"); // 01:59:30 PST
    const runs: Array<{ channel: string; date: string; at: string }> = [];
    scheduler = createDigestScheduler({
      subscriptions,
      runner: {
        async run(target: DigestTarget, date: string): Promise<RunOutcome> {
          runs.push({ channel: target.channelId, date, at: clock.toISOString() });
          return { status: "posted", ts: "1.1", attempts: 1 };
        },
      },
      logger: silentLogger,
      now: () => clock,
      reloadIntervalMs: 40,
    });
    expect(await scheduler.start()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toEqual([]);
    clock = new Date("2026-03-08T10:00:10Z"); // 03:00:10 PDT
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toEqual([
      { channel: "C0GAP", date: "2026-03-07", at: "2026-03-08T10:00:10.000Z" },
    ]);
  });
});
