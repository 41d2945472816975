import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { offlineCall, sendOfflineEvents } from "../support/offline-call.js";
import { backends, type TestStore } from "../support/store.js";
import { startWebhookApp, type WebhookApp } from "../support/webhook-app.js";

/**
 * `/calls <callId>` through the real app shows the call's timeline from the events its webhook
 * received, in the reader's language; a call without events shows none.
 */
const APP = 1400000055;
const SECRET = "timeline-test-trtc-secret-0123456789";
const CALL = "7b1e2d3c-4b5a-4968-8776-a5b4c3d2e1f1";
const QUIET = "7b1e2d3c-4b5a-4968-8776-a5b4c3d2e1f2";
const backend = backends()[0];

describe.skipIf(!backend?.available)("the call timeline in call details", () => {
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

  it.each([
    [
      "en",
      CALL,
      [
        "Timeline",
        "answered",
        "went offline",
        "callee 10086 went offline 4 s after answering: heartbeat lost",
      ],
    ],
    ["zh", `查一下 ${CALL}`, ["时间线", "接听", "掉线", "被叫 10086 在接听 4秒 后掉线：心跳丢失"]],
  ])("%s: the steps and the verdict", async (_lang, text, words) => {
    const body = await app.command(text);
    const shown = JSON.stringify(body.blocks);
    for (const word of words) expect(shown).toContain(word);
  });

  it("the message shortcut on a message naming the call shows the timeline too", async () => {
    const body = await app.shortcut(`is ${CALL} the one that dropped?`);
    expect(JSON.stringify(body.blocks)).toContain("heartbeat lost");
  });

  it("a call with no events shows its details without a timeline", async () => {
    const body = await app.command(QUIET);
    const shown = JSON.stringify(body.blocks);
    expect(shown).toContain(QUIET);
    expect(shown).not.toContain("Timeline");
  });
});
