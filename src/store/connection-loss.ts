/**
 * "The connection died", as opposed to "the statement was wrong": the one kind of failure where
 * running the same statement again on a fresh connection can succeed. PostgreSQL restarting or
 * failing over, pg_terminate_backend, and proxies that drop idle sockets all end up here.
 */

/** SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08. */
const LOST_SQLSTATES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/** Socket-level errno codes Node sets when the server went away or never answered. */
const LOST_ERRNOS = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTCONN",
]);

/** What pg and pg-pool throw without a code when a socket ends or a connect times out. */
const LOST_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "Client has encountered a connection error and is not queryable",
  "timeout exceeded when trying to connect",
];

export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (LOST_SQLSTATES.has(code) || LOST_ERRNOS.has(code))) return true;
  if (LOST_MESSAGES.some((message) => error.message.includes(message))) return true;
  // Node reports a refused connect to a name with several addresses (localhost: ::1 and
  // 127.0.0.1) as one AggregateError holding each attempt's error.
  return error instanceof AggregateError && error.errors.some(isConnectionLost);
}

/** A short, secret-free name for the failure: its code, or the first words of its message. */
export function lossReason(error: unknown): string {
  if (!(error instanceof Error)) return "unknown";
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code !== "") return code;
  if (error instanceof AggregateError) {
    const inner = error.errors.find((e): e is Error => e instanceof Error);
    if (inner) return lossReason(inner);
  }
  return error.message.slice(0, 80);
}
