import { type Logger, redact, silentLogger } from "../log.js";
import { lossReason } from "./connection-loss.js";

/**
 * Whether the store can be reached, for /healthz. Pool events say at once that a connection
 * died; a cheap probe (select 1) says whether a new one can be made, often while degraded so
 * the reading comes back as soon as the database does, and rarely while ok.
 */
export interface StoreHealth {
  status: "ok" | "degraded";
  /** Why it is degraded: an error code (57P01, ECONNREFUSED…) or the start of the message. */
  reason?: string;
  /** When the status last changed (ISO time). */
  since: string;
  /** When the database last answered the probe (ISO time); absent before the first answer. */
  lastOkAt?: string;
}

export interface HealthMonitor {
  reading(): StoreHealth;
  /** A connection died (pool event, or a failed query): degraded until the probe answers. */
  lost(error: unknown): void;
  stop(): void;
}

export interface HealthMonitorOptions {
  probe: () => Promise<unknown>;
  /** Between probes while ok (default 15 s). */
  okIntervalMs?: number;
  /** Between probes while degraded (default 1 s, at most okIntervalMs). */
  degradedIntervalMs?: number;
  logger?: Logger;
  now?: () => Date;
}

export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const okInterval = options.okIntervalMs ?? 15_000;
  const degradedInterval = Math.min(options.degradedIntervalMs ?? 1000, okInterval);
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  let state: StoreHealth = { status: "ok", since: now().toISOString() };
  let timer: NodeJS.Timeout | undefined;
  let probing = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(probe, ms);
    // The probe must not keep a process alive that has nothing else to do.
    timer.unref();
  };

  const lost = (error: unknown) => {
    if (stopped) return;
    const reason = redact(lossReason(error));
    if (state.status === "ok") {
      state = { ...state, status: "degraded", reason, since: now().toISOString() };
      logger.warn("store.degraded", { reason });
    } else {
      // Still down, perhaps for another reason now (terminated, then refused while restarting).
      state = { ...state, reason };
    }
    schedule(degradedInterval);
  };

  async function probe() {
    timer = undefined;
    if (probing || stopped) return;
    probing = true;
    try {
      await options.probe();
      const at = now().toISOString();
      if (state.status === "degraded") logger.info("store.recovered", { after: state.reason });
      state = { status: "ok", since: state.status === "ok" ? state.since : at, lastOkAt: at };
    } catch (error) {
      if (!stopped) lost(error);
    } finally {
      probing = false;
    }
    schedule(state.status === "ok" ? okInterval : degradedInterval);
  }

  schedule(okInterval);
  return {
    reading: () => ({ ...state }),
    lost,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
