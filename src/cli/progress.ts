/**
 * A progress bar on stderr for long scans. In "auto" it appears only on a terminal and only once a
 * scan has run longer than `delayMs`, so quick answers and pipes stay clean; "always" draws every
 * update from the start (tests, and people who want it in logs); "never" draws nothing.
 * Several scans may run for one question (one per upstream request of the plan): their figures add up.
 */

import type { ScanProgress } from "../callkit/source.js";

export type ProgressMode = "auto" | "always" | "never";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  /** Progress of scan number `scan` (any id, one per concurrent scan). */
  update(scan: number, progress: ScanProgress): void;
  /** Clears the bar's line (terminal) or ends it (elsewhere). */
  done(): void;
}

export interface ProgressOptions {
  stream: ProgressStream;
  mode: ProgressMode;
  delayMs?: number;
  /** Least time between two redraws in "auto" (a terminal need not see every page). */
  intervalMs?: number;
  now?: () => number;
}

export function parseProgressMode(value: string | undefined): ProgressMode {
  return value === "always" || value === "never" ? value : "auto";
}

export function createProgressBar(options: ProgressOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 100;
  const scans = new Map<number, ScanProgress>();
  const enabled =
    options.mode === "always" || (options.mode === "auto" && options.stream.isTTY === true);
  const terminal = options.stream.isTTY === true;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;

  const draw = () => {
    const line = formatProgress([...scans.values()], options.stream.columns ?? 80);
    // On a terminal the bar redraws in place; elsewhere each frame ends its line so logs stay readable.
    options.stream.write(terminal ? `\r${line}\u001b[K` : `${line}\n`);
    drawn = true;
  };

  return {
    update(scan, progress) {
      scans.set(scan, progress);
      if (!enabled) return;
      const at = now();
      if (options.mode === "auto" && (at - startedAt < delayMs || at - drawnAt < intervalMs))
        return;
      drawnAt = at;
      draw();
    },
    done() {
      if (!drawn) return;
      if (terminal) options.stream.write("\r\u001b[K");
      else draw();
    },
  };
}

/** `Reading call records [#######.......]  4,200 / 21,000  20%  42 pages` */
export function formatProgress(scans: readonly ScanProgress[], columns: number): string {
  const records = scans.reduce((sum, scan) => sum + scan.records, 0);
  const pages = scans.reduce((sum, scan) => sum + scan.pages, 0);
  // totalNum is a total only when it is at least what was read (the contract allows a per-page reading).
  const totals = scans.map((scan) =>
    scan.totalNum !== undefined && scan.totalNum >= scan.records ? scan.totalNum : undefined,
  );
  const known = totals.every((total) => total !== undefined);
  const total = totals.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  const count = (n: number) => n.toLocaleString("en-US");
  const pageWord = `${count(pages)} page${pages === 1 ? "" : "s"}`;
  if (!known || total === 0) return `Reading call records  ${count(records)}  ${pageWord}`;
  const ratio = Math.min(1, records / total);
  const figures = `${count(records)} / ${count(total)}  ${Math.floor(ratio * 100)}%  ${pageWord}`;
  const barWidth = Math.max(10, Math.min(30, columns - figures.length - 26));
  const filled = Math.round(ratio * barWidth);
  return `Reading call records [${"#".repeat(filled)}${".".repeat(barWidth - filled)}]  ${figures}`;
}
