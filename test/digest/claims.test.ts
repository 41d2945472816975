import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner, type DigestRunnerOptions } from "../../src/digest/runner.js";
import { createDigestScheduler, type DigestScheduler } from "../../src/digest/scheduler.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import { createSubscriptionRepository } from "../../src/store/subscriptions.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

/**
 * Claims that must hold while a slow day is read, and claims whose holder died, which a start-up
 * must take over once they expire. The clock moves with real time here: expiries are real.
 */

const TOKEN = "xoxb-claims";
const DATE = "2026-11-02";
const filter = everyCall();
const startedAt = Date.now();
const now = () => new Date(SIM_NOW_MS + (Date.now() - startedAt));

let sim: Simulator;
let slack: FakeSlack;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  slack = await startFakeSlack({ botToken: TOKEN, now: () => now().getTime() });
});
afterAll(async () => {
  await slack.stop();
  await sim.stop();
});

describe.each(backends())("digest claims on $name", (backend) => {
  let store: TestStore;
  let scheduler: DigestScheduler | undefined;
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
    sim.faults.clear();
  });
  afterEach(async () => {
    sim.faults.clear();
    await scheduler?.stop();
    scheduler = undefined;
    if (backend.available) await store.dispose();
  });

  const runnerOn = (owner: string, extra: Partial<DigestRunnerOptions> = {}) =>
    createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: clientFor(sim),
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl }),
      render: renderDigest,
      logger: silentLogger,
      owner,
      now,
      ...extra,
    });
  const target = (channelId: string) => ({
    channelId,
    timeZone: "Asia/Shanghai",
    filter,
    lang: "en" as const,
  });

  describe.skipIf(!backend.available)("", () => {
    it("a read longer than the claim's TTL keeps the claim: another replica skips", async () => {
      // Every vendor page takes 250 ms: the day and the day before take well over a second.
      sim.faults.inject({ kind: "latency", ms: 250 });
      const slow = runnerOn("slow", { claimTtlMs: 400, heartbeatMs: 100 }).run(
        target("C0SLOW"),
        DATE,
      );
      await new Promise((resolve) => setTimeout(resolve, 700));
      const other = await runnerOn("other", { claimTtlMs: 400 }).run(target("C0SLOW"), DATE);
      expect(other).toEqual({ status: "skipped", reason: "held" });
      expect(await slow).toMatchObject({ status: "posted" });
      expect(slack.messages("C0SLOW")).toHaveLength(1);
    });

    it("start-up takes over a claim whose holder died, once it expires", async () => {
      await createSubscriptionRepository(store.db).upsert({
        channelId: "C0HEIR",
        hour: 9,
        minute: 0,
        timeZone: "Asia/Shanghai",
        filter,
        lang: "en",
        createdBy: "U1",
      });
      const runs = createDigestRunRepository(store.db);
      await runs.claim({ channelId: "C0HEIR", localDate: DATE }, "dead", 600, now());
      scheduler = createDigestScheduler({
        subscriptions: createSubscriptionRepository(store.db),
        runner: runnerOn("heir"),
        logger: silentLogger,
        now,
        retryBackoff: { baseMs: 150, maxMs: 300 },
      });
      expect(await scheduler.start()).toEqual([{ status: "skipped", reason: "held" }]);
      const key = { channelId: "C0HEIR", localDate: DATE };
      // The ledger is written just after Slack answers: wait for it, not for the post.
      for (
        let waited = 0;
        (await runs.get(key))?.status !== "posted" && waited < 5000;
        waited += 50
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await runs.get(key)).toMatchObject({
        status: "posted",
        claimedBy: "heir",
        attempts: 2,
      });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(slack.messages("C0HEIR")).toHaveLength(1);
    });
  });
});
