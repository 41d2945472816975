import { afterEach, describe, expect, it } from "vitest";
import { callIdsInMessage, type Harness, startHarness } from "../support/slack-harness.js";

/**
 * The whole app (createCallscope, Slack over HTTP, the simulator) in each generation setting:
 * `auto` finds where the calls are, `/calls help` says which generation answers, and searches
 * and lookups reach v4's calls (alone, or merged with v1's).
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("generations, end to end through Slack", () => {
  it("auto on a v4 app: finds the calls in v4, says so in /calls help, searches and looks them up", async () => {
    h = await startHarness({ generation: "auto", sim: { generation: "v4" } });
    const probe = h.logs("callkit.generations")[0];
    expect(probe).toMatchObject({ setting: "auto", using: ["v4"] });

    const help = await h.answer((await h.command("help")).responseId);
    expect(JSON.stringify(help.body)).toContain("TUICallKit records API: v4");

    const answer = await h.answer((await h.command("calls last 24 hours")).responseId);
    const ids = callIdsInMessage(answer.body);
    expect(ids.size).toBeGreaterThan(0);
    const [first] = [...ids];
    const lookup = await h.answer((await h.command(first as string)).responseId);
    expect(JSON.stringify(lookup.body)).toContain(first);
    expect(h.sim.stats.requests("filter")).toBe(1); // the probe only
  }, 30_000);

  it("both: a search counts every call once across the generations", async () => {
    h = await startHarness({ generation: "both", sim: { generation: "both" } });
    const help = await h.answer((await h.command("help")).responseId);
    expect(JSON.stringify(help.body)).toContain("v1 and v4");
    const nowSec = Math.floor(Date.now() / 1000);
    const expected = h.sim.dataset.count({ startTs: nowSec - 3 * 3600, endTs: nowSec + 1 });
    const answer = await h.answer((await h.command("calls last 3 hours")).responseId);
    // The summary states the total; the union of both generations, each call once.
    expect(JSON.stringify(answer.body)).toContain(String(expected));
    expect(h.sim.stats.requests("filter")).toBeGreaterThan(0);
    expect(h.sim.stats.requests("v4-filter")).toBeGreaterThan(0);
  }, 30_000);
});
