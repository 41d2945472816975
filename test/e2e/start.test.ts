import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TZDate } from "@date-fns/tz";
import { startOfDay, subDays } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { sendSlashCommand } from "../../src/testbed/slack-standin/sign.js";
import { startTrtcSimulator, type TrtcSimulator } from "../../src/testbed/trtc-sim/server.js";

/**
 * `npm start` as a deployer runs it (`node dist/main.js`): a separate process configured only through the environment,
 * against the simulator and a fake Slack, with a SQLite store; then SIGTERM.
 */

/** What `npm start` runs: the bundled app, built afresh so the test sees the sources as they are. */
const MAIN = "dist/main.js";

const SDK_APP_ID = 1400000777;
const TRTC_SECRET = "e2e-secret-key-that-must-never-leak-0123456789";
const SIGNING_SECRET = "e2e-signing-secret-never-printed";
const BOT_TOKEN = "xoxb-e2e-bot-token-never-printed";
const CLOUD_SECRET_ID = "AKIDe2eCloudKey0001";
const CLOUD_SECRET_KEY = "e2e-trtc-cloud-secret-key-never-printed";

let sim: Simulator;
let trtc: TrtcSimulator;
let slack: FakeSlack;
let app: ChildProcess;
let folder: string;
let output = "";
let eventsUrl = "";

/** `npm start` in its own process, configured only through the environment, output to `sink`. */
function startApp(
  folder: string,
  env: Record<string, string>,
  sink: (text: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      TZ: "Europe/Berlin",
      TRTC_SDKAPPID: String(SDK_APP_ID),
      TRTC_SECRET_KEY: TRTC_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: "0",
      DATABASE_URL: `sqlite:${join(folder, "callscope.sqlite")}`,
      ARCHIVE_ENABLED: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => sink(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => sink(chunk.toString()));
  return child;
}

function waitForLine(pattern: RegExp, timeoutMs = 25_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} in:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const line = output.split("\n").find((l) => pattern.test(l));
      if (!line) return;
      clearTimeout(timer);
      app.stdout?.off("data", check);
      resolve(line);
    };
    app.stdout?.on("data", check);
    check();
  });
}

beforeAll(async () => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  sim = await startSimulator({
    sdkAppId: SDK_APP_ID,
    secretKey: TRTC_SECRET,
    dataset: { seed: 3, callsPerDay: 800, days: 7 },
  });
  // TRTC's account of the same calls: the compiled app loads the SDK's CommonJS TRTC client from ESM.
  trtc = await startTrtcSimulator({
    sdkAppId: SDK_APP_ID,
    keys: { [CLOUD_SECRET_ID]: CLOUD_SECRET_KEY },
    calls: sim.dataset,
  });
  slack = await startFakeSlack({
    botToken: BOT_TOKEN,
    users: [{ id: "U0ALICE", tz: "Asia/Shanghai" }],
  });
  folder = mkdtempSync(join(tmpdir(), "callscope-start-"));
  app = startApp(
    folder,
    {
      TRTC_CLOUD_SECRET_ID: CLOUD_SECRET_ID,
      TRTC_CLOUD_SECRET_KEY: CLOUD_SECRET_KEY,
      TRTC_CLOUD_API_URL: trtc.url,
      TRTC_API_URL: sim.url,
      // Default generation (auto): v4 is asked on the simulator too, and holds nothing there.
      TRTC_V4_API_URL: sim.url,
    },
    (text) => {
      output += text;
    },
  );
  const started = JSON.parse(await waitForLine(/callscope\.started/)) as { events: string };
  eventsUrl = started.events;
  // The first sync backfills the simulator's week into the archive.
  await waitForLine(/archive\.sync\.done/);
}, 60_000);

afterAll(async () => {
  if (app.exitCode === null) app.kill("SIGKILL");
  await Promise.all([sim.stop(), trtc.stop(), slack.stop()]);
  rmSync(folder, { recursive: true, force: true });
});

