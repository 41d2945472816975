import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTimeZoneResolver } from "../../src/slack/user-timezone.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({
    botToken: "xoxb-tz-test",
    users: [
      { id: "USH", tz: "Asia/Shanghai" },
      { id: "UNOTZ" },
      { id: "UBAD", tz: "Mars/Olympus" },
    ],
  });
});
afterAll(() => slack.stop());

function resolver(clock: { now: number }) {
  const client = new webApi.WebClient("xoxb-tz-test", {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
  });
  return createTimeZoneResolver({
    client,
    defaultTimeZone: "America/New_York",
    ttlMs: 1000,
    failureTtlMs: 100,
    now: () => clock.now,
  });
}

describe("user time zones", () => {
  it.each([
    ["USH", "Asia/Shanghai"],
    ["UNOTZ", "America/New_York"],
    ["UBAD", "America/New_York"],
    ["UNKNOWN", "America/New_York"],
  ])("%s → %s", async (user, zone) => {
    expect(await resolver({ now: 0 }).timeZoneOf(user)).toBe(zone);
  });

  it("asks users.info once per user until the cache expires", async () => {
    slack.reset();
    const clock = { now: 0 };
    const zones = resolver(clock);
    await Promise.all([zones.timeZoneOf("USH"), zones.timeZoneOf("USH"), zones.timeZoneOf("USH")]);
    expect(slack.calls("users.info")).toHaveLength(1);
    clock.now = 999;
    await zones.timeZoneOf("USH");
    expect(slack.calls("users.info")).toHaveLength(1);
    clock.now = 1001;
    await zones.timeZoneOf("USH");
    expect(slack.calls("users.info")).toHaveLength(2);
  });
});

describe("user time zones when Slack does not answer", () => {
  it("waits at most lookupTimeoutMs, then uses the default and says it fell back", async () => {
    const hanging = { users: { info: () => new Promise<never>(() => {}) } };
    const zones = createTimeZoneResolver({
      // A client whose own retries would go on for minutes: the resolver's bound still holds.
      client: hanging as unknown as Parameters<typeof createTimeZoneResolver>[0]["client"],
      defaultTimeZone: "UTC",
      lookupTimeoutMs: 100,
    });
    const started = performance.now();
    expect(await zones.resolve("USLOW")).toEqual({ timeZone: "UTC", fellBack: true });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("does not call a user without a tz in their profile a fallback", async () => {
    expect(await resolver({ now: 0 }).resolve("UNOTZ")).toEqual({
      timeZone: "America/New_York",
      fellBack: false,
    });
  });
});
