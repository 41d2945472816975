import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallKitClient } from "../../src/callkit/client.js";
import {
  createDigestRunner,
  DIGEST_EVENT_TYPE,
  type DigestRunnerOptions,
  type DigestTarget,
  digestMarker,
} from "../../src/digest/runner.js";
import { createLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

/**
 * Slack took the post but its answer never came: the runner must find the message it already
 * posted (by its metadata) instead of posting it again, and, when it may not read the channel's
 * history, post at most once and say so in the log.
 */

const TOKEN = "xoxb-never-twice";
const DATE = "2026-11-02";
const now = () => new Date(SIM_NOW_MS);
const target = (channelId: string): DigestTarget => ({
  channelId,
  timeZone: "Asia/Shanghai",
  filter: everyCall(),
  lang: "en",
});

let sim: Simulator;
let client: CallKitClient;
let slack: FakeSlack;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  client = clientFor(sim);
  // The stand-in's ts follow the test's clock, as Slack's follow the real one.
  slack = await startFakeSlack({ botToken: TOKEN, now: () => SIM_NOW_MS });
});
afterAll(async () => {
  await slack.stop();
  await sim.stop();
});

describe.each(backends())("a post whose answer is lost, on $name", (backend) => {
  let store: TestStore;
  let logLines: string[];
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
    logLines = [];
    return () => store.dispose();
  });

  const runnerOn = (extra: Partial<DigestRunnerOptions> = {}) =>
    createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: client,
      // A short timeout: a held answer must end this try, as Slack's silence would after 15 s.
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl, timeoutMs: 400 }),
      render: renderDigest,
      logger: createLogger({ level: "debug", write: (line) => logLines.push(line) }),
      now,
      sleep: async () => {},
      ...extra,
    });

  describe.skipIf(!backend.available)("", () => {
    it.each(["hold", "drop"] as const)(
      "answer %s: the channel ends with exactly one digest, recorded with its ts",
      async (fault) => {
        const channel = `C0LOST${fault.toUpperCase()}`;
        slack.losePostAnswer(fault);
        const outcome = await runnerOn().run(target(channel), DATE);
        const messages = slack.messages(channel);
        expect(messages).toHaveLength(1);
        expect(messages[0]?.metadata).toEqual({
          event_type: DIGEST_EVENT_TYPE,
          event_payload: { channel, local_date: DATE },
        });
        expect(outcome).toMatchObject({ status: "posted", ts: messages[0]?.ts });
        // It looked instead of posting again.
        expect(slack.calls("chat.postMessage")).toHaveLength(1);
        expect(slack.calls("conversations.history").length).toBeGreaterThan(0);
        const run = await createDigestRunRepository(store.db).get({
          channelId: channel,
          localDate: DATE,
        });
        expect(run).toMatchObject({ status: "posted", messageTs: messages[0]?.ts });
      },
    );

    it("without the history scope: at most one post, a warning, and no retry later", async () => {
      const channel = "C0NOSCOPE";
      slack.revokeScope("channels:history");
      slack.losePostAnswer("drop");
      const outcome = await runnerOn({ owner: "a" }).run(target(channel), DATE);
      expect(outcome).toEqual({ status: "unconfirmed", reason: "missing_scope channels:history" });
      expect(slack.messages(channel)).toHaveLength(1);
      const warning = logLines
        .map((l) => JSON.parse(l))
        .find((l) => l.event === "digest.post_unconfirmed");
      expect(warning).toMatchObject({ level: "warn", channel, date: DATE });
      expect(logLines.join("\n")).not.toContain(TOKEN);
      // The ledger says posted: another replica, or a retry, does not post it again.
      expect(await runnerOn({ owner: "b" }).run(target(channel), DATE)).toEqual({
        status: "skipped",
        reason: "posted",
      });
      expect(slack.messages(channel)).toHaveLength(1);
    });

    it("a replica that died after its post reached Slack: the one taking over finds it", async () => {
      const channel = "C0DIED";
      const key = { channelId: channel, localDate: DATE };
      const runs = createDigestRunRepository(store.db);
      const poster = createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl });
      // What the dead replica did: claim, note the post, post; it never recorded the ts.
      const early = new Date(SIM_NOW_MS - 120_000);
      await runs.claim(key, "dead", 60_000, early);
      await runs.notePostAttempt(key, "dead", early);
      const ts = await poster.postMessage(
        channel,
        { text: "digest", blocks: [] },
        digestMarker(channel, DATE),
      );
      const outcome = await runnerOn({ owner: "heir" }).run(target(channel), DATE);
      expect(outcome).toMatchObject({ status: "posted", ts });
      expect(slack.messages(channel)).toHaveLength(1);
      expect(await runs.get(key)).toMatchObject({
        status: "posted",
        claimedBy: "heir",
        messageTs: ts,
      });
    });

    it("a claim released after a failed read needs no history: it posts at once", async () => {
      const channel = "C0NOREAD";
      const key = { channelId: channel, localDate: DATE };
      const runs = createDigestRunRepository(store.db);
      await runs.claim(key, "first", 60_000, now());
      await runs.release(key, "first", now());
      slack.revokeScope("channels:history");
      expect(await runnerOn().run(target(channel), DATE)).toMatchObject({ status: "posted" });
      expect(slack.calls("conversations.history")).toHaveLength(0);
      expect(slack.messages(channel)).toHaveLength(1);
    });
  });
});
