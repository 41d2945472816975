import { TZDate } from "@date-fns/tz";
import type { Lang } from "../query/types.js";
import { CHART_WORDS } from "./labels.js";
import { GRID_LINE, MUTED_TEXT, TEXT } from "./palette.js";
import { type ChartSize, type ChartSvg, renderOption } from "./svg.js";

/**
 * A generic "steps on a time axis" chart: participants as rows, each step a marked point with
 * its label. The input is deliberately small so a call-event timeline (another branch) can be
 * adapted to it at merge.
 */
export interface StepTimeline {
  /** Shown as the chart's title ("Call 12345"). */
  title: string;
  /** Top to bottom; a step naming someone not listed gets a row of its own below. */
  participants: string[];
  steps: Step[];
  /** The reader's zone, for the time axis. */
  timeZone: string;
}

export interface Step {
  participant: string;
  /** Epoch milliseconds. */
  atMs: number;
  label: string;
  /** Colours the mark: a failure stands out. */
  tone?: "ok" | "fail" | "info";
}

const TONE_COLOURS = { ok: "#2e9d5b", fail: "#d64545", info: "#3d6fd1" } as const;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function clock(ms: number, timeZone: string): string {
  const at = new TZDate(ms, timeZone);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

export function stepsChartAlt(timeline: StepTimeline, lang: Lang): string {
  const steps = [...timeline.steps].sort((a, b) => a.atMs - b.atMs);
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last)
    return lang === "zh" ? `${timeline.title}：没有步骤。` : `${timeline.title}: no steps.`;
  const seconds = Math.round((last.atMs - first.atMs) / 1000);
  const failures = steps.filter((s) => s.tone === "fail");
  const rows = rowsOf(timeline).length;
  if (lang === "zh") {
    const failText = failures.length
      ? `；失败：${failures.map((s) => `${s.participant} ${s.label}（${clock(s.atMs, timeline.timeZone)}）`).join("、")}`
      : "";
    return `${timeline.title}：${rows} 位参与者的 ${steps.length} 个步骤，${clock(first.atMs, timeline.timeZone)} 起共 ${seconds} 秒${failText}。`;
  }
  const failText = failures.length
    ? `; failed: ${failures.map((s) => `${s.participant} ${s.label} at ${clock(s.atMs, timeline.timeZone)}`).join(", ")}`
    : "";
  return `${timeline.title}: ${steps.length} steps of ${rows} participants over ${seconds} s from ${clock(first.atMs, timeline.timeZone)}${failText}.`;
}

function rowsOf(timeline: StepTimeline): string[] {
  const rows = [...timeline.participants];
  for (const step of timeline.steps)
    if (!rows.includes(step.participant)) rows.push(step.participant);
  return rows;
}

export async function stepsChartSvg(
  timeline: StepTimeline,
  lang: Lang,
  width = 800,
): Promise<ChartSvg> {
  const rows = rowsOf(timeline);
  const size: ChartSize = { width, height: 90 + rows.length * 70 };
  const { timeZone } = timeline;
  const data = timeline.steps.map((step) => ({
    value: [step.atMs, step.participant],
    name: step.label,
    itemStyle: { color: TONE_COLOURS[step.tone ?? "info"] },
  }));
  const svg = await renderOption(
    {
      title: {
        text: timeline.title,
        subtext: CHART_WORDS[lang].steps,
        left: 12,
        top: 6,
        textStyle: { fontSize: 15, fontWeight: "bold", color: TEXT },
        subtextStyle: { color: MUTED_TEXT },
      },
      grid: { left: 110, right: 40, top: 60, bottom: 30 },
      xAxis: {
        type: "time",
        axisLabel: {
          color: MUTED_TEXT,
          fontSize: 11,
          hideOverlap: true,
          formatter: (ms: number) => clock(ms, timeZone),
        },
        splitLine: { show: true, lineStyle: { color: GRID_LINE } },
      },
      yAxis: {
        type: "category",
        data: rows,
        inverse: true,
        axisLabel: { color: TEXT, fontSize: 12 },
        axisLine: { lineStyle: { color: MUTED_TEXT } },
        splitLine: { show: true, lineStyle: { color: GRID_LINE } },
      },
      series: [
        {
          type: "scatter",
          symbolSize: 12,
          data,
          label: {
            show: true,
            position: "top",
            color: TEXT,
            fontSize: 11,
            formatter: (p: { name: string }) => p.name,
          },
          labelLayout: { hideOverlap: false, moveOverlap: "shiftX" },
        },
      ],
    },
    size,
  );
  return { svg, ...size, altText: stepsChartAlt(timeline, lang) };
}
