import { expect, it } from "vitest";

/**
 * The phrase tests run in two projects, with the process in Europe/Berlin and in America/New_York
 * (vitest.config.ts): neither is UTC, so a reading that leaked the server's zone would show.
 */
it("runs with the process in a non-UTC zone", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  expect(["Europe/Berlin", "America/New_York"]).toContain(zone);
  expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).not.toBe(0);
});
