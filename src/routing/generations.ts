import type { RateShare } from "../callkit/client.js";
import type { ApiGeneration, CallRecord } from "../callkit/schemas.js";
import type { RecordSource, ScanFilter, ScanOptions, ScanProgress } from "../callkit/source.js";
import { type Logger, silentLogger } from "../log.js";

/**
 * Which generation of the vendor's records API answers (shared/callkit-v4-api.md). Apps whose
 * clients start calls with `call()`/`groupCall()` keep them in v1, apps on `calls()`/`join()` in
 * v4, apps mid-migration in both; nothing in either API says which. TRTC_API_GENERATION fixes it
 * (`v1`, `v4`, `both`) or lets callscope find out (`auto`: ask both for the last 7 days at
 * start-up and daily, use those that hold calls). Whatever the choice, the rest of callscope
 * sees one RecordSource: v1's, v4's, or a merge of both that shows a call in both once.
 */

export type GenerationSetting = "v1" | "v4" | "both" | "auto";

export interface GenerationClients {
  v1: RecordSource;
  v4: RecordSource;
}

/**
 * Both generations as one source. A scan reads v4, then v1, and leaves out of v1 the callIds v4
 * already gave (within the scan); a callId lookup asks both at once and prefers v4's record.
 * Both lookups failing, or one failing while the other finds nothing, fails the lookup: "not
 * found" must not hide a generation that could not answer.
 */
export function mergeGenerations(clients: GenerationClients): RecordSource {
  return {
    async *scan(filter: ScanFilter, options: ScanOptions = {}): AsyncIterable<CallRecord> {
      const seen = new Set<string>();
      const done: ScanProgress = { pages: 0, records: 0 };
      const progress = (own: ScanProgress) =>
        options.onProgress?.({
          ...own,
          pages: done.pages + own.pages,
          records: done.records + own.records,
          ...(own.totalNum === undefined ? {} : { totalNum: (done.totalNum ?? 0) + own.totalNum }),
          skipped: (done.skipped ?? 0) + (own.skipped ?? 0),
        });
      let last: ScanProgress | undefined;
      const track = (own: ScanProgress) => {
        last = own;
        progress(own);
      };
      for await (const record of clients.v4.scan(filter, { ...options, onProgress: track })) {
        seen.add(record.callId);
        yield record;
      }
      if (last) {
        done.pages += last.pages;
        done.records += last.records;
        if (last.totalNum !== undefined) done.totalNum = last.totalNum;
        done.skipped = last.skipped ?? 0;
      }
      for await (const record of clients.v1.scan(filter, { ...options, onProgress: progress })) {
        if (seen.has(record.callId)) continue;
        yield record;
      }
    },
    async getRecordByCallId(callId, options = {}) {
      const [v4, v1] = await Promise.allSettled([
        clients.v4.getRecordByCallId(callId, options),
        clients.v1.getRecordByCallId(callId, options),
      ]);
      if (v4.status === "fulfilled" && v4.value) return v4.value;
      if (v1.status === "fulfilled" && v1.value) return v1.value;
      if (v4.status === "rejected") throw v4.reason;
      if (v1.status === "rejected") throw v1.reason;
      return undefined;
    },
  };
}

/** The source for a set of generations (never empty: v1 stands in for none). */
export function sourceFor(
  generations: readonly ApiGeneration[],
  clients: GenerationClients,
): RecordSource {
  const v1 = generations.includes("v1");
  const v4 = generations.includes("v4");
  if (v1 && v4) return mergeGenerations(clients);
  return v4 ? clients.v4 : clients.v1;
}

export type ProbeOutcome = { calls: boolean } | { error: string };

/**
 * Asks each generation for one record of the last 7 days. A generation that fails is reported
 * as such (its error's summary, never a secret: CallKitError messages are redacted).
 */
