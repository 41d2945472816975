import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeSlack,
  startFakeSlack,
  VIEW_LIMITS,
} from "../../../src/testbed/slack-standin/fake-slack.js";

/** The stand-in's views.* answer what Slack answers, so the app's views are held to Slack's rules. */

const TOKEN = "xoxb-views-test";
let slack: FakeSlack;
const clock = 1_800_000_000_000;
let client: webApi.WebClient;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, now: () => clock });
  client = new webApi.WebClient(TOKEN, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(() => slack.stop());

const modal = (over: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  callback_id: "search_form",
  title: { type: "plain_text" as const, text: "Search calls" },
  submit: { type: "plain_text" as const, text: "Search" },
  blocks: [
    {
      type: "input",
      block_id: "users",
      label: { type: "plain_text", text: "Users" },
      element: { type: "plain_text_input", action_id: "users" },
    },
  ],
  ...over,
});

async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    const data = (
      error as { data?: { error?: string; response_metadata?: { messages?: string[] } } }
    ).data;
    return [data?.error, ...(data?.response_metadata?.messages ?? [])].join(" ");
  }
}

describe("views.open", () => {
  it("opens a valid modal once per fresh trigger_id", async () => {
    const trigger = slack.triggerId("U1");
    const opened = await client.views.open({ trigger_id: trigger, view: modal() as never });
    expect(opened.ok).toBe(true);
    const id = String(opened.view?.id);
    expect(slack.views().find((v) => v.id === id)?.userId).toBe("U1");
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() as never }))).toBe(
      "exchanged_trigger_id",
    );
  });

  it.each([
    ["no trigger_id", () => "", modal(), "invalid_arguments"],
    ["an unknown trigger_id", () => "9.9.9", modal(), "invalid_trigger_id"],
    [
      "a trigger_id older than 3 s",
      () => slack.triggerId("U1", clock - VIEW_LIMITS.triggerMs - 1),
      modal(),
      "expired_trigger_id",
    ],
    [
      "a title of 25 characters",
      () => slack.triggerId("U1"),
      modal({ title: { type: "plain_text", text: "x".repeat(25) } }),
      "title must be at most 24",
    ],
    [
      "101 blocks",
      () => slack.triggerId("U1"),
      modal({ blocks: Array.from({ length: 101 }, () => ({ type: "divider" })) }),
      "blocks: at most 100",
    ],
    [
      "private_metadata of 3001 characters",
      () => slack.triggerId("U1"),
      modal({ private_metadata: "x".repeat(3001) }),
      "private_metadata must be at most 3000",
    ],
    [
      "a callback_id of 256 characters",
      () => slack.triggerId("U1"),
      modal({ callback_id: "c".repeat(256) }),
      "callback_id must be a string of at most 255",
    ],
    [
      "a home view",
      () => slack.triggerId("U1"),
      { type: "home", blocks: [] },
      "view type must be modal",
    ],
    [
      "inputs without submit",
      () => slack.triggerId("U1"),
      modal({ submit: undefined }),
      "submit is required",
    ],
  ])("refuses %s", async (_name, trigger, view, expected) => {
    const answer = await errorOf(client.views.open({ trigger_id: trigger(), view: view as never }));
    expect(answer).toContain(expected);
  });

  it("a limit exactly met is fine", async () => {
    const view = modal({
      title: { type: "plain_text", text: "x".repeat(24) },
      private_metadata: "m".repeat(3000),
      blocks: Array.from({ length: 100 }, (_, i) => ({
        type: "section",
        block_id: `b${i}`,
        text: { type: "mrkdwn", text: "x" },
      })),
      submit: undefined,
    });
    expect(
      await errorOf(client.views.open({ trigger_id: slack.triggerId(), view: view as never })),
    ).toBe("ok");
  });
});

describe("views.update and views.publish", () => {
  it("updates an opened view in place, and refuses an unknown one", async () => {
    const opened = await client.views.open({
      trigger_id: slack.triggerId("U2"),
      view: modal() as never,
    });
    const id = String(opened.view?.id);
    await client.views.update({
      view_id: id,
      view: modal({ title: { type: "plain_text", text: "Saved" } }) as never,
    });
    expect(slack.views().find((v) => v.id === id)?.view.title).toEqual({
      type: "plain_text",
      text: "Saved",
    });
    expect(await errorOf(client.views.update({ view_id: "V404", view: modal() as never }))).toBe(
      "not_found",
    );
  });

  it("publishes one home per user, replaced on each publish, within 100 blocks", async () => {
    const home = (n: number) => ({
      type: "home",
      blocks: Array.from({ length: n }, () => ({ type: "divider" })),
    });
    await client.views.publish({ user_id: "U3", view: home(2) as never });
    await client.views.publish({ user_id: "U3", view: home(3) as never });
    expect(slack.views().filter((v) => v.type === "home" && v.userId === "U3")).toHaveLength(1);
    expect((slack.homeOf("U3")?.view.blocks as unknown[] | undefined)?.length).toBe(3);
    expect(
      await errorOf(client.views.publish({ user_id: "U3", view: home(101) as never })),
    ).toContain("blocks: at most 100");
    expect(await errorOf(client.views.publish({ user_id: "", view: home(1) as never }))).toContain(
      "user_id is required",
    );
    expect(
      await errorOf(client.views.publish({ user_id: "U3", view: modal() as never })),
    ).toContain("view type must be home");
  });
});
