import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodeButtonValue } from "../../src/slack/button-value.js";
import { type Harness, messageText, startHarness } from "../support/slack-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ allowedUserIds: ["U0ALICE", "U0BOB"] });
});
afterAll(() => h.stop());
afterEach(() => h.sim.faults.clear());

const STACK = /\n\s+at \S+ \(|node_modules|\.ts:\d+/;

describe("/calls when things go wrong", () => {
  it("explains a vendor error with its code and requestId", async () => {
    h.sim.faults.inject({ kind: "error", code: 70004, message: "not an admin" });
    const { responseId } = await h.command("rejected calls last 2 hours");
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain("70004");
    expect(text).not.toMatch(STACK);
  });

  it("explains a 502 after the client's retries, never silence", async () => {
    h.sim.faults.inject({ kind: "http", status: 502 });
    const { responseId } = await h.command("rejected calls last 2 hours");
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain("502");
    expect(text).not.toMatch(STACK);
  });

  it("answers around a record that does not fit, saying so with the page's requestId", async () => {
    h.sim.faults.inject({
      kind: "edit-records",
      endpoint: "filter",
      times: 1,
      edits: [{ index: 0, drop: ["callId"] }],
    });
    const { responseId } = await h.command("calls last 6 hours");
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toMatch(
      /1 record from TUICallKit did not fit .* left out \(requestId `[0-9a-f]{32}`\)/,
    );
    expect(text).toContain("calls");
    expect(text).not.toMatch(STACK);
  });

  it("acknowledges before a slow vendor answers (ack first, then the answer)", async () => {
    h.sim.faults.inject({ kind: "latency", ms: 4000 });
    const { ack, responseId } = await h.command("rejected calls last 2 hours");
    expect(ack.status).toBe(200);
    // Ordering: the ack came back while the vendor was still holding its answer.
    expect(h.slack.responses(responseId)).toHaveLength(0);
    const answer = await h.answer(responseId);
    expect(answer.body.blocks).toBeDefined();
  });

  it("falls back to chat.postEphemeral when the response_url has expired", async () => {
    h.slack.expire("expired-1");
    await h.command("rejected calls last 2 hours", { responseId: "expired-1", channelId: "C7" });
    const call = await h.slack.waitForCall(
      (c) => c.method === "chat.postEphemeral" && c.args.channel === "C7",
      20_000,
    );
    expect(call.args.user).toBe("U0ALICE");
    expect(call.authorized).toBe(true);
    expect(JSON.stringify(call.args.blocks)).toBeTruthy();
  });

  it("refuses politely someone not on the allow-list, with no upstream request", async () => {
    const before = await h.settledRequests();
    const { ack, responseId } = await h.command("rejected calls last 2 hours", {
      userId: "UOUTSIDER",
    });
    expect(ack.status).toBe(200);
    const answer = await h.answer(responseId);
    expect(messageText(answer.body).length).toBeGreaterThan(0);
    expect(h.sim.stats.requests()).toBe(before);
  });

  it("rejects a badly signed request with 401 and makes no upstream request", async () => {
    const before = await h.settledRequests();
    const { ack, responseId } = await h.command("rejected calls last 2 hours", {
      signWith: "not-the-secret",
    });
    expect(ack.status).toBe(401);
    const stale = await h.command("rejected calls last 2 hours", {
      timestampSeconds: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.ack.status).toBe(401);
    // A good request afterwards is answered; the forged ones never were.
    const good = await h.command("help");
    await h.answer(good.responseId);
    expect(h.slack.responses(responseId)).toHaveLength(0);
    expect(h.slack.responses(stale.responseId)).toHaveLength(0);
    expect(h.sim.stats.requests()).toBe(before);
  });

  it.each([
    ["tampered", 'v1.{"k":"p","r":[]'],
    ["stale", "v0.{}"],
    ["missing", undefined],
  ])("answers a %s button value clearly, with no upstream request", async (_name, value) => {
    const before = await h.settledRequests();
    const click = await h.click("next_page", value);
    expect(click.ack.status).toBe(200);
    const answer = await h.answer(click.responseId);
    expect(messageText(answer.body)).toMatch(/\/calls/);
    expect(h.sim.stats.requests()).toBe(before);
  });

  it("answers a page whose calls left the 7 days as expired, with no upstream request", async () => {
    const old = Math.floor(Date.now() / 1000) - 9 * 86_400;
    const value = encodeButtonValue({
      kind: "page",
      pageIndex: 1,
      query: {
        kind: "search",
        results: [],
        callTypes: [],
        mediaTypes: [],
        users: { caller: [], callee: [], either: [] },
        window: { startTs: old, endTs: old + 3600 },
        defaultWindow: false,
        pageSize: 20,
        lang: "en",
      },
    });
    const before = await h.settledRequests();
    const answer = await h.answer((await h.click("next_page", value)).responseId);
    expect(messageText(answer.body)).toMatch(/7 days/);
    expect(h.sim.stats.requests()).toBe(before);
  });
});
