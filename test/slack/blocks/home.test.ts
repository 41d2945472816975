import { describe, expect, it } from "vitest";
import { type HomeData, renderHome } from "../../../src/slack/blocks/home.js";
import { nextDailyRun } from "../../../src/slack/home.js";
import { createHomeState, HOME_STALE_MS } from "../../../src/slack/home-state.js";
import { SAVED_SEARCH_LIMITS } from "../../../src/store/saved-searches.js";
import { NOW, record } from "./fixtures.js";

const data = (over: Partial<HomeData> = {}): HomeData => ({
  lang: "en",
  timeZone: "Asia/Shanghai",
  nowTs: NOW,
  health: { generations: "v1", archiveSyncedTs: NOW - 90, vendorErrors: { count: 2, minutes: 15 } },
  today: {
    now: { total: 120, answerRate: 0.8, failed: 20, interrupted: 4 },
    yesterday: { total: 100, answerRate: 0.85, failed: 15, interrupted: 4 },
  },
  failures: [],
  saved: [],
  digests: [],
  extras: {},
  detailsOf: (id) => `v1.${id}`,
  ...over,
});

const text = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);

describe("renderHome", () => {
  it("says today against yesterday with signed changes, and the health line", () => {
    const view = renderHome(data());
    expect(view.type).toBe("home");
    expect(text(view)).toContain(
      "*120 (+20)* calls · answer rate 80% (-5 pt) · failed 20 (+5) · interrupted 4 (±0)",
    );
    expect(text(view)).toContain("archive synced");
    expect(text(view)).toContain("2 vendor errors in 15 min");
    expect(text(view)).not.toContain("webhooks");
  });

  it.each([
    [
      "a chart",
      { chart: { slackFileId: "F0CHART1" } },
      '"slack_file":{"id":"F0CHART1"}',
      "once charts are enabled",
    ],
    ["no chart", {}, "once charts are enabled", '"type":"image"'],
    [
      "a bad chart id",
      { chart: { slackFileId: "not-a-file" } },
      "once charts are enabled",
      '"type":"image"',
    ],
    [
      "alert rules",
      { alertRules: [{ channelId: "C0ALERTS", description: "failed > 10 in 5 min" }] },
      "<#C0ALERTS>: alert failed &gt; 10 in 5 min",
      "None set up by you",
    ],
    [
      "webhooks not arriving",
      { webhooksArriving: false },
      "no webhooks lately",
      "webhooks arriving",
    ],
  ])("with %s", (_name, extras, shown, absent) => {
    const view = renderHome(data({ extras }));
    expect(text(view)).toContain(shown);
    expect(text(view)).not.toContain(absent);
  });

  it("stays within 100 blocks at the most saved searches, failures and digests, in both languages", () => {
    for (const lang of ["en", "zh"] as const) {
      const view = renderHome(
        data({
          lang,
          failures: Array.from({ length: 30 }, () => record({ callResult: "reject" })),
          saved: Array.from({ length: SAVED_SEARCH_LIMITS.perUser }, (_, i) => ({
            name: `${"n".repeat(SAVED_SEARCH_LIMITS.nameLength - 3)}${i}`,
            words: "w ".repeat(250),
          })),
          digests: Array.from({ length: 40 }, (_, i) => ({
            channelId: `C${i}X`,
            hour: 9,
            minute: 0,
            nextRunTs: NOW + 3600,
          })),
        }),
      );
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      const menus = view.blocks.filter((b) => "accessory" in b && b.accessory?.type === "overflow");
      expect(menus).toHaveLength(SAVED_SEARCH_LIMITS.perUser);
      for (const b of menus) {
        const options = (b as { accessory: { options: { value: string }[] } }).accessory.options;
        for (const o of options) expect(o.value.length).toBeLessThanOrEqual(150);
      }
      expect(
        view.blocks.filter((b) => "accessory" in b && b.accessory?.type === "button"),
      ).toHaveLength(10);
      for (const b of view.blocks as { type: string; text?: { text: string } }[])
        if (b.type === "section" && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it("escapes saved names: no mention, no link", () => {
    const view = renderHome(data({ saved: [{ name: "<!channel> *x*", words: "calls today" }] }));
    const shown = (view.blocks as { type: string; text?: { text: string } }[])
      .map((b) => (b.type === "section" ? (b.text?.text ?? "") : ""))
      .join("\n");
    expect(shown).toContain("&lt;!channel&gt;");
    expect(shown).not.toContain("<!channel>");
  });

  it("without figures it says so instead of failing", () => {
    expect(text(renderHome(data({ today: undefined, lang: "zh" })))).toContain(
      "暂时无法读取今天的数据",
    );
  });
});

describe("nextDailyRun and the Home's staleness", () => {
  it.each([
    ["later today", "2026-12-03T00:30:00Z", 9, 0, "2026-12-03T01:00:00.000Z"],
    ["tomorrow once passed", "2026-12-03T02:00:00Z", 9, 0, "2026-12-04T01:00:00.000Z"],
  ])("%s", (_name, now, hour, minute, expected) => {
    expect(
      new Date(nextDailyRun(hour, minute, "Asia/Shanghai", Date.parse(now))).toISOString(),
    ).toBe(expected);
  });

  it("is stale when never published, after HOME_STALE_MS, or once changed", () => {
    const state = createHomeState();
    expect(state.isStale("U1", 0)).toBe(true);
    state.published("U1", 1000);
    expect(state.isStale("U1", 1000 + HOME_STALE_MS - 1)).toBe(false);
    expect(state.isStale("U1", 1000 + HOME_STALE_MS)).toBe(true);
    state.changed("U1");
    expect(state.isStale("U1", 1001)).toBe(true);
    state.noteLang("U1", "zh");
    expect(state.langOf("U1")).toBe("zh");
  });
});
