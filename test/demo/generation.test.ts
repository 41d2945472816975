import { afterEach, describe, expect, it } from "vitest";
import { renderMessage } from "../../src/demo/render-blocks.js";
import { DemoSession } from "../../src/demo/session.js";
import { type DemoStack, startDemoStack } from "../../src/demo/stack.js";
import { referenceNow, TIME_ZONE } from "../cli/expected.js";

/** `npm run demo -- --generation v4|both`: the calls sit in that generation and the app finds them. */

const now = referenceNow();
let stack: DemoStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe.each([
  ["v4", ["v4"]],
  ["both", ["v1", "v4"]],
] as const)("the demo with --generation %s", (generation, using) => {
  it(`finds the calls in ${using.join(" and ")}, answers a search and opens a call`, async () => {
    stack = await startDemoStack({
      ports: { app: 0, simulator: 0, slack: 0 },
      timeZone: TIME_ZONE,
      now: () => now,
      generation,
    });
    expect(stack.simulator.generation).toBe(generation);
    expect(stack.logLines.find((l) => l.event === "callkit.generations")).toMatchObject({
      setting: "auto",
      using,
    });
    const session = new DemoSession(stack);
    const answer = await session.command("failed calls yesterday");
    expect(answer.log?.outcome).toBe("answered");
    // The answer is the last reply: on a loaded machine a "still reading" note may come first.
    const rendered = renderMessage(answer.replies.at(-1)!.message);
    const details = rendered.choices.find((choice) => choice.actionId === "call_details");
    expect(details).toBeDefined();
    const opened = await session.press(details!);
    expect(opened.log?.outcome).toBe("answered");
    const help = await session.command("help");
    expect(renderMessage(help.replies[0]!.message).text).toContain(
      using.length > 1 ? "v1 and v4" : "records API: v4",
    );
  }, 30_000);
});