export async function probeGenerations(
  clients: GenerationClients,
  options: { nowSec: number; signal?: AbortSignal },
): Promise<Record<ApiGeneration, ProbeOutcome>> {
  const filter = {
    startTimestamp: options.nowSec - 7 * 86_400 + 60,
    endTimestamp: options.nowSec + 1,
  };
  const probe = async (source: RecordSource): Promise<ProbeOutcome> => {
    try {
      for await (const _record of source.scan(filter, {
        pageSize: 1,
        concurrency: 1,
        ...(options.signal ? { signal: options.signal } : {}),
      })) {
        return { calls: true };
      }
      return { calls: false };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  const [v1, v4] = await Promise.all([probe(clients.v1), probe(clients.v4)]);
  return { v1, v4 };
}

/**
 * Those that hold calls; if none does, those that answered (a new app: its first calls may go
 * to either); if none answered, v1 (the seed's behaviour, and its errors say what is wrong).
 */
export function chooseGenerations(probes: Record<ApiGeneration, ProbeOutcome>): ApiGeneration[] {
  const all: ApiGeneration[] = ["v1", "v4"];
  const holding = all.filter(
    (g) => "calls" in probes[g] && (probes[g] as { calls: boolean }).calls,
  );
  if (holding.length > 0) return holding;
  const answered = all.filter((g) => "calls" in probes[g]);
  return answered.length > 0 ? answered : ["v1"];
}

export interface GenerationRouting {
  /** One source whatever the generations in use (the choice is read at each call). */
  source: RecordSource;
  /** The generations in use now. */
  current(): readonly ApiGeneration[];
  /** For `/calls help` and the log: "v4", "v1 and v4", with "(found at start-up)" for auto. */
  describe(): string;
  /**
   * `auto`: probes once (resolves when it is done), then daily on an unref'd timer. Others:
   * nothing to do. While that first probe runs, the source's scans and lookups wait for it, so
   * a caller may serve requests (be healthy) before it resolves: no answer reads a generation
   * the probe is about to leave out.
   */
  start(): Promise<void>;
  stop(): void;
}

const DAY_MS = 86_400_000;

export function createGenerationRouting(
  setting: GenerationSetting,
  clients: GenerationClients,
  options: {
    logger?: Logger;
    now?: () => Date;
    /** Budget of one probe; default 15 s. */
    probeTimeoutMs?: number;
    /** Between two probes in `auto`; default a day. */
    reprobeMs?: number;
  } = {},
): GenerationRouting {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  let generations: ApiGeneration[] =
    setting === "both" ? ["v1", "v4"] : setting === "v4" ? ["v4"] : ["v1"];
  let current = sourceFor(generations, clients);
  let timer: NodeJS.Timeout | undefined;
  let probedAt: Date | undefined;
  // The first probe while it runs (auto only): the source's calls wait for it, then go direct.
  let firstProbe: Promise<void> | undefined;
  let stopped = false;

  const probe = async () => {
    const signal = AbortSignal.timeout(options.probeTimeoutMs ?? 15_000);
    const nowSec = Math.floor(now().getTime() / 1000);
    const probes = await probeGenerations(clients, { nowSec, signal });
    const chosen = chooseGenerations(probes);
    const changed = chosen.join() !== generations.join();
    generations = chosen;
    current = sourceFor(generations, clients);
    probedAt = now();
    logger.info("callkit.generations", {
      setting,
      using: generations,
      probes,
      ...(changed ? { changed } : {}),
    });
  };

  const source: RecordSource = {
    scan(filter, scanOptions) {
      const pending = firstProbe;
      if (!pending) return current.scan(filter, scanOptions);
      return {
        async *[Symbol.asyncIterator]() {
          await pending;
          yield* current.scan(filter, scanOptions);
        },
      };
    },
    async getRecordByCallId(callId, lookupOptions) {
      if (firstProbe) await firstProbe;
      return current.getRecordByCallId(callId, lookupOptions);
    },
  };

  return {
    source,
    current: () => generations,
    describe() {
      const which =
        generations.length > 1 ? "v1 and v4 (merged by callId)" : (generations[0] ?? "v1");
      if (setting !== "auto") return `${which} (TRTC_API_GENERATION=${setting})`;
      const when = probedAt
        ? ` on ${probedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
        : "";
      return `${which} (TRTC_API_GENERATION=auto: the generations holding calls in the last 7 days, checked${when})`;
    },
    async start() {
      if (setting !== "auto") {
        logger.info("callkit.generations", { setting, using: generations });
        return;
      }
      // A probe that throws (the logger, say) leaves v1 in use, as before it ran.
      firstProbe = probe()
        .catch((error: unknown) => logger.warn("callkit.generations_probe_failed", { error }))
        .finally(() => {
          firstProbe = undefined;
        });
      await firstProbe;
      const again = () => {
        if (stopped) return;
        timer = setTimeout(() => {
          probe()
            .catch((error: unknown) => logger.warn("callkit.generations_probe_failed", { error }))
            .finally(again);
        }, options.reprobeMs ?? DAY_MS);
        timer.unref();
      };
      again();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * The replicas' share of the app's limits covers every generation: the coordinator computes
 * v1's share (floor(limit / replicas)); each v4 endpoint gets the same fraction of its own limit,
 * rounded down, so together the replicas stay under v4's limit too.
 */
export function shareAcrossGenerations(
  clients: {
    v1: { setRateShare(share: RateShare): void };
    v4: { setRateShare(share: RateShare): void };
  },
  limits: { rateLimit: number; callIdRateLimit: number; v4RateLimit: number },
): { setRateShare(share: RateShare): void } {
  return {
    setRateShare(share) {
      clients.v1.setRateShare(share);
      const fraction = Math.min(
        share.rateLimit / limits.rateLimit,
        share.callIdRateLimit / limits.callIdRateLimit,
      );
      const v4 = Math.max(1, Math.floor(limits.v4RateLimit * fraction));
      clients.v4.setRateShare({
        rateLimit: v4,
        callIdRateLimit: v4,
        ...(share.holdMs ? { holdMs: share.holdMs } : {}),
      });
    },
  };
}
