import {
  type Expectation,
  FAILED,
  type Row,
  UNCONNECTED,
  type WindowExpectation,
} from "./table.js";

type Zoned = { sh: Expectation; la: Expectation };

/**
 * The issue-12 corpus: phrases as on-call engineers type them, each with the window or question
 * a person expects. `now` is Wed 25 Nov 2026 14:30 in Shanghai = Tue 24 Nov 22:30 in Los Angeles;
 * windows are computed by the test's own wall-clock helpers (test/query/zoned.ts), never by the
 * parser. Both zones run every row.
 */

// 1 day and 12 hours before now (06:30Z): no DST change near, so the same instant in both zones.
const DAY_AND_A_HALF = { iso: "2026-11-23T18:30:00Z" };
const DAY_AND_TWO_HOURS = { iso: "2026-11-24T04:30:00Z" };
const yesterday: WindowExpectation = { start: [-1, "00:00"], end: [0, "00:00"] };
const monday: Zoned = {
  sh: { start: [-2, "00:00"], end: [-1, "00:00"] },
  la: { start: [-1, "00:00"], end: [0, "00:00"] },
};
const tuesday: Zoned = {
  sh: { start: [-1, "00:00"], end: [0, "00:00"] },
  la: { start: [0, "00:00"], end: "now" },
};
const lastSunday: Zoned = {
  sh: { start: [-3, "00:00"], end: [-2, "00:00"] },
  la: { start: [-2, "00:00"], end: [-1, "00:00"] },
};
const lastSaturday: Zoned = {
  sh: { start: [-4, "00:00"], end: [-3, "00:00"] },
  la: { start: [-3, "00:00"], end: [-2, "00:00"] },
};
// Tue 17 Nov: too old in Shanghai (its day ends before the 7 days), clamped in Los Angeles.
const lastTuesday: Zoned = {
  sh: { error: /older than 7 days|早于7天前/ },
  la: { start: "min", requested: [-7, "00:00"], end: [-6, "00:00"] },
};
const nov24: Zoned = {
  sh: { start: [-1, "00:00"], end: [0, "00:00"] },
  la: { start: [0, "00:00"], end: "now" },
};
const untilNine: WindowExpectation = { start: [0, "00:00"], end: [0, "09:00"] };
const nineToEleven: WindowExpectation = { start: [0, "09:00"], end: [0, "11:00"] };
const sinceYesterday: WindowExpectation = { start: [-1, "00:00"], end: "now" };
const sinceMonday: Zoned = {
  sh: { start: [-2, "00:00"], end: "now" },
  la: { start: [-1, "00:00"], end: "now" },
};
const d = (
  start: WindowExpectation["start"],
  end: WindowExpectation["end"],
): WindowExpectation => ({
  start,
  end,
});

