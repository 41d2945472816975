import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { encodeButtonValue } from "../../src/slack/button-value.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import type { FakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { offlineCall, sendOfflineEvents } from "../support/offline-call.js";
import { backends, type TestStore } from "../support/store.js";
import { startWebhookApp, type WebhookApp } from "../support/webhook-app.js";

/**
 * Call details with a webhook timeline show it as a chart (issue 15 item 2): the participants'
 * steps on a time axis, uploaded to the stand-in for Slack and named by an image block under the
 * timeline, for `/calls <callId>` and the Details button; without files:write, when the upload
 * fails or when Slack refuses the image, the details go without the picture, once.
 */
const APP = 1400000056;
const SECRET = "timeline-test-trtc-secret-0123456789";
const CALL = "7b1e2d3c-4b5a-4968-8776-a5b4c3d2e2f1";
const QUIET = "7b1e2d3c-4b5a-4968-8776-a5b4c3d2e2f2";
const backend = backends()[0];

describe.skipIf(!backend?.available)("the call timeline as a chart in call details", () => {
  let store: TestStore;
  let sim: Simulator;
  let app: WebhookApp;
  const now = Math.floor(Date.now() / 1000);
  const record = (callId: string): CallRecord => offlineCall(callId, now);

  beforeAll(async () => {
    store = await (backend as NonNullable<typeof backend>).open();
    sim = await startSimulator({
      sdkAppId: APP,
      secretKey: SECRET,
      dataset: [record(CALL), record(QUIET)],
      generation: "v4",
    });
    app = await startWebhookApp({
      store,
      sdkAppId: APP,
      upstreamUrl: sim.url,
      secretKey: SECRET,
      overrides: { webhook: { confirmAfterMs: [] } },
    });
    await sendOfflineEvents(app, APP, CALL, (now - 600) * 1000);
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    await store?.dispose();
  });

  beforeEach(() => app.slack.reset());

  const imageOf = (body: Record<string, unknown>) =>
    (body.blocks as Array<Record<string, unknown>>).find((b) => b.type === "image");
  const accepted = () => app.slack.responses(app.lastResponseId()).filter((r) => r.accepted);

  it.each([
    [
      "en",
      CALL,
      "The call's steps over time",
      /^Call \S+: 4 steps of 2 participants over 7 s from .*; failed: callee 10086 went offline at/,
    ],
    [
      "zh",
      `查一下 ${CALL}`,
      "通话各步骤时间轴",
      /^通话 \S+：2 位参与者的 4 个步骤.*失败：被叫 10086 掉线/,
    ],
  ])(
    "%s: /calls <callId> shows the steps chart under the timeline",
    async (_l, text, title, alt) => {
      const body = await app.command(text);
      const [file] = app.slack.files();
      expect(file?.completed).toBe(true);
      expect(file?.channel).toBeUndefined();
      expect(file?.bytes?.subarray(1, 4).toString("ascii")).toBe("PNG");
      const image = imageOf(body);
      expect(image).toMatchObject({ slack_file: { id: file?.id }, title: { text: title } });
      expect(String(image?.alt_text)).toMatch(alt);
      expect(String(image?.alt_text)).toMatch(/10086/);
      const blocks = body.blocks as Array<Record<string, unknown>>;
      const at = blocks.indexOf(image as Record<string, unknown>);
      expect(JSON.stringify(blocks[at - 1])).toMatch(/Timeline|时间线/);
      expect(accepted()).toHaveLength(1);
    },
  );

  it.each([
    ["a bare callId", CALL, "The call's steps over time"],
    [
      "a Chinese button",
      encodeButtonValue({ kind: "lookup", callIds: [CALL], lang: "zh" }) ?? "",
      "通话各步骤时间轴",
    ],
  ])("the Details button (%s) shows it too", async (_n, value, title) => {
    const body = await app.click("call_details", value);
    expect(imageOf(body)).toMatchObject({ title: { text: title } });
    expect(app.slack.files()).toHaveLength(1);
  });

  it("a call without events has no timeline and no chart", async () => {
    const body = await app.command(QUIET);
    expect(imageOf(body)).toBeUndefined();
    expect(app.slack.calls("files.getUploadURLExternal")).toHaveLength(0);
  });

  it.each<[string, (s: FakeSlack) => void]>([
    ["without files:write", (s) => s.revokeScope("files:write")],
    ["when the upload fails", (s) => s.failUploads(500)],
    ["when Slack refuses the image", (s) => s.filesNotReady(2)],
  ])("answers once without the picture %s", async (_n, fault) => {
    fault(app.slack);
    const body = await app.command(CALL);
    expect(imageOf(body)).toBeUndefined();
    expect(JSON.stringify(body.blocks)).toContain("heartbeat lost");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(accepted()).toHaveLength(1);
    const ephemeral = app.slack.calls("chat.postEphemeral");
    expect(ephemeral.every((c) => JSON.stringify(c.args.blocks).includes("slack_file"))).toBe(true);
    expect(app.logLines.join("\n")).not.toContain(SECRET);
  });
});
