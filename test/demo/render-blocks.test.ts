import { describe, expect, it } from "vitest";
import { createStyle, stripAnsi } from "../../src/cli/ansi.js";
import { mrkdwnToText } from "../../src/demo/mrkdwn.js";
import { blockKitBuilderUrl, renderBlocks, renderMessage } from "../../src/demo/render-blocks.js";

const plain = createStyle(false);
const color = createStyle(true);

describe("mrkdwnToText", () => {
  it.each([
    ["*Failed calls*", "Failed calls"],
    ["total *12* of 40", "total 12 of 40"],
    ["`6b1c_2d_x`", "6b1c_2d_x"],
    ["not_answer and call_busy", "not_answer and call_busy"],
    ["_in italics_ here", "in italics here"],
    ["~gone~", "gone"],
    ["<https://example.com/a_b_c|the docs>", "the docs"],
    ["<https://example.com/x>", "https://example.com/x"],
    ["<!date^1764000000^{date_short_pretty} {time}|Mon 24 Nov 16:00>", "Mon 24 Nov 16:00"],
    ["<!date^0^{date}>", "1970-01-01T00:00:00.000Z"],
    ["shared by <@U123>", "shared by @U123"],
    ["<@U123|alice>", "@alice"],
    ["in <#C42|oncall>", "in #oncall"],
    ["<!here> look", "@here look"],
    ["<!subteam^S1|@sre>", "@sre"],
    ["a &lt; b &amp;&amp; c &gt; d", "a < b && c > d"],
    ["caller → callee1, callee2", "caller → callee1, callee2"],
    ["```line 1\nline *2*```", "line 1\nline *2*"],
    ["2*3*4", "2*3*4"],
  ])("%j → %j", (input, expected) => {
    expect(mrkdwnToText(input, plain)).toBe(expected);
  });

  it("styles bold and code when colour is on, without touching code contents", () => {
    const out = mrkdwnToText("*Result* `a_b_c`", color);
    expect(out).toContain("\u001b[1mResult\u001b[22m");
    expect(out).toContain("\u001b[36ma_b_c\u001b[39m");
    expect(stripAnsi(out)).toBe("Result a_b_c");
  });
});

type Case = { name: string; blocks: unknown[]; text: string[]; choices?: unknown[] };

