import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here and in CI: more workers only thrash.
    maxWorkers: 2,
    env: { TZ: "Europe/Berlin" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] },
      },
      {
        // The query language reads times in the user's zone, never the server's: its phrase tests
        // run a second time with the process in another non-UTC zone (west of UTC, with DST).
        extends: true,
        test: {
          name: "query-in-new-york",
          include: ["test/query/**/*.test.ts"],
          env: { TZ: "America/New_York" },
        },
      },
      {
        // End-to-end runs judge pacing and acknowledgement times: they run after the rest, one
        // file at a time, so another suite's CPU load cannot skew what they measure.
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
