import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run.js";
import {
  demoDataset,
  failedYesterday,
  newestStarts,
  referenceNow,
  TIME_ZONE,
} from "../cli/expected.js";
import { ROOT, run, TSX } from "../cli/spawn.js";

/**
 * `npm run demo` as people use it: one-shot answers checked against the seeded data, and the
 * interactive prompt driven through a pseudo-terminal (util-linux `script`): a query, the
 * "Next page" button pressed by its number, quitting, and nothing left listening.
 */

const now = referenceNow();
const failed = failedYesterday(demoDataset(now), now, TIME_ZONE);
const demoArgs = [
  "--import",
  TSX,
  "src/demo/main.ts",
  "--port",
  "0",
  "--now",
  now.toISOString(),
  "--tz",
  TIME_ZONE,
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('npm run demo -- "/calls …"', () => {
  it("answers /calls failed calls yesterday correctly, and --json gives the Block Kit", async () => {
    const [text, json, plain] = await Promise.all([
      run(process.execPath, [...demoArgs, "--builder-links", "/calls failed calls yesterday"]),
      run(process.execPath, [
        ...demoArgs,
        "--json",
        "--builder-links",
        "/calls rejected yesterday",
      ]),
      run(process.execPath, [...demoArgs, "/calls rejected yesterday"]),
    ]);
    // Builder links only when asked for: they would fill the terminal after every answer.
    expect(plain.code).toBe(EXIT.found);
    expect(plain.stdout).toContain("rejected");
    expect(plain.stdout + plain.stderr).not.toContain("Block Kit Builder");
    expect(text.stderr).toBe("");
    expect(text.code).toBe(EXIT.found);
    const rendered = text.stdout;
    expect(rendered).toContain(String(failed.length));
    const shown = [...new Set(rendered.match(UUID) ?? [])];
    const byId = new Map(failed.map((r) => [r.callId, r]));
    expect(shown).toHaveLength(20);
    expect(shown.every((id) => byId.has(id))).toBe(true);
    expect(shown.map((id) => byId.get(id)!.startCallTs).sort((a, b) => b - a)).toEqual(
      newestStarts(failed, 20),
    );
    expect(rendered).toMatch(/\[\d+\] Next page/);

    expect(json.code).toBe(EXIT.found);
    const message = JSON.parse(json.stdout);
    expect(Array.isArray(message.blocks)).toBe(true);
    expect(message.blocks.length).toBeGreaterThan(3);
    expect(json.stderr).toContain("Block Kit Builder: https://app.slack.com/block-kit-builder#");
  });
});

const hasScript = existsSync("/usr/bin/script") || existsSync("/bin/script");

describe("the interactive prompt", () => {
  it("takes a query, presses Next page by number, quits, and leaves nothing running", async () => {
    const command = [process.execPath, ...demoArgs].join(" ");
    // Under `script` the demo sees a real terminal (readline in terminal mode); without it, pipes.
    const child = hasScript
      ? spawn("script", ["-qfec", command, "/dev/null"], {
          cwd: ROOT,
          env: { ...process.env, NO_COLOR: "1" },
        })
      : spawn(process.execPath, demoArgs, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let output = "";
    const waiters: (() => void)[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      for (const wake of waiters.splice(0)) wake();
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const waitFor = async (pattern: RegExp, from: number): Promise<RegExpExecArray> => {
      const deadline = Date.now() + 45_000;
      for (;;) {
        const match = pattern.exec(output.slice(from));
        if (match) return match;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${pattern}; got:\n${output.slice(-2000)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    };
    try {
      const banner = await waitFor(/Slack app\s+http:\/\/127\.0\.0\.1:(\d+)\/slack\/events/, 0);
      const port = Number(banner[1]);
      await waitFor(/\/calls> /, 0);

      let mark = output.length;
      child.stdin.write("/calls failed calls yesterday\n");
      await waitFor(/Page 1 of \d+/, mark);
      const next = await waitFor(/\[(\d+)\] Next page/, mark);

      mark = output.length;
      child.stdin.write(`${next[1]}\n`);
      await waitFor(/pressing "Next page/, mark);
      const page2 = await waitFor(/Page 2 of (\d+).*calls 21–40 of (\d+)/, mark);
      expect(Number(page2[2])).toBe(failed.length);
      await waitFor(/Previous page/, mark);
      await waitFor(/\/calls> /, mark);

      child.stdin.write("quit\n");
      expect(await exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      child.kill("SIGKILL");
    }
  });
});
