import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../src/digest/runner.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createAlertRepository } from "../../src/store/alerts.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import { backends, type TestStore } from "../support/store.js";

/** The next digest lists yesterday's alerts of its channel, from the alerts' episodes in the store. */

describe.each(backends())("yesterday's alerts in the digest, on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)("lists the channel's episodes of that local day only", async () => {
    const alerts = createAlertRepository(store.db);
    const day = (iso: string) => new Date(iso);
    // 2026-03-04 in Asia/Shanghai is [03-03 16:00Z, 03-04 16:00Z).
    const open = async (channelId: string, rule: number, at: string, summary = {}) => {
      const key = { channelId, ruleNumber: rule, openedAt: day(at) };
      await alerts.startEpisode(key, 40, summary);
      return key;
    };
    const inDay = await open("C1", 1, "2026-03-04T06:00:00Z", {
      rule: "interrupted calls > 30 calls over 15 min",
      unit: "count",
    });
    await alerts.trackEpisode(inDay, 52, undefined, day("2026-03-04T06:20:00Z"));
    await alerts.resolveEpisode(inDay, day("2026-03-04T07:00:00Z"));
    await open("C1", 0, "2026-03-04T15:30:00Z", { kind: "outage" });
    await open("C1", 2, "2026-03-04T16:30:00Z", { rule: "the next day", unit: "count" });
    await open("C2", 1, "2026-03-04T06:00:00Z", { rule: "another channel", unit: "count" });
    const runner = createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: { scan: () => (async function* () {})() },
      poster: createSlackPoster({ token: "xoxb-unused", slackApiUrl: "http://127.0.0.1:9/" }),
      render: renderDigest,
      logger: silentLogger,
      alerts,
    });
    const built = await runner.build(
      { channelId: "C1", timeZone: "Asia/Shanghai", filter: everyCall(), lang: "en" },
      "2026-03-04",
    );
    const json = JSON.stringify(built.message.blocks);
    expect(json).toMatch(/Alerts \(2\)/);
    expect(json).toMatch(/#1 interrupted calls &gt; 30 calls over 15 min .* peak 52 calls/);
    expect(json).toMatch(/callscope could not see calls .* still open/);
    expect(json).not.toMatch(/the next day|another channel/);
  });
});
