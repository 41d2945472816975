import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callIdsInMessage,
  type Harness,
  messageText,
  startHarness,
} from "../support/slack-harness.js";

const isNote = (body: Record<string, unknown>) => messageText(body).includes("Still reading");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ slowAnswerMs: 300 });
});
afterAll(() => h.stop());

describe("/calls when the answer takes a while", () => {
  it("says it is still reading, with the records read so far, then answers", async () => {
    // Each page takes 400 ms: the search outlasts the 300 ms patience, the note goes out first.
    h.sim.faults.inject({ kind: "latency", ms: 400, endpoint: "filter" });
    const { responseId } = await h.command("calls last 3 days");
    const answer = await h.slack.waitForResponse(
      (post) => post.id === responseId && callIdsInMessage(post.body).size > 0,
      20_000,
    );
    h.sim.faults.clear();
    const posts = h.slack.responses(responseId).filter((post) => post.accepted);
    expect(posts.length).toBe(2);
    expect(messageText(posts[0]!.body)).toMatch(/Still reading call records \(\d[\d,]* so far\)/);
    expect(posts[1]).toBe(answer);
  });

  it("never sends the note after the answer", async () => {
    const { responseId } = await h.command("rejected calls last 30 minutes");
    const answer = await h.slack.waitForResponse(
      (post) => post.id === responseId && post.accepted && !isNote(post.body),
      20_000,
    );
    // Wait past the patience: a note may come before the answer (a slow machine), never after.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const posts = h.slack.responses(responseId).filter((post) => post.accepted);
    expect(posts.at(-1)).toBe(answer);
    expect(posts.filter((post) => isNote(post.body)).length).toBeLessThanOrEqual(1);
  });
});
