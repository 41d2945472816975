import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run.js";
import { demoDataset, failedYesterday, referenceNow, TIME_ZONE } from "./expected.js";
import { run } from "./spawn.js";

/** The real executable (bin/callscope.js → tsx → src/cli/main.ts) as a script would run it. */

const now = referenceNow();
const demo = ["--demo", "--now", now.toISOString(), "--tz", TIME_ZONE];

describe("bin/callscope.js", () => {
  it("answers --json on stdout with exit 0, and exit 2 for words it cannot read", async () => {
    const [found, bad] = await Promise.all([
      run(process.execPath, ["bin/callscope.js", "failed calls yesterday", "--json", ...demo]),
      run(process.execPath, ["bin/callscope.js", "flibbertigibbet wobble", ...demo]),
    ]);
    expect(found.stderr).toBe("");
    expect(found.code).toBe(EXIT.found);
    const document = JSON.parse(found.stdout);
    expect(document.summary.total).toBe(failedYesterday(demoDataset(now), now, TIME_ZONE).length);

    expect(bad.code).toBe(EXIT.badInput);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("callscope help");
  });
});
