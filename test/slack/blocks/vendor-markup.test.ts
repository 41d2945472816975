import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/callkit/schemas.js";
import { createStyle } from "../../../src/cli/ansi.js";
import { mrkdwnToText } from "../../../src/demo/mrkdwn.js";
import { everyCall } from "../../../src/query/filter.js";
import type { CallFilter } from "../../../src/query/types.js";
import { createDigestAccumulator, digestDay } from "../../../src/report/digest.js";
import { renderDigest } from "../../../src/slack/blocks/digest.js";
import type { SlackMessage } from "../../../src/slack/blocks/limits.js";
import { renderLookup } from "../../../src/slack/blocks/lookup.js";
import { renderSearch } from "../../../src/slack/blocks/search.js";
import { withSharedBy } from "../../../src/slack/blocks/share.js";
import { NOW, record, searchResult } from "./fixtures.js";

/**
 * Ids come from the vendor (whoever named the user), so they must read as text wherever they are
 * shown: the comparison is with the same message for a harmless id, through the demo's model of
 * Slack's mrkdwn, and it counts what Slack would format, mention or link.
 */

const HOSTILE = "<!channel> *bold*_x_ ~gone~ `tick` https://evil.example";
const HARMLESS = "alice";
const plainStyle = createStyle(false);

/** The fallback text and every mrkdwn text object: what Slack parses as mrkdwn. */
function mrkdwnOf(message: SlackMessage): string[] {
  const out = [message.text];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const object = value as { type?: unknown; text?: unknown };
      if (object.type === "mrkdwn" && typeof object.text === "string") out.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(message.blocks);
  return out;
}

const marking = {
  ...plainStyle,
  bold: (t: string) => `[b]${t}[/b]`,
  italic: (t: string) => `[i]${t}[/i]`,
  strike: (t: string) => `[s]${t}[/s]`,
  code: (t: string) => `[c]${t}[/c]`,
};

/** How much formatting, mentions, tokens and links Slack would find. */
function markup(message: SlackMessage) {
  const texts = mrkdwnOf(message);
  const styled = texts.map((t) => mrkdwnToText(t, marking)).join("\n");
  const count = (pattern: RegExp) => (styled.match(pattern) ?? []).length;
  return {
    bold: count(/\[b\]/g),
    italic: count(/\[i\]/g),
    strike: count(/\[s\]/g),
    code: count(/\[c\]/g),
    angleTokens: texts.join("\n").split("<").length - 1,
    urls: texts.join("\n").split("://").length - 1,
  };
}

const withIds = (id: string): Partial<CallRecord> => ({
  caller: id,
  callees: [id, "bob"],
  roomId: id,
  callResult: "reject",
});

const renderers: [string, (id: string) => SlackMessage][] = [
  [
    "search",
    (id) =>
      renderSearch(searchResult([record({ ...withIds(id), startCallTs: NOW - 600 })]), {
        timeZone: "UTC",
        lang: "en",
        description: `calls from ${id}`,
        buttons: { share: "S" },
      }),
  ],
  [
    "lookup (details)",
    (id) => {
      const call = record({ ...withIds(id), startCallTs: NOW - 600 });
      const neighbour = record({ ...withIds(id), callId: "n1", startCallTs: NOW - 300 });
      return renderLookup(
        { found: [{ record: call, around: [neighbour] }], notFound: [id] },
        { timeZone: "UTC", lang: "zh" },
      );
    },
  ],
  [
    "digest",
    (id) => {
      const day = digestDay("2026-11-01", "UTC");
      const accumulator = createDigestAccumulator(day);
      accumulator.add(record({ ...withIds(id), startCallTs: day.startTs + 60 }));
      const filter: CallFilter = everyCall();
      return renderDigest(accumulator.result(), { lang: "en", filter, filterDescription: id });
    },
  ],
  [
    "shared search",
    (id) =>
      withSharedBy(
        renderSearch(searchResult([record({ ...withIds(id), startCallTs: NOW - 600 })]), {
          timeZone: "UTC",
          lang: "en",
          description: `calls from ${id}`,
          buttons: {},
        }),
        id,
        "en",
      ),
  ],
];

describe("vendor ids in every renderer", () => {
  it.each(renderers)("%s: the hostile id adds no formatting, mention or link", (_name, render) => {
    const hostile = render(HOSTILE);
    expect(markup(hostile)).toEqual(markup(render(HARMLESS)));
    for (const text of mrkdwnOf(hostile)) {
      expect(text).not.toContain("<!channel>");
      expect(text).not.toMatch(/https?:\/\//);
    }
  });

  it.each(renderers)(
    "%s: the hostile id is still there to read, fallback text included",
    (_name, render) => {
      const message = render(HOSTILE);
      const readable = mrkdwnOf(message)
        .map((t) => mrkdwnToText(t, plainStyle))
        .join("\n");
      expect(readable).toContain("<!channel>");
      expect(readable).toContain("bold");
      expect(readable).toContain("evil.example");
    },
  );

  it("keeps an ordinary id with underscores as it is, so it can be copied into /calls", () => {
    const message = renderers[0]![1]("user_1_a");
    expect(mrkdwnOf(message).join("\n")).toContain("user_1_a");
  });
});