export const CORPUS_ROWS: Row[] = [
  // Durations, English: compound, decimal, words, abbreviations.
  ["last 3h30m", d("-210m", "now")],
  ["last 3h 30m", d("-210m", "now")],
  ["last 3 h 30 min", d("-210m", "now")],
  ["last 3 hours 30", d("-210m", "now")],
  ["last 1h 15m", d("-75m", "now")],
  ["last 1h15", d("-75m", "now")],
  ["1h15m", d("-75m", "now")],
  ["past 1 hour 15 minutes", d("-75m", "now")],
  ["last 2 hours and 30 minutes", d("-150m", "now")],
  ["last 2 hours, 30 minutes", d("-150m", "now")],
  ["an hour and a half", d("-90m", "now")],
  ["last one and a half hours", d("-90m", "now")],
  ["last 1.5 hours", d("-90m", "now")],
  ["last 1.5h", d("-90m", "now")],
  ["last .5 hours", d("-30m", "now")],
  ["2.5h", d("-150m", "now")],
  ["90m", d("-90m", "now")],
  ["90 min", d("-90m", "now")],
  ["90 mins", d("-90m", "now")],
  ["in the last 90 min", d("-90m", "now")],
  ["within 90 minutes", d("-90m", "now")],
  ["45 minutes", d("-45m", "now")],
  ["last 45 mins", d("-45m", "now")],
  ["last 10 min", d("-10m", "now")],
  ["last twenty minutes", d("-20m", "now")],
  ["last fifteen minutes", d("-15m", "now")],
  ["last ninety minutes", d("-90m", "now")],
  ["last six hours", d("-6h", "now")],
  ["last 12 hrs", d("-12h", "now")],
  ["last 3 hr", d("-3h", "now")],
  ["last 1 hour", d("-1h", "now")],
  ["past hour", d("-1h", "now")],
  ["last minute", d("-1m", "now")],
  ["half an hour", d("-30m", "now")],
  ["half hour", d("-30m", "now")],
  ["last half hour", d("-30m", "now")],
  ["past half an hour", d("-30m", "now")],
  ["within the last 2 hours", d("-2h", "now")],
  ["over the past 3 hours", d("-3h", "now")],
  ["for the last 2 hours", d("-2h", "now")],
  ["during the last 30 minutes", d("-30m", "now")],
  ["last couple of hours", d("-2h", "now")],
  ["48h", d("-48h", "now")],
  ["last 72 hours", d("-72h", "now")],
  ["last 36h", d("-36h", "now")],
  ["last 2 days", d("-2d", "now")],
  ["last 2d", d("-2d", "now")],
  ["1d", d("-1d", "now")],
  ["half a day", d("-12h", "now")],
  ["last 1.5 days", { start: DAY_AND_A_HALF, end: "now" }],
  ["a day and a half", { start: DAY_AND_A_HALF, end: "now" }],
  ["last 1 day 2 hours", { start: DAY_AND_TWO_HOURS, end: "now" }],
  ["1w", d("min", "now")],
  ["last 3 weeks", { start: "min", requested: "-21d", end: "now" }],
  ["last 2 wks", { start: "min", requested: "-14d", end: "now" }],
  ["last fortnight", { start: "min", requested: "-14d", end: "now" }],
  ["2 hours ago", d("-150m", "-90m")],
  ["3h30m ago", d("-240m", "-180m")],
  ["1 hour and 30 minutes ago", d("-120m", "-60m")],
  ["since 2h ago", d("-2h", "now")],
  ["since 1h 30m ago", d("-90m", "now")],
  [
    "群呼 失败 last 3h30m",
    { start: "-210m", end: "now", filter: { results: FAILED, callTypes: ["group"] } },
  ],
  // Durations, Chinese.
  ["一个半小时内", d("-90m", "now")],
  ["最近一个半小时", d("-90m", "now")],
  ["最近两小时十五分", d("-135m", "now")],
  ["过去两小时十五分钟", d("-135m", "now")],
  ["两小时十五分钟内", d("-135m", "now")],
  ["最近1小时30分钟", d("-90m", "now")],
  ["最近1小时30分", d("-90m", "now")],
  ["过去3个小时", d("-3h", "now")],
  ["最近三个钟头", d("-3h", "now")],
  ["最近半小时", d("-30m", "now")],
  ["最近两个半小时", d("-150m", "now")],
  ["最近1.5小时", d("-90m", "now")],
  ["最近45分钟", d("-45m", "now")],
  ["最近十分钟", d("-10m", "now")],
  ["过去二十四小时", d("-24h", "now")],
  ["最近一小时", d("-1h", "now")],
  ["近一小时", d("-1h", "now")],
  ["2 小时内", d("-2h", "now")],
  ["最近两天", d("-2d", "now")],
  ["最近3日", d("-3d", "now")],
  ["三天内", d("-3d", "now")],
  ["最近一天半", { start: DAY_AND_A_HALF, end: "now" }],
  ["最近半天", d("-12h", "now")],
  ["过去一周", d("min", "now")],
  ["两小时前", d("-150m", "-90m")],
  ["一个半小时前", d("-120m", "-60m")],
  ["三小时前以来", d("-3h", "now")],
  // Zero and negative durations are refused with a reason.
  ["last 0 hours", { error: /zero length/ }],
  ["last 0m", { error: /zero length/ }],
  ["0h", { error: /zero length/ }],
  ["last 0 days", { error: /zero length/ }],
  ["last -2 hours", { error: /negative duration/ }],
  ["-3h", { error: /negative duration/ }],
  ["最近0小时", { error: /零长度/ }],
  ["最近-2小时", { error: /负的时长/ }],
  ["0分钟内", { error: /零长度/ }],
  // Since / until / from.
  ["从早上8点", { start: [0, "08:00"], end: "now" }],
  ["从8点", { start: [0, "08:00"], end: "now" }],
  ["自9点", { start: [0, "09:00"], end: "now" }],
  ["自从昨天", sinceYesterday],
  ["自昨天", sinceYesterday],
  ["从昨天", sinceYesterday],
  ["from yesterday", sinceYesterday],
  ["from 9am", { start: [0, "09:00"], end: "now" }],
  ["from monday", sinceMonday],
  ["从周一", sinceMonday],
  ["until 9am", untilNine],
  ["till 9am", untilNine],
  ["up to 9am", untilNine],
  ["before 9am", untilNine],
  ["9点之前", untilNine],
  ["9点以前", untilNine],
  ["到9点", untilNine],
  ["截至9点", untilNine],
  [
    "until 3pm",
    {
      sh: { start: [-1, "00:00"], end: [-1, "15:00"], note: /15:00 today is still ahead/ },
      la: { start: [0, "00:00"], end: [0, "15:00"] },
    },
  ],
  [
    "到下午3点",
    {
      sh: { start: [-1, "00:00"], end: [-1, "15:00"], note: /今天15:00还没到/ },
      la: { start: [0, "00:00"], end: [0, "15:00"] },
    },
  ],
  ["from 9am to 11am", nineToEleven],
  ["from 9am until 11am", nineToEleven],
  ["since 9am until 11am", nineToEleven],
  ["between 9am and 11am", nineToEleven],
  ["从9点到11点", nineToEleven],
  ["9点至11点", nineToEleven],
  ["yesterday 9am to 11am", { start: [-1, "09:00"], end: [-1, "11:00"] }],
  [
    "from monday to tuesday",
    {
      sh: { start: [-2, "00:00"], end: [0, "00:00"] },
      la: { start: [-1, "00:00"], end: "now" },
    },
  ],
  [
    "从周一到周二",
    {
      sh: { start: [-2, "00:00"], end: [0, "00:00"] },
      la: { start: [-1, "00:00"], end: "now" },
    },
  ],
  ["从昨天到今天", sinceYesterday],
  ["from yesterday to today", sinceYesterday],
  // Dates: fixed when only one order is a date, refused with a date-shaped reason when none is.
  ["11/24", nov24],
  ["24/11", nov24],
  ["11/24/2026", nov24],
  ["24/11/2026", nov24],
  ["2026/11/24", nov24],
  ["2026.11.24", nov24],
  ["11月24号", nov24],
  ["十一月二十四日", nov24],
  ["2026年11月24日", nov24],
  ["11/24 2pm", { start: ["2026-11-24", "13:30"], end: ["2026-11-24", "14:30"] }],
  ["25/11", { sh: { start: [0, "00:00"], end: "now" }, la: { error: /future/ } }],
  [
    "11/20",
    {
      sh: { start: [-5, "00:00"], end: [-4, "00:00"] },
      la: { start: [-4, "00:00"], end: [-3, "00:00"] },
    },
  ],
  ["12/11", { error: /"12\/11" read as 12 Nov \(11 Dec is still ahead\)/ }],
  ["11/12", { error: /older than 7 days.*"11\/12" read as 12 Nov \(11 Dec is still ahead\)/ }],
  ["2026-02-30", { error: /"2026-02-30" is not a date: February has no 30th/ }],
  ["2026-13-01", { error: /there is no month 13/ }],
  ["13/13", { error: /"13\/13" is not a date: there is no month 13/ }],
  ["11/31", { error: /November has no 31st/ }],
  ["31/11", { error: /November has no 31st/ }],
  ["feb 30", { error: /February has no 30th/ }],
  ["30 feb", { error: /February has no 30th/ }],
  ["april 31", { error: /April has no 31st/ }],
  ["calls on 2026-04-31", { error: /April has no 31st/ }],
  ["2月30日", { error: /“2月30日”不是日期：2月没有30日/ }],
  ["2026年2月29日", { error: /2026年2月没有29日/ }],
  ["13月1日", { error: /没有13月/ }],
  ["11.24", nov24],
  ["11.31", { error: /November has no 31st/ }],
  ["1.5 hours", d("-90m", "now")],
  // Weekdays: one table for both languages.
  ["tuesday", tuesday],
  ["周二", tuesday],
  ["星期二", tuesday],
  ["礼拜二", tuesday],
  ["on monday", monday],
  ["this monday", monday],
  ["这周一", monday],
  ["本周一", monday],
  ["past monday", monday],
  ["last sunday", lastSunday],
  ["上周日", lastSunday],
  ["上个星期天", lastSunday],
  ["last saturday", lastSaturday],
  ["上周六", lastSaturday],
  ["last tuesday", lastTuesday],
  ["上周二", lastTuesday],
  ["上上周日", { error: /早于7天前/ }],
  [
    "monday afternoon",
    {
      sh: { start: [-2, "12:00"], end: [-2, "18:00"] },
      la: { start: [-1, "12:00"], end: [-1, "18:00"] },
    },
  ],
  [
    "周一下午",
    {
      sh: { start: [-2, "12:00"], end: [-2, "18:00"] },
      la: { start: [-1, "12:00"], end: [-1, "18:00"] },
    },
  ],
  // Bare hours between two ends (chrono reads neither).
  ["calls between 9 and 10", { start: [0, "09:00"], end: [0, "10:00"] }],
  ["yesterday between 2 and 4pm", { start: [-1, "14:00"], end: [-1, "16:00"] }],
  ["between 11am and 1", { start: [0, "11:00"], end: [0, "13:00"] }],
  // Results with multi-word synonyms, both languages.
  ["cut off calls today", { start: [0, "00:00"], end: "now", filter: { results: ["interrupt"] } }],
  ["got cut off yesterday", { ...yesterday, filter: { results: ["interrupt"] } }],
  ["cut  off calls yesterday", { ...yesterday, filter: { results: ["interrupt"] } }],
  ["dropped calls yesterday", { ...yesterday, filter: { results: ["interrupt"] } }],
  [
    "disconnected calls last hour",
    { start: "-1h", end: "now", filter: { results: ["interrupt"] } },
  ],
  ["no answer calls yesterday", { ...yesterday, filter: { results: ["not_answer"] } }],
  [
    "nobody answered last 2 hours",
    { start: "-2h", end: "now", filter: { results: ["not_answer"] } },
  ],
  ["calls nobody picked up yesterday", { ...yesterday, filter: { results: ["not_answer"] } }],
  ["didn't answer yesterday", { ...yesterday, filter: { results: ["not_answer"] } }],
  ["didn't connect yesterday", { ...yesterday, filter: { results: UNCONNECTED } }],
  ["did not connect yesterday", { ...yesterday, filter: { results: UNCONNECTED } }],
  ["calls that never connected yesterday", { ...yesterday, filter: { results: UNCONNECTED } }],
  ["declined calls yesterday", { ...yesterday, filter: { results: ["reject"] } }],
  ["refused calls yesterday", { ...yesterday, filter: { results: ["reject"] } }],
  ["engaged calls yesterday", { ...yesterday, filter: { results: ["call_busy"] } }],
  ["unreachable calls yesterday", { ...yesterday, filter: { results: ["offline"] } }],
  ["abandoned calls yesterday", { ...yesterday, filter: { results: ["cancel"] } }],
  ["gave up yesterday", { ...yesterday, filter: { results: ["cancel"] } }],
  ["没接 今天", { start: [0, "00:00"], end: "now", filter: { results: ["not_answer"] } }],
  ["没人接 昨天", { ...yesterday, filter: { results: ["not_answer"] } }],
  ["没人接听 昨天", { ...yesterday, filter: { results: ["not_answer"] } }],
  ["打不通 最近2小时", { start: "-2h", end: "now", filter: { results: UNCONNECTED } }],
  ["没接通 昨天", { ...yesterday, filter: { results: UNCONNECTED } }],
  ["未接通 昨天", { ...yesterday, filter: { results: UNCONNECTED } }],
  ["断线 昨天", { ...yesterday, filter: { results: ["interrupt"] } }],
  ["断开 昨天", { ...yesterday, filter: { results: ["interrupt"] } }],
  ["被拒 昨天", { ...yesterday, filter: { results: ["reject"] } }],
  ["占线 昨天", { ...yesterday, filter: { results: ["call_busy"] } }],
  ["关机 昨天", { ...yesterday, filter: { results: ["offline"] } }],
  ["不在线 昨天", { ...yesterday, filter: { results: ["offline"] } }],
  ["已取消 昨天", { ...yesterday, filter: { results: ["cancel"] } }],
  ["calls where nobody answered yesterday", { ...yesterday, filter: { results: ["not_answer"] } }],
  ["calls that got dropped yesterday", { ...yesterday, filter: { results: ["interrupt"] } }],
  ["没有接通的通话 昨天", { ...yesterday, filter: { results: UNCONNECTED } }],
  ["没有人接 昨天", { ...yesterday, filter: { results: ["not_answer"] } }],
  ["无人接 昨天", { ...yesterday, filter: { results: ["not_answer"] } }],
  [
    "cut off 视频 最近一个半小时",
    { start: "-90m", end: "now", filter: { results: ["interrupt"], mediaTypes: ["video"] } },
  ],
  // Typos get suggestions in both languages.
  ["视屏 今天", { error: /“视屏”/, unknown: ["视屏"], suggestion: ["视屏", "视频"] }],
  ["昨天 视屏通话", { error: /“视屏”/, unknown: ["视屏"], suggestion: ["视屏", "视频"] }],
  ["拒节 昨天", { error: /拒接/, unknown: ["拒节"], suggestion: ["拒节", "拒接"] }],
  ["mised calls", { error: /"missed"/, unknown: ["mised"], suggestion: ["mised", "missed"] }],
  [
    "interupted calls",
    { error: /"interrupted"/, unknown: ["interupted"], suggestion: ["interupted", "interrupted"] },
  ],
  ["yesterdy calls", { error: /"yesterday"/, suggestion: ["yesterdy", "yesterday"] }],
];

