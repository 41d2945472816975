import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Heavy libraries load only inside the feature that uses them (docs/benchmarks.md, "Start-up:
 * what loads"). A child node process registers a resolve hook that refuses them, then imports a
 * module: a static import of one anywhere in its graph makes the import fail, naming it.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HEAVY = ["echarts", "@resvg/resvg-js", "tencentcloud-sdk-nodejs"];

const HOOKS = `
const heavy = ${JSON.stringify(HEAVY)};
export async function resolve(specifier, context, next) {
  if (heavy.some((name) => specifier === name || specifier.startsWith(name + "/")))
    throw new Error("heavy import at start-up: " + specifier);
  return next(specifier, context);
}`;
const REGISTER = `
import { register } from "node:module";
register("data:text/javascript,${encodeURIComponent(HOOKS)}");`;

function importIn(child: string): { status: number | null; stderr: string } {
  const script = `await import(${JSON.stringify(child)}); console.log("imported");`;
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      "--input-type=module",
      "-e",
      script,
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
  );
  return { status: run.status, stderr: run.stderr + run.stdout };
}

describe("start-up imports", () => {
  it.each([
    ["the assembly", "./src/app/callscope.ts"],
    ["the entry point's graph", "./src/slack/messaging/charts.ts"],
    ["the TRTC client", "./src/trtc/client.ts"],
  ])("%s loads without echarts, resvg or the TRTC SDK", (_, path) => {
    const run = importIn(path);
    expect(run.stderr).not.toContain("heavy import");
    expect(run.status).toBe(0);
  });

  it.each(HEAVY)("the hook does refuse %s (so the check above can fail)", (name) => {
    const run = importIn(
      name === "tencentcloud-sdk-nodejs"
        ? `${name}/tencentcloud/services/trtc/v20190722/trtc_client.js`
        : name,
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`heavy import at start-up: ${name}`);
  });
});
