/**
 * Structured JSON logs, one line per event. Secrets never reach a line: known secret values are
 * registered at start-up and replaced wherever they appear, and URL query strings carrying
 * `usersig` are cut.
 */

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const secrets = new Set<string>();

/** Registers a value that must never be printed (secret key, UserSig, tokens). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

/** Removes secrets and signed query strings from any text. */
export function redact(text: string): string {
  let out = text.replace(/([?&](usersig|sig|token)=)[^&\s"']*/gi, "$1[redacted]");
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out;
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  options: { level?: Level; write?: (line: string) => void } = {},
): Logger {
  const threshold = order[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: Level, event: string, fields: Record<string, unknown> = {}) => {
    if (order[level] < threshold) return;
    const line = JSON.stringify(
      { time: new Date().toISOString(), level, event, ...fields },
      (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v),
    );
    write(redact(line));
  };
  return {
    debug: (e, f) => emit("debug", e, f),
    info: (e, f) => emit("info", e, f),
    warn: (e, f) => emit("warn", e, f),
    error: (e, f) => emit("error", e, f),
  };
}

/** A logger that drops everything: for tests and the CLI. */
export const silentLogger: Logger = createLogger({ write: () => {} });
