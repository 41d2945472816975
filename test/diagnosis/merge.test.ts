import { describe, expect, it } from "vitest";
import { combineVerdicts } from "../../src/diagnosis/merge.js";
import type { ClientEvent, Verdict } from "../../src/diagnosis/model.js";
import type { CallTimeline, Verdict as TimelineVerdict } from "../../src/report/call-timeline.js";

/** TRTC's verdict merged with the webhook timeline's: one verdict, TRTC's distance to the moment. */

const T = 1_764_748_800_000;
const timeline = (verdict: TimelineVerdict): CallTimeline => ({
  callId: "c-1",
  startMs: T,
  ended: true,
  participants: [
    { userId: "10010", role: "caller", steps: [{ action: "started", atMs: T, word: "s" }] },
    {
      userId: "10086",
      role: "callee",
      steps: [
        { action: "answered", atMs: T + 3000, word: "Accept" },
        { action: "offline", atMs: T + 20_000, word: "Offline" },
      ],
    },
  ],
  verdict,
});
const offline: TimelineVerdict = {
  kind: "offline_after_answer",
  userId: "10086",
  role: "callee",
  seconds: 17,
};
const networkLost: Verdict = {
  kind: "event",
  userId: "10086",
  cause: "network_lost",
  eventId: 1003,
  paramOne: 0,
  secondsBeforeEnd: 14,
  callResult: "offline",
  rttBeforeMs: 900,
};
const event: ClientEvent = {
  userId: "10086",
  peerId: "",
  timeMs: T + 8000,
  eventId: 1003,
  paramOne: 0,
  paramTwo: 0,
  cause: "network_lost",
};
const highRtt: Verdict = { kind: "high_rtt", userId: "10086", rttBeforeMs: 900, callResult: "x" };

describe("combineVerdicts", () => {
  it.each<[string, TimelineVerdict, Verdict, ClientEvent[], unknown]>([
    [
      "offline, TRTC's event 12 s before",
      offline,
      networkLost,
      [event],
      { timeline: offline, trtc: networkLost, trtcSecondsBefore: 12 },
    ],
    [
      "the event not among the events: no distance",
      offline,
      networkLost,
      [],
      { timeline: offline, trtc: networkLost },
    ],
    ["a high RTT", offline, highRtt, [], { timeline: offline, trtc: highRtt }],
    [
      "TRTC found nothing: the timeline's verdict alone",
      offline,
      { kind: "nothing_found", callResult: "offline" },
      [],
      { timeline: offline },
    ],
    [
      "no room: the timeline's verdict alone",
      offline,
      { kind: "no_room", callResult: "offline" },
      [],
      { timeline: offline },
    ],
    ["the timeline says nothing: no merge", { kind: "ended" }, networkLost, [event], undefined],
    ["a call in progress: no merge", { kind: "in_progress" }, networkLost, [event], undefined],
    [
      "an event after the moment counts as 0 s before",
      offline,
      networkLost,
      [{ ...event, timeMs: T + 25_000 }],
      { timeline: offline, trtc: networkLost, trtcSecondsBefore: 0 },
    ],
  ])("%s", (_name, verdict, trtc, events, expected) => {
    expect(combineVerdicts(timeline(verdict), { verdict: trtc, events })).toEqual(expected);
  });
});
