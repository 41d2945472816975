import { scheduledJobs } from "croner";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../src/digest/runner.js";
import { createDigestScheduler, type DigestScheduler } from "../../src/digest/scheduler.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import type { Store } from "../../src/store/database.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import {
  createSubscriptionRepository,
  type SubscriptionInput,
} from "../../src/store/subscriptions.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

/**
 * Two replicas on one PostgreSQL, each with its own store handle and scheduler: a change made
 * through one must be what the other acts on, within the reload period.
 */

const postgres = backends().find((b) => b.name === "postgres");
const TOKEN = "xoxb-replicas";
const RELOAD_MS = 150;
// 2026-11-03 12:00 UTC: 04:00 in Los Angeles, so a 09:00 LA digest is still to come today.
const now = () => new Date(SIM_NOW_MS);
const filter = everyCall();
const sub = (
  channelId: string,
  hour: number,
  timeZone = "America/Los_Angeles",
): SubscriptionInput => ({
  channelId,
  hour,
  minute: 0,
  timeZone,
  filter,
  lang: "en",
  createdBy: "U1",
});

async function eventually(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** Runs a replica's croner job for a channel as if its minute had come. */
async function fireJobOf(channelId: string) {
  const jobs = scheduledJobs.filter((job) => job.name?.startsWith(`digest:${channelId}:`));
  expect(jobs).toHaveLength(1);
  await jobs[0]?.trigger();
}

let sim: Simulator;
let slack: FakeSlack;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  slack = await startFakeSlack({ botToken: TOKEN, now: () => SIM_NOW_MS });
});
afterAll(async () => {
  await slack.stop();
  await sim.stop();
});

describe.skipIf(!postgres?.available)("two replicas on one PostgreSQL", () => {
  let store: TestStore;
  let other: Store;
  const schedulers: DigestScheduler[] = [];
  beforeEach(async () => {
    store = await (postgres as NonNullable<typeof postgres>).open();
    other = await store.reopen();
    slack.reset();
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    await store.dispose();
  });

  const replica = (handle: Store, owner: string, reloadIntervalMs = RELOAD_MS) => {
    const scheduler = createDigestScheduler({
      subscriptions: createSubscriptionRepository(handle.db),
      runner: createDigestRunner({
        runs: createDigestRunRepository(handle.db),
        source: clientFor(sim),
        poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl }),
        render: renderDigest,
        logger: silentLogger,
        owner,
        now,
      }),
      logger: silentLogger,
      now,
      reloadIntervalMs,
    });
    schedulers.push(scheduler);
    return scheduler;
  };
  const postsTo = (channel: string) =>
    slack.calls("chat.postMessage").filter((c) => c.args.channel === channel);

  it("a new time and an off made through one replica reach the other within the reload period", async () => {
    const viaA = createSubscriptionRepository(store.db);
    await viaA.upsert(sub("C0MOVE", 9));
    const a = replica(store, "a");
    const b = replica(other, "b");
    await Promise.all([a.start(), b.start()]);
    expect(b.nextRun("C0MOVE")?.getUTCHours()).toBe(17); // 09:00 PST

    await viaA.upsert(sub("C0MOVE", 11));
    await a.reload();
    const moved = await eventually(() => b.nextRun("C0MOVE")?.getUTCHours() === 19, 5 * RELOAD_MS);
    expect(moved).toBeLessThanOrEqual(3 * RELOAD_MS);

    await viaA.remove("C0MOVE");
    await a.reload();
    await eventually(() => b.nextRun("C0MOVE") === undefined, 5 * RELOAD_MS);
    expect(a.nextRun("C0MOVE")).toBeUndefined();
  });

  it("a replica that has not reloaded yet does not post at the old time: its job re-reads the store", async () => {
    const viaA = createSubscriptionRepository(store.db);
    for (const channel of ["C0KEEP", "C0GONE", "C0LATER"]) await viaA.upsert(sub(channel, 9));
    // This replica never reloads during the test: only its jobs' own reads can save it.
    const b = replica(other, "b", 3_600_000);
    await b.start();
    await viaA.remove("C0GONE");
    await viaA.upsert(sub("C0LATER", 11));

    await fireJobOf("C0KEEP");
    await fireJobOf("C0GONE");
    await fireJobOf("C0LATER");
    await Promise.all(schedulers.map((s) => s.stop()));

    expect(postsTo("C0KEEP")).toHaveLength(1);
    expect(postsTo("C0GONE")).toHaveLength(0);
    expect(postsTo("C0LATER")).toHaveLength(0);
  });

  it("a subscription made after both started is posted by exactly one of them", async () => {
    const a = replica(store, "a");
    const b = replica(other, "b");
    await Promise.all([a.start(), b.start()]);
    // 19:00 in Shanghai is 11:00 UTC, an hour before the test's clock; subscribed at 10:00 UTC.
    await createSubscriptionRepository(store.db).upsert(
      sub("C0NEW", 19, "Asia/Shanghai"),
      new Date(SIM_NOW_MS - 2 * 3_600_000),
    );
    await slack.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0NEW",
      5000,
    );
    // Several more reloads on both: neither posts again.
    await new Promise((resolve) => setTimeout(resolve, 6 * RELOAD_MS));
    expect(postsTo("C0NEW")).toHaveLength(1);
    const run = await createDigestRunRepository(store.db).get({
      channelId: "C0NEW",
      localDate: "2026-11-02",
    });
    expect(run?.status).toBe("posted");
    expect(["a", "b"]).toContain(run?.claimedBy);
  });
});
