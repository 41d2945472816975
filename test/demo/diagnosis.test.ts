import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { renderMessage } from "../../src/demo/render-blocks.js";
import { DemoSession } from "../../src/demo/session.js";
import { type DemoStack, startDemoStack } from "../../src/demo/stack.js";
import { DEMO_TRTC_SECRET_KEY } from "../../src/testbed/trtc-sim/demo-credentials.js";
import { referenceNow, TIME_ZONE } from "../cli/expected.js";

/** The demo shows why an interrupted call failed, in English and Chinese; without TRTC, the hint. */

const now = referenceNow();

function interrupted(stack: DemoStack): CallRecord {
  const dataset = stack.simulator.dataset;
  for (let i = dataset.size - 1; i >= 0; i--) {
    const record = dataset.at(i);
    if (
      record.callResult === "interrupt" &&
      (record.acceptTs ?? 0) > 0 &&
      record.callType === "single"
    )
      return record;
  }
  throw new Error("no interrupted call in the demo week");
}

const shown = (replies: { message: unknown }[]) =>
  replies
    .map((reply) => renderMessage(reply.message, { color: false, width: 100 }).text)
    .join("\n");

describe("the demo's diagnosis", () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({
      ports: { app: 0, simulator: 0, slack: 0 },
      timeZone: TIME_ZONE,
      now: () => now,
    });
  });
  afterAll(() => stack.stop());

  it("shows participants, events, quality and the verdict of an interrupted call, in English", async () => {
    const record = interrupted(stack);
    const { replies } = await new DemoSession(stack).command(record.callId);
    const text = shown(replies);
    expect(text).toContain("Why (TRTC's own data)");
    expect(text).toMatch(
      /network dropped \(event 1003\) 12 s before the call was interrupted; RTT \d+ ms before it/,
    );
    expect(text).toContain("Participants");
    expect(text).toContain("Client events");
    expect(text).toContain("Quality over the call");
    expect(text).not.toContain(DEMO_TRTC_SECRET_KEY);
  });

  it("and in Chinese", async () => {
    const record = interrupted(stack);
    const { replies } = await new DemoSession(stack).command(`为什么 ${record.callId}`);
    const text = shown(replies);
    expect(text).toContain("原因（TRTC 自身数据）");
    expect(text).toMatch(/通话中断前 12秒，\S+ 网络断开（事件 1003）/);
    expect(text).toContain("参与者");
  });
});

describe("the demo without TRTC credentials", () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({
      ports: { app: 0, simulator: 0, slack: 0 },
      timeZone: TIME_ZONE,
      now: () => now,
      trtc: false,
    });
  });
  afterAll(() => stack.stop());

  it("says in one line what the credentials would add", async () => {
    const { replies } = await new DemoSession(stack).command(interrupted(stack).callId);
    expect(shown(replies)).toContain("With TRTC cloud API credentials");
  });
});
