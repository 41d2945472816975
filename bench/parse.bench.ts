/**
 * Parses per second for typical questions, English and Chinese, in one process. Figures: parses
 * per second and microseconds per parse (median of 5 timed rounds after a warm-up), and the cost of
 * the first parse after import, which the app pays once at start-up unless it warms up.
 */
import type { Bench, BenchRow } from "./run.js";

const PHRASES: [string, string][] = [
  ["english, typical", "failed video calls last 2 hours"],
  ["english, clock range + users", "rejected group calls from 10086 yesterday 3pm-5pm"],
  ["chinese, typical", "最近30分钟 中断的通话"],
  ["chinese, clock range", "昨天下午3点到5点 群组 失败"],
  ["callId lookup", "3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718"],
];
const NOW = new Date("2026-11-25T06:30:00Z");
const ROUNDS = 5;
const PER_ROUND = 2_000;

const bench: Bench = async () => {
  const importStart = performance.now();
  const { parse } = await import("../src/query/parse.js");
  const importMs = performance.now() - importStart;
  const firstStart = performance.now();
  parse(PHRASES[0]![1], { now: NOW, timeZone: "Asia/Shanghai" });
  const firstMs = performance.now() - firstStart;

  const rows: BenchRow[] = [
    { name: "start-up", figures: { import_ms: importMs, first_parse_ms: firstMs } },
  ];
  for (const [name, text] of PHRASES) {
    const options = { now: NOW, timeZone: "America/Los_Angeles" };
    for (let i = 0; i < 500; i++) parse(text, options);
    const perParse: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      for (let i = 0; i < PER_ROUND; i++) parse(text, options);
      perParse.push((performance.now() - start) / PER_ROUND);
    }
    perParse.sort((a, b) => a - b);
    const medianMs = perParse[Math.floor(ROUNDS / 2)]!;
    rows.push({
      name,
      figures: { parses_per_s: Math.round(1000 / medianMs), us_per_parse: medianMs * 1000 },
    });
  }
  return rows;
};

export default bench;
