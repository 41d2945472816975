import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { EXIT, runCli } from "../../src/cli/run.js";
import { startSimulator } from "../../src/testbed/callkit-sim/server.js";
import {
  demoDataset,
  failedYesterday,
  newestStarts,
  referenceNow,
  TIME_ZONE,
  yesterday,
} from "./expected.js";

/**
 * The CLI in-process (runCli is what main.ts runs), each mode against --demo's simulator, figures
 * checked against the demo data computed independently. main.test.ts runs the real executable.
 */

function capture(isTTY = false) {
  const chunks: string[] = [];
  return {
    stream: { isTTY, write: (text: string) => chunks.push(text) > 0, once: () => undefined },
    text: () => chunks.join(""),
  };
}

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { NO_COLOR: "1", ...env },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const now = referenceNow();
const dataset = demoDataset(now);
const failed = failedYesterday(dataset, now, TIME_ZONE);
const demo = ["--demo", "--now", now.toISOString(), "--tz", TIME_ZONE];

describe("callscope output modes against --demo", () => {
  it("the demo data has failed calls yesterday (the tests below mean something)", () => {
    expect(failed.length).toBeGreaterThan(100);
  });

  it("--json: one document with the same total and the newest page", async () => {
    const { code, stdout } = await cli(["failed calls yesterday", "--json", ...demo]);
    expect(code).toBe(EXIT.found);
    const document = JSON.parse(stdout);
    expect(document.kind).toBe("search");
    expect(document.summary.total).toBe(failed.length);
    expect(document.window).toMatchObject(yesterday(now, TIME_ZONE));
    const ids = new Set(failed.map((r) => r.callId));
    const page = document.records as CallRecord[];
    expect(page).toHaveLength(20);
    expect(page.every((r) => ids.has(r.callId))).toBe(true);
    expect(page.map((r) => r.startCallTs)).toEqual(newestStarts(failed, 20));
    expect(document.pageCount).toBe(Math.ceil(failed.length / 20));
  });

  it("text: a table for people with the total, full callIds and the next page's command", async () => {
    const { code, stdout } = await cli(["failed calls yesterday", ...demo]);
    expect(code).toBe(EXIT.found);
    expect(stdout).toContain(`Total ${failed.length}`);
    expect(stdout).toMatch(/START\s+CALL ID\s+RESULT/);
    const newest = failed.filter((r) => r.startCallTs === newestStarts(failed, 1)[0]);
    expect(newest.some((r) => stdout.includes(r.callId))).toBe(true);
    expect(stdout).toContain("--page 2");
    expect(stdout).not.toContain("\u001b[");
  });

  it("--ndjson: every match, one record a line, no duplicates", async () => {
    const { code, stdout } = await cli(["failed calls yesterday", "--ndjson", ...demo]);
    expect(code).toBe(EXIT.found);
    const lines = stdout.trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line) as CallRecord);
    expect(records).toHaveLength(failed.length);
    expect(new Set(records.map((r) => r.callId))).toEqual(new Set(failed.map((r) => r.callId)));
  });

  it("--page 2 shows the next 20", async () => {
    const { stdout } = await cli(["failed calls yesterday", "--json", "--page", "2", ...demo]);
    const document = JSON.parse(stdout);
    expect(document.pageIndex).toBe(1);
    expect(document.records.map((r: CallRecord) => r.startCallTs)).toEqual(
      newestStarts(failed, 40).slice(20),
    );
  });

  it("a callId: its details; exit 0", async () => {
    const target = failed[0]!;
    const { code, stdout } = await cli([target.callId, ...demo]);
    expect(code).toBe(EXIT.found);
    expect(stdout).toContain(`Call ${target.callId}`);
    expect(stdout).toMatch(new RegExp(`Result\\s+${target.callResult}`));
    expect(stdout).toMatch(new RegExp(`Caller\\s+${target.caller}`));
  });

  it("a callId as --json carries the record and the story around it", async () => {
    const target = failed[0]!;
    const { stdout } = await cli([target.callId, "--json", ...demo]);
    const document = JSON.parse(stdout);
    expect(document.found[0].record).toEqual(target);
    expect(Array.isArray(document.found[0].around)).toBe(true);
  });

  it("digest --json: the day's figures from the digest accumulator", async () => {
    const { code, stdout } = await cli(["digest", "--date", "yesterday", "--json", ...demo]);
    expect(code).toBe(EXIT.found);
    const report = JSON.parse(stdout);
    expect(report.summary.total).toBe(dataset.count(yesterday(now, TIME_ZONE)));
    expect(report.perHour.reduce((a: number, b: number) => a + b, 0)).toBe(report.summary.total);
  });
});

