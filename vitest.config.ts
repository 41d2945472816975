import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here and in CI: more workers only thrash.
    maxWorkers: 2,
    env: { TZ: "Europe/Berlin" },
  },
});
