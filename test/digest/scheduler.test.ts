import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../src/digest/runner.js";
import {
  createDigestScheduler,
  type DigestScheduler,
  digestCron,
  scheduledToday,
} from "../../src/digest/scheduler.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import type { Store } from "../../src/store/database.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import { createSubscriptionRepository, type Subscription } from "../../src/store/subscriptions.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

const TOKEN = "xoxb-scheduler";
const filter = everyCall();
// SIM_NOW_MS is 2026-11-03 12:00 UTC: 20:00 in Shanghai, 04:00 in Los Angeles.
const now = () => new Date(SIM_NOW_MS);

let sim: Simulator;
let slack: FakeSlack;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  slack = await startFakeSlack({ botToken: TOKEN });
});
afterAll(async () => {
  await slack.stop();
  await sim.stop();
});

describe("scheduledToday", () => {
  const sub = (timeZone: string, hour: number): Subscription => ({
    channelId: "C",
    hour,
    minute: 30,
    timeZone,
    filter,
    lang: "en",
    createdBy: "U",
    createdAt: new Date(0),
    updatedAt: new Date(0),
  });
  it.each([
    // On 2026-11-01 Los Angeles leaves PDT (−7) for PST (−8) at 02:00: 09:30 that day is 17:30 UTC.
    [Date.UTC(2026, 10, 1, 12), "America/Los_Angeles", 9, Date.UTC(2026, 10, 1, 17, 30)],
    [Date.UTC(2026, 9, 31, 12), "America/Los_Angeles", 9, Date.UTC(2026, 9, 31, 16, 30)],
    [Date.UTC(2026, 10, 2, 20), "Asia/Shanghai", 9, Date.UTC(2026, 10, 3, 1, 30)],
  ])("at %s in %s, %s:30 local is the right instant", (at, zone, hour, expected) => {
    expect(scheduledToday(sub(zone, hour), new Date(at)).getTime()).toBe(expected);
  });
});

describe("digestCron", () => {
  it("fires at 09:00 local on both sides of the 2026-11-01 change in Los Angeles", () => {
    const job = digestCron({
      channelId: "C",
      hour: 9,
      minute: 0,
      timeZone: "America/Los_Angeles",
      filter,
      lang: "en",
      createdBy: "U",
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
    try {
      const runs = job.nextRuns(3, new Date(Date.UTC(2026, 9, 31, 0))).map((d) => d.toISOString());
      expect(runs).toEqual([
        new Date(Date.UTC(2026, 9, 31, 16)).toISOString(), // PDT, UTC−7
        new Date(Date.UTC(2026, 10, 1, 17)).toISOString(), // PST, UTC−8
        new Date(Date.UTC(2026, 10, 2, 17)).toISOString(),
      ]);
    } finally {
      job.stop();
    }
  });
});

describe.each(backends())("digest scheduler on $name", (backend) => {
  let store: TestStore;
  const schedulers: DigestScheduler[] = [];
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    if (backend.available) await store.dispose();
  });

  const schedulerOn = (handle: Store, owner: string) => {
    const runner = createDigestRunner({
      runs: createDigestRunRepository(handle.db),
      source: clientFor(sim),
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl }),
      render: renderDigest,
      logger: silentLogger,
      owner,
      now,
    });
    const scheduler = createDigestScheduler({
      subscriptions: createSubscriptionRepository(handle.db),
      runner,
      logger: silentLogger,
      now,
    });
    schedulers.push(scheduler);
    return scheduler;
  };

  describe.skipIf(!backend.available)("", () => {
    it("start-up catches up a digest whose time passed while down, once, and leaves later ones to their time", async () => {
      const subscriptions = createSubscriptionRepository(store.db);
      await subscriptions.upsert({
        channelId: "C0PASSED",
        hour: 9,
        minute: 0,
        timeZone: "Asia/Shanghai",
        filter,
        lang: "en",
        createdBy: "U",
      });
      await subscriptions.upsert({
        channelId: "C0LATER",
        hour: 9,
        minute: 0,
        timeZone: "America/Los_Angeles",
        filter,
        lang: "en",
        createdBy: "U",
      });

      const outcomes = await schedulerOn(store, "first").start();
      expect(outcomes.map((o) => o.status)).toEqual(["posted"]);
      const posts = slack.calls("chat.postMessage");
      expect(posts.map((p) => p.args.channel)).toEqual(["C0PASSED"]);
      expect(String(posts[0]?.args.text)).toContain("2026-11-02");

      // A restart catches up again: the ledger says it is done.
      const again = await schedulerOn(await store.reopen(), "second").start();
      expect(again).toEqual([{ status: "skipped", reason: "posted" }]);
      expect(slack.calls("chat.postMessage")).toHaveLength(1);
    });

    it("every subscription gets a job at its local time; reload follows unsubscribe", async () => {
      const subscriptions = createSubscriptionRepository(store.db);
      await subscriptions.upsert({
        channelId: "C0A",
        hour: 23,
        minute: 15,
        timeZone: "Asia/Shanghai",
        filter,
        lang: "en",
        createdBy: "U",
      });
      const scheduler = schedulerOn(store, "x");
      await scheduler.start();
      const next = scheduler.nextRun("C0A");
      expect(next).toBeInstanceOf(Date);
      // 23:15 in Shanghai is 15:15 UTC, whatever the machine's zone.
      expect([next?.getUTCHours(), next?.getUTCMinutes()]).toEqual([15, 15]);
      await subscriptions.remove("C0A");
      await scheduler.reload();
      expect(scheduler.nextRun("C0A")).toBeUndefined();
    });
  });
});
