import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmission } from "../../src/runtime/admission.js";
import { type SimThread, startSimThread } from "../support/sim-thread.js";
import { type Harness, SDK_APP_ID, startHarness, TRTC_SECRET } from "../support/slack-harness.js";

const RATE_LIMIT = 20;
let h: Harness;
let vendor: SimThread;
beforeAll(async () => {
  // The vendor on its own thread, as on its own machine: its clock is not stalled by the app's work.
  vendor = await startSimThread({
    sdkAppId: SDK_APP_ID,
    secretKey: TRTC_SECRET,
    rateLimit: RATE_LIMIT,
    dataset: { seed: 7, callsPerDay: 1200, days: 7 },
  });
  h = await startHarness({
    rateLimit: RATE_LIMIT,
    upstreamUrl: vendor.url,
    // All 30 scans really run at once, so the client's rate limiter is what holds them back
    // (admission, which would queue most of them, has its own test: test/slack/app-admission).
    admission: createAdmission({ maxTotal: 30, maxPerUser: 30, deadlineMs: 120_000 }),
  });
});
afterAll(async () => {
  await h.stop();
  await vendor.stop();
});

describe("30 people asking at once", () => {
  it("acknowledges all, answers all, and never exceeds the vendor's rate limit", async () => {
    await vendor.send({ type: "reset" });
    // A vendor that takes 300 ms: each answer then comes well after its ack was sent, so the
    // ordering check below measures the app, not how quickly this process reads the acks.
    await vendor.send({ type: "inject", fault: { kind: "latency", ms: 300 } });
    const users = ["U0ALICE", "U0BOB"];
    const answeredBeforeAck: string[] = [];
    const commands = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h
          .command(i % 3 === 0 ? "rejected calls last hour" : "calls last 30 minutes", {
            userId: users[i % 2],
          })
          .then((command) => {
            // Ordering: each ack arrives before its own answer is posted.
            if (h.slack.responses(command.responseId).length > 0)
              answeredBeforeAck.push(command.responseId);
            return command;
          }),
      ),
    );
    expect(commands.map((c) => c.ack.status)).toEqual(Array(30).fill(200));
    expect(answeredBeforeAck).toEqual([]);
    const answers = await Promise.all(commands.map((c) => h.answer(c.responseId)));
    expect(answers.every((a) => Array.isArray(a.body.blocks) && a.body.blocks.length > 0)).toBe(
      true,
    );
    // The log line follows the answer (it records how the answer went).
    await expect
      .poll(() => h.logs("slack.command").filter((l) => l.outcome === "answered").length)
      .toBe(30);
    const stats = await vendor.send({ type: "stats" });
    expect(stats.rejectedForRate).toBe(0);
    expect(stats.maxInWindow).toBeLessThanOrEqual(RATE_LIMIT);
    expect(stats.requests).toBeGreaterThanOrEqual(30);
  });
});
