import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { createLogger } from "../../src/log.js";
import { createWebhookHandler } from "../../src/runtime/callkit-webhook.js";
import { listenHealth } from "../../src/runtime/health-server.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import { createCallEventRepository } from "../../src/store/call-events.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import {
  SDK_APP_ID,
  V4_CALL,
  v1EventBody,
  v1EventQuery,
  v1StatusBody,
  v1StatusQuery,
  v4MemberBody,
  v4Query,
  v4StartBody,
} from "../callkit/events/samples.js";
import { backends, type TestStore } from "../support/store.js";
import { startWebhookApp, WEBHOOK_TOKEN, type WebhookApp } from "../support/webhook-app.js";

const SECRET = "webhook-test-trtc-secret-0123456789";
const V1_ACK = { ErrorCode: 0, ErrorMessage: "Success" };
const V4_ACK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 };

async function post(url: string, body: string) {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

async function metric(app: WebhookApp, name: string): Promise<string[]> {
  const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
  return text.split("\n").filter((line) => line.startsWith(name));
}

for (const backend of backends()) {
  describe.skipIf(!backend.available)(`webhook receiver on ${backend.name}`, () => {
    let store: TestStore;
    let sim: Simulator;
    let a: WebhookApp;
    let b: WebhookApp;
    const dataset: CallRecord[] = [];

    beforeAll(async () => {
      store = await backend.open();
      const now = Math.floor(Date.now() / 1000);
      dataset.push({
        callId: "7a1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
        mediaType: "audio",
        roomId: "room-9",
        startCallTs: now - 7200,
        acceptTs: now - 7190,
        endTs: now - 60,
        caller: "10010",
        totalUserNumber: 2,
        callType: "single",
        callResult: "normal_end",
        callees: ["10086"],
        generation: "v4",
      });
      sim = await startSimulator({
        sdkAppId: SDK_APP_ID,
        secretKey: SECRET,
        dataset,
        generation: "v4",
      });
      const common = { sdkAppId: SDK_APP_ID, upstreamUrl: sim.url, secretKey: SECRET };
      a = await startWebhookApp({
        ...common,
        store,
        overrides: { webhook: { confirmAfterMs: [50, 100] } },
      });
      b = await startWebhookApp({
        ...common,
        store: await store.reopen(),
        overrides: { webhook: { confirmAfterMs: [] } },
      });
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await sim?.stop();
      await store?.dispose();
    });

    const events = () => createCallEventRepository(store.db);

    it.each([
      ["v1 status", v1StatusQuery, v1StatusBody, V1_ACK],
      ["v1 event", v1EventQuery, v1EventBody, V1_ACK],
      ["v4 start", v4Query("Call.CallbackAfterStartCall"), v4StartBody, V4_ACK],
      [
        "v4 member (Hang Up)",
        v4Query("Call.CallbackAfterMemberChanged"),
        v4MemberBody("Hang Up"),
        V4_ACK,
      ],
      [
        "v4 member, 18-digit numeric id",
        v4Query("Call.CallbackAfterMemberChanged"),
        v4MemberBody("Offline", "123456789012345678", 1764590200000),
        V4_ACK,
      ],
    ])("%s: stored, then answered as the vendor requires", async (_name, query, body, ack) => {
      const res = await post(a.hookUrl(query), body);
      expect(res.status).toBe(200);
      expect(res.json).toEqual(ack);
    });

    it("keeps the numeric id whole in the store", async () => {
      const stored = await events().forCall(V4_CALL);
      const ids = stored.flatMap((s) => s.event.steps.map((step) => step.userId));
      expect(ids).toContain("123456789012345678");
      expect(stored.find((s) => s.event.steps[0]?.word === "Hang Up")?.event.steps[0]?.action).toBe(
        "hung_up",
      );
    });

    it("the vendor's retries (0, 1, 1, 2, 3, 5 s: seven deliveries) store one row and are all answered OK", async () => {
      const body = v4MemberBody("Reject", '"field-113"', 1764590300000);
      const query = v4Query("Call.CallbackAfterMemberChanged");
      const before = (await events().forCall(V4_CALL)).length;
      for (let i = 0; i < 7; i++) {
        const res = await post((i % 2 ? b : a).hookUrl(query), body);
        expect(res.json).toEqual(V4_ACK);
      }
      expect((await events().forCall(V4_CALL)).length).toBe(before + 1);
      const dup = await metric(
        a,
        'callscope_webhook_events_total{generation="v4",outcome="duplicate"}',
      );
      expect(dup.length).toBe(1);
    });

    it("two instances on one store receiving the same events at once store each once", async () => {
      const bodies = Array.from({ length: 10 }, (_, i) =>
        v1EventBody.replace("1764588020", String(1764590000 + i)).replace("0c7d41aa", "1c7d41aa"),
      );
      const answers = await Promise.all(
        bodies.flatMap((body) => [a, b, a, b].map((app) => post(app.hookUrl(v1EventQuery), body))),
      );
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const rows = await events().forCall("1c7d41aa-5e2b-4b90-9d1f-77e3a2c8f640");
      expect(rows).toHaveLength(10);
    });

    it.each([
      ["a wrong token", (q: string) => a.hookUrl(q, `${WEBHOOK_TOKEN.slice(0, -1)}x`)],
      ["a short token", (q: string) => a.hookUrl(q, "abc")],
      ["no token", (q: string) => `${a.baseUrl}/callkit/events?${q}`],
      ["no token, trailing slash", (q: string) => `${a.baseUrl}/callkit/events/?${q}`],
    ])("%s → 404, counted, never logged with the token", async (_name, url) => {
      const before = (await metric(a, 'callscope_webhook_refused_total{reason="token"}'))[0];
      const res = await post(url(v1StatusQuery), v1StatusBody);
      expect(res.status).toBe(404);
      expect(res.text).toBe("");
      const after = (await metric(a, 'callscope_webhook_refused_total{reason="token"}'))[0];
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(a.logLines.join("\n")).not.toContain(WEBHOOK_TOKEN.slice(0, 20));
    });

    it.each([
      [
        "wrong SDKAppID (v4)",
        v4Query("Call.CallbackAfterStartCall", 1400000099),
        v4StartBody,
        403,
        "wrong_app",
      ],
      [
        "wrong sdkappid (v1)",
        v1StatusQuery.replace(String(SDK_APP_ID), "1400000099"),
        v1StatusBody,
        403,
        "wrong_app",
      ],
      ["not JSON", v1StatusQuery, "{ UserId: ", 400, "malformed"],
      [
        "a body that does not fit",
        v4Query("Call.CallbackAfterEndCall"),
        '{"CallbackCommand":"Call.CallbackAfterEndCall","EventTime":1}',
        400,
        "malformed",
      ],
      [
        "unknown command",
        v4Query("Call.CallbackBeforeSendMsg"),
        v4StartBody,
        400,
        "unknown_command",
      ],
      ["too big", v1StatusQuery, `{"pad":"${"x".repeat(70_000)}"}`, 413, "too_big"],
    ])("%s → %i with a clear reason", async (_name, query, body, status, reason) => {
      const res = await post(a.hookUrl(query), body);
      expect(res.status).toBe(status);
      expect(
        String((res.json as { error?: string } | undefined)?.error ?? "").length,
      ).toBeGreaterThan(5);
      const line = await metric(a, `callscope_webhook_refused_total{reason="${reason}"}`);
      expect(line.length).toBe(1);
    });

    it("stores nothing for a refused request", async () => {
      const res = await post(
        a.hookUrl(v4Query("Call.CallbackAfterStartCall", 1400000099)),
        v4StartBody.replaceAll(V4_CALL, "refused-call"),
      );
      expect(res.status).toBe(403);
      expect(await events().forCall("refused-call")).toEqual([]);
    });

    it("an end event for a call the archive does not have yet puts it there at once, unconfirmed, then confirmed", async () => {
      const call = dataset[0] as CallRecord;
      const archive = createArchiveRepository(store.db);
      await store.db.deleteFrom("call_records").where("call_id", "=", call.callId).execute();
      expect(await archive.get(call.callId)).toBeUndefined();
      const body = JSON.stringify({
        CallbackCommand: "Call.CallbackAfterEndCall",
        CallRecord: {
          CallId: call.callId,
          Caller_Account: 10010,
          MediaType: "Audio",
          CallType: "SingleCall",
          StartTime: call.startCallTs,
          EndTime: call.endTs,
          AcceptTime: call.acceptTs,
          CallResult: "NormalEnd",
          CalleeList_Account: [10010, 10086],
          RoomId: "room-9",
          RoomIdType: 2,
        },
        EventTime: (call.endTs ?? 0) * 1000 + 40,
      });
      const res = await post(a.hookUrl(v4Query("Call.CallbackAfterEndCall")), body);
      expect(res.json).toEqual(V4_ACK);
      const deadline = Date.now() + 10_000;
      while (!(await archive.get(call.callId)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(await archive.get(call.callId)).toMatchObject({ caller: "10010", callees: ["10086"] });
      while ((await archive.isUnconfirmed(call.callId)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await archive.isUnconfirmed(call.callId)).toBe(false);
    });

    it("the sync skips its 3-hour re-read while events flow", async () => {
      const sync = a.callscope.archiveSync;
      expect(await sync?.eventsState()).toMatchObject({ mode: "events", reason: "events_flowing" });
      let run = await sync?.runOnce();
      // The start-up runs of both instances may hold the lease a moment.
      const deadline = Date.now() + 30_000;
      while (run?.ran === false && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        run = await sync?.runOnce();
      }
      expect(run).toMatchObject({ ran: true, overlapSeconds: 0 });
    }, 40_000);

    it("a crash between storing and answering: the retry stores nothing new and is answered OK", async () => {
      const body = v4MemberBody("Join", '"late-joiner"', 1764590400000);
      const query = v4Query("Call.CallbackAfterMemberChanged");
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "test/runtime/fixtures/run-webhook-crash.ts"],
        {
          env: {
            ...process.env,
            DATABASE_URL: store.url,
            SCHEMA: store.schema ?? "",
            UPSTREAM: sim.url,
            SECRET,
            SDK_APP_ID: String(SDK_APP_ID),
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /port (\d+)\n/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`fixture exited ${code}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      const crashed = await post(
        `http://127.0.0.1:${port}/callkit/events/${WEBHOOK_TOKEN}?${query}`,
        body,
      ).then(
        () => "answered",
        () => "no answer",
      );
      expect(crashed).toBe("no answer");
      expect(await exited).toBe(7);
      const before = await events().forCall(V4_CALL);
      expect(before.filter((s) => s.event.steps[0]?.userId === "late-joiner")).toHaveLength(1);
      const retry = await post(a.hookUrl(query), body);
      expect(retry.json).toEqual(V4_ACK);
      expect((await events().forCall(V4_CALL)).length).toBe(before.length);
    }, 30_000);
  });
}

describe("webhook receiver on the Socket Mode health port", () => {
  it("serves the events path beside /healthz, with the same checks", async () => {
    const backend = backends()[0];
    if (!backend) throw new Error("no backend");
    const store = await backend.open();
    const lines: string[] = [];
    const handler = createWebhookHandler({
      token: WEBHOOK_TOKEN,
      sdkAppId: SDK_APP_ID,
      events: createCallEventRepository(store.db),
      logger: createLogger({ level: "debug", write: (line) => lines.push(line) }),
    });
    const server = await listenHealth(
      { "/healthz": (_req, res) => res.writeHead(200).end("ok") },
      { port: 0, host: "127.0.0.1", webhook: handler },
    );
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const ok = await post(
        `${base}/callkit/events/${WEBHOOK_TOKEN}?${v1StatusQuery}`,
        v1StatusBody,
      );
      expect(ok.json).toEqual(V1_ACK);
      const wrong = await post(`${base}/callkit/events/nope?${v1StatusQuery}`, v1StatusBody);
      expect(wrong.status).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(lines.join("\n")).not.toContain(WEBHOOK_TOKEN);
    } finally {
      await server.close();
      await store.dispose();
    }
  });
});