describe("exit codes", () => {
  it.each([
    ["none found: 1", ["rejected group calls yesterday", ...demo], EXIT.none, ""],
    ["an unknown callId: 1", ["00000000-0000-4000-8000-000000000000", ...demo], EXIT.none, ""],
    ["words it cannot read: 2", ["flibbertigibbet wobble", ...demo], EXIT.badInput, "callscope"],
    ["a bad option: 2", ["failed", "--bogus", ...demo], EXIT.badInput, "--bogus"],
    ["a bad zone: 2", ["failed", "--demo", "--tz", "Mars/Olympus"], EXIT.badInput, "IANA"],
    ["no question: 2", ["--demo"], EXIT.badInput, "ask a question"],
    [
      "a digest day past 7 days: 2",
      ["digest", "--date", "2001-01-01", ...demo],
      EXIT.badInput,
      "7 days",
    ],
  ])("%s", async (_name, argv, expected, stderr) => {
    const result = await cli(argv);
    expect(result.code).toBe(expected);
    expect(result.stderr).toContain(stderr);
    if (expected === EXIT.none) {
      expect(
        dataset.count({ ...yesterday(now, TIME_ZONE), callType: "group", callResult: "reject" }),
      ).toBe(0);
    }
  });

  it("missing configuration: 3, naming every missing variable", async () => {
    const result = await cli(["failed calls last 2h"], { TRTC_SDKAPPID: "", TRTC_SECRET_KEY: "" });
    expect(result.code).toBe(EXIT.upstream);
    expect(result.stderr).toContain("TRTC_SDKAPPID");
    expect(result.stderr).toContain("TRTC_SECRET_KEY");
  });

  describe("an upstream that refuses our signature", () => {
    const realKey = "the-real-secret-key-of-this-app";
    const wrongKey = "a-wrong-secret-key-typed-by-someone";
    let simulator: Awaited<ReturnType<typeof startSimulator>>;
    beforeAll(async () => {
      simulator = await startSimulator({
        sdkAppId: 1400000777,
        secretKey: realKey,
        dataset: { seed: 2, callsPerDay: 100, days: 1 },
      });
    });
    afterAll(() => simulator.stop());

    it("exits 3 with the vendor's explanation and never the key", async () => {
      const result = await cli(["failed calls last 2h"], {
        TRTC_SDKAPPID: "1400000777",
        TRTC_SECRET_KEY: wrongKey,
        TRTC_API_URL: simulator.url,
      });
      expect(result.code).toBe(EXIT.upstream);
      expect(result.stderr).toMatch(/70002|UserSig|secret/i);
      expect(result.stderr + result.stdout).not.toContain(wrongKey);
    });
  });
});

describe("progress bar", () => {
  it("a week-long scan draws growing frames on stderr when forced, ending at every record read", async () => {
    const { code, stdout, stderr } = await cli(["calls last 6 days", "--ndjson", ...demo], {
      CALLSCOPE_PROGRESS: "always",
    });
    expect(code).toBe(EXIT.found);
    const lines = stdout.trimEnd().split("\n").length;
    const frames = stderr.trimEnd().split("\n");
    // A frame a page: the demo's six days are ~19 pages of 1000 (TRTC_PAGE_SIZE's default).
    expect(frames.length).toBeGreaterThan(10);
    const counts = frames.map((frame) => {
      const match = /Reading call records\D*([\d,]+)/.exec(frame);
      return Number((match?.[1] ?? "").replace(/,/g, ""));
    });
    expect(counts.every((n, i) => i === 0 || n >= counts[i - 1]!)).toBe(true);
    // Everything read was a match here (no filter words), so the last frame counts every line.
    expect(counts.at(-1)).toBe(lines);
  });

  it("stays silent on a pipe by default", async () => {
    const { stderr } = await cli(["failed calls yesterday", "--json", ...demo]);
    expect(stderr).toBe("");
  });
});
