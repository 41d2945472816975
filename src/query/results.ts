import type { CallType, MediaType } from "../callkit/schemas.js";
import type { Lang } from "./types.js";

/** How results, call types and media read in a reply. Unknown results are shown as they are. */

const RESULT_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    cancel: "cancelled",
    reject: "rejected",
    not_answer: "missed",
    normal_end: "completed",
    call_busy: "busy",
    interrupt: "interrupted",
    offline: "offline",
  },
  zh: {
    cancel: "取消",
    reject: "拒接",
    not_answer: "未接听",
    normal_end: "正常结束",
    call_busy: "忙线",
    interrupt: "中断",
    offline: "离线",
  },
};

export function resultLabel(result: string, lang: Lang): string {
  return Object.hasOwn(RESULT_LABELS[lang], result) ? RESULT_LABELS[lang][result]! : result;
}

const CALL_TYPE_LABELS: Record<Lang, Record<CallType, string>> = {
  en: { single: "1:1", group: "group" },
  zh: { single: "一对一", group: "群组" },
};

export function callTypeLabel(type: CallType, lang: Lang): string {
  return CALL_TYPE_LABELS[lang][type];
}

const MEDIA_LABELS: Record<Lang, Record<MediaType, string>> = {
  en: { video: "video", audio: "audio" },
  zh: { video: "视频", audio: "音频" },
};

export function mediaLabel(media: MediaType, lang: Lang): string {
  return MEDIA_LABELS[lang][media];
}
