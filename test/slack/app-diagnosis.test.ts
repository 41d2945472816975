import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { encodeButtonValue } from "../../src/slack/button-value.js";
import { startTrtcSimulator, type TrtcSimulator } from "../../src/testbed/trtc-sim/server.js";
import { type Harness, messageText, SDK_APP_ID, startHarness } from "../support/slack-harness.js";

// The diagnosis in call details, through the real app over signed HTTP: the records simulator
// for the records, the TRTC simulator (TC3-checked) for TRTC's account of the same calls.

const SECRET_ID = "AKIDcallscopeSLACK01";
const SECRET_KEY = "trtc-cloud-secret-key-slack-test-77";

/** A TRTC simulator whose calls are the harness's records simulator's, once it exists. */
async function trtcFor(holder: { h?: Harness }, options: { monitoring?: boolean } = {}) {
  const calls = {
    get size() {
      return holder.h?.sim.dataset.size ?? 0;
    },
    at: (index: number) => (holder.h as Harness).sim.dataset.at(index),
  };
  return startTrtcSimulator({
    sdkAppId: SDK_APP_ID,
    keys: { [SECRET_ID]: SECRET_KEY },
    calls,
    ...options,
  });
}

const env = (trtc: TrtcSimulator) => ({
  TRTC_CLOUD_SECRET_ID: SECRET_ID,
  TRTC_CLOUD_SECRET_KEY: SECRET_KEY,
  TRTC_CLOUD_API_URL: trtc.url,
});

function interruptedCall(h: Harness): CallRecord {
  for (let i = h.sim.dataset.size - 1; i >= 0; i--) {
    const record = h.sim.dataset.at(i);
    if (
      record.callResult === "interrupt" &&
      (record.acceptTs ?? 0) > 0 &&
      record.callType === "single"
    )
      return record;
  }
  throw new Error("the data set has no answered single interrupted call");
}

function cancelledCall(h: Harness): CallRecord {
  for (let i = h.sim.dataset.size - 1; i >= 0; i--) {
    const record = h.sim.dataset.at(i);
    if (record.callResult === "cancel" && record.callType === "single") return record;
  }
  throw new Error("the data set has no cancelled call");
}

describe("diagnosis in call details (waits long enough: one answer)", () => {
  const holder: { h?: Harness } = {};
  let trtc: TrtcSimulator;
  beforeAll(async () => {
    trtc = await trtcFor(holder);
    holder.h = await startHarness({ env: env(trtc), diagnosisWaitMs: 20_000 });
  });
  afterAll(async () => {
    await holder.h?.stop();
    await trtc.stop();
  });

  it("/calls <callId> of an interrupted call shows participants, events, quality and the verdict", async () => {
    const h = holder.h as Harness;
    const record = interruptedCall(h);
    const { responseId } = await h.command(record.callId);
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain(record.callId);
    expect(text).toContain("Why (TRTC's own data)");
    expect(text).toMatch(
      /network dropped \(event 1003\) 12 s before the call was interrupted; RTT \d{3} ms before it/,
    );
    expect(text).toContain("Participants");
    expect(text).toMatch(/SDK \d+\.\d+/);
    expect(text).toContain("Quality over the call");
    expect(text).toContain("audio stutter");
    expect(`${text}${h.logLines.join("")}`).not.toContain(SECRET_KEY);
    expect(h.slack.responses(responseId).filter((post) => post.accepted)).toHaveLength(1);
  });

  it("the Details button in Chinese explains a cancel by the refused microphone", async () => {
    const h = holder.h as Harness;
    const record = cancelledCall(h);
    const value = encodeButtonValue({ kind: "lookup", callIds: [record.callId], lang: "zh" });
    const { responseId } = await h.click("call_details", value);
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain("原因（TRTC 自身数据）");
    expect(text).toContain("麦克风权限被拒绝（事件 2002）");
    expect(text).toContain("通话被取消");
  });

  it("holds 20 requests/s per TRTC API under concurrent details (counted at the simulator)", async () => {
    const h = holder.h as Harness;
    const ids: string[] = [];
    for (let i = h.sim.dataset.size - 1; i >= 0 && ids.length < 12; i--) {
      const record = h.sim.dataset.at(i);
      if (
        record.callResult === "interrupt" &&
        (record.acceptTs ?? 0) > 0 &&
        record.callType === "single"
      )
        ids.push(record.callId);
    }
    const before = trtc.requests.length;
    const sent = await Promise.all(
      ids.map((id, i) => h.command(id, { userId: i % 2 ? "U0ALICE" : "U0BOB" })),
    );
    const texts = await Promise.all(
      sent.map(async ({ responseId }) => messageText((await h.answer(responseId)).body)),
    );
    for (const text of texts) expect(text).toContain("network dropped (event 1003)");
    const mine = trtc.requests.slice(before);
    expect(mine.filter((request) => request.action === "DescribeUserEvent").length).toBe(
      2 * ids.length,
    );
    expect(mine.some((request) => request.code === "RequestLimitExceeded")).toBe(false);
    for (const action of [
      "DescribeRoomInfo",
      "DescribeUserEvent",
      "DescribeCallDetailInfo",
    ] as const) {
      expect(trtc.maxPerSecond(action)).toBeLessThanOrEqual(20);
    }
  });

  it("the shortcut shows the diagnosis too", async () => {
    const h = holder.h as Harness;
    const record = interruptedCall(h);
    const { responseId } = await h.shortcut(`customer says ${record.callId} dropped`);
    const text = messageText((await h.answer(responseId)).body);
    expect(text).toContain("network dropped (event 1003)");
  });
});

