import pg from "pg";
import type { TestProject } from "vitest/node";

/**
 * Decides once per run whether the PostgreSQL suite runs. On a machine without PostgreSQL the rest
 * of the suite runs and this says so plainly; with CALLSCOPE_REQUIRE_POSTGRES=1 (set by .ci/run)
 * an unreachable PostgreSQL fails the run instead of skipping silently.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const required = process.env.CALLSCOPE_REQUIRE_POSTGRES === "1";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    project.provide("postgresUrl", url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (required) {
      throw new Error(
        `PostgreSQL is required here (CALLSCOPE_REQUIRE_POSTGRES=1) but ${url} is unreachable: ${reason}`,
      );
    }
    project.provide("postgresUrl", "");
    // Each Vitest project runs this setup (in its own module instance): say it once.
    if (process.env.CALLSCOPE_TOLD_POSTGRES_SKIPPED) return;
    process.env.CALLSCOPE_TOLD_POSTGRES_SKIPPED = "1";
    process.stderr.write(
      `\n[callscope] PostgreSQL suite SKIPPED: ${url} is unreachable (${reason}).\n` +
        "[callscope] Everything else runs. Set TEST_DATABASE_URL, or start PostgreSQL, to run it.\n\n",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
