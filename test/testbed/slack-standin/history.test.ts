import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../src/testbed/slack-standin/fake-slack.js";

/** The stand-in's channel history answers as Slack's does, so the digest's lookups are tested against it. */

const TOKEN = "xoxb-history";
let clock = 1_800_000_000_000;
let slack: FakeSlack;
let client: InstanceType<typeof webApi.WebClient>;
beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, now: () => clock });
  client = new webApi.WebClient(TOKEN, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const post = (
  text: string,
  metadata?: { event_type: string; event_payload: Record<string, string> },
) => client.chat.postMessage({ channel: "C0H", text, ...(metadata ? { metadata } : {}) });

describe("fake Slack conversations.history", () => {
  it("newest first, after `oldest`, metadata only with include_all_metadata", async () => {
    const first = await post("one");
    clock += 60_000;
    await post("two", {
      event_type: "callscope_digest",
      event_payload: { local_date: "2026-11-02" },
    });
    const all = await client.conversations.history({ channel: "C0H" });
    expect(all.messages?.map((m) => m.text)).toEqual(["two", "one"]);
    expect(all.messages?.[0]?.metadata).toBeUndefined();
    const since = await client.conversations.history({
      channel: "C0H",
      oldest: first.ts as string,
      include_all_metadata: true,
    });
    expect(since.messages?.map((m) => m.text)).toEqual(["two"]);
    expect(since.messages?.[0]?.metadata).toEqual({
      event_type: "callscope_digest",
      event_payload: { local_date: "2026-11-02" },
    });
    // The ts follow the given clock.
    expect(Math.floor(Number(first.ts))).toBe(Math.floor((clock - 60_000) / 1000));
  });

  it("pages with a cursor", async () => {
    for (let i = 0; i < 5; i++) await post(`m${i}`);
    const one = await client.conversations.history({ channel: "C0H", limit: 3 });
    expect(one.has_more).toBe(true);
    const two = await client.conversations.history({
      channel: "C0H",
      limit: 3,
      cursor: one.response_metadata?.next_cursor as string,
    });
    expect([...(one.messages ?? []), ...(two.messages ?? [])].map((m) => m.text)).toEqual([
      "m4",
      "m3",
      "m2",
      "m1",
      "m0",
    ]);
    expect(two.has_more).toBe(false);
  });

  it("missing_scope once the scope is revoked (groups:history for a private channel)", async () => {
    slack.revokeScope("groups:history");
    await expect(client.conversations.history({ channel: "G0PRIVATE" })).rejects.toMatchObject({
      data: { error: "missing_scope", needed: "groups:history" },
    });
    await expect(client.conversations.history({ channel: "C0H" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("a post whose answer is dropped is in the channel all the same", async () => {
    slack.losePostAnswer("drop");
    await expect(post("lost")).rejects.toBeDefined();
    expect(slack.messages("C0H").map((m) => m.text)).toEqual(["lost"]);
    await post("next");
    expect(slack.messages("C0H")).toHaveLength(2);
  });
});

describe("fake Slack threads and chat.update (alerts)", () => {
  it("replies stay in their thread, conversations.replies reads them, chat.update edits", async () => {
    const top = await post("alert");
    const ts = top.ts as string;
    clock += 60_000;
    await client.chat.postMessage({
      channel: "C0H",
      thread_ts: ts,
      text: "still bad",
      metadata: { event_type: "callscope_alert", event_payload: { stage: "update" } },
    });
    const history = await client.conversations.history({ channel: "C0H" });
    expect(history.messages?.map((m) => m.text)).toEqual(["alert"]);
    const thread = await client.conversations.replies({
      channel: "C0H",
      ts,
      include_all_metadata: true,
    });
    expect(thread.messages?.map((m) => m.text)).toEqual(["alert", "still bad"]);
    expect(thread.messages?.[1]?.metadata?.event_payload).toEqual({ stage: "update" });
    await client.chat.update({ channel: "C0H", ts, text: "resolved" });
    const [edited] = slack.messages("C0H");
    expect(edited).toMatchObject({ ts, text: "resolved" });
    expect(edited?.edited).toBeDefined();
    await expect(client.chat.update({ channel: "C0H", ts: "1.000001", text: "x" })).rejects.toThrow(
      /message_not_found/,
    );
  });
});