const cases: Case[] = [
  {
    name: "header without colour is underlined with =",
    blocks: [{ type: "header", text: { type: "plain_text", text: "Failed calls" } }],
    text: ["Failed calls", "============"],
  },
  {
    name: "section text and fields two to a row",
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: "*12* calls matched" },
        fields: [
          { type: "mrkdwn", text: "*Result*\nrejected" },
          { type: "mrkdwn", text: "*Type*\nsingle" },
          { type: "mrkdwn", text: "*Media*" },
        ],
      },
    ],
    text: ["12 calls matched", "Result     Type", "rejected   single", "Media"],
  },
  {
    name: "context elements joined, images by their alt text",
    blocks: [
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "calls started between <!date^1^{time}|09:00> and now" },
          { type: "image", image_url: "https://x/y.png", alt_text: "vendor" },
          { type: "plain_text", text: "page 1 of 3" },
        ],
      },
    ],
    text: ["calls started between 09:00 and now  [vendor]  page 1 of 3"],
  },
  {
    name: "divider spans the width and needs no blank lines around it",
    blocks: [
      { type: "section", text: { type: "plain_text", text: "a" } },
      { type: "divider" },
      { type: "section", text: { type: "plain_text", text: "b" } },
    ],
    text: ["a", "-".repeat(72), "b"],
  },
  {
    name: "actions become numbered choices on one line",
    blocks: [
      {
        type: "actions",
        block_id: "pages",
        elements: [
          {
            type: "button",
            action_id: "next_page",
            text: { type: "plain_text", text: "Next page" },
            value: "v1:abc",
          },
          {
            type: "button",
            action_id: "share",
            text: { type: "plain_text", text: "Share in channel" },
            value: "s",
          },
        ],
      },
    ],
    text: ["[1] Next page  [2] Share in channel"],
    choices: [
      {
        number: 1,
        label: "Next page",
        type: "button",
        actionId: "next_page",
        blockId: "pages",
        value: "v1:abc",
      },
      {
        number: 2,
        label: "Share in channel",
        type: "button",
        actionId: "share",
        blockId: "pages",
        value: "s",
      },
    ],
  },
  {
    name: "a section's accessory button is numbered after earlier choices",
    blocks: [
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "prev_page",
            text: { type: "plain_text", text: "Previous page" },
          },
        ],
      },
      {
        type: "section",
        block_id: "call-1",
        text: { type: "mrkdwn", text: "`call-1` rejected" },
        accessory: {
          type: "button",
          action_id: "call_details",
          text: { type: "plain_text", text: "Details" },
          value: "call-1",
        },
      },
    ],
    text: ["[1] Previous page", "", "call-1 rejected", "  [2] Details"],
    choices: [
      { number: 1, label: "Previous page", type: "button", actionId: "prev_page" },
      {
        number: 2,
        label: "Details",
        type: "button",
        actionId: "call_details",
        blockId: "call-1",
        value: "call-1",
      },
    ],
  },
  {
    name: "overflow options become choices that carry the selected option",
    blocks: [
      {
        type: "section",
        text: { type: "plain_text", text: "Open a call" },
        accessory: {
          type: "overflow",
          action_id: "call_details",
          options: [
            { text: { type: "plain_text", text: "abc" }, value: "abc" },
            { text: { type: "plain_text", text: "def" }, value: "def" },
          ],
        },
      },
    ],
    text: ["Open a call", "  More:", "    [1] abc", "    [2] def"],
    choices: [
      {
        number: 1,
        label: "abc",
        type: "overflow",
        actionId: "call_details",
        selectedOption: { text: "abc", value: "abc" },
      },
      {
        number: 2,
        label: "def",
        type: "overflow",
        actionId: "call_details",
        selectedOption: { text: "def", value: "def" },
      },
    ],
  },
  {
    name: "rich text lists and quotes",
    blocks: [
      {
        type: "rich_text",
        elements: [
          {
            type: "rich_text_list",
            style: "ordered",
            elements: [
              { type: "rich_text_section", elements: [{ type: "text", text: "one" }] },
              { type: "rich_text_section", elements: [{ type: "user", user_id: "U1" }] },
            ],
          },
          { type: "rich_text_quote", elements: [{ type: "text", text: "quoted" }] },
        ],
      },
    ],
    text: ["1. one", "2. @U1", "> quoted"],
  },
  {
    name: "image and unknown blocks are named, not dropped",
    blocks: [
      { type: "image", image_url: "https://x/chart.png", alt_text: "calls per hour" },
      { type: "video", title: { type: "plain_text", text: "v" } },
      { nonsense: true },
    ],
    text: [
      "[image: calls per hour] https://x/chart.png",
      "",
      "[video block, shown only in Slack]",
      "",
      "[a block this terminal cannot read]",
    ],
  },
];

describe("renderBlocks", () => {
  it.each(cases)("$name", ({ blocks, text, choices }) => {
    const rendered = renderBlocks(blocks);
    expect(rendered.text.split("\n")).toEqual(text);
    expect(rendered.choices).toEqual(choices ?? []);
  });

  it("makes headers bold and underlined when colour is on", () => {
    const rendered = renderBlocks(
      [{ type: "header", text: { type: "plain_text", text: "Calls" } }],
      {
        color: true,
      },
    );
    expect(rendered.text).toBe("\u001b[1m\u001b[4mCalls\u001b[24m\u001b[22m");
  });

  it("falls back to the message text when there are no blocks", () => {
    expect(renderMessage({ text: "*Nothing* found" }).text).toBe("Nothing found");
    expect(renderMessage("garbage").text).toContain("cannot read");
  });
});

describe("blockKitBuilderUrl", () => {
  it("carries the blocks, URL-encoded, after the #", () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "a & b #1 ?" } }];
    const url = blockKitBuilderUrl(blocks);
    expect(url.startsWith("https://app.slack.com/block-kit-builder#")).toBe(true);
    const fragment = url.slice(url.indexOf("#") + 1);
    expect(fragment).not.toMatch(/[ &#?]/);
    expect(JSON.parse(decodeURIComponent(fragment))).toEqual({ blocks });
  });
});
