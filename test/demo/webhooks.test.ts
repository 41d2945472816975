import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMessage } from "../../src/demo/render-blocks.js";
import { DemoSession } from "../../src/demo/session.js";
import { type DemoStack, startDemoStack } from "../../src/demo/stack.js";
import { referenceNow, TIME_ZONE } from "../cli/expected.js";

/** The demo turns the webhooks on: the simulator sends the newest calls' events to the app. */

const now = referenceNow();

describe("the demo's call events", () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({
      ports: { app: 0, simulator: 0, slack: 0 },
      timeZone: TIME_ZONE,
      now: () => now,
    });
  });
  afterAll(() => stack.stop());

  it("reach the app, and a call's details show their timeline", async () => {
    const metrics = `http://127.0.0.1:${stack.appPort}/metrics`;
    const deadline = Date.now() + 20_000;
    let stored = 0;
    while (stored < 50 && Date.now() < deadline) {
      const text = await (await fetch(metrics)).text();
      stored = text
        .split("\n")
        .filter(
          (line) =>
            line.startsWith("callscope_webhook_events_total{") && line.includes('outcome="stored"'),
        )
        .reduce((n, line) => n + Number(line.split(" ").at(-1)), 0);
      if (stored < 50) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stored).toBeGreaterThanOrEqual(50);
    const held = stack.simulator.datasets.v1;
    const first = held.at(0);
    const answer = await new DemoSession(stack).command(first.callId);
    expect(renderMessage(answer.replies[0]!.message).text).toContain("Timeline");
  });
});
