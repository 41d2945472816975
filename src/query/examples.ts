import type { Lang } from "./types.js";

export { VOCABULARY } from "./vocabulary.js";

/** Example commands for help and error messages; each one parses (see test/query/examples.test.ts). */
export const EXAMPLES: Record<Lang, string[]> = {
  en: [
    "failed video calls last 2 hours",
    "rejected group calls yesterday",
    "calls from 10086 since 9am",
    "missed calls this morning",
    "interrupted calls between 2pm and 3pm",
    "digest on at 09:00",
  ],
  zh: [
    "昨天 拒接",
    "最近30分钟 中断的通话",
    "今天上午 视频 未接听",
    "主叫 10086 从昨天18点到现在",
    "周一 群组 失败",
    "日报 开启 9点",
  ],
};
