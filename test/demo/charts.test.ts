import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplyCharts } from "../../src/demo/charts.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { createDigestAccumulator, digestDay } from "../../src/report/digest.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { withDigestChart } from "../../src/slack/messaging/charts.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { record } from "../report/fixtures.js";

/** The demo writes the chart a reply shows, as the stand-in for Slack received it. */

let slack: FakeSlack;
let dir: string;
beforeAll(async () => {
  slack = await startFakeSlack({ botToken: "xoxb-demo" });
  dir = await mkdtemp(join(tmpdir(), "callscope-demo-charts-"));
});
afterAll(async () => {
  await slack.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("demo charts", () => {
  it("writes the uploaded PNG an image block names, and nothing for a reply without one", async () => {
    const day = digestDay("2026-11-02", "UTC");
    const digest = createDigestAccumulator(day);
    digest.add(record({ startCallTs: day.startTs + 60, callResult: "reject" }));
    const report = digest.result();
    const context = { lang: "en" as const, filter: everyCall() };
    const message = await withDigestChart(
      renderDigest(report, context),
      report,
      "en",
      silentLogger,
    );
    await createSlackPoster({ token: "xoxb-demo", slackApiUrl: slack.apiUrl }).postMessage(
      "C0DEMO",
      message,
    );
    const [posted] = slack.messages("C0DEMO");
    const paths = await writeReplyCharts({ blocks: posted?.blocks as unknown[] }, slack, dir);
    expect(paths).toEqual([join(dir, "callscope-digest-2026-11-02.png")]);
    const written = await readFile(paths[0] ?? "");
    expect(written.equals(Buffer.from(message.chart?.png ?? []))).toBe(true);
    expect(await writeReplyCharts({ blocks: message.blocks }, slack, dir)).toEqual([]);
  });
});
