import { startHarness } from "../test/support/slack-harness.js";
import type { Bench } from "./run.js";

/**
 * 30 people asking /calls at once against the real Bolt app over HTTP, the fake Slack and the
 * simulator: how long until each is acknowledged (Slack allows 3 s, we aim under 1 s) and answered,
 * and whether the vendor's rate limit held.
 */
const RATE_LIMIT = 20;

const bench: Bench = async () => {
  const h = await startHarness({ rateLimit: RATE_LIMIT });
  try {
    // Warm up (first parse and render are slow while the JIT works).
    await h.answer((await h.command("calls last 30 minutes")).responseId);
    h.sim.stats.reset();
    const rows = [];
    for (const latencyMs of [0, 2000]) {
      if (latencyMs > 0) h.sim.faults.inject({ kind: "latency", ms: latencyMs });
      const sent = performance.now();
      const commands = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          h.command(i % 3 === 0 ? "rejected calls last hour" : "calls last 30 minutes", {
            userId: i % 2 ? "U0ALICE" : "U0BOB",
          }),
        ),
      );
      const acks = commands.map((c) => c.ack.receivedAt - sent).sort((a, b) => a - b);
      await Promise.all(commands.map((c) => h.answer(c.responseId)));
      const answeredMs = performance.now() - sent;
      h.sim.faults.clear();
      rows.push({
        name: `30 concurrent /calls, vendor latency ${latencyMs} ms`,
        figures: {
          ackMedianMs: acks[14] ?? 0,
          ackMaxMs: acks[29] ?? 0,
          allAnsweredMs: answeredMs,
          ackMaxOverAnswered: (acks[29] ?? 0) / answeredMs,
          maxFilterRequestsPerSecond: h.sim.stats.maxInWindow("filter"),
          rateLimit: RATE_LIMIT,
          rejectedForRate: h.sim.stats.rejectedForRate(),
        },
      });
    }
    return rows;
  } finally {
    await h.stop();
  }
};

export default bench;
