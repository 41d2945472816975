import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeButtonValue } from "../../src/slack/button-value.js";
import {
  BOT_TOKEN,
  buttonValue,
  callIdsInMessage,
  type Harness,
  messageText,
  SIGNING_SECRET,
  startHarness,
  TRTC_SECRET,
} from "../support/slack-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

function windowOf(value: string | undefined) {
  const decoded = decodeButtonValue(value, { now: new Date() });
  if (!decoded.ok || decoded.payload.kind !== "page") throw new Error("no page button value");
  return decoded.payload;
}

describe("/calls search over real HTTP", () => {
  it("walks every page with next_page: the union is every match, without duplicates", async () => {
    const { ack, responseId } = await h.command("rejected calls last 24 hours");
    expect(ack.status).toBe(200);
    const first = await h.answer(responseId);
    expect(first.body.response_type).toBe("ephemeral");

    const next = buttonValue(first.body, "next_page");
    const { query } = windowOf(next);
    const expected = h.sim.dataset
      .query({ startTs: query.window.startTs, endTs: query.window.endTs, callResult: "reject" })
      .map((record) => record.callId);
    expect(expected.length).toBeGreaterThan(query.pageSize);
    expect(buttonValue(first.body, "prev_page")).toBeUndefined();

    const pages = [callIdsInMessage(first.body)];
    let value = next;
    while (value !== undefined) {
      const click = await h.click("next_page", value);
      expect(click.ack.status).toBe(200);
      const page = await h.answer(click.responseId);
      expect(page.effect).toBe("replace");
      pages.push(callIdsInMessage(page.body));
      expect(buttonValue(page.body, "prev_page")).toBeDefined();
      value = buttonValue(page.body, "next_page");
    }
    const all = pages.flatMap((page) => [...page]);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(expected));
    expect(pages).toHaveLength(Math.ceil(expected.length / query.pageSize));
  });

  it("opens a digest's search button in a new ephemeral message, leaving the digest in place", async () => {
    const { responseId } = await h.command("rejected calls last 24 hours");
    const first = await h.answer(responseId);
    // A digest button carries the same page value as next_page (see blocks/digest.ts).
    const value = buttonValue(first.body, "next_page");
    const click = await h.click("digest_open", value);
    const opened = await h.answer(click.responseId, "new");
    expect(opened.body.response_type).toBe("ephemeral");
    expect(callIdsInMessage(opened.body).size).toBeGreaterThan(0);
  });

  it("goes back with prev_page to the page before", async () => {
    const { responseId } = await h.command("rejected calls last 24 hours");
    const first = await h.answer(responseId);
    const second = await h.answer(
      (await h.click("next_page", buttonValue(first.body, "next_page"))).responseId,
    );
    const back = await h.answer(
      (await h.click("prev_page", buttonValue(second.body, "prev_page"))).responseId,
    );
    expect(back.effect).toBe("replace");
    expect(callIdsInMessage(back.body)).toEqual(callIdsInMessage(first.body));
  });

  it("shares in channel with 'shared by' and deletes the ephemeral original", async () => {
    const { responseId } = await h.command("rejected calls last 24 hours");
    const first = await h.answer(responseId);
    const share = buttonValue(first.body, "share");
    const click = await h.click("share", share, { userId: "U0BOB" });
    const shared = await h.answer(click.responseId, "new");
    expect(shared.body.response_type).toBe("in_channel");
    expect(messageText(shared.body)).toContain("<@U0BOB>");
    expect(buttonValue(shared.body, "next_page")).toBeUndefined();
    expect(callIdsInMessage(shared.body)).toEqual(callIdsInMessage(first.body));
    await h.answer(click.responseId, "delete");
  });

  it("notes when the window asked for is older than 7 days and was clamped", async () => {
    const { responseId } = await h.command("calls last 10 days");
    const answer = await h.answer(responseId);
    expect(messageText(answer.body)).toMatch(/7 days/i);
  });

  it.each([["help"], [""]])("answers %j with help: examples and the 7-day limit", async (text) => {
    const before = await h.settledRequests();
    const { responseId } = await h.command(text);
    const answer = await h.answer(responseId);
    expect(messageText(answer.body)).toMatch(/\/calls/);
    expect(messageText(answer.body)).toMatch(/7/);
    expect(h.sim.stats.requests()).toBe(before);
  });

  it("answers gibberish with the parser's explanation and a pointer to help, no upstream request", async () => {
    const before = await h.settledRequests();
    const { responseId } = await h.command("flurble wibbly zonk");
    const answer = await h.answer(responseId);
    expect(messageText(answer.body)).toMatch(/flurble/);
    expect(messageText(answer.body)).toMatch(/help/i);
    expect(h.sim.stats.requests()).toBe(before);
  });

  it("logs one line per command with the understood query and requestIds, never a secret", async () => {
    const { responseId } = await h.command("rejected calls last 24 hours", { userId: "U0BOB" });
    await h.answer(responseId);
    await expect
      .poll(() => h.logs("slack.command").filter((l) => l.user === "U0BOB"))
      .not.toEqual([]);
    const line = h
      .logs("slack.command")
      .filter((l) => l.user === "U0BOB")
      .at(-1)!;
    expect(line).toMatchObject({
      name: "/calls",
      words: "rejected calls last 24 hours",
      outcome: "answered",
      route: "response_url",
    });
    expect(String(line.understood)).toMatch(/reject/i);
    expect(line.upstreamRequests).toBeGreaterThan(0);
    expect((line.requestIds as string[]).length).toBeGreaterThan(0);
    expect(typeof line.durationMs).toBe("number");
    for (const secret of [SIGNING_SECRET, BOT_TOKEN, TRTC_SECRET]) {
      expect(h.logLines.join("\n")).not.toContain(secret);
    }
  });

  it("asks users.info for the time zone once per user", async () => {
    expect(h.slack.calls("users.info").filter((c) => c.args.user === "U0ALICE")).toHaveLength(1);
  });

  it("answers GET /healthz with a JSON status", async () => {
    const response = await fetch(`${h.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", mode: "http" });
  });
});
