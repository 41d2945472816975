import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/slack-harness.js";

const RATE_LIMIT = 20;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: RATE_LIMIT });
});
afterAll(() => h.stop());

describe("30 people asking at once", () => {
  it("acknowledges all, answers all, and never exceeds the vendor's rate limit", async () => {
    h.sim.stats.reset();
    // A vendor that takes 300 ms: each answer then comes well after its ack was sent, so the
    // ordering check below measures the app, not how quickly this process reads the acks.
    h.sim.faults.inject({ kind: "latency", ms: 300 });
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
    expect(h.sim.stats.rejectedForRate()).toBe(0);
    expect(h.sim.stats.maxInWindow("filter")).toBeLessThanOrEqual(RATE_LIMIT);
    expect(h.sim.stats.requests("filter")).toBeGreaterThanOrEqual(30);
    h.sim.faults.clear();
  });
});
