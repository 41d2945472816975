import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiCall } from "../../src/testbed/slack-standin/fake-slack.js";
import type { SentView } from "../../src/testbed/slack-standin/payloads.js";
import {
  BOT_TOKEN,
  buttonValue,
  callIdsInMessage,
  type Harness,
  messageText,
  startHarness,
  TRTC_SECRET,
} from "../support/slack-harness.js";

/**
 * The Home tab, the search form and saved searches, through the real app over signed HTTP with
 * the Slack stand-in holding every view to Slack's limits (views.open/publish refuse otherwise).
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    store: true,
    users: [{ id: "U0CHEN", tz: "Asia/Shanghai", locale: "zh-CN" }],
  });
});
afterAll(() => h.stop());
beforeEach(() => h.slack.reset());

type Block = {
  type: string;
  block_id?: string;
  accessory?: { type?: string; action_id?: string; options?: { value: string }[] };
  elements?: { action_id?: string; value?: string }[];
};
const blocksOf = (view: Record<string, unknown>) => (view.blocks ?? []) as Block[];

async function openedView(
  callbackId: string,
): Promise<{ call: ApiCall; view: Record<string, unknown> }> {
  const call = await h.slack.waitForCall(
    (c) =>
      c.method === "views.open" &&
      (c.args.view as { callback_id?: string })?.callback_id === callbackId,
  );
  const opened = h.slack
    .views()
    .find((v) => v.type === "modal" && v.view.callback_id === callbackId);
  expect(opened, `views.open for ${callbackId} was accepted`).toBeDefined();
  return { call, view: opened!.view };
}

const select = (value: string) => ({
  type: "static_select",
  selected_option: { value, text: { type: "plain_text", text: value } },
});
const many = (type: string, values: string[]) => ({
  type,
  selected_options: values.map((value) => ({ value, text: { type: "plain_text", text: value } })),
});
const formView = (metadata: string, values: Record<string, unknown>): SentView => ({
  id: "VFORM",
  type: "modal",
  callbackId: "search_form",
  privateMetadata: metadata,
  values: Object.fromEntries(
    Object.entries(values).map(([block, value]) => [block, { [block]: value }]),
  ),
});

async function ephemeralIn(channel: string, predicate: (text: string) => boolean = () => true) {
  return h.slack.waitForCall(
    (c) =>
      c.method === "chat.postEphemeral" &&
      c.args.channel === channel &&
      predicate(messageText(c.args)),
    20_000,
  );
}

describe("the search form", () => {
  it("opens from the New search button under `/calls` with no words, and from `/calls form`", async () => {
    const { responseId } = await h.command("");
    const help = await h.answer(responseId);
    const value = buttonValue(help.body, "open_search_form");
    expect(value).toBe("form");
    await h.click("open_search_form", value);
    const fromClick = await openedView("search_form");
    expect(JSON.parse(String(fromClick.view.private_metadata))).toEqual({ c: "C1", l: "en" });

    h.slack.reset();
    await h.command("form", { channelId: "C2" });
    const fromCommand = await openedView("search_form");
    expect(JSON.parse(String(fromCommand.view.private_metadata))).toEqual({ c: "C2", l: "en" });
    const ids = blocksOf(fromCommand.view)
      .map((b) => b.block_id)
      .filter(Boolean);
    expect(ids).toEqual(
      expect.arrayContaining([
        "range",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "results",
        "call_types",
        "media",
        "users",
        "role",
      ]),
    );
    expect(String((fromCommand.view.title as { text: string }).text).length).toBeLessThanOrEqual(
      24,
    );
  });

  it("when Slack refuses views.open, the user is told so", async () => {
    h.slack.failMethod("views.open", 500);
    const { responseId } = await h.command("form");
    const answer = await h.answer(responseId);
    expect(messageText(answer.body)).toContain("could not open the search form");
    h.slack.failMethod("views.open", undefined);
  });

  it("its submission answers the same search as the typed words, and shows them", async () => {
    const { responseId } = await h.command("failed video calls last 2 hours");
    const typed = await h.answer(responseId);
    const ack = await h.submitView(
      formView(JSON.stringify({ c: "C1", l: "en" }), {
        range: select("last_2h"),
        results: many("multi_static_select", ["failed"]),
        media: many("checkboxes", ["video"]),
        role: select("either"),
      }),
    );
    expect(ack.status).toBe(200);
    expect(ack.body).toBe("");
    const reply = await ephemeralIn("C1");
    const text = messageText(reply.args);
    expect(text).toContain("/calls failed video calls last 2 hours");
    // Same header (what was understood) and the same calls.
    const header = (m: Record<string, unknown>) =>
      JSON.stringify((m.blocks as Block[]).find((b) => b.type === "header"));
    expect(header(reply.args)).toBe(header(typed.body));
    expect(callIdsInMessage(reply.args)).toEqual(callIdsInMessage(typed.body));
    expect(buttonValue(reply.args, "save_search")).toMatch(/^s1\./);
  });

  it("where Slack refuses the ephemeral (bot not in the channel), the answer goes to the DM", async () => {
    h.slack.failMethod("chat.postEphemeral", 500);
    await h.submitView(
      formView(JSON.stringify({ c: "C7", l: "en" }), { range: select("last_1h") }),
    );
    const dm = await h.slack.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "U0ALICE",
      20_000,
    );
    expect(messageText(dm.args)).toContain("/calls calls last 1 hour");
    h.slack.failMethod("chat.postEphemeral", undefined);
  });

  it("opened from the Home, it answers in the app's Messages tab (a DM)", async () => {
    await h.submitView(
      formView(JSON.stringify({ l: "zh" }), {
        range: select("today"),
        results: many("multi_static_select", ["reject"]),
      }),
    );
    const dm = await h.slack.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "U0ALICE",
      20_000,
    );
    expect(messageText(dm.args)).toContain("/calls 拒接 今天");
  });

  it.each([
    [
      "an end before its start",
      {
        range: select("custom"),
        start_date: { type: "datepicker", selected_date: "2026-12-02" },
        start_time: { type: "timepicker", selected_time: "10:00" },
        end_date: { type: "datepicker", selected_date: "2026-12-01" },
        end_time: { type: "timepicker", selected_time: "10:00" },
      },
      "end_date",
      "after the start",
    ],
    [
      "a window past the vendor's 7 days (no archive)",
      {
        range: select("custom"),
        start_date: { type: "datepicker", selected_date: "2020-01-01" },
        end_date: { type: "datepicker", selected_date: "2020-01-02" },
      },
      "start_date",
      "7 days",
    ],
    ["a custom range without dates", { range: select("custom") }, "start_date", "start date"],
    [
      "a user id with spaces inside quotes",
      { range: select("today"), users: { type: "plain_text_input", value: "ok <@x>" } },
      "users",
      "not a user id",
    ],
  ])(
    "refuses %s with a field error, keeping the modal open",
    async (_name, values, block, words) => {
      const ack = await h.submitView(formView(JSON.stringify({ c: "C1", l: "en" }), values));
      const body = JSON.parse(ack.body) as {
        response_action: string;
        errors: Record<string, string>;
      };
      expect(body.response_action).toBe("errors");
      expect(body.errors[block]).toContain(words);
      expect(h.slack.calls("chat.postEphemeral")).toHaveLength(0);
    },
  );
});

describe("saved searches and the Home tab", () => {
  const home = async (userId: string) => {
    await h.slack.waitForCall(
      (c) => c.method === "views.publish" && c.args.user_id === userId,
      20_000,
    );
    const published = h.slack.homeOf(userId);
    expect(published).toBeDefined();
    return published!.view;
  };

  it("publishes a valid Home without saved searches, in English and (by Slack locale) Chinese", async () => {
    expect((await h.openHome("U0BOB")).status).toBe(200);
    const en = await home("U0BOB");
    expect(blocksOf(en).length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(en);
    expect(text).toContain("Today so far");
    expect(text).toContain("None yet");
    expect(text).toContain("open_search_form");
    expect(text).toContain("Recent failures");
    expect(blocksOf(en).filter((b) => b.accessory?.action_id === "home_call_details").length).toBe(
      10,
    );

    await h.openHome("U0CHEN");
    const zh = JSON.stringify(await home("U0CHEN"));
    expect(zh).toContain("今天到目前");
    expect(zh).toContain("保存的搜索");
  });

  it("is not published again on every open, only when stale or changed", async () => {
    await h.openHome("U0BOB");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.slack.calls("views.publish").filter((c) => c.args.user_id === "U0BOB")).toHaveLength(
      0,
    );
  });

  it("save, run, edit and delete, with the Home re-published after each change", async () => {
    const { responseId } = await h.command("rejected calls last 2 hours", { userId: "U0BOB" });
    const answer = await h.answer(responseId);
    const save = buttonValue(answer.body, "save_search");
    await h.click("save_search", save, { userId: "U0BOB" });
    const modal = await openedView("save_search");
    const words = (
      modal.view.blocks as { block_id: string; element: { initial_value?: string } }[]
    ).find((b) => b.block_id === "words")?.element.initial_value;
    expect(words).toBe("rejected calls last 2 hours");
    const saveView = (name: string, w = words): SentView => ({
      id: String(modal.view.id),
      type: "modal",
      callbackId: "save_search",
      privateMetadata: String(modal.view.private_metadata),
      values: {
        name: { name: { type: "plain_text_input", value: name } },
        words: { words: { type: "plain_text_input", value: w } },
      },
    });
    expect((await h.submitView(saveView("evening rejects"), { userId: "U0BOB" })).body).toBe("");
    await ephemeralIn("C1", (t) => t.includes("Saved “evening rejects”"));
    // Taken name, bad words: field errors.
    expect(
      JSON.parse((await h.submitView(saveView("Evening Rejects"), { userId: "U0BOB" })).body).errors
        .name,
    ).toContain("already have");
    expect(
      JSON.parse((await h.submitView(saveView("x", "rejcted callz"), { userId: "U0BOB" })).body)
        .errors.words,
    ).toContain("do not make a search");

    const withSaved = await home("U0BOB");
    const entry = blocksOf(withSaved).find((b) => b.accessory?.action_id === "saved_search_menu");
    expect(JSON.stringify(entry)).toContain("evening rejects");
    expect(entry?.accessory?.options?.map((o) => o.value)).toEqual([
      "run:evening rejects",
      "edit:evening rejects",
      "delete:evening rejects",
    ]);

    // Run by command: the words are read again now (relative stays relative).
    h.slack.reset();
    const run = await h.command("run Evening Rejects", { userId: "U0BOB" });
    const ran = await h.answer(run.responseId);
    expect(messageText(ran.body)).toContain("/calls rejected calls last 2 hours");
    expect(messageText(ran.body)).toContain("rejected calls");
    const missing = await h.command("run nothing", { userId: "U0BOB" });
    expect(messageText((await h.answer(missing.responseId)).body)).toContain(
      "no saved search named “nothing”",
    );

    const homeView: SentView = { id: "VHOME", type: "home" };
    const menu = (value: string) => ({
      type: "overflow",
      actionId: "saved_search_menu",
      label: "menu",
      selectedOption: { text: value, value },
    });
    // Run from the Home: in the DM.
    await h.viewClick(menu("run:evening rejects"), homeView, { userId: "U0BOB" });
    const dm = await h.slack.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "U0BOB",
      20_000,
    );
    expect(messageText(dm.args)).toContain("/calls rejected calls last 2 hours");

    // Edit: the modal, then a rename with new words.
    await h.viewClick(menu("edit:evening rejects"), homeView, { userId: "U0BOB" });
    const edit = await openedView("edit_search");
    h.slack.reset();
    const editAck = await h.submitView(
      {
        id: String(edit.view.id),
        type: "modal",
        callbackId: "edit_search",
        privateMetadata: String(edit.view.private_metadata),
        values: {
          name: { name: { type: "plain_text_input", value: "missed today" } },
          words: { words: { type: "plain_text_input", value: "missed calls today" } },
        },
      },
      { userId: "U0BOB" },
    );
    expect(editAck.body).toBe("");
    const edited = JSON.stringify(await home("U0BOB"));
    expect(edited).toContain("missed today");
    expect(edited).not.toContain("evening rejects");

    h.slack.reset();
    await h.viewClick(menu("delete:missed today"), homeView, { userId: "U0BOB" });
    const gone = JSON.stringify(await home("U0BOB"));
    expect(gone).toContain("None yet");
  });

  it("a Chinese Home lists the saved searches too, and no secret reaches a log line or a view", async () => {
    const { responseId } = await h.command("昨天 拒接", { userId: "U0CHEN" });
    const save = buttonValue((await h.answer(responseId)).body, "save_search");
    await h.click("save_search", save, { userId: "U0CHEN" });
    const modal = await openedView("save_search");
    expect((modal.view.title as { text: string }).text).toBe("保存搜索");
    h.slack.reset();
    const ack = await h.submitView(
      {
        id: String(modal.view.id),
        type: "modal",
        callbackId: "save_search",
        privateMetadata: String(modal.view.private_metadata),
        values: {
          name: { name: { type: "plain_text_input", value: "昨天拒接" } },
          words: { words: { type: "plain_text_input", value: "昨天 拒接" } },
        },
      },
      { userId: "U0CHEN" },
    );
    expect(ack.body).toBe("");
    const zh = JSON.stringify(await home("U0CHEN"));
    expect(zh).toContain("昨天拒接");
    expect(zh).toContain("今天到目前");
    const everything = `${h.logLines.join("\n")}\n${JSON.stringify(h.slack.views())}`;
    expect(everything).not.toContain(TRTC_SECRET);
    expect(everything).not.toContain(BOT_TOKEN);
  });
});

describe("the Home's Help button", () => {
  it("opens help in a modal within Slack's limits", async () => {
    await h.viewClick(
      { type: "button", actionId: "open_help", label: "Help", value: "home" },
      { id: "VHOME", type: "home" },
      { userId: "U0BOB" },
    );
    const { view } = await openedView("help");
    expect(JSON.stringify(view.blocks)).toContain("/calls");
    expect(JSON.stringify(view.blocks)).not.toContain("open_search_form");
  });
});
