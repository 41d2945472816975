import { performance } from "node:perf_hooks";
import { type DigestChartFigures, digestChartSvg } from "../src/charts/digest-chart.js";
import { rasterize } from "../src/charts/png.js";
import { searchChartSvg } from "../src/charts/search-chart.js";
import { type StepTimeline, stepsChartSvg } from "../src/charts/steps-chart.js";
import type { ChartSvg } from "../src/charts/svg.js";
import type { Timeline } from "../src/report/timeline.js";
import type { Bench, BenchRow } from "./run.js";

/**
 * `npm run bench -- charts`: ms per chart, SVG (ECharts SSR) and PNG (resvg at 2×), and PNG bytes,
 * for each chart in English and Chinese (the CJK font is loaded only for Chinese text). The first
 * call of each (module and font warm-up) is reported apart from the median of the rest. CPU time
 * (process.cpuUsage) is reported beside wall time: on a shared, loaded machine wall time mostly
 * measures the wait for a core, CPU time the work. `png1x÷2x` is the share of the PNG time the
 * 2× scale costs over drawing at the SVG's own size, measured in the same run.
 */

const RUNS = 15;
const RESULTS = [
  "normal_end",
  "interrupt",
  "cancel",
  "reject",
  "not_answer",
  "call_busy",
  "offline",
];
const wave = (i: number, k: number) =>
  Math.max(0, Math.round(80 + 60 * Math.sin(i / 3 + k) - k * 9));

const hours = Array.from({ length: 24 }, (_, i) => `${String(i).padStart(2, "0")}:00`);
const digest: DigestChartFigures = {
  dayLabel: "2026-12-02",
  hours,
  byResult: Object.fromEntries(RESULTS.map((r, k) => [r, hours.map((_, i) => wave(i, k))])),
  comparison: { kind: "dayBefore", perHour: hours.map((_, i) => wave(i, 0) * 2) },
};
const start = Date.UTC(2026, 11, 1) / 1000;
const timeline: Timeline = {
  startTs: start,
  endTs: start + 24 * 3600,
  bucketSeconds: 1800,
  bucketCount: 48,
  byResult: Object.fromEntries(
    RESULTS.map((r, k) => [r, Array.from({ length: 48 }, (_, i) => wave(i, k))]),
  ),
};
const t0 = Date.UTC(2026, 11, 2, 13);
const steps: StepTimeline = {
  title: "Call 7781",
  participants: ["alice", "bob", "carol"],
  timeZone: "Asia/Shanghai",
  steps: ["dial", "ring", "accept", "join", "leave", "hang up"].map((label, i) => ({
    participant: ["alice", "bob", "carol"][i % 3] ?? "alice",
    atMs: t0 + i * 3000,
    label,
    ...(label === "leave" ? { tone: "fail" as const } : {}),
  })),
};

const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) =>
  (to.user - from.user + to.system - from.system) / 1000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function measure(name: string, draw: () => Promise<ChartSvg>): Promise<BenchRow> {
  const svgMs: number[] = [];
  const pngMs: number[] = [];
  const svgCpu: number[] = [];
  const pngCpu: number[] = [];
  const png1x: number[] = [];
  let bytes = 0;
  let size = "";
  for (let run = 0; run <= RUNS; run++) {
    const cpuA = process.cpuUsage();
    const a = performance.now();
    const chart = await draw();
    const b = performance.now();
    const cpuB = process.cpuUsage();
    const png = await rasterize(chart);
    const c = performance.now();
    const cpuC = process.cpuUsage();
    await rasterize(chart, { scale: 1 });
    png1x.push(performance.now() - c);
    svgMs.push(b - a);
    pngMs.push(c - b);
    svgCpu.push(cpuMs(cpuA, cpuB));
    pngCpu.push(cpuMs(cpuB, cpuC));
    bytes = png.png.length;
    size = `${png.width}x${png.height}`;
  }
  const [firstSvg, ...svgRest] = svgMs;
  const [firstPng, ...pngRest] = pngMs;
  return {
    name,
    figures: {
      svgMs: median(svgRest),
      pngMs: median(pngRest),
      totalMs: median(svgRest) + median(pngRest),
      svgCpuMs: median(svgCpu.slice(1)),
      pngCpuMs: median(pngCpu.slice(1)),
      "png1x÷2x": median(png1x.slice(1)) / median(pngRest),
      firstSvgMs: firstSvg ?? 0,
      firstPngMs: firstPng ?? 0,
      pngBytes: bytes,
      size,
    },
  };
}

const bench: Bench = async () => [
  await measure("digest en", () => digestChartSvg(digest, "en")),
  await measure("digest zh", () => digestChartSvg(digest, "zh")),
  await measure("search en", () =>
    searchChartSvg(timeline, { timeZone: "Asia/Shanghai", lang: "en" }),
  ),
  await measure("search zh", () =>
    searchChartSvg(timeline, { timeZone: "Asia/Shanghai", lang: "zh" }),
  ),
  await measure("steps en", () => stepsChartSvg(steps, "en")),
];

export default bench;
