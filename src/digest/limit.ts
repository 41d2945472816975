/**
 * At most `max` tasks at once; the rest wait their turn in order. Keeps several digests due at
 * the same minute from reading the vendor all at once (its rate limit is shared with searches).
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
}

export function createLimiter(max: number): Limiter {
  if (!(Number.isInteger(max) && max > 0)) throw new RangeError("max must be a positive integer");
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    get active() {
      return active;
    },
    async run(task) {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        // The slot passes straight to the next waiter, so `active` never over-counts.
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}
