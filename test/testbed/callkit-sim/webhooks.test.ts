import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveRepository } from "../../../src/store/archive.js";
import { createCallEventRepository } from "../../../src/store/call-events.js";
import { type Simulator, startSimulator } from "../../../src/testbed/callkit-sim/server.js";
import { deliver, eventsOfCall } from "../../../src/testbed/callkit-sim/webhooks.js";
import { backends, type TestStore } from "../../support/store.js";
import { startWebhookApp, WEBHOOK_TOKEN, type WebhookApp } from "../../support/webhook-app.js";

const APP = 1400000066;
const SECRET = "sim-webhooks-test-secret-0123456789";
const FAST = [0, 20, 20, 40, 60, 100];

/** A receiver that answers each delivery with the next of `answers` (then OK). */
async function scripted(answers: ("late" | "500" | "wrong" | "ok")[]) {
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    const answer = answers[n++] ?? "ok";
    if (answer === "late") return void setTimeout(() => res.writeHead(200).end("{}"), 500);
    if (answer === "500") return void res.writeHead(500).end();
    if (answer === "wrong") return void res.writeHead(200).end('{"ErrorCode":1}');
    res.writeHead(200).end(JSON.stringify({ ErrorCode: 0, ErrorMessage: "Success" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the simulator's deliveries", () => {
  const now = Math.floor(Date.now() / 1000);
  const record = {
    callId: "sim-call-1",
    mediaType: "video",
    roomId: "r1",
    startCallTs: now - 100,
    acceptTs: now - 95,
    endTs: now - 10,
    caller: "123456789012345678",
    callType: "single",
    callResult: "offline",
    callees: ["10086"],
  };
  const [first] = eventsOfCall(record, "v1", APP);

  it.each([
    ["answered OK at once", [], 1, true],
    ["a 500, then OK", ["500"] as const, 2, true],
    ["a wrong body twice, then OK", ["wrong", "wrong"] as const, 3, true],
    ["late, then OK", ["late"] as const, 2, true],
    [
      "never OK: six deliveries, then dropped",
      ["500", "500", "500", "500", "500", "500"] as const,
      6,
      false,
    ],
  ])("%s", async (_name, answers, attempts, ok) => {
    const receiver = await scripted([...answers]);
    try {
      if (!first) throw new Error("an event");
      const result = await deliver(first, { url: receiver.url, scheduleMs: FAST, timeoutMs: 200 });
      expect(result).toMatchObject({ attempts, ok });
      expect(receiver.deliveries()).toBe(attempts);
    } finally {
      await receiver.close();
    }
  });

  it("v4 bodies carry digit ids as bare JSON numbers, as the vendor's samples do", () => {
    const bodies = eventsOfCall(record, "v4", APP).map((e) => e.body);
    expect(bodies[0]).toContain('"User_Account":123456789012345678');
    expect(bodies.at(-1)).toContain('"CallResult":"Offline"');
  });
});

const backend = backends()[0];
describe.skipIf(!backend?.available)("the simulator sends its data set's events to the app", () => {
  let store: TestStore;
  let sim: Simulator;
  let app: WebhookApp;
  beforeAll(async () => {
    store = await (backend as NonNullable<typeof backend>).open();
    sim = await startSimulator({
      sdkAppId: APP,
      secretKey: SECRET,
      dataset: { seed: 3, callsPerDay: 40, days: 1 },
      generation: "both",
    });
    app = await startWebhookApp({
      store,
      sdkAppId: APP,
      upstreamUrl: sim.url,
      secretKey: SECRET,
      overrides: { webhook: { confirmAfterMs: [] } },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.stop();
    await store?.dispose();
  });

  it.each([["v1"], ["v4"]] as const)(
    "%s: every event stored once, every call archived",
    async (generation) => {
      const held = sim.datasets[generation];
      const records = Array.from({ length: Math.min(held.size, 15) }, (_, i) => held.at(i));
      const url = `${app.baseUrl}/callkit/events/${WEBHOOK_TOKEN}`;
      const stats = await sim.sendEvents({ generation, records, url, scheduleMs: FAST });
      expect(stats).toMatchObject({ dropped: 0, retries: 0 });
      expect(stats.delivered).toBe(stats.events);
      const again = await sim.sendEvents({ generation, records, url, scheduleMs: FAST });
      expect(again.delivered).toBe(stats.events);
      const events = createCallEventRepository(store.db);
      const archive = createArchiveRepository(store.db);
      let stored = 0;
      for (const record of records) {
        stored += (await events.forCall(record.callId)).filter(
          (s) => s.event.generation === generation,
        ).length;
        const deadline = Date.now() + 5000;
        while (!(await archive.get(record.callId)) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 10));
        }
        expect(await archive.get(record.callId)).toMatchObject({ callId: record.callId });
      }
      expect(stored).toBe(stats.events);
    },
  );
});
