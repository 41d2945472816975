/**
 * Parses per second for typical questions, English and Chinese, beside chrono-node alone on the
 * same phrases, in one process. Figures: parses per second and microseconds per parse (median of
 * 5 timed rounds after a warm-up), for `parse()` and for chrono's own parsers (Chinese first when
 * the text has Chinese, then English, as the parser runs them); the cost of the first parse after
 * import; and the slowest phrase of the whole test corpus (300+ phrases, two zones), which must
 * stay under 1 ms.
 */
import * as chrono from "chrono-node";
import { CORPUS_ROWS, QUESTION_ROWS } from "../test/query/phrases.corpus.js";
import { EN_ROWS } from "../test/query/phrases.en.js";
import { ZH_ROWS } from "../test/query/phrases.zh.js";
import type { Bench, BenchRow } from "./run.js";

const PHRASES: [string, string][] = [
  ["english, typical", "failed video calls last 2 hours"],
  ["english, clock range + users", "rejected group calls from 10086 yesterday 3pm-5pm"],
  ["english, compound duration", "dropped calls last 3h30m"],
  ["english, synonym + since", "calls that got cut off since 9am"],
  ["english, question back", "between 5pm and 3pm"],
  ["english, impossible date", "calls on 2026-02-30"],
  ["chinese, typical", "最近30分钟 中断的通话"],
  ["chinese, clock range", "昨天下午3点到5点 群组 失败"],
  ["chinese, compound duration", "最近两小时十五分 打不通"],
  ["chinese, since", "从早上8点 没人接"],
  ["chinese, typo", "视屏 今天"],
  ["callId lookup", "3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718"],
];
const NOW = new Date("2026-11-25T06:30:00Z");
const ROUNDS = 5;
const PER_ROUND = 2_000;
const ZONES = ["Asia/Shanghai", "America/Los_Angeles"];

/** Median milliseconds per call of `run`, over ROUNDS rounds of `perRound` calls. */
function medianMs(run: () => void, perRound: number): number {
  for (let i = 0; i < Math.min(500, perRound); i++) run();
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) run();
    perCall.push((performance.now() - start) / perRound);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(ROUNDS / 2)]!;
}

/** chrono alone, as the parser uses it: its Chinese parser for Chinese text, then English. */
function chronoAlone(text: string): void {
  const reference = { instant: NOW, timezone: 0 };
  if (/[\u3400-\u9fff]/.test(text)) chrono.zh.hans.casual.parse(text, reference);
  chrono.casual.parse(text, reference);
}

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
    const ours = medianMs(() => parse(text, options), PER_ROUND);
    const theirs = medianMs(() => chronoAlone(text), PER_ROUND);
    rows.push({
      name,
      figures: {
        parses_per_s: Math.round(1000 / ours),
        us_per_parse: ours * 1000,
        chrono_parses_per_s: Math.round(1000 / theirs),
        chrono_us_per_parse: theirs * 1000,
      },
    });
  }

  // Every phrase of the test corpus, in both zones: the slowest must stay under 1 ms.
  const corpus = [
    ...new Set([...EN_ROWS, ...ZH_ROWS, ...CORPUS_ROWS, ...QUESTION_ROWS].map(([p]) => p)),
  ];
  let slowest = { phrase: "", us: 0 };
  let oursTotal = 0;
  let chronoTotal = 0;
  let overOneMs = 0;
  for (const phrase of corpus) {
    for (const timeZone of ZONES) {
      const us = medianMs(() => parse(phrase, { now: NOW, timeZone }), 50) * 1000;
      oursTotal += us;
      if (us > 1000) overOneMs++;
      if (us > slowest.us) slowest = { phrase: `${phrase} (${timeZone})`, us };
    }
    chronoTotal += medianMs(() => chronoAlone(phrase), 50) * 1000 * ZONES.length;
  }
  const runs = corpus.length * ZONES.length;
  rows.push({
    name: `corpus, ${corpus.length} phrases × ${ZONES.length} zones`,
    figures: {
      mean_us_per_parse: oursTotal / runs,
      chrono_mean_us_per_parse: chronoTotal / runs,
      max_us: slowest.us,
      slowest: JSON.stringify(slowest.phrase),
      over_1ms: overOneMs,
    },
  });
  return rows;
};

export default bench;
