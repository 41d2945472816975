import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallKitClient } from "../../src/callkit/client.js";
import {
  createDigestRunner,
  type DigestRunnerOptions,
  type DigestTarget,
} from "../../src/digest/runner.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";
import { type SlackFront, startSlackFront } from "./slack-front.js";

const TOKEN = "xoxb-digest-test";
const target: DigestTarget = {
  channelId: "C0DIGEST",
  timeZone: "America/Los_Angeles",
  filter: everyCall(),
  lang: "en",
};
const DATE = "2026-11-01";
const key = { channelId: target.channelId, localDate: DATE };

let sim: Simulator;
let client: CallKitClient;
let slack: FakeSlack;
let front: SlackFront;
beforeAll(async () => {
  sim = await startDigestSimulator();
  client = clientFor(sim);
  slack = await startFakeSlack({ botToken: TOKEN });
  front = await startSlackFront(slack.apiUrl);
});
afterAll(async () => {
  await front.stop();
  await slack.stop();
  await sim.stop();
});

describe.each(backends())("digest runner on $name", (backend) => {
  let store: TestStore;
  let waits: number[];
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
    waits = [];
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  const runnerOn = (db: TestStore["db"], extra: Partial<DigestRunnerOptions> = {}) =>
    createDigestRunner({
      runs: createDigestRunRepository(db),
      source: client,
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: front.apiUrl }),
      render: renderDigest,
      logger: silentLogger,
      now: () => new Date(SIM_NOW_MS),
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...extra,
    });

  describe.skipIf(!backend.available)("", () => {
    it("posts once and records the ts; the same runner and a restarted one then skip", async () => {
      const first = await runnerOn(store.db, { owner: "a" }).run(target, DATE);
      expect(first.status).toBe("posted");
      const posts = slack.calls("chat.postMessage");
      expect(posts).toHaveLength(1);
      expect(posts[0]?.args.channel).toBe(target.channelId);
      expect(String(posts[0]?.args.text)).toContain(DATE);
      const run = await createDigestRunRepository(store.db).get(key);
      expect(run).toMatchObject({
        status: "posted",
        messageTs: first.status === "posted" ? first.ts : "",
      });
      expect(run?.figures?.total).toBe(
        sim.dataset.count({ startTs: 1793516400, endTs: 1793516400 + 25 * 3600 }),
      );

      expect(await runnerOn(store.db, { owner: "a" }).run(target, DATE)).toEqual({
        status: "skipped",
        reason: "posted",
      });
      const restarted = await store.reopen();
      expect(await runnerOn(restarted.db, { owner: "b" }).run(target, DATE)).toEqual({
        status: "skipped",
        reason: "posted",
      });
      expect(slack.calls("chat.postMessage")).toHaveLength(1);
    });

    it("a claim left by a crashed replica blocks until it expires, then is taken over", async () => {
      const runs = createDigestRunRepository(store.db);
      await runs.claim(key, "crashed", 60_000, new Date(SIM_NOW_MS - 30_000));
      expect(await runnerOn(store.db, { owner: "b" }).run(target, DATE)).toEqual({
        status: "skipped",
        reason: "held",
      });
      expect(slack.calls("chat.postMessage")).toHaveLength(0);
      const later = () => new Date(SIM_NOW_MS + 60_000);
      const outcome = await runnerOn(store.db, { owner: "b", now: later }).run(target, DATE);
      expect(outcome.status).toBe("posted");
      expect(await runs.get(key)).toMatchObject({ status: "posted", claimedBy: "b", attempts: 2 });
      expect(slack.calls("chat.postMessage")).toHaveLength(1);
    });

    it("uses the day before's stored figures for ▲/▼ instead of reading it again", async () => {
      const runner = runnerOn(store.db, { owner: "a" });
      await runner.run(target, "2026-10-31");
      const before = sim.stats.requests("filter");
      await runner.run(target, DATE);
      const pagesForOneDay = sim.stats.requests("filter") - before;
      const blocks = JSON.stringify(slack.calls("chat.postMessage")[1]?.args.blocks);
      expect(blocks).toMatch(/[▲▼=] \d+/);
      // One day read, not two: a day whose day before has no stored figures reads both.
      const unstored = sim.stats.requests("filter");
      await runner.build(target, "2026-10-31");
      expect(sim.stats.requests("filter") - unstored).toBeGreaterThan(pagesForOneDay);
    });

    it("retries a failed Slack post with backoff, then posts once", async () => {
      front.fail({ kind: "http", status: 502 }, { kind: "slack", error: "internal_error" });
      const outcome = await runnerOn(store.db, { backoffBaseMs: 100 }).run(target, DATE);
      expect(outcome).toMatchObject({ status: "posted", attempts: 3 });
      expect(waits).toEqual([100, 200]);
      expect(slack.calls("chat.postMessage")).toHaveLength(1);
    });

    it("honours a 429's Retry-After", async () => {
      front.fail({ kind: "ratelimited", retryAfterSeconds: 7 });
      const outcome = await runnerOn(store.db, { backoffBaseMs: 100 }).run(target, DATE);
      expect(outcome).toMatchObject({ status: "posted", attempts: 2 });
      expect(waits).toEqual([7000]);
    });

    it("gives up at once on an error that will not pass, and frees the claim for a later try", async () => {
      front.fail({ kind: "slack", error: "not_in_channel" });
      const outcome = await runnerOn(store.db, { owner: "a" }).run(target, DATE);
      expect(outcome).toEqual({
        status: "failed",
        error: "Slack refused the post: not_in_channel",
      });
      expect(waits).toEqual([]);
      expect(await runnerOn(store.db, { owner: "b" }).run(target, DATE)).toMatchObject({
        status: "posted",
      });
    });

    it("gives up after the last attempt", async () => {
      front.fail(...Array.from({ length: 3 }, () => ({ kind: "http" as const, status: 503 })));
      const outcome = await runnerOn(store.db, { postAttempts: 3, backoffBaseMs: 10 }).run(
        target,
        DATE,
      );
      expect(outcome.status).toBe("failed");
      expect(waits).toEqual([10, 20]);
      expect(slack.calls("chat.postMessage")).toHaveLength(0);
    });
  });
});
