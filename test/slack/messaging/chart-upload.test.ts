import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChannelMessage } from "../../../src/digest/channel.js";
import { createDigestRunner } from "../../../src/digest/runner.js";
import { createLogger, silentLogger } from "../../../src/log.js";
import { everyCall } from "../../../src/query/filter.js";
import { createDigestAccumulator, digestDay } from "../../../src/report/digest.js";
import { PER_HOUR_BLOCK_ID, renderDigest } from "../../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../../src/slack/messaging/channel-poster.js";
import { withDigestChart } from "../../../src/slack/messaging/charts.js";
import { createDigestRunRepository } from "../../../src/store/digest-runs.js";
import type { Simulator } from "../../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../../src/testbed/slack-standin/fake-slack.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "../../digest/sim-setup.js";
import { record } from "../../report/fixtures.js";
import { backends, type TestStore } from "../../support/store.js";

/**
 * The digest's chart over the slack.com stand-in: uploaded with Slack's three-step flow and shown
 * by an image block naming the file; without files:write, when the upload fails or when Slack
 * refuses the image, the same message goes with its text chart, exactly once.
 */

const TOKEN = "xoxb-charts";
const CHANNEL = "C0CHARTS";

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

async function digestMessage(): Promise<ChannelMessage> {
  const day = digestDay("2026-11-02", "Asia/Shanghai");
  const digest = createDigestAccumulator(day);
  for (let i = 0; i < 30; i++) {
    digest.add(
      record({
        startCallTs: day.startTs + i * 1700,
        callResult: i % 4 === 0 ? "reject" : "normal_end",
      }),
    );
  }
  const report = digest.result();
  const context = { lang: "en" as const, filter: everyCall() };
  return withDigestChart(renderDigest(report, context), report, "en", silentLogger);
}

const blockTypes = (blocks: unknown) =>
  (blocks as Array<{ type: string; block_id?: string }>)
    .filter((b) => b.block_id === PER_HOUR_BLOCK_ID)
    .map((b) => b.type);

describe("posting a digest with its chart", () => {
  it("uploads the PNG (declared length, filename, no channel) and shows it by its file id", async () => {
    const message = await digestMessage();
    const chart = message.chart;
    expect(chart).toBeDefined();
    const poster = createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl });
    await poster.postMessage(CHANNEL, message);

    const [asked] = slack.calls("files.getUploadURLExternal");
    expect(Number(asked?.args.length)).toBe(chart?.png.length);
    expect(asked?.args.filename).toBe("callscope-digest-2026-11-02.png");
    const [file] = slack.files();
    expect(file?.completed).toBe(true);
    expect(file?.channel).toBeUndefined();
    expect(file?.bytes?.equals(Buffer.from(chart?.png ?? []))).toBe(true);
    const posted = slack.messages(CHANNEL);
    expect(posted).toHaveLength(1);
    const image = ((posted[0]?.blocks ?? []) as Array<Record<string, unknown>>).find(
      (b) => b.block_id === PER_HOUR_BLOCK_ID,
    );
    expect(image).toMatchObject({ type: "image", slack_file: { id: file?.id } });
    expect(String(image?.alt_text)).toMatch(
      /^Calls per hour, 2026-11-02: 30 calls, 8 failed; worst hour/,
    );
  });

  it("uploads once per message, however often the post is tried", async () => {
    const message = await digestMessage();
    const poster = createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl });
    await poster.postMessage(CHANNEL, message);
    await poster.postMessage(CHANNEL, message);
    expect(slack.files()).toHaveLength(1);
    expect(slack.calls("files.getUploadURLExternal")).toHaveLength(1);
  });

  it.each<[string, (s: FakeSlack) => void, string]>([
    ["without files:write", (s) => s.revokeScope("files:write"), "chart.upload_skipped"],
    ["when the upload URL fails", (s) => s.failUploads(500), "chart.upload_failed"],
    [
      "when completing the upload fails",
      (s) => s.failMethod("files.completeUploadExternal", 500),
      "chart.upload_failed",
    ],
    [
      "when Slack refuses the image block (file not processed yet)",
      (s) => s.filesNotReady(),
      "chart.image_refused",
    ],
  ])("falls back to the text chart %s, posting once", async (_, fault, event) => {
    fault(slack);
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    const poster = createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl, logger });
    const ts = await poster.postMessage(CHANNEL, await digestMessage());
    const posted = slack.messages(CHANNEL);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.ts).toBe(ts);
    expect(blockTypes(posted[0]?.blocks)).toEqual(["section"]);
    expect(JSON.stringify(posted[0]?.blocks)).toContain("```");
    expect(lines.some((line) => line.includes(event))).toBe(true);
    // The token never reaches a log line.
    expect(lines.join("\n")).not.toContain(TOKEN);
  });
});

describe.each(backends())("the scheduled digest with charts on $name", (backend) => {
  let sim: Simulator;
  let store: TestStore;
  beforeAll(async () => {
    sim = await startDigestSimulator(200);
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  const target = {
    channelId: CHANNEL,
    timeZone: "Asia/Shanghai",
    filter: everyCall(),
    lang: "en" as const,
  };
  const runner = () =>
    createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: clientFor(sim),
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl }),
      render: (report, context) =>
        withDigestChart(renderDigest(report, context), report, context.lang, silentLogger),
      logger: silentLogger,
      now: () => new Date(SIM_NOW_MS),
    });

  describe.skipIf(!backend.available)("", () => {
    it.each<[string, (s: FakeSlack) => void, string]>([
      ["with files:write: the picture", () => {}, "image"],
      ["without files:write: the text chart", (s) => s.revokeScope("files:write"), "section"],
      ["with a failing upload: the text chart", (s) => s.failUploads(503), "section"],
    ])("posts once %s, and the ledger says posted", async (_, fault, shown) => {
      fault(slack);
      const first = await runner().run(target, "2026-11-02");
      expect(first.status).toBe("posted");
      const again = await runner().run(target, "2026-11-02");
      expect(again).toEqual({ status: "skipped", reason: "posted" });
      const posted = slack.messages(CHANNEL);
      expect(posted).toHaveLength(1);
      expect(blockTypes(posted[0]?.blocks)).toEqual([shown]);
      const run = await createDigestRunRepository(store.db).get({
        channelId: CHANNEL,
        localDate: "2026-11-02",
      });
      expect(run?.status).toBe("posted");
      expect(run?.messageTs).toBe(posted[0]?.ts);
      expect(run?.figures?.perHour).toHaveLength(24);
    });
  });
});