async function command(text: string, responseId: string) {
  const ack = await sendSlashCommand(eventsUrl, SIGNING_SECRET, {
    command: "/calls",
    text,
    user_id: "U0ALICE",
    user_name: "alice",
    channel_id: "C0ONCALL",
    channel_name: "oncall",
    team_id: "T0FAKE",
    response_url: slack.responseUrl(responseId),
    trigger_id: "1.2.3",
  });
  const answer = await slack.waitForResponse((post) => post.id === responseId && post.accepted);
  return { ack, text: JSON.stringify(answer.body) };
}

describe("npm start", () => {
  it("answers /healthz", async () => {
    const response = await fetch(eventsUrl.replace("/slack/events", "/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", mode: "http" });
  });

  it("answers a search from its archive with the simulator's figures, in the user's time zone", async () => {
    const { ack, text } = await command("rejected calls yesterday", "search");
    expect(ack.status).toBe(200);
    const today = startOfDay(new TZDate(Date.now(), "Asia/Shanghai"));
    const expected = sim.dataset.count({
      startTs: subDays(today, 1).getTime() / 1000,
      endTs: today.getTime() / 1000,
      callResult: "reject",
    });
    expect(expected).toBeGreaterThan(0);
    expect(text).toContain(`*${expected} calls*`);
    expect(text).toContain("archive");
    // Its chart: echarts, resvg and the fonts, loaded by the bundle from node_modules on first use.
    const png = slack.files().find((file) => file.filename === "callscope-calls-over-time.png");
    expect(png?.completed).toBe(true);
    expect(png?.bytes?.subarray(1, 4).toString("ascii")).toBe("PNG");
  });

  it("explains an interrupted call from TRTC's data (the SDK's deep import, compiled)", async () => {
    let record = sim.dataset.at(sim.dataset.size - 1);
    for (let i = sim.dataset.size - 1; i >= 0; i--) {
      record = sim.dataset.at(i);
      if (
        record.callResult === "interrupt" &&
        (record.acceptTs ?? 0) > 0 &&
        record.callType === "single"
      )
        break;
    }
    expect(record.callResult).toBe("interrupt");
    const { text } = await command(record.callId, "diagnosis");
    expect(text).toContain(record.callId);
    // Within ~2 s it is in the details; otherwise it follows in a second message.
    const all = slack
      .responses("diagnosis")
      .map((post) => JSON.stringify(post.body))
      .join("");
    const explained = all.includes("network dropped (event 1003)")
      ? all
      : JSON.stringify(
          (
            await slack.waitForResponse(
              (post) => post.id === "diagnosis" && JSON.stringify(post.body).includes("event 1003"),
            )
          ).body,
        );
    expect(explained).toMatch(
      /network dropped \(event 1003\) 12 s before the call was interrupted/,
    );
    expect(
      trtc.requests.some((request) => request.action === "DescribeRoomInfo" && request.accepted),
    ).toBe(true);
  });

  it("keeps a digest subscription in its store", async () => {
    const on = await command("digest on at 08:30", "digest-on");
    expect(on.text).toContain("08:30");
    const show = await command("digest", "digest-show");
    expect(show.text).toContain("08:30");
  });

  it("refuses a forged request", async () => {
    const ack = await sendSlashCommand(
      eventsUrl,
      SIGNING_SECRET,
      { command: "/calls", text: "help", response_url: slack.responseUrl("forged") },
      { signWith: "not-the-secret" },
    );
    expect(ack.status).toBe(401);
  });

  it("stops on SIGTERM with exit code 0, and never printed a secret", async () => {
    const exited = new Promise<number | null>((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("callscope.stopped");
    for (const secret of [TRTC_SECRET, SIGNING_SECRET, BOT_TOKEN, CLOUD_SECRET_KEY]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/usersig=(?!\[redacted\])/i);
  });
});

/**
 * The same `npm start` for a team on TUICallKit's current SDK (calls()/join()): every call in the
 * second-generation API, TRTC_API_GENERATION=v4. Searches, the archive and lookups all read v4.
 */
describe("npm start with TRTC_API_GENERATION=v4", () => {
  let v4sim: Simulator;
  let v4app: ChildProcess;
  let v4folder: string;
  let v4output = "";
  let v4events = "";

  const lineOf = (pattern: RegExp, timeoutMs = 25_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${pattern} in:\n${v4output}`)),
        timeoutMs,
      );
      const check = () => {
        const line = v4output.split("\n").find((l) => pattern.test(l));
        if (!line) return;
        clearTimeout(timer);
        v4app.stdout?.off("data", check);
        resolve(line);
      };
      v4app.stdout?.on("data", check);
      check();
    });

  async function v4command(text: string, responseId: string) {
    const ack = await sendSlashCommand(v4events, SIGNING_SECRET, {
      command: "/calls",
      text,
      user_id: "U0ALICE",
      user_name: "alice",
      channel_id: "C0ONCALL",
      channel_name: "oncall",
      team_id: "T0FAKE",
      response_url: slack.responseUrl(responseId),
      trigger_id: "1.2.3",
    });
    const answer = await slack.waitForResponse((post) => post.id === responseId && post.accepted);
    return { ack, text: JSON.stringify(answer.body) };
  }

  beforeAll(async () => {
    v4sim = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: TRTC_SECRET,
      dataset: { seed: 4, callsPerDay: 600, days: 7 },
      generation: "v4",
    });
    v4folder = mkdtempSync(join(tmpdir(), "callscope-start-v4-"));
    v4app = startApp(
      v4folder,
      {
        TRTC_API_GENERATION: "v4",
        TRTC_V4_API_URL: v4sim.url,
        // v1 is not asked at all: its host is one nothing listens on.
        TRTC_API_URL: "http://127.0.0.1:9",
      },
      (text) => {
        v4output += text;
      },
    );
    const started = JSON.parse(await lineOf(/callscope\.started/)) as { events: string };
    v4events = started.events;
    await lineOf(/archive\.sync\.done/);
  }, 60_000);

  afterAll(async () => {
    if (v4app.exitCode === null) v4app.kill("SIGKILL");
    await v4sim.stop();
    rmSync(v4folder, { recursive: true, force: true });
  });

  it("logs the generation it uses and answers a search with v4's figures", async () => {
    expect(v4output).toMatch(/"event":"callkit\.generations".*"using":\["v4"\]/);
    const { ack, text } = await v4command("rejected calls yesterday", "v4-search");
    expect(ack.status).toBe(200);
    const today = startOfDay(new TZDate(Date.now(), "Asia/Shanghai"));
    const expected = v4sim.dataset.count({
      startTs: subDays(today, 1).getTime() / 1000,
      endTs: today.getTime() / 1000,
      callResult: "reject",
    });
    expect(expected).toBeGreaterThan(0);
    expect(text).toContain(`*${expected} calls*`);
    expect(v4sim.stats.requests("v4-filter")).toBeGreaterThan(0);
    expect(v4sim.stats.requests("filter")).toBe(0);
  });

  it("looks a v4 call up by its callId", async () => {
    const call = v4sim.dataset.at(5);
    const { text } = await v4command(call.callId, "v4-lookup");
    expect(text).toContain(call.callId);
    expect(text).toContain(call.caller);
  });

  it("stops on SIGTERM with exit code 0, and never printed a secret", async () => {
    const exited = new Promise<number | null>((resolve) => v4app.once("exit", resolve));
    v4app.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const secret of [TRTC_SECRET, SIGNING_SECRET, BOT_TOKEN]) {
      expect(v4output).not.toContain(secret);
    }
    expect(v4output).not.toMatch(/usersig=(?!\[redacted\])/i);
  });
});
