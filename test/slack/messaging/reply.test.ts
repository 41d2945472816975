import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import {
  deleteOriginal,
  type ReplyTarget,
  replyEphemeral,
  replyInChannel,
} from "../../../src/slack/messaging/reply.js";
import { type FakeSlack, startFakeSlack } from "../../../src/testbed/slack-standin/fake-slack.js";

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({ botToken: "xoxb-reply-test" });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const message = {
  text: "hello",
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "hello" } }],
};

function target(responseId: string): ReplyTarget {
  return {
    responseUrl: slack.responseUrl(responseId),
    client: new webApi.WebClient("xoxb-reply-test", {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    }),
    channelId: "C1",
    userId: "U1",
    threadTs: "123.456",
    logger: silentLogger,
    responseUrlOptions: { maxRetryAfterMs: 1000 },
  };
}

describe("replies", () => {
  it("answers through the response_url, replacing the original when asked", async () => {
    expect(await replyEphemeral(target("a"), message, { replaceOriginal: true })).toBe(
      "response_url",
    );
    expect(slack.responses("a")).toMatchObject([
      { effect: "replace", accepted: true, body: { response_type: "ephemeral", text: "hello" } },
    ]);
    expect(slack.calls("chat.postEphemeral")).toHaveLength(0);
  });

  it("falls back to chat.postEphemeral in the thread when the response_url has expired", async () => {
    slack.expire("b");
    expect(await replyEphemeral(target("b"), message)).toBe("chat.postEphemeral");
    expect(slack.responses("b")).toMatchObject([{ status: 404, accepted: false }]);
    expect(slack.calls("chat.postEphemeral")).toMatchObject([
      {
        authorized: true,
        args: { channel: "C1", user: "U1", thread_ts: "123.456", text: "hello" },
      },
    ]);
  });

  it("waits out a 429 with Retry-After and posts to the same response_url", async () => {
    slack.rateLimit("c", 1, 0);
    expect(await replyEphemeral(target("c"), message)).toBe("response_url");
    expect(slack.responses("c").map((post) => post.status)).toEqual([429, 200]);
  });

  it("does not wait a Retry-After longer than allowed: falls back at once", async () => {
    slack.rateLimit("d", 1, 30);
    expect(await replyEphemeral(target("d"), message)).toBe("chat.postEphemeral");
    expect(slack.responses("d").map((post) => post.status)).toEqual([429]);
  });

  it("posts in channel and deletes the original", async () => {
    const t = target("e");
    expect(await replyInChannel(t, message)).toBe("response_url");
    expect(await deleteOriginal(t)).toBe(true);
    expect(slack.responses("e")).toMatchObject([
      { effect: "new", body: { response_type: "in_channel" } },
      { effect: "delete" },
    ]);
  });

  it("posts in channel with chat.postMessage when the response_url is gone", async () => {
    slack.expire("f");
    expect(await replyInChannel(target("f"), message)).toBe("chat.postMessage");
    expect(slack.calls("chat.postMessage")).toMatchObject([{ args: { channel: "C1" } }]);
  });
});
