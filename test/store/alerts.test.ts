import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertCondition } from "../../src/query/alert-rule.js";
import { type AlertRepository, createAlertRepository } from "../../src/store/alerts.js";
import { backends, type TestStore } from "../support/store.js";

const filter = {
  results: ["interrupt"],
  callTypes: [],
  mediaTypes: ["video" as const],
  users: { caller: ["10086"], callee: [], either: [] },
};
const condition: AlertCondition = { kind: "percent", above: 20, windowMinutes: 15 };
const rule = (channelId: string) => ({
  channelId,
  filter,
  condition,
  lang: "zh" as const,
  timeZone: "Asia/Shanghai",
  createdBy: "U1",
});
const t0 = new Date("2026-03-03T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(backends())("alert store on $name", (backend) => {
  let store: TestStore;
  let alerts: AlertRepository;
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    alerts = createAlertRepository(store.db);
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)(
    "numbers rules per channel, keeps what was said, caps them",
    async () => {
      const first = await alerts.addRule(rule("C1"), 3, t0);
      const second = await alerts.addRule(rule("C1"), 3, t0);
      const other = await alerts.addRule(rule("C2"), 3, t0);
      expect([first, second, other].map((o) => (o.added ? o.rule.number : 0))).toEqual([1, 2, 1]);
      expect(first).toMatchObject({
        added: true,
        rule: { filter, condition, lang: "zh", timeZone: "Asia/Shanghai" },
      });
      await alerts.addRule(rule("C1"), 3, t0);
      expect(await alerts.addRule(rule("C1"), 3, t0)).toEqual({ added: false, reason: "cap" });
      expect((await alerts.listRules("C1")).map((r) => r.number)).toEqual([1, 2, 3]);
      expect((await alerts.allRules()).length).toBe(4);
    },
  );

  it.skipIf(!backend.available)(
    "changes and removes a rule only from its own channel",
    async () => {
      await alerts.addRule(rule("C1"), 10, t0);
      expect(await alerts.removeRule("C2", 1, t0)).toBe(false);
      expect(await alerts.mute("C2", 1, at(60), "U2")).toBe(false);
      expect((await alerts.getRule("C1", 1))?.mutedUntil).toBeUndefined();
      expect(await alerts.mute("C1", 1, at(60), "U2")).toBe(true);
      expect((await alerts.getRule("C1", 1))?.mutedUntil).toEqual(at(60));
      expect(await alerts.removeRule("C1", 1, t0)).toBe(true);
      expect(await alerts.getRule("C1", 1)).toBeUndefined();
      // The next rule takes number 1 again once the channel has none.
      const again = await alerts.addRule(rule("C1"), 10, t0);
      expect(again.added && again.rule.number).toBe(1);
    },
  );

  it.skipIf(!backend.available)(
    "keeps one open episode per rule, its peak, and its posts single",
    async () => {
      await alerts.addRule(rule("C1"), 10, t0);
      const key = { channelId: "C1", ruleNumber: 1, openedAt: at(0) };
      const opened = await alerts.startEpisode(key, 25, { rule: "failed > 20%" });
      expect(opened).toMatchObject({
        status: "open",
        figure: 25,
        peak: 25,
        summary: { rule: "failed > 20%" },
      });
      // A second open episode for the same rule is refused (another replica, a repeated tick).
      expect(await alerts.startEpisode({ ...key, openedAt: at(1) }, 30, {})).toBeUndefined();
      await alerts.trackEpisode(key, 40, undefined, at(5));
      await alerts.trackEpisode(key, 10, at(9), at(9));
      const tracked = await alerts.openEpisode("C1", 1);
      expect(tracked).toMatchObject({ figure: 10, peak: 40, peakAt: at(5), clearSince: at(9) });

      // Two replicas claim the alert post: one wins; the loser's stale expectation loses again.
      expect(await alerts.claimPost(key, "alert", undefined, at(0))).toBe(true);
      expect(await alerts.claimPost(key, "alert", undefined, at(0))).toBe(false);
      const claimed = await alerts.getEpisode(key);
      const attempted = claimed?.posts.alert.attemptedAt;
      expect(attempted).toBe(at(0).getTime());
      // A retry after an unknown outcome takes over the attempt it saw, once.
      expect(await alerts.claimPost(key, "alert", attempted, at(1))).toBe(true);
      expect(await alerts.claimPost(key, "alert", attempted, at(2))).toBe(false);
      await alerts.markPosted(key, "alert", "111.1");
      await alerts.markPosted(key, "alert", "222.2");
      expect((await alerts.getEpisode(key))?.posts.alert.ts).toBe("111.1");
      // Once recorded, nobody may claim it again.
      expect(await alerts.claimPost(key, "alert", at(1).getTime(), at(3))).toBe(false);

      expect(await alerts.resolveEpisode(key, at(20))).toBe(true);
      expect(await alerts.resolveEpisode(key, at(21))).toBe(false);
      expect(await alerts.openEpisode("C1", 1)).toBeUndefined();
      const next = await alerts.startEpisode({ ...key, openedAt: at(30) }, 22, {});
      expect(next?.status).toBe("open");
      expect((await alerts.episodesBetween("C1", at(0), at(31))).map((e) => e.status)).toEqual([
        "resolved",
        "open",
      ]);
      expect(await alerts.episodesBetween("C1", at(1), at(30))).toEqual([]);
    },
  );

  it.skipIf(!backend.available)("removing a rule closes its open episode quietly", async () => {
    await alerts.addRule(rule("C1"), 10, t0);
    await alerts.startEpisode({ channelId: "C1", ruleNumber: 1, openedAt: t0 }, 30, {});
    await alerts.removeRule("C1", 1, at(3));
    expect(await alerts.unfinishedEpisodes()).toEqual([]);
  });
});
