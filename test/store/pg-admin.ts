import pg from "pg";

/**
 * The test's own, independent connection to PostgreSQL, playing the failover: it finds a store's
 * connections by the application_name the store was opened with and terminates them.
 */

/** The same database URL with a name on every connection, so they can be found and ended. */
export function namedUrl(url: string, applicationName: string): string {
  const named = new URL(url);
  named.searchParams.set("application_name", applicationName);
  return named.toString();
}

export interface PgAdmin {
  client: pg.Client;
  /** Terminates every connection named `applicationName`; returns how many were ended. */
  terminate(applicationName: string): Promise<number>;
  /** Connections named `applicationName` that wait for a lock. */
  waitingOnLocks(applicationName: string): Promise<number>;
  end(): Promise<void>;
}

export async function connectAdmin(url: string): Promise<PgAdmin> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    client,
    async terminate(applicationName) {
      const { rows } = await client.query<{ ended: boolean }>(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
         where application_name = $1 and pid <> pg_backend_pid()`,
        [applicationName],
      );
      return rows.filter((row) => row.ended).length;
    },
    async waitingOnLocks(applicationName) {
      const { rows } = await client.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity
         where application_name = $1 and wait_event_type = 'Lock'`,
        [applicationName],
      );
      return Number(rows[0]?.n ?? 0);
    },
    end: () => client.end(),
  };
}

/** Polls `check` every 20 ms until it holds; fails after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
