import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS_PATH } from "../../src/slack/app.js";
import { createAlertRepository } from "../../src/store/alerts.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { appHomeOpenedEnvelope } from "../../src/testbed/slack-standin/payloads.js";
import { sendEvent } from "../../src/testbed/slack-standin/sign.js";
import { SDK_APP_ID, v4Query } from "../callkit/events/samples.js";
import { backends, type TestStore } from "../support/store.js";
import { startWebhookApp, type WebhookApp } from "../support/webhook-app.js";

/**
 * Alerts judged on call events (issues 14 + 16): with the webhook on, end-of-call events written
 * to the archive nudge the alert engine (one evaluation per burst), and the alert posts without
 * waiting for the minute tick nor for the next archive sync (ARCHIVE_SYNC_SECONDS is a day here).
 */

const sqlite = backends()[0] as NonNullable<ReturnType<typeof backends>[0]>;
const SECRET = "alerts-webhook-trtc-secret-0123456789";

const endEvent = (callId: string, start: number) =>
  JSON.stringify({
    CallbackCommand: "Call.CallbackAfterEndCall",
    CallRecord: {
      CallId: callId,
      Caller_Account: "dispatch-07",
      MediaType: "Audio",
      CallType: "SingleCall",
      StartTime: start,
      EndTime: start + 30,
      AcceptTime: start + 5,
      CallResult: "Interrupt",
      CalleeList_Account: ["dispatch-07", "field-112"],
      RoomId: "room-1",
      RoomIdType: 2,
    },
    EventTime: (start + 30) * 1000,
  });

describe.each([
  ["with files:write: the alert carries its picture", false, "image"],
  ["without files:write: the text chart stays, posted once", true, "section"],
] as const)("alerts on webhook events, %s", (_name, revoke, chartBlock) => {
  let store: TestStore;
  let sim: Simulator;
  let app: WebhookApp;

  beforeAll(async () => {
    store = await sqlite.open();
    sim = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: SECRET,
      dataset: [],
      generation: "v4",
    });
    app = await startWebhookApp({
      store,
      sdkAppId: SDK_APP_ID,
      upstreamUrl: sim.url,
      secretKey: SECRET,
      overrides: { webhook: { confirmAfterMs: [] } },
    });
    if (revoke) app.slack.revokeScope("files:write");
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    await store?.dispose();
  });

  it("a burst of end events gives one evaluation, and the alert posts once, before the minute tick", async () => {
    // The start-up sync gives the archive its coverage (else the engine is blind).
    const deadline = Date.now() + 20_000;
    let run = await app.callscope.archiveSync?.runOnce();
    while (run?.ran === false && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      run = await app.callscope.archiveSync?.runOnce();
    }
    expect(JSON.stringify(await app.command("alert on interrupted > 2 calls over 15m"))).toContain(
      "Alert #1 on for this channel",
    );
    // Let the start-up tick (which judged nothing) finish.
    await app.callscope.alerts?.engine.tick();
    expect(app.slack.messages("C1")).toHaveLength(0);
    const start = Math.floor(Date.now() / 1000) - 120;
    for (const n of [1, 2, 3]) {
      const res = await fetch(app.hookUrl(v4Query("Call.CallbackAfterEndCall")), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: endEvent(`a1e2d3c4-0000-4000-8000-00000000000${n}`, start + n),
      });
      expect(res.status).toBe(200);
    }
    // The engine's own tick comes every 60 s: this waits 20 s at most.
    while (app.slack.messages("C1").length === 0 && Date.now() < deadline + 20_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const posted = app.slack.messages("C1");
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toMatch(/interrupted/i);
    const nudges = app.logs("alert.nudged");
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toMatchObject({ events: 3 });
    expect(app.logs("alert.posted")).toHaveLength(1);
    // The chart: the uploaded picture in an image block, else the text chart (a section of code).
    const blocks = (posted[0]?.blocks ?? []) as { type: string; text?: { text?: string } }[];
    const images = blocks.filter((b) => b.type === "image");
    expect(images).toHaveLength(revoke ? 0 : 1);
    expect(app.slack.files().filter((f) => f.completed)).toHaveLength(revoke ? 0 : 1);
    if (chartBlock === "section")
      expect(blocks.some((b) => b.type === "section" && b.text?.text?.includes("```"))).toBe(true);
    else expect(JSON.stringify(images[0])).toMatch(/"slack_file":\{"id":"F/);
    if (revoke) expect(app.logs("chart.upload_skipped")).toHaveLength(1);
  }, 60_000);

  it("the App Home lists the rule its user created and says webhooks arrive", async () => {
    // Another user's rule in another channel is not Alice's to see on her Home.
    const rules = createAlertRepository(store.db);
    const alices = await rules.getRule("C1", 1);
    if (!alices) throw new Error("the first test made no rule");
    const { channelId: _c, createdBy: _u, ...rest } = alices;
    await rules.addRule({ ...rest, channelId: "C9", createdBy: "U0BOB" }, 10);
    expect(await rules.listRules("C9")).toHaveLength(1);
    const before = app.slack.calls("views.publish").length;
    const envelope = appHomeOpenedEnvelope(
      {
        teamId: "T0FAKE",
        userId: "U0ALICE",
        userName: "alice",
        channelId: "DALICE",
        channelName: "",
      },
      { eventTs: `${Math.floor(Date.now() / 1000)}.000100` },
    );
    const sent = await sendEvent(
      `${app.baseUrl}${EVENTS_PATH}`,
      "webhook-test-signing-secret",
      envelope,
    );
    expect(sent.status).toBe(200);
    await app.slack.waitForCall(
      (c) => c.method === "views.publish" && app.slack.calls("views.publish").length > before,
      20_000,
    );
    const home = JSON.stringify(app.slack.homeOf("U0ALICE")?.view);
    expect(home).toMatch(/C1>?: alert #1 interrupted calls (>|&gt;) 2 calls over 15 min/);
    expect(home).toContain("webhooks arriving");
    expect(home).not.toContain("no webhooks lately");
    expect(home).not.toContain("C9");
  }, 30_000);
});
