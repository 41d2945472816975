/**
 * Structured JSON logs, one line per event. Secrets never reach a line: known secret values are
 * registered at start-up and replaced wherever they appear, and URL query strings carrying
 * `usersig` are cut.
 */

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Each secret with the wall-clock time (epoch ms) after which it is worthless and dropped, and how
 * many holders registered it: two clients signing in the same second get the same UserSig, and one
 * forgetting it must not unmask the other's.
 */
const secrets = new Map<string, { expiresAtMs: number; holders: number }>();

/**
 * Registers a value that must never be printed (secret key, UserSig, tokens). A signature that
 * expires says when (`expiresAtMs`), so the list holds live ones only instead of one per renewal.
 */
export function registerSecret(
  value: string | undefined,
  options: { expiresAtMs?: number } = {},
): void {
  if (!value || value.length < 6) return;
  const expiresAtMs = options.expiresAtMs ?? Number.POSITIVE_INFINITY;
  const known = secrets.get(value);
  secrets.set(value, {
    expiresAtMs: Math.max(known?.expiresAtMs ?? Number.NEGATIVE_INFINITY, expiresAtMs),
    holders: (known?.holders ?? 0) + 1,
  });
  dropExpired(Date.now());
}

/** One holder is done with a secret (a replaced UserSig); permanent ones stay regardless. */
export function forgetSecret(value: string | undefined): void {
  const known = value === undefined ? undefined : secrets.get(value);
  if (!value || !known || known.expiresAtMs === Number.POSITIVE_INFINITY) return;
  if (known.holders > 1) known.holders--;
  else secrets.delete(value);
}

/** How many secrets are held: for tests of the bound. */
export function secretCount(): number {
  dropExpired(Date.now());
  return secrets.size;
}

function dropExpired(now: number): void {
  for (const [value, { expiresAtMs }] of secrets) if (expiresAtMs <= now) secrets.delete(value);
}

/** Removes secrets and signed query strings from any text. */
export function redact(text: string): string {
  let out = text.replace(/([?&](usersig|sig|token)=)[^&\s"']*/gi, "$1[redacted]");
  for (const secret of secrets.keys()) out = out.split(secret).join("[redacted]");
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
