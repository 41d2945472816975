import { FAILED, type Row } from "./table.js";

/** English phrases; `now` is Wed 25 Nov 14:30 in Shanghai = Tue 24 Nov 22:30 in Los Angeles. */
export const EN_ROWS: Row[] = [
  [
    "failed video calls last 2 hours",
    { start: "-2h", end: "now", filter: { results: FAILED, mediaTypes: ["video"] } },
  ],
  [
    "rejected group calls yesterday",
    {
      start: [-1, "00:00"],
      end: [0, "00:00"],
      filter: { results: ["reject"], callTypes: ["group"] },
    },
  ],
  [
    "calls from 10086 since 9am",
    { start: [0, "09:00"], end: "now", filter: { users: { caller: ["10086"] } } },
  ],
  [
    "missed calls this morning",
    { start: [0, "06:00"], end: [0, "12:00"], filter: { results: ["not_answer"] } },
  ],
  ["last 30 minutes", { start: "-30m", end: "now" }],
  ["past 30 minutes", { start: "-30m", end: "now" }],
  ["last 2h", { start: "-2h", end: "now" }],
  ["30m", { start: "-30m", end: "now" }],
  ["24h", { start: "-24h", end: "now" }],
  ["last 3 days", { start: "-3d", end: "now" }],
  ["within 2 hours", { start: "-2h", end: "now" }],
  ["in the last hour", { start: "-1h", end: "now" }],
  ["past day", { start: "-1d", end: "now" }],
  ["past week", { start: "min", end: "now" }],
  ["last 7 days", { start: "min", end: "now" }],
  [
    "this week",
    { sh: { start: [-2, "00:00"], end: "now" }, la: { start: [-1, "00:00"], end: "now" } },
  ],
  [
    "last week",
    {
      sh: { start: "min", requested: [-9, "00:00"], end: [-2, "00:00"] },
      la: { start: "min", requested: [-8, "00:00"], end: [-1, "00:00"] },
    },
  ],
  ["today", { start: [0, "00:00"], end: "now" }],
  ["yesterday", { start: [-1, "00:00"], end: [0, "00:00"] }],
  ["the day before yesterday", { start: [-2, "00:00"], end: [-1, "00:00"] }],
  [
    "monday",
    {
      sh: { start: [-2, "00:00"], end: [-1, "00:00"] },
      la: { start: [-1, "00:00"], end: [0, "00:00"] },
    },
  ],
  // One table for both languages: "last monday" is last week's Monday, as 上周一 is.
  ["last monday", { error: /older than 7 days.*"last monday" is Monday of last week, 16 Nov/ }],
  [
    "tuesday afternoon",
    {
      sh: { start: [-1, "12:00"], end: [-1, "18:00"] },
      la: { start: [0, "12:00"], end: [0, "18:00"] },
    },
  ],
  ["yesterday evening", { start: [-1, "18:00"], end: [0, "00:00"] }],
  [
    "this afternoon",
    { sh: { start: [0, "12:00"], end: "now" }, la: { start: [0, "12:00"], end: [0, "18:00"] } },
  ],
  ["last night", { start: [-1, "18:00"], end: [0, "06:00"] }],
  ["tonight", { sh: { error: /future/ }, la: { start: [0, "18:00"], end: "now" } }],
  [
    "evening",
    { sh: { start: [-1, "18:00"], end: [0, "00:00"] }, la: { start: [0, "18:00"], end: "now" } },
  ],
  ["since yesterday", { start: [-1, "00:00"], end: "now" }],
  ["after 3pm yesterday", { start: [-1, "15:00"], end: "now" }],
  ["before 3pm yesterday", { start: [-1, "00:00"], end: [-1, "15:00"] }],
  [
    "between 2pm and 3pm",
    { sh: { start: [0, "14:00"], end: "now" }, la: { start: [0, "14:00"], end: [0, "15:00"] } },
  ],
  ["from 3pm to 5pm yesterday", { start: [-1, "15:00"], end: [-1, "17:00"] }],
  ["yesterday 3pm-5pm", { start: [-1, "15:00"], end: [-1, "17:00"] }],
  [
    "14:00-15:00",
    { sh: { start: [0, "14:00"], end: "now" }, la: { start: [0, "14:00"], end: [0, "15:00"] } },
  ],
  [
    "at 3pm",
    {
      sh: { start: [-1, "14:30"], end: [-1, "15:30"] },
      la: { start: [0, "14:30"], end: [0, "15:30"] },
    },
  ],
  ["around 9am", { start: [0, "08:30"], end: [0, "09:30"] }],
  ["11/25", { sh: { start: [0, "00:00"], end: "now" }, la: { error: /future/ } }],
  [
    "2026-11-24",
    { sh: { start: [-1, "00:00"], end: [0, "00:00"] }, la: { start: [0, "00:00"], end: "now" } },
  ],
  ["nov 24 2pm", { start: ["2026-11-24", "13:30"], end: ["2026-11-24", "14:30"] }],
  [
    "user 20261125",
    { start: "-24h", end: "now", defaultWindow: true, filter: { users: { either: ["20261125"] } } },
  ],
  ["room 7 at 9", { start: [0, "08:30"], end: [0, "09:30"], filter: { rooms: ["7"] } }],
  [
    "to 10010 video",
    {
      start: "-24h",
      end: "now",
      defaultWindow: true,
      filter: { users: { callee: ["10010"] }, mediaTypes: ["video"] },
    },
  ],
  [
    "caller Alice callee bob yesterday",
    {
      start: [-1, "00:00"],
      end: [0, "00:00"],
      filter: { users: { caller: ["Alice"], callee: ["bob"] } },
    },
  ],
  [
    "busy or offline calls today",
    { start: [0, "00:00"], end: "now", filter: { results: ["call_busy", "offline"] } },
  ],
  [
    "dropped 1:1 audio calls last hour",
    {
      start: "-1h",
      end: "now",
      filter: { results: ["interrupt"], callTypes: ["single"], mediaTypes: ["audio"] },
    },
  ],
  [
    "completed group video calls since monday",
    {
      sh: {
        start: [-2, "00:00"],
        end: "now",
        filter: { results: ["normal_end"], callTypes: ["group"] },
      },
      la: { start: [-1, "00:00"], end: "now", filter: { results: ["normal_end"] } },
    },
  ],
  [
    "unanswered one-to-one calls last 6 hours",
    { start: "-6h", end: "now", filter: { results: ["not_answer"], callTypes: ["single"] } },
  ],
  [
    "cancelled calls in the past 45 minutes",
    { start: "-45m", end: "now", filter: { results: ["cancel"] } },
  ],
  [
    "video audio calls yesterday",
    { start: [-1, "00:00"], end: [0, "00:00"], filter: { mediaTypes: ["video", "audio"] } },
  ],
  [
    "show me all calls",
    { start: "-24h", end: "now", defaultWindow: true, filter: { results: [] } },
  ],
  ["last 2 weeks", { start: "min", requested: "-14d", end: "now" }],
  ["last 30 days", { start: "min", requested: "-30d", end: "now" }],
  [
    "top 50 failed calls today",
    { start: [0, "00:00"], end: "now", pageSize: 50, filter: { results: FAILED } },
  ],
  ["since 2 hours ago", { start: "-2h", end: "now" }],
  [
    "calls with user42 this week",
    {
      sh: { start: [-2, "00:00"], end: "now", filter: { users: { either: ["user42"] } } },
      la: { start: [-1, "00:00"], end: "now" },
    },
  ],
  ["calls from 9 to 10", { start: [0, "09:00"], end: [0, "10:00"] }],
  [
    "calls from 10086 to 10010",
    {
      start: "-24h",
      end: "now",
      defaultWindow: true,
      filter: { users: { caller: ["10086"], callee: ["10010"] } },
    },
  ],
  ["3pm PST", { start: { iso: "2026-11-24T22:30:00Z" }, end: { iso: "2026-11-24T23:30:00Z" } }],
  ["noon yesterday", { start: [-1, "11:30"], end: [-1, "12:30"] }],
  [
    "limit 5 missed calls",
    {
      start: "-24h",
      end: "now",
      defaultWindow: true,
      pageSize: 5,
      filter: { results: ["not_answer"] },
    },
  ],
  [
    "FAILED Video Calls Last 2 Hours",
    { start: "-2h", end: "now", filter: { results: FAILED, mediaTypes: ["video"] } },
  ],
  ["help", { kind: "help" }],
  ["since tomorrow", { error: /future/ }],
  ["tomorrow", { error: /future/ }],
  [
    "rejcted calls yesterday",
    { error: /"rejcted"/, unknown: ["rejcted"], suggestion: ["rejcted", "rejected"] },
  ],
  ["foo bar yesterday", { error: /"foo", "bar"/, unknown: ["foo", "bar"] }],
  ["2026-11-01", { error: /entirely older than 7 days/ }],
  ["last 2 hours yesterday", { error: /more than one time window/ }],
  ["yesterday friday", { error: /two different days/ }],
  ["before yesterday", { error: /needs a clock time/ }],
  ["since", { error: /needs a clock time/ }],
];
