import { describe, expect, it } from "vitest";
import { createAccessPolicy } from "../../src/slack/access.js";

describe("allow-lists", () => {
  it.each([
    [[], [], { userId: "U1", channelId: "C1" }, true],
    [["U1"], [], { userId: "U1", channelId: "C9" }, true],
    [["U1"], [], { userId: "U2", channelId: "C1" }, false],
    [[], ["C1"], { userId: "U2", channelId: "C1" }, true],
    [[], ["C1"], { userId: "U2", channelId: "C2" }, false],
    [[], ["C1"], { userId: "U2" }, false],
    [["U1"], ["C1"], { userId: "U1", channelId: "C2" }, false],
    [["U1"], ["C1"], { userId: "U1", channelId: "C1" }, true],
  ])("users %j channels %j: %j → %s", (users, channels, who, allowed) => {
    const policy = createAccessPolicy({ allowedUserIds: users, allowedChannelIds: channels });
    expect(policy.allows(who)).toBe(allowed);
  });
});
