import { describe, expect, it } from "vitest";
import type { Diagnosis } from "../../../src/diagnosis/model.js";
import {
  diagnosisBlocks,
  renderDiagnosisFollowUp,
  verdictLine,
} from "../../../src/slack/blocks/diagnosis.js";

const base: Diagnosis = {
  version: 1,
  callId: "c0ffee00-0000-4000-8000-000000000001",
  roomId: "room-1",
  callResult: "interrupt",
  callStart: 1_764_547_200,
  callEnd: 1_764_547_500,
  fetchedAt: 1_764_550_000,
  status: "found",
  room: {
    commId: "1400000001_1_1764547200",
    createTime: 1_764_547_200,
    destroyTime: 1_764_547_500,
  },
  participants: [
    {
      userId: "10010",
      entered: true,
      joinTs: 1_764_547_200,
      leaveTs: 1_764_547_500,
      device: "Pixel 8",
      sdkVersion: "12.0",
      clientIp: "203.0.1.2",
    },
    { userId: "10086", entered: true, joinTs: 1_764_547_205, leaveTs: 1_764_547_500 },
  ],
  events: [
    {
      userId: "10086",
      peerId: "10086",
      timeMs: 1_764_547_488_000,
      eventId: 1003,
      paramOne: 0,
      paramTwo: -1,
      cause: "network_lost",
    },
  ],
  abnormal: [
    {
      userId: "10010",
      experienceId: 5,
      eventTime: 1_764_547_480,
      causes: [{ eventId: 2005, peerId: "10086" }],
    },
  ],
  quality: [
    {
      userId: "10086",
      metrics: { rtt: { p50: 90, p90: 880, p99: 940, max: 949, samples: 150 } },
      rttBeforeEndMs: 900,
    },
  ],
  verdict: {
    kind: "event",
    userId: "10086",
    cause: "network_lost",
    eventId: 1003,
    paramOne: 0,
    secondsBeforeEnd: 12,
    callResult: "interrupt",
    rttBeforeMs: 900,
  },
  gaps: [],
};

describe("diagnosis blocks", () => {
  it.each([
    {
      lang: "en" as const,
      line: "10086's network dropped (event 1003) 12 s before the call was interrupted; RTT 900 ms before it.",
    },
    {
      lang: "zh" as const,
      line: "通话中断前 12秒，10086 网络断开（事件 1003）；此前 RTT 900 毫秒。",
    },
  ])("the verdict in one line ($lang)", ({ lang, line }) => {
    expect(verdictLine(base.verdict, lang)).toBe(line);
  });

  it.each([
    { verdict: { kind: "no_room", callResult: "cancel" } as const, en: /no room for this call/ },
    { verdict: { kind: "nothing_found", callResult: "normal_end" } as const, en: /nothing wrong/ },
    {
      verdict: {
        kind: "high_rtt",
        userId: "a",
        rttBeforeMs: 712.4,
        callResult: "interrupt",
      } as const,
      en: /RTT was 712 ms/,
    },
    {
      verdict: { kind: "abnormal", userId: "a", experienceId: 9, callResult: "interrupt" } as const,
      en: /experience 9/,
    },
  ])("names $verdict.kind", ({ verdict, en }) => {
    expect(verdictLine(verdict, "en")).toMatch(en);
    expect(verdictLine(verdict, "zh").length).toBeGreaterThan(5);
  });

  it("stays inside Slack's limits with many long participants and events", () => {
    const many: Diagnosis = {
      ...base,
      participants: Array.from({ length: 60 }, (_, i) => ({
        userId: `${"u".repeat(200)}${i}`,
        entered: i % 2 === 0,
        device: "d".repeat(300),
      })),
      events: Array.from({ length: 500 }, (_, i) => ({
        ...base.events[0]!,
        userId: `${"e".repeat(100)}${i}`,
      })),
      quality: Array.from({ length: 60 }, (_, i) => ({
        ...base.quality[0]!,
        userId: `${"q".repeat(100)}${i}`,
      })),
    };
    const blocks = diagnosisBlocks(
      { state: "ready", diagnosis: many },
      { lang: "en", timeZone: "Asia/Shanghai" },
    );
    for (const block of blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? "";
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    const message = renderDiagnosisFollowUp(
      Array.from({ length: 3 }, (_, i) => ({
        callId: `${base.callId}${i}`,
        view: { state: "ready" as const, diagnosis: many },
      })),
      { lang: "zh", timeZone: "UTC" },
    );
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks).length).toBeLessThan(13_000);
  });

  it("escapes vendor strings", () => {
    const evil: Diagnosis = {
      ...base,
      participants: [{ userId: "<!channel>", entered: true, device: "*bold* <http://x|y>" }],
    };
    const text = JSON.stringify(
      diagnosisBlocks({ state: "ready", diagnosis: evil }, { lang: "en", timeZone: "UTC" }),
    );
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<http://x|y>");
  });

  it.each([
    {
      view: { state: "unconfigured" } as const,
      en: "TRTC_CLOUD_SECRET_ID",
      zh: "TRTC 云 API 密钥",
    },
    { view: { state: "pending" } as const, en: "Asking TRTC why", zh: "正在向 TRTC 查询原因" },
    {
      view: {
        state: "failed",
        kind: "package_required",
        code: "FailedOperation.X",
        requestId: "req-1",
      } as const,
      en: "Monitoring Dashboard",
      zh: "监控仪表盘",
    },
  ])("says $view.state in both languages", ({ view, en, zh }) => {
    expect(JSON.stringify(diagnosisBlocks(view, { lang: "en", timeZone: "UTC" }))).toContain(en);
    expect(JSON.stringify(diagnosisBlocks(view, { lang: "zh", timeZone: "UTC" }))).toContain(zh);
  });
});
