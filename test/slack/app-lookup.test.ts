import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonValue,
  callIdsInMessage,
  type Harness,
  messageText,
  startHarness,
} from "../support/slack-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("call details over real HTTP", () => {
  it("answers /calls <callId> with that call's details", async () => {
    const record = h.sim.dataset.at(10);
    const { responseId } = await h.command(record.callId);
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain(record.callId);
    expect(text).toContain(record.caller);
  });

  it("answers an unknown callId with 'not found in the last 7 days', not an error", async () => {
    const { responseId } = await h.command(UNKNOWN);
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain(UNKNOWN);
    expect(text).toMatch(/not found/i);
    expect(text).toMatch(/7 days/);
  });

  it("opens one call's details from a search as a new ephemeral reply", async () => {
    const { responseId } = await h.command("calls last 2 hours");
    const list = await h.answer(responseId);
    const value = buttonValue(list.body, "call_details");
    expect(value).toBeDefined();
    const click = await h.click("call_details", value);
    const details = await h.answer(click.responseId);
    expect(details.effect).toBe("new");
    const [id] = [...callIdsInMessage(details.body)];
    expect(callIdsInMessage(list.body).has(id!)).toBe(true);
  });

  it("the shortcut finds every callId in a message, in its thread", async () => {
    const a = h.sim.dataset.at(3);
    const b = h.sim.dataset.at(4);
    const { ack, responseId } = await h.shortcut(
      `Alert: calls ${a.callId} and ${b.callId.toUpperCase()} dropped, also ${a.callId}`,
      { threadTs: "1700000000.000001" },
    );
    expect(ack.status).toBe(200);
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain(a.callId);
    expect(text).toContain(b.callId);
  });

  it("the shortcut says so when a message has no callId, with no upstream request", async () => {
    const before = await h.settledRequests();
    const { responseId } = await h.shortcut("nothing to see here");
    expect(messageText((await h.answer(responseId)).body)).toMatch(/callId/);
    expect(h.sim.stats.requests()).toBe(before);
  });
});
