import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../../src/log.js";
import { encodeMuteButton } from "../../../../src/slack/alert-button.js";
import { encodeButtonValue } from "../../../../src/slack/button-value.js";
import { createAlertHandler } from "../../../../src/slack/listeners/commands/alert.js";
import { createAlertRepository } from "../../../../src/store/alerts.js";
import { type Harness, startHarness } from "../../../support/slack-harness.js";
import { backends, type TestStore } from "../../../support/store.js";

/** `/calls alert …` and `/calls 告警 …` through the real app over signed HTTP, and the Mute buttons. */

const sqlite = backends()[0] as NonNullable<ReturnType<typeof backends>[0]>;
const NOW = new Date("2026-03-05T06:00:00Z");

describe("/calls alert in the real app", () => {
  let store: TestStore;
  let h: Harness;
  const said = async (text: string, channelId = "C1") => {
    const { responseId } = await h.command(text, { channelId });
    return JSON.stringify((await h.answer(responseId)).body);
  };
  beforeAll(async () => {
    store = await sqlite.open();
    h = await startHarness({
      alerts: createAlertHandler({
        alerts: createAlertRepository(store.db),
        logger: silentLogger,
        now: () => NOW,
        maxPerChannel: 3,
      }),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await store?.dispose();
  });

  it("adds, lists, shows, mutes and removes rules, in English and Chinese", async () => {
    expect(await said("alert")).toContain("No alert rules in this channel");
    expect(await said("alert on failed > 20% over 15m")).toContain(
      "Alert #1 on for this channel: failed calls &gt; 20% over 15 min",
    );
    expect(await said("告警 中断 > 30 通 10分钟")).toContain(
      "已为本频道开启告警 #2：中断通话 &gt; 30 通（10分钟）",
    );
    const list = await said("alert");
    expect(list).toContain("Alert rules in this channel (2)");
    expect(list).toContain("*#1* failed calls &gt; 20% over 15 min");
    expect(list).toContain("*#2* interrupted calls &gt; 30 calls over 10 min");
    expect(await said("alert show 2")).toContain("Set by <@U0ALICE>");
    expect(await said("alert mute 1 1h")).toContain("Alert #1 muted until");
    expect(await said("告警 列表")).toMatch(/#1\* 失败通话 &gt; 20%（15分钟） · 静音至/);
    expect(await said("告警 关闭 2")).toContain("已删除本频道的告警 #2");
    expect((await createAlertRepository(store.db).listRules("C1")).map((r) => r.number)).toEqual([
      1,
    ]);
  });

  it("reaches a rule only from its own channel, and caps rules per channel", async () => {
    await said("alert on rejected > 10 calls over 5m", "C2");
    expect(await said("alert off 1", "C3")).toContain("This channel has no alert #1");
    expect(await said("alert mute 1 1h", "C3")).toContain("This channel has no alert #1");
    expect(await createAlertRepository(store.db).getRule("C2", 1)).toBeDefined();
    await said("alert on rejected > 11 calls over 5m", "C2");
    await said("alert on rejected > 12 calls over 5m", "C2");
    expect(await said("alert on rejected > 13 calls over 5m", "C2")).toContain(
      "already has 3 alert rules",
    );
  });

  it.each([
    ["alert on failed > 20%", /Say over how long/, /alert on failed (>|&gt;) 20% over 15m/],
    [
      "alert on banana > 20% over 15m",
      /did not understand &quot;banana&quot;|did not understand \\"banana\\"/,
      /alert/,
    ],
    ["告警 失败 > 20%", /请说明时间窗口/, /告警 失败 (>|&gt;) 20% 15分钟/],
    ["告警 关闭", /请用编号说明/, /告警/],
  ])("%s gets a clear answer with an example", async (text, message, example) => {
    const answer = await said(text);
    expect(answer).toMatch(message);
    expect(answer).toMatch(example);
  });

  it("Show calls opens the matching search, ephemeral, leaving the alert in place", async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const value = encodeButtonValue({
      kind: "page",
      query: {
        kind: "search",
        results: ["interrupt"],
        callTypes: [],
        mediaTypes: [],
        users: { caller: [], callee: [], either: [] },
        window: { startTs: nowSec - 6 * 3600, endTs: nowSec },
        defaultWindow: false,
        pageSize: 20,
        lang: "en",
      },
      pageIndex: 0,
    });
    const { responseId } = await h.click("alert_show_calls", value, { channelId: "C1" });
    const answer = await h.answer(responseId);
    expect(answer.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(answer.body)).toMatch(/interrupted/i);
  });

  it("Mute buttons mute the rule of the channel they are in, and no other", async () => {
    await said("alert on failed > 5% over 15m", "C4");
    const muted = await h.click(
      "alert_mute_tomorrow",
      encodeMuteButton({ rule: 1, mute: { untilTomorrow: true } }),
      {
        channelId: "C4",
      },
    );
    expect(JSON.stringify((await h.answer(muted.responseId)).body)).toContain(
      "Alert #1 muted until",
    );
    const rule = await createAlertRepository(store.db).getRule("C4", 1);
    // 09:00 tomorrow in Alice's zone (Asia/Shanghai): 2026-03-06 01:00 UTC.
    expect(rule?.mutedUntil?.toISOString()).toBe("2026-03-06T01:00:00.000Z");
    const elsewhere = await h.click(
      "alert_mute",
      encodeMuteButton({ rule: 1, mute: { minutes: 60 } }),
      {
        channelId: "C5",
      },
    );
    expect(JSON.stringify((await h.answer(elsewhere.responseId)).body)).toContain(
      "This channel has no alert #1",
    );
    const forged = await h.click("alert_mute", 'alert.v1.{"r":-1,"m":60}', { channelId: "C4" });
    expect(JSON.stringify((await h.answer(forged.responseId)).body)).toContain(
      "does not carry an alert rule",
    );
  });
});
