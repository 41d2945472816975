import { FAILED, type Row } from "./table.js";

/** Chinese phrases (some mixed with English); same `now` as the English table. */
export const ZH_ROWS: Row[] = [
  ["昨天 拒接", { start: [-1, "00:00"], end: [0, "00:00"], filter: { results: ["reject"] } }],
  ["最近30分钟 中断的通话", { start: "-30m", end: "now", filter: { results: ["interrupt"] } }],
  ["最近2小时", { start: "-2h", end: "now" }],
  ["过去30分钟", { start: "-30m", end: "now" }],
  ["最近三天", { start: "-3d", end: "now" }],
  ["最近一周", { start: "min", end: "now" }],
  ["过去24小时", { start: "-24h", end: "now" }],
  ["两小时内 视频", { start: "-2h", end: "now", filter: { mediaTypes: ["video"] } }],
  ["半小时内 未接", { start: "-30m", end: "now", filter: { results: ["not_answer"] } }],
  ["最近十五分钟", { start: "-15m", end: "now" }],
  ["过去一个半小时", { start: "-90m", end: "now" }],
  ["今天", { start: [0, "00:00"], end: "now" }],
  ["昨天", { start: [-1, "00:00"], end: [0, "00:00"] }],
  ["前天", { start: [-2, "00:00"], end: [-1, "00:00"] }],
  ["大前天", { start: [-3, "00:00"], end: [-2, "00:00"] }],
  ["本周", { sh: { start: [-2, "00:00"], end: "now" }, la: { start: [-1, "00:00"], end: "now" } }],
  [
    "上周",
    {
      sh: { start: "min", requested: [-9, "00:00"], end: [-2, "00:00"] },
      la: { start: "min", requested: [-8, "00:00"], end: [-1, "00:00"] },
    },
  ],
  ["上周一", { error: /早于7天前/ }],
  [
    "周一",
    {
      sh: { start: [-2, "00:00"], end: [-1, "00:00"] },
      la: { start: [-1, "00:00"], end: [0, "00:00"] },
    },
  ],
  [
    "星期天",
    {
      sh: { start: [-3, "00:00"], end: [-2, "00:00"] },
      la: { start: [-2, "00:00"], end: [-1, "00:00"] },
    },
  ],
  ["这周三", { sh: { start: [0, "00:00"], end: "now" }, la: { error: /将来/ } }],
  [
    "星期二下午",
    {
      sh: { start: [-1, "12:00"], end: [-1, "18:00"] },
      la: { start: [0, "12:00"], end: [0, "18:00"] },
    },
  ],
  ["今天上午", { start: [0, "06:00"], end: [0, "12:00"] }],
  ["今早 视频", { start: [0, "06:00"], end: [0, "12:00"], filter: { mediaTypes: ["video"] } }],
  ["昨晚", { start: [-1, "18:00"], end: [0, "06:00"] }],
  ["昨天夜里", { start: [-1, "18:00"], end: [0, "06:00"] }],
  ["前天晚上", { start: [-2, "18:00"], end: [-1, "00:00"] }],
  [
    "昨天晚上 群组 失败",
    { start: [-1, "18:00"], end: [0, "00:00"], filter: { results: FAILED, callTypes: ["group"] } },
  ],
  ["今晚", { sh: { error: /将来/ }, la: { start: [0, "18:00"], end: "now" } }],
  ["凌晨 掉线", { start: [0, "00:00"], end: [0, "06:00"], filter: { results: ["interrupt"] } }],
  ["中午 拒接", { start: [0, "11:00"], end: [0, "13:00"], filter: { results: ["reject"] } }],
  ["从昨天18点到现在", { start: [-1, "18:00"], end: "now" }],
  ["昨天以来", { start: [-1, "00:00"], end: "now" }],
  [
    "9点以来 主叫 10086",
    { start: [0, "09:00"], end: "now", filter: { users: { caller: ["10086"] } } },
  ],
  ["3小时前以来", { start: "-3h", end: "now" }],
  ["昨天下午3点到5点", { start: [-1, "15:00"], end: [-1, "17:00"] }],
  ["9点到10点", { start: [0, "09:00"], end: [0, "10:00"] }],
  ["3点左右", { start: [0, "02:30"], end: [0, "03:30"] }],
  [
    "下午3点左右",
    {
      sh: { start: [-1, "14:30"], end: [-1, "15:30"] },
      la: { start: [0, "14:30"], end: [0, "15:30"] },
    },
  ],
  ["昨天15点以前", { start: [-1, "00:00"], end: [-1, "15:00"] }],
  [
    "11月24日",
    { sh: { start: [-1, "00:00"], end: [0, "00:00"] }, la: { start: [0, "00:00"], end: "now" } },
  ],
  ["11月24日 14:00", { start: ["2026-11-24", "13:30"], end: ["2026-11-24", "14:30"] }],
  [
    "用户 20261125",
    { start: "-24h", end: "now", defaultWindow: true, filter: { users: { either: ["20261125"] } } },
  ],
  ["房间 7 9点", { start: [0, "08:30"], end: [0, "09:30"], filter: { rooms: ["7"] } }],
  [
    "被叫 10010 视频 今天",
    {
      start: [0, "00:00"],
      end: "now",
      filter: { users: { callee: ["10010"] }, mediaTypes: ["video"] },
    },
  ],
  [
    "一对一 语音 忙线 今天",
    {
      start: [0, "00:00"],
      end: "now",
      filter: { results: ["call_busy"], callTypes: ["single"], mediaTypes: ["audio"] },
    },
  ],
  [
    "群聊 接通 昨天",
    {
      start: [-1, "00:00"],
      end: [0, "00:00"],
      filter: { results: ["normal_end"], callTypes: ["group"] },
    },
  ],
  ["离线 最近1小时", { start: "-1h", end: "now", filter: { results: ["offline"] } }],
  ["取消的通话 最近2小时", { start: "-2h", end: "now", filter: { results: ["cancel"] } }],
  [
    "拒绝 或 未接听 昨天",
    { start: [-1, "00:00"], end: [0, "00:00"], filter: { results: ["reject", "not_answer"] } },
  ],
  [
    "掉线 单聊 过去三小时",
    { start: "-3h", end: "now", filter: { results: ["interrupt"], callTypes: ["single"] } },
  ],
  ["所有通话", { start: "-24h", end: "now", defaultWindow: true }],
  ["最近30天", { start: "min", requested: "-30d", end: "now" }],
  ["最近两周", { start: "min", requested: "-14d", end: "now" }],
  [
    "视频 音频 今天",
    { start: [0, "00:00"], end: "now", filter: { mediaTypes: ["video", "audio"] } },
  ],
  [
    "每页50条 失败 今天",
    { start: [0, "00:00"], end: "now", pageSize: 50, filter: { results: FAILED } },
  ],
  [
    "群呼失败 from 3pm to 5pm yesterday",
    { start: [-1, "15:00"], end: [-1, "17:00"], filter: { results: FAILED, callTypes: ["group"] } },
  ],
  [
    "过去24小时 主叫 alice 被叫 bob",
    { start: "-24h", end: "now", filter: { users: { caller: ["alice"], callee: ["bob"] } } },
  ],
  ["帮助", { kind: "help" }],
  ["明天", { error: /将来/ }],
  ["从明天开始", { error: /将来/ }],
  ["哈哈 昨天", { error: /“哈哈”/, unknown: ["哈哈"] }],
  ["2026年11月1日", { error: /早于7天前/ }],
  ["最近2小时 昨天", { error: /不止一个时间段/ }],
  ["昨天 星期五", { error: /两个不同的日期/ }],
  ["以前", { error: /需要一个时刻/ }],
];