describe("diagnosis slower than the wait: the details first, the diagnosis follows", () => {
  const holder: { h?: Harness } = {};
  let trtc: TrtcSimulator;
  beforeAll(async () => {
    trtc = await trtcFor(holder);
    holder.h = await startHarness({ env: env(trtc), diagnosisWaitMs: 0 });
  });
  afterAll(async () => {
    await holder.h?.stop();
    await trtc.stop();
  });

  it("answers with the details and a pending line, then posts the diagnosis", async () => {
    const h = holder.h as Harness;
    const record = interruptedCall(h);
    trtc.faults.inject({ kind: "delay", ms: 300, action: "DescribeRoomInfo", times: 1 });
    const { responseId } = await h.command(record.callId);
    const first = messageText((await h.answer(responseId)).body);
    expect(first).toContain(record.caller);
    expect(first).toContain("Asking TRTC why");
    const second = await h.slack.waitForResponse(
      (post) =>
        post.id === responseId &&
        post.accepted &&
        messageText(post.body).includes("Why these calls failed"),
      20_000,
    );
    expect(messageText(second.body)).toMatch(
      /network dropped \(event 1003\) 12 s before the call was interrupted/,
    );
    expect(messageText(second.body)).toContain(record.callId);
  });
});

describe("diagnosis errors and no credentials", () => {
  it("without credentials: one line saying what they would add, in both languages", async () => {
    const h = await startHarness();
    try {
      const record = interruptedCall(h);
      const { responseId } = await h.command(record.callId);
      const text = messageText((await h.answer(responseId)).body);
      expect(text).toContain(
        "With TRTC cloud API credentials (TRTC_CLOUD_SECRET_ID and TRTC_CLOUD_SECRET_KEY)",
      );
      const value = encodeButtonValue({ kind: "lookup", callIds: [record.callId], lang: "zh" });
      const click = await h.click("call_details", value);
      expect(messageText((await h.answer(click.responseId)).body)).toContain(
        "配置 TRTC 云 API 密钥",
      );
    } finally {
      await h.stop();
    }
  });

  it("no monitoring package: plain words in the details, no secret", async () => {
    const holder: { h?: Harness } = {};
    const trtc = await trtcFor(holder, { monitoring: false });
    holder.h = await startHarness({ env: env(trtc), diagnosisWaitMs: 20_000 });
    try {
      const h = holder.h;
      const record = interruptedCall(h);
      const { responseId } = await h.command(record.callId);
      const text = messageText((await h.answer(responseId)).body);
      expect(text).toContain(record.callId);
      expect(text).toContain("Monitoring Dashboard paid edition");
      expect(`${text}${h.logLines.join("")}`).not.toContain(SECRET_KEY);
    } finally {
      await holder.h.stop();
      await trtc.stop();
    }
  });

  it("a wrong SecretKey is refused by the simulator and said plainly", async () => {
    const holder: { h?: Harness } = {};
    const trtc = await trtcFor(holder);
    holder.h = await startHarness({
      env: { ...env(trtc), TRTC_CLOUD_SECRET_KEY: "not-the-right-key-at-all-123" },
      diagnosisWaitMs: 20_000,
    });
    try {
      const h = holder.h;
      const { responseId } = await h.command(interruptedCall(h).callId);
      const text = messageText((await h.answer(responseId)).body);
      expect(text).toContain("TRTC refused the API key");
      expect(text).toContain("AuthFailure.SignatureFailure");
      expect(`${text}${h.logLines.join("")}`).not.toContain("not-the-right-key-at-all-123");
    } finally {
      await holder.h.stop();
      await trtc.stop();
    }
  });
});
