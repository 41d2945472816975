import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmission } from "../../src/runtime/admission.js";
import type { ResponsePost } from "../../src/testbed/slack-standin/fake-slack.js";
import {
  callIdsInMessage,
  type Harness,
  messageText,
  startHarness,
} from "../support/slack-harness.js";

/** Heavy scans through the real app: admitted by a limit, bounded by a deadline, stopped on shutdown. */

const isAnswer = (post: ResponsePost) => post.accepted && callIdsInMessage(post.body).size > 0;
const accepted = (h: Harness, id: string) => h.slack.responses(id).filter((p) => p.accepted);

/** Upstream requests stop: none arrive in the next `quietMs`. */
async function upstreamGoesQuiet(h: Harness, quietMs = 1000): Promise<boolean> {
  const before = h.sim.stats.requests();
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  return h.sim.stats.requests() === before;
}

describe("with one search at a time in all", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      admission: createAdmission({ maxTotal: 1, maxPerUser: 1, deadlineMs: 30_000 }),
    });
  });
  afterAll(() => h.stop());

  it("tells the second person how many searches are ahead, then answers them", async () => {
    h.sim.faults.inject({ kind: "latency", ms: 300, endpoint: "filter" });
    const first = await h.command("calls last 30 minutes", { userId: "U0ALICE" });
    // The first holds the only slot once it is reading upstream.
    await expect
      .poll(() => h.sim.stats.requests(), { timeout: 5000, interval: 20 })
      .toBeGreaterThan(0);
    const second = await h.command("calls last 30 minutes", { userId: "U0BOB" });
    const secondAnswer = await h.slack.waitForResponse(
      (post) => post.id === second.responseId && isAnswer(post),
      20_000,
    );
    await h.slack.waitForResponse((post) => post.id === first.responseId && isAnswer(post), 20_000);
    h.sim.faults.clear();

    const posts = accepted(h, second.responseId);
    expect(posts).toHaveLength(2);
    expect(messageText(posts[0]!.body)).toContain("Waiting for 1 search ahead of yours.");
    expect(posts[1]).toBe(secondAnswer);
    // The first never waited.
    expect(accepted(h, first.responseId).map((p) => messageText(p.body))).not.toContainEqual(
      expect.stringContaining("Waiting for"),
    );
  });
});

describe("with a deadline shorter than the search", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      admission: createAdmission({ maxTotal: 4, maxPerUser: 1, deadlineMs: 800 }),
    });
  });
  afterAll(() => h.stop());

  it("answers that it took too long, and stops reading upstream", async () => {
    h.sim.faults.inject({ kind: "latency", ms: 600, endpoint: "filter" });
    const started = performance.now();
    const { responseId } = await h.command("calls last 3 days");
    const answer = await h.answer(responseId);
    const elapsedMs = performance.now() - started;
    expect(messageText(answer.body)).toContain("This search took too long and was stopped.");
    expect(elapsedMs).toBeLessThan(5000);
    expect(await upstreamGoesQuiet(h)).toBe(true);
    h.sim.faults.clear();
    const line = h.logs("slack.command").at(-1)!;
    expect(line.outcome).toBe("too_slow");
  });

  it("bounds a lookup by the same deadline", async () => {
    h.sim.faults.inject({ kind: "latency", ms: 600 });
    // Two unknown callIds, asked one after the other: 1.2 s of upstream against 0.8 s allowed.
    const { responseId } = await h.command(
      "5f6b1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b 6f6b1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
    );
    const answer = await h.answer(responseId);
    h.sim.faults.clear();
    expect(messageText(answer.body)).toContain("took too long and was stopped");
    expect(h.logs("slack.command").at(-1)!.outcome).toBe("too_slow");
  });
});

describe("on shutdown", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      admission: createAdmission({ maxTotal: 1, maxPerUser: 1, deadlineMs: 60_000 }),
    });
  });
  afterAll(() => h.stop());

  it("refuses the queued search at once and aborts the running scan after the grace period", async () => {
    h.sim.faults.inject({ kind: "latency", ms: 400, endpoint: "filter" });
    const running = await h.command("calls last 3 days", { userId: "U0ALICE" });
    await expect
      .poll(() => h.sim.stats.requests(), { timeout: 5000, interval: 20 })
      .toBeGreaterThan(0);
    const queued = await h.command("calls last 3 days", { userId: "U0BOB" });
    await h.slack.waitForResponse(
      (post) => post.id === queued.responseId && messageText(post.body).includes("Waiting for"),
      5000,
    );

    const shutdown = h.lifecycle.shutdown({ graceMs: 300 });
    const restarting = (id: string) =>
      h.slack.waitForResponse(
        (post) => post.id === id && messageText(post.body).includes("callscope is restarting"),
        5000,
      );
    await restarting(queued.responseId);
    await restarting(running.responseId);
    await shutdown;
    // The abort reached the scan itself: no more upstream requests, not just a different reply.
    expect(await upstreamGoesQuiet(h)).toBe(true);
    expect(h.logs("slack.command").map((line) => line.outcome)).toEqual([
      "shutting_down",
      "shutting_down",
    ]);
  });
});
