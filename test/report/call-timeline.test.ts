import { describe, expect, it } from "vitest";
import { readCallbackRequest } from "../../src/callkit/events/request.js";
import type { CallEvent } from "../../src/callkit/events/schemas.js";
import { buildTimeline } from "../../src/report/call-timeline.js";
import { timelineBlocks, verdictText } from "../../src/slack/blocks/timeline.js";

const APP = 1400000001;
const CALL = "c0ffee00-0000-4000-8000-000000000001";
const T = 1_764_590_000_000;

function v4(command: string, body: Record<string, unknown>): CallEvent {
  const query = new URLSearchParams({ SdkAppid: String(APP), CallbackCommand: command });
  const read = readCallbackRequest(
    query,
    JSON.stringify({ CallbackCommand: command, ...body }),
    APP,
  );
  if (!read.ok) throw new Error(read.message);
  return read.event;
}
const start = (at: number, callees: string[]) =>
  v4("Call.CallbackAfterStartCall", {
    CallInfo: { CallId: CALL, CallMediaType: "Audio" },
    UserList: [
      { User_Account: "10010", Status: "Calling" },
      ...callees.map((u) => ({ User_Account: u, Status: "Waiting" })),
    ],
    EventTime: at,
  });
const change = (at: number, user: string, action: string) =>
  v4("Call.CallbackAfterMemberChanged", {
    CallId: CALL,
    UserList: [],
    ChangedUserList: [{ User_Account: user, ActionType: action }],
    EventTime: at,
  });
const end = (at: number, result: string) =>
  v4("Call.CallbackAfterEndCall", {
    CallRecord: {
      CallId: CALL,
      Caller_Account: "10010",
      MediaType: "Audio",
      CallType: "SingleCall",
      StartTime: Math.floor(T / 1000),
      EndTime: Math.floor(at / 1000),
      AcceptTime: 0,
      CallResult: result,
      CalleeList_Account: ["10010", "10086"],
      RoomId: "r",
    },
    EventTime: at,
  });

describe("buildTimeline", () => {
  it.each([
    [
      "heartbeat lost after answering",
      [
        start(T, ["10086"]),
        change(T + 3000, "10086", "Accept"),
        change(T + 7000, "10086", "Offline"),
        end(T + 7100, "Offline"),
      ],
      { kind: "offline_after_answer", userId: "10086", role: "callee", seconds: 4 },
      "callee 10086 went offline 4 s after answering: heartbeat lost",
      "被叫 10086 在接听 4秒 后掉线：心跳丢失",
    ],
    [
      "rejected",
      [start(T, ["10086"]), change(T + 5000, "10086", "Reject"), end(T + 5100, "Reject")],
      { kind: "rejected", userId: "10086", seconds: 5 },
      "callee 10086 rejected the call after 5 s",
      "被叫 10086 在 5秒 后拒接",
    ],
    [
      "no answer",
      [start(T, ["10086"]), change(T + 30000, "10086", "NotAnswer"), end(T + 30000, "NotAnswer")],
      { kind: "no_answer", userId: "10086", seconds: 30 },
      "callee 10086 did not answer (rang for 30 s)",
      "被叫 10086 未接听（响铃 30秒）",
    ],
    [
      "a normal hang-up",
      [
        start(T, ["10086"]),
        change(T + 2000, "10086", "Answer"),
        change(T + 62000, "10010", "Hang Up"),
        end(T + 62000, "NormalEnd"),
      ],
      { kind: "hung_up", userId: "10010", role: "caller", talkSeconds: 60 },
      "caller 10010 hung up after 1 min of talk",
      "主叫 10010 在通话 1分 后挂断",
    ],
    [
      "still going on",
      [start(T, ["10086", "10087"]), change(T + 2000, "10087", "Join")],
      { kind: "in_progress" },
      "no end-of-call event yet: the call may still be going on",
      "尚无通话结束事件：通话可能仍在进行",
    ],
  ])("%s", (_name, events, verdict, en, zh) => {
    const timeline = buildTimeline(events);
    if (!timeline) throw new Error("a timeline");
    expect(timeline.verdict).toEqual(verdict);
    expect(timeline.participants[0]).toMatchObject({ userId: "10010", role: "caller" });
    expect(verdictText(timeline.verdict, timeline, "en")).toBe(en);
    expect(verdictText(timeline.verdict, timeline, "zh")).toBe(zh);
  });

  it("orders steps by time, whatever order the events arrived in, and shows each once", () => {
    const events = [
      change(T + 3000, "10086", "Accept"),
      start(T, ["10086"]),
      change(T + 3000, "10086", "Accept"),
    ];
    const timeline = buildTimeline(events);
    expect(timeline?.participants.map((p) => [p.userId, p.steps.map((s) => s.action)])).toEqual([
      ["10010", ["started"]],
      ["10086", ["invited", "answered"]],
    ]);
  });

  it("no events, no timeline", () => {
    expect(buildTimeline([])).toBeUndefined();
  });

  it("renders in both languages within one section", () => {
    const timeline = buildTimeline([start(T, ["10086"]), change(T + 3000, "10086", "Accept")]);
    if (!timeline) throw new Error("a timeline");
    const en = JSON.stringify(timelineBlocks(timeline, { timeZone: "UTC", lang: "en" }));
    const zh = JSON.stringify(timelineBlocks(timeline, { timeZone: "UTC", lang: "zh" }));
    expect(en).toContain("answered");
    expect(en).toContain("+3s");
    expect(zh).toContain("接听");
    expect(zh).toContain("时间线");
  });
});
