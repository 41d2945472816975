import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { startTrtcSimulator, type TrtcSimulator } from "../../src/testbed/trtc-sim/server.js";
import { sendOfflineEvents } from "../support/offline-call.js";
import { backends, type TestStore } from "../support/store.js";
import { startWebhookApp, type WebhookApp } from "../support/webhook-app.js";

/**
 * `/calls <callId>` for a call with both a webhook timeline and TRTC's diagnosis (the TRTC
 * simulator drops the callee's network 12 s before the end of an interrupted call) shows one
 * verdict: the timeline's fact, then TRTC's cause, in the reader's language.
 */
const SECRET_ID = "AKIDcallscopeMERGE01";
const SECRET_KEY = "trtc-cloud-secret-key-merge-test-42";
const APP = 1400000057;
const SECRET = "timeline-test-trtc-secret-0123456789";
const CALL = "7b1e2d3c-4b5a-4968-8776-a5b4c3d2e3f1";
const QUIET = "7b1e2d3c-4b5a-4968-8776-a5b4c3d2e3f2";
const backend = backends()[0];

describe.skipIf(!backend?.available)(
  "one verdict: the webhook timeline merged with TRTC's diagnosis",
  () => {
    let trtc: TrtcSimulator;
    let store: TestStore;
    let sim: Simulator;
    let app: WebhookApp;
    const now = Math.floor(Date.now() / 1000);
    const record = (callId: string): CallRecord => ({
      callId,
      mediaType: "audio",
      roomId: "room-1",
      startCallTs: now - 600,
      acceptTs: now - 597,
      endTs: now - 580,
      caller: "10010",
      totalUserNumber: 2,
      callType: "single",
      callResult: "interrupt",
      callees: ["10086"],
      generation: "v4",
    });

    beforeAll(async () => {
      store = await (backend as NonNullable<typeof backend>).open();
      sim = await startSimulator({
        sdkAppId: APP,
        secretKey: SECRET,
        dataset: [record(CALL), record(QUIET)],
        generation: "v4",
      });
      const dataset = [record(CALL), record(QUIET)];
      trtc = await startTrtcSimulator({
        sdkAppId: APP,
        keys: { [SECRET_ID]: SECRET_KEY },
        calls: { size: dataset.length, at: (i: number) => dataset[i] as CallRecord },
      });
      app = await startWebhookApp({
        env: {
          TRTC_CLOUD_SECRET_ID: SECRET_ID,
          TRTC_CLOUD_SECRET_KEY: SECRET_KEY,
          TRTC_CLOUD_API_URL: trtc.url,
        },
        store,
        sdkAppId: APP,
        upstreamUrl: sim.url,
        secretKey: SECRET,
        overrides: { webhook: { confirmAfterMs: [] }, slack: { diagnosisWaitMs: 20_000 } },
      });
      await sendOfflineEvents(app, APP, CALL, (now - 600) * 1000, 20000);
    });
    afterAll(async () => {
      await app?.stop();
      await sim?.stop();
      await trtc?.stop();
      await store?.dispose();
    });

    it.each<[string, string, string, string]>([
      [
        "en",
        CALL,
        "callee 10086 went offline 17 s after answering: heartbeat lost; TRTC: network dropped (event 1003) 12 s before",
        "heartbeat lost",
      ],
      [
        "zh",
        `查一下 ${CALL}`,
        "被叫 10086 在接听 17秒 后掉线：心跳丢失；TRTC：网络断开（事件 1003），早 12秒",
        "心跳丢失",
      ],
    ])("%s: one combined verdict line", async (_lang, text, line, fact) => {
      const body = await app.command(text);
      const shown = JSON.stringify(body.blocks);
      expect(shown).toContain(line);
      // One verdict: the fact and TRTC's cause each once (the diagnosis block shows no second one).
      expect(shown.split(fact).length).toBe(2);
      expect(shown.split("(event 1003)").length + shown.split("（事件 1003）").length).toBe(3);
      expect(app.logLines.join("\n")).not.toContain(SECRET_KEY);
    });
  },
);
