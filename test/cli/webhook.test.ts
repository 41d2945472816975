import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";

/** `callscope webhook url|set` against the simulator's callback-config endpoints. */

const APP = 1400000044;
const SECRET = "cli-webhook-test-secret-0123456789ab";
const TOKEN = "cli-webhook-token-0123456789abcdefghijkl";

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (into: string[]) => ({
    write: (text: string) => into.push(text) > 0,
    once: () => undefined,
  });
  return {
    io: { stdout: stream(out), stderr: stream(err), env },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("callscope webhook", () => {
  let sim: Simulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator({ sdkAppId: APP, secretKey: SECRET, dataset: [] });
    env = {
      TRTC_SDKAPPID: String(APP),
      TRTC_SECRET_KEY: SECRET,
      TRTC_API_URL: sim.url,
      TRTC_V4_API_URL: sim.url,
      CALLKIT_WEBHOOK_TOKEN: TOKEN,
    };
  });
  afterAll(() => sim?.stop());

  it("url prints the URL to register", async () => {
    const run = io(env);
    expect(await runCli(["webhook", "url", "--base", "https://bot.example.com/"], run.io)).toBe(0);
    expect(run.out()).toBe(`https://bot.example.com/callkit/events/${TOKEN}\n`);
  });

  it.each([
    ["v1", () => sim.callbacks.v1?.address, () => sim.callbacks.v1?.actions],
    ["v4", () => sim.callbacks.v4?.Url, () => sim.callbacks.v4?.CallbackCommandList],
  ] as const)(
    "set --generation %s registers it with the vendor",
    async (generation, address, actions) => {
      const run = io(env);
      const code = await runCli(
        ["webhook", "set", "--base", "https://bot.example.com", "--generation", generation],
        run.io,
      );
      expect(run.err()).toBe("");
      expect(code).toBe(0);
      expect(address()).toBe(`https://bot.example.com/callkit/events/${TOKEN}`);
      expect(actions()).toContain(
        generation === "v1" ? "callee_reject_call" : "Call.CallbackAfterEndCall",
      );
      expect(run.out()).not.toContain(TOKEN);
    },
  );

  it.each([
    [
      "no token",
      { CALLKIT_WEBHOOK_TOKEN: "" },
      ["url", "--base", "https://x.example"],
      2,
      "CALLKIT_WEBHOOK_TOKEN",
    ],
    [
      "a short token",
      { CALLKIT_WEBHOOK_TOKEN: "short" },
      ["url", "--base", "https://x.example"],
      2,
      "at least 32",
    ],
    ["no base", {}, ["url"], 2, "--base"],
    ["no sub-command", {}, ["--base", "https://x.example"], 2, "url or set"],
    [
      "a wrong secret",
      { TRTC_SECRET_KEY: "wrong-secret-0123456789" },
      ["set", "--base", "https://x.example", "--generation", "v4"],
      3,
      "refused",
    ],
  ])("%s: a clear error", async (_name, extra, argv, code, words) => {
    const run = io({ ...env, ...extra });
    expect(await runCli(["webhook", ...argv], run.io)).toBe(code);
    expect(run.err()).toContain(words);
    expect(run.err()).not.toContain(SECRET);
  });
});
