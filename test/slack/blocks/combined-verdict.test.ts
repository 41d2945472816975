import { describe, expect, it } from "vitest";
import { combineVerdicts } from "../../../src/diagnosis/merge.js";
import type { Diagnosis } from "../../../src/diagnosis/model.js";
import type { LookupResult } from "../../../src/records/types.js";
import type { CallTimeline } from "../../../src/report/call-timeline.js";
import { renderDiagnosisFollowUp, verdictLine } from "../../../src/slack/blocks/diagnosis.js";
import { limitViolations } from "../../../src/slack/blocks/limits.js";
import { renderLookup } from "../../../src/slack/blocks/lookup.js";
import { combinedVerdictText } from "../../../src/slack/blocks/timeline.js";
import { allText, record } from "./fixtures.js";

/**
 * Call details with both the webhook timeline and TRTC's diagnosis show one verdict (issue 18
 * item 2): the timeline's fact, then TRTC's cause and how long before it came, in each language.
 */

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

const timeline: CallTimeline = {
  callId: base.callId,
  startMs: base.callStart * 1000,
  ended: true,
  participants: [
    {
      userId: "10010",
      role: "caller",
      steps: [{ action: "started", atMs: base.callStart * 1000, word: "s" }],
    },
    {
      userId: "10086",
      role: "callee",
      steps: [
        { action: "answered", atMs: 1_764_547_205_000, word: "Accept" },
        { action: "offline", atMs: 1_764_547_492_000, word: "Offline" },
      ],
    },
  ],
  verdict: { kind: "offline_after_answer", userId: "10086", role: "callee", seconds: 287 },
};
const call = record({ callId: base.callId, startCallTs: base.callStart, callResult: "interrupt" });

describe("one verdict in call details", () => {
  it.each([
    [
      "en",
      "callee 10086 went offline 4 min 47 s after answering: heartbeat lost; TRTC: network dropped (event 1003) 4 s before; RTT 900 ms",
    ],
    [
      "zh",
      "被叫 10086 在接听 4分47秒 后掉线：心跳丢失；TRTC：网络断开（事件 1003），早 4秒；RTT 900 毫秒",
    ],
  ] as const)("%s: the timeline's fact and TRTC's cause in one line", (lang, line) => {
    const result: LookupResult = { found: [{ record: call, around: [], timeline }], notFound: [] };
    const diagnoses = new Map([[call.callId, { state: "ready" as const, diagnosis: base }]]);
    const message = renderLookup(result, { timeZone: "UTC", lang, diagnoses });
    const text = allText(message.blocks);
    expect(limitViolations(message)).toEqual([]);
    expect(text).toContain(line);
    expect(text.split(line)).toHaveLength(2);
    expect(text).not.toContain(verdictLine(base.verdict, lang));
  });

  it("without a timeline the diagnosis keeps its own verdict", () => {
    const result: LookupResult = { found: [{ record: call, around: [] }], notFound: [] };
    const diagnoses = new Map([[call.callId, { state: "ready" as const, diagnosis: base }]]);
    const text = allText(renderLookup(result, { timeZone: "UTC", lang: "en", diagnoses }).blocks);
    expect(text).toContain(verdictLine(base.verdict, "en"));
    expect(text).not.toContain("TRTC: network dropped");
  });

  it("TRTC finding nothing leaves the timeline's verdict alone, once", () => {
    const result: LookupResult = { found: [{ record: call, around: [], timeline }], notFound: [] };
    const nothing: Diagnosis = {
      ...base,
      verdict: { kind: "nothing_found", callResult: "interrupt" },
    };
    const diagnoses = new Map([[call.callId, { state: "ready" as const, diagnosis: nothing }]]);
    const text = allText(renderLookup(result, { timeZone: "UTC", lang: "en", diagnoses }).blocks);
    expect(text).toContain("after answering: heartbeat lost\n");
    expect(text).not.toContain(verdictLine(nothing.verdict, "en"));
  });

  it("a late diagnosis follows with the merged verdict, not TRTC's alone", () => {
    const merged = combineVerdicts(timeline, base);
    expect(merged).toBeDefined();
    const line = combinedVerdictText(merged as NonNullable<typeof merged>, timeline, "en");
    const message = renderDiagnosisFollowUp(
      [{ callId: call.callId, view: { state: "ready", diagnosis: base }, verdictText: line }],
      { lang: "en", timeZone: "UTC" },
    );
    expect(message.text).toContain(line);
    expect(allText(message.blocks)).toContain(line);
    expect(allText(message.blocks)).not.toContain(verdictLine(base.verdict, "en"));
  });
});
