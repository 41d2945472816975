import { isConnectionLost } from "./connection-loss.js";

/**
 * Runs `operation` again when it failed because its connection died, a few times with a short
 * backoff; any other failure, and the last one, goes to the caller. Only for operations that
 * are safe to run twice (reads, and writes whose conditions make a second run harmless): a
 * statement whose connection died may or may not have committed. Each caller says why it is safe.
 */
export interface RetryOptions {
  /** Tries in all (default 4). */
  attempts?: number;
  /** Wait before the second try, doubled before each further one (default 100 ms). */
  backoffMs?: number;
}

export async function retryOnConnectionLoss<T>(
  operation: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isConnectionLost(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    }
  }
}