/** Phrases with more than one reading: each must come back as a question with its readings. */
export const QUESTION_ROWS: Row[] = [
  ...[
    "between 5pm and 3pm",
    "from 5pm to 3pm",
    "5pm-3pm",
    "17:00-15:00",
    "下午5点到下午3点",
    "17点到15点",
  ].map(
    (phrase): Row => [
      phrase,
      {
        sh: {
          question: /more than one way|有几种理解/,
          readings: [
            [
              [-2, "17:00"],
              [-1, "15:00"],
            ],
            [
              [-1, "15:00"],
              [-1, "17:00"],
            ],
          ],
        },
        la: {
          question: /more than one way|有几种理解/,
          readings: [
            [
              [-1, "17:00"],
              [0, "15:00"],
            ],
            [
              [0, "15:00"],
              [0, "17:00"],
            ],
          ],
        },
      },
    ],
  ),
  [
    "yesterday 5pm to 3pm",
    {
      question: /"yesterday 5pm to 3pm" can be read more than one way/,
      readings: [
        [
          [-2, "17:00"],
          [-1, "15:00"],
        ],
        [
          [-1, "15:00"],
          [-1, "17:00"],
        ],
      ],
    },
  ],
  [
    "from 10pm to 2am",
    {
      sh: {
        question: /more than one way/,
        readings: [
          [
            [-1, "22:00"],
            [0, "02:00"],
          ],
          [[0, "02:00"], "now"],
        ],
      },
      la: {
        question: /more than one way/,
        readings: [
          [
            [-1, "22:00"],
            [0, "02:00"],
          ],
          [
            [0, "02:00"],
            [0, "22:00"],
          ],
        ],
      },
    },
  ],
  [
    "晚上10点到凌晨2点",
    {
      sh: {
        question: /有几种理解/,
        readings: [
          [
            [-1, "22:00"],
            [0, "02:00"],
          ],
          [[0, "02:00"], "now"],
        ],
      },
      la: {
        question: /有几种理解/,
        readings: [
          [
            [-1, "22:00"],
            [0, "02:00"],
          ],
          [
            [0, "02:00"],
            [0, "22:00"],
          ],
        ],
      },
    },
  ],
  [
    "from wednesday to monday",
    {
      // Shanghai's Wednesday is today, so the range runs backwards: last week's Wednesday, or
      // the two swapped. In Los Angeles the most recent Wednesday is last week's: exact.
      sh: {
        question: /more than one way/,
        readings: [
          ["min", [-1, "00:00"]],
          [[-2, "00:00"], "now"],
        ],
      },
      la: { start: [-6, "00:00"], end: [0, "00:00"] },
    },
  ],
  // Day/month order when both are dates (and neither is still ahead).
  ...(
    [
      ["3/4", "2026-03-04", "2026-03-05", "2026-04-03", "2026-04-04"],
      ["10/11", "2026-10-11", "2026-10-12", "2026-11-10", "2026-11-11"],
      ["1/2", "2026-01-02", "2026-01-03", "2026-02-01", "2026-02-02"],
      ["5/6/2026", "2026-05-06", "2026-05-07", "2026-06-05", "2026-06-06"],
    ] as const
  ).map(
    ([phrase, a, b, c, e]): Row => [
      phrase,
      {
        question: /can be read more than one way: \(1\) \d+ \w+; \(2\) \d+ \w+/,
        readings: [
          [
            [a, "00:00"],
            [b, "00:00"],
          ],
          [
            [c, "00:00"],
            [e, "00:00"],
          ],
        ],
      },
    ],
  ),
  [
    "4/3 的通话",
    {
      question: /“4\/3” 有几种理解：\(1\) 4月3日；\(2\) 3月4日/,
      readings: [
        [
          ["2026-04-03", "00:00"],
          ["2026-04-04", "00:00"],
        ],
        [
          ["2026-03-04", "00:00"],
          ["2026-03-05", "00:00"],
        ],
      ],
    },
  ],
  // Words with two readings.
  [
    "hung up calls yesterday",
    {
      question:
        /"hung up" can be read more than one way: \(1\) cancelled calls; \(2\) rejected calls/,
      readings: [
        [[-1, "00:00"], [0, "00:00"], ["cancel"]],
        [[-1, "00:00"], [0, "00:00"], ["reject"]],
      ],
    },
  ],
  [
    "hang up video calls last 2 hours",
    {
      question: /"hang up"/,
      readings: [
        ["-2h", "now", ["cancel"]],
        ["-2h", "now", ["reject"]],
      ],
    },
  ],
  [
    "挂断 昨天",
    {
      question: /“挂断” 有几种理解：\(1\) 取消通话；\(2\) 拒接通话/,
      readings: [
        [[-1, "00:00"], [0, "00:00"], ["cancel"]],
        [[-1, "00:00"], [0, "00:00"], ["reject"]],
      ],
    },
  ],
  [
    "被挂断 的视频通话 今天",
    {
      question: /“被挂断”/,
      readings: [
        [[0, "00:00"], "now", ["cancel"]],
        [[0, "00:00"], "now", ["reject"]],
      ],
    },
  ],
];
