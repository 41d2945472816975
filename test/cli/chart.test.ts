import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT, runCli } from "../../src/cli/run.js";
import { demoDataset, failedYesterday, referenceNow, TIME_ZONE } from "./expected.js";

/** `--chart FILE.png` for searches and digests, against --demo's simulator. */

function capture() {
  const chunks: string[] = [];
  return {
    stream: { isTTY: false, write: (text: string) => chunks.push(text) > 0, once: () => undefined },
    text: () => chunks.join(""),
  };
}

async function cli(argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { NO_COLOR: "1" },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const now = referenceNow();
const dataset = demoDataset(now);
const failed = failedYesterday(dataset, now, TIME_ZONE);
const lookupId = dataset.at(0).callId;
const demo = ["--demo", "--now", now.toISOString(), "--tz", TIME_ZONE];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "callscope-chart-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ihdr = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe("callscope --chart", () => {
  it.each<[string, string[], { width: number; height: number }, RegExp]>([
    [
      "a search",
      ["failed calls yesterday", "--json"],
      { width: 1600, height: 680 },
      new RegExp(
        `Calls over time by result \\(per 30 minutes\\): ${failed.length} calls, ${failed.length} failed; worst period`,
      ),
    ],
    [
      "a digest",
      ["digest", "--date", "yesterday"],
      { width: 1600, height: 760 },
      /Calls per hour, \d{4}-\d{2}-\d{2}: [\d,]+ calls, [\d,]+ failed; worst hour \d\d:00 with \d+ failed of \d+\. The line shows the day before \([\d,]+ calls\)\./,
    ],
  ])("writes %s's chart and says where, with what it shows", async (name, argv, size, alt) => {
    const file = join(dir, `${name.replace(" ", "-")}.png`);
    const { code, stdout, stderr } = await cli([...argv, "--chart", file, ...demo]);
    expect(code).toBe(EXIT.found);
    const png = await readFile(file);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(ihdr(png)).toEqual(size);
    expect(stderr).toContain(
      `chart: ${file} (${size.width}×${size.height} PNG, ${png.length} bytes): `,
    );
    expect(stderr).toMatch(alt);
    // stdout stays the answer alone (a --json document still parses).
    if (argv.includes("--json")) expect(JSON.parse(stdout).summary.total).toBe(failed.length);
  });

  it.each<[string, string[], RegExp]>([
    [
      "not a .png",
      ["failed calls yesterday", "--chart", "out.jpg"],
      /--chart takes a file name ending in \.png/,
    ],
    ["with --ndjson", ["failed calls yesterday", "--ndjson", "--chart", "x.png"], /not --ndjson/],
    ["for a lookup", [lookupId, "--chart", "x.png"], /searches and digests/],
    [
      "into a folder that is not there",
      ["digest", "--chart", "/nonexistent/dir/x.png"],
      /cannot write the file \(ENOENT\)/,
    ],
  ])("answers bad use clearly: %s", async (_, argv, message) => {
    const { code, stderr } = await cli([...argv, ...demo]);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toMatch(message);
  });
});
