/**
 * What a graceful stop needs: the answers still being worked on (tracked so SIGTERM lets them
 * finish) and the hooks other parts register (schedulers stop, the store closes), run newest first.
 */

export interface Lifecycle {
  /** Keeps the process alive for this work on shutdown; returns the same promise. */
  track<T>(work: Promise<T>): Promise<T>;
  inFlight(): number;
  readonly stopping: boolean;
  /** Aborted the moment shutdown begins (before the grace period), for work not yet started. */
  readonly stoppingSignal: AbortSignal;
  onShutdown(name: string, hook: () => Promise<void> | void): void;
  /** Waits for in-flight work (at most `graceMs`), then runs the hooks. Safe to call twice. */
  shutdown(options?: { graceMs?: number }): Promise<{ unfinished: number; hookFailures: string[] }>;
}

export function createLifecycle(): Lifecycle {
  const running = new Set<Promise<unknown>>();
  const hooks: { name: string; hook: () => Promise<void> | void }[] = [];
  let stopping = false;
  const stoppingController = new AbortController();
  let done: ReturnType<Lifecycle["shutdown"]> | undefined;

  const runShutdown = async (graceMs: number) => {
    stopping = true;
    stoppingController.abort(new Error("callscope is shutting down"));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...running]), grace]);
    clearTimeout(timer);
    const unfinished = running.size;
    const hookFailures: string[] = [];
    for (const { name, hook } of [...hooks].reverse()) {
      try {
        await hook();
      } catch {
        hookFailures.push(name);
      }
    }
    return { unfinished, hookFailures };
  };

  return {
    track(work) {
      running.add(work);
      const forget = () => running.delete(work);
      work.then(forget, forget);
      return work;
    },
    inFlight: () => running.size,
    get stopping() {
      return stopping;
    },
    stoppingSignal: stoppingController.signal,
    onShutdown(name, hook) {
      hooks.push({ name, hook });
    },
    shutdown(options = {}) {
      done ??= runShutdown(options.graceMs ?? 20_000);
      return done;
    },
  };
}
