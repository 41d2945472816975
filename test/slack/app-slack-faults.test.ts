import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, messageText, startHarness } from "../support/slack-harness.js";

/**
 * Slack's own Web API failing, through the real app: before, users.info answering 500 held every
 * `/calls` for WebClient's default 10 retries (about 30 minutes) before anything else happened.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe("/calls when Slack's Web API fails", () => {
  it("answers within seconds in DEFAULT_TIMEZONE and says so when users.info answers 500", async () => {
    h.slack.failMethod("users.info", 500);
    const started = performance.now();
    const { responseId } = await h.command("calls last 30 minutes", { userId: "U0ALICE" });
    const answer = await h.answer(responseId);
    const elapsedMs = performance.now() - started;
    h.slack.failMethod("users.info", undefined);
    if (process.env.REPORT_TIMINGS)
      console.log(`users.info 500: answered in ${Math.round(elapsedMs)} ms`);

    expect(elapsedMs).toBeLessThan(3000);
    // One try: no retry loop behind the fallback.
    expect(h.slack.calls("users.info")).toHaveLength(1);
    const text = messageText(answer.body);
    expect(text).toContain("Times are in UTC: Slack did not tell me your time zone just now.");
    // The default zone really is the one used: the time fallbacks are written in UTC.
    expect(text).toContain("(UTC)");
    expect(text).not.toContain("Asia/Shanghai");
  });

  it("asks users.info again only after the short failure cache, and then says nothing", async () => {
    h.slack.reset();
    // U0BOB is new to the cache: Slack answers, so no note.
    const { responseId } = await h.command("calls last 30 minutes", { userId: "U0BOB" });
    const answer = await h.answer(responseId);
    expect(messageText(answer.body)).not.toContain("Slack did not tell me your time zone");
    expect(messageText(answer.body)).toContain("Europe/London");
  });

  it("gives up on chat.postEphemeral within seconds when the response_url is gone and Slack answers 500", async () => {
    h.slack.reset();
    h.slack.failMethod("chat.postEphemeral", 500);
    h.slack.expire("gone-1");
    const started = performance.now();
    await h.command("calls last 30 minutes", { userId: "U0BOB", responseId: "gone-1" });
    await expect
      .poll(() => h.logs("slack.command").some((line) => line.outcome === "undelivered"), {
        timeout: 20_000,
        interval: 100,
      })
      .toBe(true);
    const elapsedMs = performance.now() - started;
    h.slack.failMethod("chat.postEphemeral", undefined);
    if (process.env.REPORT_TIMINGS)
      console.log(`postEphemeral 500: gave up in ${Math.round(elapsedMs)} ms`);
    // The answer, then the failure notice, each tried three times (two short retries), not ten
    // times over half an hour.
    expect(h.slack.calls("chat.postEphemeral")).toHaveLength(6);
    expect(elapsedMs).toBeLessThan(10_000);
  });
});
