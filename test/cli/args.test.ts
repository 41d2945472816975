import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "../../src/cli/args.js";

const now = () => new Date("2025-11-25T10:00:00Z");

describe("parseCliArgs", () => {
  it("joins the words of a question and defaults to text in the system zone", () => {
    const args = parseCliArgs(["failed", "calls", "last", "2h"], now);
    expect(args).toMatchObject({
      command: "query",
      text: "failed calls last 2h",
      output: "text",
      demo: false,
      pageIndex: 0,
    });
    expect(args.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(args.now.toISOString()).toBe("2025-11-25T10:00:00.000Z");
  });

  it.each([
    [["x", "--json"], { output: "json" }],
    [["x", "--ndjson"], { output: "ndjson" }],
    [["x", "--tz", "Asia/Shanghai"], { timeZone: "Asia/Shanghai" }],
    [["x", "--page", "3"], { pageIndex: 2 }],
    [["--demo", "x"], { demo: true }],
    [["digest"], { command: "digest", date: "yesterday", text: "" }],
    [["digest", "--date", "2025-11-20"], { command: "digest", date: "2025-11-20" }],
    [["--help"], { help: true }],
    [["x", "--now", "2025-11-01T00:00:00Z"], { now: new Date("2025-11-01T00:00:00Z") }],
  ])("%j", (argv, expected) => {
    expect(parseCliArgs(argv, now)).toMatchObject(expected);
  });

  it.each([
    [["x", "--json", "--ndjson"], /one of --json and --ndjson/],
    [["x", "--tz", "Mars/Olympus"], /not an IANA time zone/],
    [["x", "--page", "0"], /--page/],
    [["x", "--page", "two"], /--page/],
    [["x", "--bogus"], /bogus/],
    [["x", "--now", "soon"], /--now/],
    [["x", "--date", "yesterday"], /--date goes with/],
    [["digest", "failed"], /takes --date/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCliArgs(argv, now)).toThrow(UsageError);
    expect(() => parseCliArgs(argv, now)).toThrow(message);
  });
});
