import { wallClock } from "../query/time/wall.js";
import type { Lang } from "../query/types.js";

/** A moment as a person reads it, in the user's zone: "Tue 25 Nov 00:00" / "11月25日 周二 00:00". */

const EN_DAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const EN_MONTHS = [
  "",
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const ZH_DAYS = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

const pad = (n: number) => String(n).padStart(2, "0");

export function formatMoment(epochSeconds: number, timeZone: string, lang: Lang): string {
  const w = wallClock(epochSeconds * 1000, timeZone);
  const clock = `${pad(w.hour)}:${pad(w.minute)}`;
  if (lang === "zh") return `${w.month}月${w.day}日 ${ZH_DAYS[w.isoWeekday]} ${clock}`;
  return `${EN_DAYS[w.isoWeekday]} ${w.day} ${EN_MONTHS[w.month]} ${clock}`;
}
