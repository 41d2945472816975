/**
 * `npm run bench [name…]`: runs every benchmark under bench/ (or those named) and prints its
 * figures. Each benchmark is a module `bench/<name>.bench.ts` whose default export returns rows.
 * Figures are ratios measured within one run where possible, so they mean the same on any machine.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface BenchRow {
  name: string;
  figures: Record<string, string | number>;
}
export type Bench = () => Promise<BenchRow[]>;

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => wanted.length === 0 || wanted.some((w) => file.startsWith(w)))
  .sort();

if (files.length === 0) {
  process.stderr.write(`no benchmark matches ${wanted.join(" ")}\n`);
  process.exit(2);
}

for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  process.stdout.write(`\n## ${file.replace(".bench.ts", "")}\n`);
  for (const row of await module.default()) {
    const figures = Object.entries(row.figures)
      .map(([key, value]) => `${key}=${typeof value === "number" ? round(value) : value}`)
      .join("  ");
    process.stdout.write(`${row.name}: ${figures}\n`);
  }
}

function round(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
