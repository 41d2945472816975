import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../src/digest/runner.js";
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
import { type SlackFront, startSlackFront } from "./slack-front.js";

/**
 * A digest due while the vendor (or Slack) is down is tried again until it is posted: once, soon
 * after the outage ends. Backoff is shortened here (production: 1 min doubling to 5 min).
 */

const TOKEN = "xoxb-outage";
const CHANNEL = "C0OUTAGE";
const OUTAGE_MS = 4000;
const BACKOFF = { baseMs: 300, maxMs: 1000 };
const now = () => new Date(SIM_NOW_MS);

let sim: Simulator;
let slack: FakeSlack;
let front: SlackFront;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  slack = await startFakeSlack({ botToken: TOKEN, now: () => SIM_NOW_MS });
  front = await startSlackFront(slack.apiUrl);
});
afterAll(async () => {
  await front.stop();
  await slack.stop();
  await sim.stop();
});

describe.each(backends())("a digest due during an outage, on $name", (backend) => {
  let store: TestStore;
  let scheduler: DigestScheduler | undefined;
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
    sim.faults.clear();
    // 09:00 in Shanghai has passed at the test's 20:00: start-up runs it at once.
    await createSubscriptionRepository(store.db).upsert({
      channelId: CHANNEL,
      hour: 9,
      minute: 0,
      timeZone: "Asia/Shanghai",
      filter: everyCall(),
      lang: "en",
      createdBy: "U1",
    });
  });
  afterEach(async () => {
    sim.faults.clear();
    await scheduler?.stop();
    if (backend.available) await store.dispose();
  });

  const start = () => {
    scheduler = createDigestScheduler({
      subscriptions: createSubscriptionRepository(store.db),
      runner: createDigestRunner({
        runs: createDigestRunRepository(store.db),
        source: clientFor(sim),
        poster: createSlackPoster({ token: TOKEN, slackApiUrl: front.apiUrl }),
        render: renderDigest,
        logger: silentLogger,
        now,
        postAttempts: 2,
        backoffBaseMs: 50,
      }),
      logger: silentLogger,
      now,
      retryBackoff: BACKOFF,
    });
    return scheduler.start();
  };
  const posts = () => slack.calls("chat.postMessage").filter((c) => c.args.channel === CHANNEL);

  describe.skipIf(!backend.available)("", () => {
    it("vendor answers 502 for a span: posted once, within a backoff step of the span's end", async () => {
      sim.faults.inject({ kind: "http", status: 502 });
      let endedAt = 0;
      const outage = setTimeout(() => {
        sim.faults.clear();
        endedAt = Date.now();
      }, OUTAGE_MS);
      try {
        const [first] = await start();
        expect(first?.status).toBe("failed");
        await slack.waitForCall((c) => c.method === "chat.postMessage", OUTAGE_MS + 10_000);
      } finally {
        clearTimeout(outage);
      }
      const delay = Date.now() - endedAt;
      console.info(`[outage] vendor 502 for ${OUTAGE_MS} ms: posted ${delay} ms after it ended`);
      expect(endedAt).toBeGreaterThan(0);
      expect(delay).toBeLessThan(BACKOFF.maxMs + 2000);
      await new Promise((resolve) => setTimeout(resolve, 2 * BACKOFF.maxMs));
      expect(posts()).toHaveLength(1);
      expect(
        await createDigestRunRepository(store.db).get({
          channelId: CHANNEL,
          localDate: "2026-11-02",
        }),
      ).toMatchObject({ status: "posted" });
    });

    it("Slack answers 503 to every post for a while: posted once after it recovers", async () => {
      const before = front.postAttempts();
      front.fail(...Array.from({ length: 5 }, () => ({ kind: "http" as const, status: 503 })));
      const [first] = await start();
      expect(first?.status).toBe("failed");
      await slack.waitForCall((c) => c.method === "chat.postMessage", 10_000);
      await new Promise((resolve) => setTimeout(resolve, 2 * BACKOFF.maxMs));
      // Five refused, then the one that went through; the history lookups in between found nothing.
      expect(front.postAttempts() - before).toBe(6);
      expect(posts()).toHaveLength(1);
    });

    it("the store fails when it is due: tried again once the store answers", async () => {
      // The ledger goes through a handle that is closed at first, then through a live one.
      const closed = await store.reopen();
      await closed.close();
      let runs = createDigestRunRepository(closed.db);
      const live = createDigestRunRepository(store.db);
      const switching: typeof live = {
        claim: (...a) => runs.claim(...a),
        renew: (...a) => runs.renew(...a),
        markPosted: (...a) => runs.markPosted(...a),
        release: (...a) => runs.release(...a),
        get: (...a) => runs.get(...a),
        notePostAttempt: (...a) => runs.notePostAttempt(...a),
        clearPostAttempt: (...a) => runs.clearPostAttempt(...a),
      };
      scheduler = createDigestScheduler({
        subscriptions: createSubscriptionRepository(store.db),
        runner: createDigestRunner({
          runs: switching,
          source: clientFor(sim),
          poster: createSlackPoster({ token: TOKEN, slackApiUrl: front.apiUrl }),
          render: renderDigest,
          logger: silentLogger,
          now,
        }),
        logger: silentLogger,
        now,
        retryBackoff: BACKOFF,
      });
      const [first] = await scheduler.start();
      expect(first?.status).toBe("failed");
      expect(posts()).toHaveLength(0);
      runs = live;
      await slack.waitForCall((c) => c.method === "chat.postMessage", 10_000);
      await new Promise((resolve) => setTimeout(resolve, 2 * BACKOFF.maxMs));
      expect(posts()).toHaveLength(1);
    });
  });
});
