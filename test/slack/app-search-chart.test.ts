import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { BOT_TOKEN, type Harness, startHarness } from "../support/slack-harness.js";

/**
 * `/calls` over a long window answers with its calls-over-time chart, uploaded to the stand-in
 * for Slack and named by an image block; a short window, a missing files:write or a failed upload
 * answer without it, once.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => h.slack.reset());

const imageOf = (body: Record<string, unknown>) =>
  (body.blocks as Array<Record<string, unknown>>).find((b) => b.type === "image");

describe("/calls with a chart", () => {
  it("shows calls over time for a search over more than a few hours", async () => {
    const { responseId } = await h.command("rejected calls last 24 hours");
    const answer = await h.answer(responseId);
    const [file] = h.slack.files();
    expect(file?.completed).toBe(true);
    expect(file?.channel).toBeUndefined();
    expect(file?.filename).toBe("callscope-calls-over-time.png");
    expect(file?.bytes?.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(imageOf(answer.body)).toMatchObject({
      type: "image",
      slack_file: { id: file?.id },
      title: { text: "Calls over time by result" },
    });
    expect(String(imageOf(answer.body)?.alt_text)).toMatch(
      /^Calls over time by result \(per 30 minutes\): \d+ calls, \d+ failed; worst period/,
    );
    expect(h.slack.responses(responseId).filter((r) => r.accepted)).toHaveLength(1);
  });

  it("in Chinese when the question is", async () => {
    const { responseId } = await h.command("最近24小时 拒接");
    const answer = await h.answer(responseId);
    expect(imageOf(answer.body)).toMatchObject({ title: { text: "各结果通话随时间变化" } });
    expect(String(imageOf(answer.body)?.alt_text)).toMatch(
      /^各结果通话随时间变化（每 30 分钟）：共/,
    );
  });

  it("draws nothing for a short window", async () => {
    const { responseId } = await h.command("rejected calls last 2h");
    const answer = await h.answer(responseId);
    expect(imageOf(answer.body)).toBeUndefined();
    expect(h.slack.calls("files.getUploadURLExternal")).toHaveLength(0);
  });

  it.each<[string, (s: FakeSlack) => void]>([
    ["without files:write", (s) => s.revokeScope("files:write")],
    ["when the upload fails", (s) => s.failUploads(500)],
    // response_url and then chat.postEphemeral refuse the image: the answer goes without it.
    ["when Slack refuses the image (file not processed yet)", (s) => s.filesNotReady(2)],
  ])("answers once without the picture %s", async (_, fault) => {
    fault(h.slack);
    const { responseId } = await h.command("rejected calls last 24 hours");
    const answer = await h.answer(responseId);
    expect(imageOf(answer.body)).toBeUndefined();
    expect(JSON.stringify(answer.body.blocks)).toContain("rejected");
    await h.settledRequests();
    const accepted = h.slack.responses(responseId).filter((r) => r.accepted);
    const ephemeral = h.slack.calls("chat.postEphemeral");
    // One answer reached the user: the text one, through response_url.
    expect(accepted).toHaveLength(1);
    expect(imageOf(accepted[0]?.body ?? {})).toBeUndefined();
    expect(ephemeral.every((call) => JSON.stringify(call.args.blocks).includes("slack_file"))).toBe(
      true,
    );
    expect(h.logLines.join("\n")).not.toContain(BOT_TOKEN);
  });
});
