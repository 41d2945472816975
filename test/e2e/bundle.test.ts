import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { freePort } from "../../src/testbed/free-port.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";

/**
 * `npm run build`'s one file (scripts/build.mjs): what loads at start stays in it, what loads on
 * first use stays out of it and out of the start. test/app/lazy-imports.test.ts holds the source
 * graph to the same; here it is the bundle, started as a container starts it.
 */

/** Loaded by `import()` on first use (a chart, a TRTC request, a PostgreSQL store). */
const ON_FIRST_USE = ["echarts", "@resvg/resvg-js", "tencentcloud-sdk-nodejs", "pg"];
/** Bolt requires these whichever receiver runs; the bundle loads them when one is built. */
const BOLT_ON_CONSTRUCTION = ["@slack/socket-mode", "express", "@slack/oauth"];
/** What those would bring along. */
const NEVER_BUNDLED = [...ON_FIRST_USE, ...BOLT_ON_CONSTRUCTION, "undici", "ws", "jsonwebtoken"];

const SDK_APP_ID = 1400000778;
const TRTC_SECRET = "bundle-test-secret-key-0123456789abcdef";
const BOT_TOKEN = "xoxb-bundle-test";

/**
 * A hook for the app's process that refuses the packages above, for an ESM `import()` (the
 * externals) and a CommonJS `require` (Bolt's stand-ins) alike: loading one fails start-up,
 * naming it.
 */
const REFUSING = [...ON_FIRST_USE, ...BOLT_ON_CONSTRUCTION];
const HOOKS = `
const refused = ${JSON.stringify(REFUSING)};
export async function resolve(specifier, context, next) {
  if (refused.some((name) => specifier === name || specifier.startsWith(name + "/")))
    throw new Error("loaded at start-up: " + specifier);
  return next(specifier, context);
}`;
const REFUSE = `data:text/javascript,${encodeURIComponent(`
import Module, { register } from "node:module";
register("data:text/javascript,${encodeURIComponent(HOOKS)}");
const refused = ${JSON.stringify(REFUSING)};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (refused.some((name) => request === name || request.startsWith(name + "/")))
    throw new Error("loaded at start-up: " + request);
  return load.call(this, request, ...rest);
};`)}`;

interface Meta {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
}

let sim: Simulator;
let slack: FakeSlack;
let folder: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  sim = await startSimulator({
    sdkAppId: SDK_APP_ID,
    secretKey: TRTC_SECRET,
    dataset: { seed: 6, callsPerDay: 100, days: 1 },
  });
  slack = await startFakeSlack({ botToken: BOT_TOKEN });
  folder = mkdtempSync(join(tmpdir(), "callscope-bundle-"));
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all([sim.stop(), slack.stop()]);
  rmSync(folder, { recursive: true, force: true });
});

function startBundle(options: { nodeArgs?: string[]; env?: Record<string, string>; port: number }) {
  let output = "";
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "dist/main.js"], {
    env: {
      PATH: process.env.PATH,
      TRTC_SDKAPPID: String(SDK_APP_ID),
      TRTC_SECRET_KEY: TRTC_SECRET,
      TRTC_API_URL: sim.url,
      TRTC_V4_API_URL: sim.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: "bundle-test-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      PORT: String(options.port),
      DATABASE_URL: `sqlite:${join(folder, `${options.port}.sqlite`)}`,
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

async function healthy(port: number, exited: Promise<unknown>): Promise<Response> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 20_000;
  while (!gone && Date.now() < deadline) {
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (answer.status === 200) return answer;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(gone ? "the app exited" : "not healthy within 20 s");
}

describe("the bundle (npm run build)", () => {
  it("is one start-up file that leaves out what loads on first use", () => {
    const meta = JSON.parse(readFileSync("dist/meta.json", "utf8")) as Meta;
    const bundled = Object.keys(meta.inputs);
    for (const name of NEVER_BUNDLED) {
      expect(bundled.filter((path) => path.includes(`node_modules/${name}/`))).toEqual([]);
    }
    // Our sources and Bolt's CommonJS tree are in it.
    expect(bundled).toContain("src/main.ts");
    expect(bundled.some((path) => path.includes("node_modules/@slack/bolt/"))).toBe(true);
    const imports = meta.outputs["dist/main.js"]?.imports ?? [];
    const kinds = (name: string) =>
      imports.filter((i) => i.path === name || i.path.startsWith(`${name}/`)).map((i) => i.kind);
    // The first-use packages by import() only; Bolt's by a require inside a stand-in's getter.
    for (const name of ON_FIRST_USE) expect(kinds(name)).toEqual(["dynamic-import"]);
    for (const name of BOLT_ON_CONSTRUCTION) expect(kinds(name)).toEqual(["require-call"]);
  });

  it("starts in HTTP mode and answers /healthz without loading any of them", async () => {
    const port = await freePort();
    const app = startBundle({ nodeArgs: ["--import", REFUSE], port });
    const answer = await healthy(port, app.exited);
    expect(await answer.json()).toMatchObject({ status: "ok", mode: "http" });
    expect(app.output()).not.toContain("loaded at start-up");
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  }, 30_000);

  it("loads pg by import() when the store is PostgreSQL (so the hook above sees the bundle's imports)", async () => {
    const app = startBundle({
      nodeArgs: ["--import", REFUSE],
      env: { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" },
      port: await freePort(),
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("loaded at start-up: pg");
  }, 30_000);

  it("loads Socket Mode when SLACK_APP_TOKEN asks for it (and the refusing hook does catch that)", async () => {
    // Refused: the stand-in's require reaches the package, so the hook above could fail.
    const refused = startBundle({
      nodeArgs: ["--import", REFUSE],
      env: { SLACK_APP_TOKEN: "xapp-1-bundle-test" },
      port: await freePort(),
    });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("loaded at start-up: @slack/socket-mode");

    // Allowed: Socket Mode's client asks Slack for its socket (the stand-in refuses the token).
    slack.reset();
    const socket = startBundle({
      env: { SLACK_APP_TOKEN: "xapp-1-bundle-test" },
      port: await freePort(),
    });
    expect(await socket.exited).toBe(1);
    expect(slack.calls("apps.connections.open")).toHaveLength(1);
    expect(socket.output()).toContain("Failed to retrieve a new WSS URL");
  }, 30_000);
});
