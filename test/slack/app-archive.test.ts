import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { searchQuerySchema } from "../../src/query/types.js";
import { archiveRouter } from "../../src/routing/router.js";
import { decodeButtonValue, encodeButtonValue } from "../../src/slack/button-value.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import { generateDataset } from "../../src/testbed/callkit-sim/dataset.js";
import {
  buttonValue,
  callIdsInMessage,
  type Harness,
  messageText,
  SDK_APP_ID,
  startHarness,
} from "../support/slack-harness.js";
import { backends, type TestStore } from "../support/store.js";

/**
 * A day wholly older than the vendor's 7 days, asked with /calls: answered from the archive when
 * the archive holds it, the too-old message otherwise.
 */

const DAY = 86_400;
const nowTs = Math.floor(Date.now() / 1000);
// U0ALICE's time zone in the fake Slack: the day is read in it.
const ZONE = "Asia/Shanghai";
const dayAsked = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(
  new Date((nowTs - 10 * DAY) * 1000),
);
const dayStartTs = Date.parse(`${dayAsked}T00:00:00+08:00`) / 1000;
const WORDS = `rejected calls on ${dayAsked}`;

// Calls from 15 to 7 days ago: the archive's, long gone from the vendor.
const archived: CallRecord[] = generateDataset({
  sdkAppId: SDK_APP_ID,
  seed: 23,
  endMs: (nowTs - 7 * DAY - 3600) * 1000,
  days: 8,
  callsPerDay: 600,
}).query({ startTs: 0, endTs: nowTs });

const expectedRejected = archived
  .filter(
    (r) =>
      r.callResult === "reject" && r.startCallTs >= dayStartTs && r.startCallTs < dayStartTs + DAY,
  )
  .map((r) => r.callId);

const sqlite = backends().find((backend) => backend.name === "sqlite");

describe("/calls for a day older than 7 days, with an archive", () => {
  let store: TestStore;
  let h: Harness;
  beforeAll(async () => {
    if (!sqlite) throw new Error("no SQLite backend");
    store = await sqlite.open();
    const archive = createArchiveRepository(store.db);
    await archive.upsert(archived);
    await archive.saveCoverage({
      sdkAppId: SDK_APP_ID,
      from: nowTs - 16 * DAY,
      until: nowTs - 60,
      syncedAt: new Date(),
      backfilled: true,
    });
    h = await startHarness({
      sim: { dataset: { seed: 7, callsPerDay: 50, days: 7 } },
      router: (vendor) => archiveRouter({ archive, vendor, sdkAppId: SDK_APP_ID }),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await store?.dispose();
  });

  it("answers from the archive with every rejected call of that day, page after page", async () => {
    expect(expectedRejected.length).toBeGreaterThan(20);
    const before = await h.settledRequests();
    const first = await h.answer((await h.command(WORDS)).responseId);
    expect(String(first.body.text)).toMatch(new RegExp(`: ${expectedRejected.length} calls$`));

    const next = buttonValue(first.body, "next_page");
    const decoded = decodeButtonValue(next);
    if (!decoded.ok || decoded.payload.kind !== "page") throw new Error("no page button");
    expect(decoded.payload.query.window).toEqual({ startTs: dayStartTs, endTs: dayStartTs + DAY });

    const pages = [callIdsInMessage(first.body)];
    let value = next;
    while (value !== undefined) {
      const page = await h.answer((await h.click("next_page", value)).responseId);
      expect(page.effect).toBe("replace");
      expect(messageText(page.body)).not.toMatch(/older than the 7 days/);
      pages.push(callIdsInMessage(page.body));
      value = buttonValue(page.body, "next_page");
    }
    const all = pages.flatMap((page) => [...page]);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(expectedRejected));
    // Nothing of it was asked of the vendor, which no longer has it.
    expect(h.sim.stats.requests()).toBe(before);
  });

  it("still calls a day older than the archive too old", async () => {
    const older = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(
      new Date((nowTs - 20 * DAY) * 1000),
    );
    const answer = await h.answer((await h.command(`rejected calls on ${older}`)).responseId);
    expect(messageText(answer.body)).toMatch(/entirely older than 7 days/);
  });

  it("calls a page button expired when its window is older than the archive too", async () => {
    const old = nowTs - 20 * DAY;
    const value = encodeButtonValue({
      kind: "page",
      pageIndex: 1,
      query: searchQuerySchema.parse({
        kind: "search",
        window: { startTs: old, endTs: old + 3600 },
        lang: "en",
      }),
    });
    const before = await h.settledRequests();
    const answer = await h.answer((await h.click("next_page", value)).responseId);
    expect(messageText(answer.body)).toMatch(/older than the 7 days/);
    expect(h.sim.stats.requests()).toBe(before);
  });
});

describe("/calls for a day older than 7 days, without an archive", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { dataset: { seed: 7, callsPerDay: 50, days: 7 } } });
  });
  afterAll(() => h.stop());

  it("answers with the too-old message and asks the vendor nothing", async () => {
    const before = await h.settledRequests();
    const answer = await h.answer((await h.command(WORDS)).responseId);
    expect(messageText(answer.body)).toMatch(/entirely older than 7 days/);
    expect(buttonValue(answer.body, "next_page")).toBeUndefined();
    expect(h.sim.stats.requests()).toBe(before);
  });
});
