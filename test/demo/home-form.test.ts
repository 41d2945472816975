import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMessage } from "../../src/demo/render-blocks.js";
import { DemoSession } from "../../src/demo/session.js";
import { type DemoStack, startDemoStack } from "../../src/demo/stack.js";
import { referenceNow, TIME_ZONE } from "../cli/expected.js";

/** The demo shows the Home tab as text, and opens and fills the search form like a person would. */

const now = referenceNow();
let stack: DemoStack;
let session: DemoSession;
beforeAll(async () => {
  stack = await startDemoStack({
    ports: { app: 0, simulator: 0, slack: 0 },
    timeZone: TIME_ZONE,
    now: () => now,
  });
  session = new DemoSession(stack);
});
afterAll(() => stack.stop());

const text = (message: { text?: string; blocks?: unknown[] }) =>
  renderMessage(message, { color: false, width: 100 }).text;

describe("the demo's Home and form", () => {
  it("renders the Home tab, and shows it again (not re-published) when it is fresh", async () => {
    const first = await session.openHome();
    expect(first.replies[0]?.how).toBe("Home tab");
    const home = text(first.replies[0]!.message);
    expect(home).toContain("Today so far");
    expect(home).toContain("New search");
    const publishes = stack.slack.calls("views.publish").length;
    const again = await session.openHome();
    expect(text(again.replies[0]!.message)).toContain("Today so far");
    expect(stack.slack.calls("views.publish").length).toBe(publishes);
  });

  it("opens the form with /calls form and fills it; a bad fill gets field errors", async () => {
    const opened = await session.command("form");
    expect(opened.replies[0]?.how).toBe("opens a modal");
    expect(text(opened.replies[0]!.message)).toContain("Time range");
    const answer = await session.submitModal({
      range: { type: "static_select", selected_option: { value: "yesterday" } },
      results: { type: "multi_static_select", selected_options: [{ value: "reject" }] },
    });
    expect(answer.replies[0]?.how).toBe("ephemeral");
    expect(text(answer.replies[0]!.message)).toContain("/calls rejected calls yesterday");
    const refused = await session.submitModal({
      range: { type: "static_select", selected_option: { value: "custom" } },
    });
    expect(refused.replies[0]?.how).toBe("field errors");
    expect(text(refused.replies[0]!.message)).toContain("start date");
  });
});
