import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMessage } from "../../src/demo/render-blocks.js";
import { DemoSession } from "../../src/demo/session.js";
import { type DemoStack, PortTakenError, startDemoStack } from "../../src/demo/stack.js";
import { referenceNow, TIME_ZONE } from "../cli/expected.js";

/** The demo's parts in-process: a taken port is a clear error, and buttons round-trip through the app. */

const now = referenceNow();

describe("startDemoStack", () => {
  it("names the taken port and the flag that moves it, and leaves nothing listening", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const error = await startDemoStack({
        ports: { app: port, simulator: 0, slack: 0 },
        timeZone: TIME_ZONE,
        now: () => now,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortTakenError);
      expect((error as Error).message).toContain(`Port ${port}`);
      expect((error as Error).message).toContain("--port 0");
    } finally {
      blocker.close();
    }
  });
});

describe("a demo session", () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({
      ports: { app: 0, simulator: 0, slack: 0 },
      timeZone: TIME_ZONE,
      now: () => now,
    });
  });
  afterAll(() => stack.stop());

  it("Share in channel posts for everyone and removes the ephemeral original", async () => {
    const session = new DemoSession(stack);
    const answer = await session.command("rejected calls yesterday");
    expect(answer.log?.outcome).toBe("answered");
    const rendered = renderMessage(answer.replies[0]!.message);
    const share = rendered.choices.find((choice) => choice.actionId === "share");
    expect(share).toBeDefined();

    const shared = await session.press(share!);
    expect(shared.replies.map((reply) => reply.how)).toEqual([
      "in channel",
      "removed the message above",
    ]);
    expect(renderMessage(shared.replies[0]!.message).text).toContain("@U0DEMO");
  });

  it("a Details button opens that call", async () => {
    const session = new DemoSession(stack);
    const answer = await session.command("failed calls yesterday");
    const details = renderMessage(answer.replies[0]!.message).choices.find(
      (choice) => choice.actionId === "call_details",
    );
    expect(details).toBeDefined();
    const opened = await session.press(details!);
    expect(opened.log?.outcome).toBe("answered");
    const callIds = renderMessage(answer.replies[0]!.message).text.match(/[0-9a-f-]{36}/g) ?? [];
    expect(renderMessage(opened.replies[0]!.message).text).toContain(callIds[0]);
  });
});
