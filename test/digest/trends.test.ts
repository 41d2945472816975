import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestFeature } from "../../src/app/digest.js";
import type { CallKitClient } from "../../src/callkit/client.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import type { DigestTarget } from "../../src/digest/runner.js";
import { silentLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import type { CallFilter } from "../../src/query/types.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { wasConnected } from "../support/answered.js";
import { backends, type TestStore } from "../support/store.js";
import { clientFor, SDK_APP_ID, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

/**
 * The digest of Mon 2026-11-02 in Los Angeles (PST, the day after the DST change) against
 * Mon 2026-10-26 (PDT), which only the archive holds. Expected figures are tallied here from
 * the seeded records and from the simulator, with the day bounds written out as UTC instants.
 */

const DATE = "2026-11-02";
const TODAY = { startTs: Date.UTC(2026, 10, 2, 8) / 1000, endTs: Date.UTC(2026, 10, 3, 8) / 1000 };
// Local midnight to midnight in PDT: one hour earlier than TODAY − 7 × 24 h.
const WEEK_AGO = {
  startTs: Date.UTC(2026, 9, 26, 7) / 1000,
  endTs: Date.UTC(2026, 9, 27, 7) / 1000,
};
const LINE_START = "vs Mon 26 Oct: ";

const noFilter: CallFilter = everyCall();
const singleVideo: CallFilter = { ...noFilter, callTypes: ["single"], mediaTypes: ["video"] };

const RESULTS = ["normal_end", "normal_end", "normal_end", "reject", "cancel", "not_answer"];

function seeded(i: number, startCallTs: number): CallRecord {
  return {
    callId: `wow-${i}`,
    sdkAppId: SDK_APP_ID,
    mediaType: i % 3 === 0 ? "audio" : "video",
    roomId: `r${i}`,
    startCallTs,
    acceptTs: startCallTs + 2,
    endTs: startCallTs + 90,
    caller: `u${i % 11}`,
    totalUserNumber: 2,
    callType: i % 4 === 0 ? "group" : "single",
    callResult: RESULTS[(i * 7) % RESULTS.length] ?? "normal_end",
    callees: [`u${(i + 1) % 11}`],
  };
}

// 123 calls over last week's local day, starting at its first second (an hour before the naive
// "7 × 24 h" window), plus calls just outside it on both sides: 23:30 the evening before, and
// 00:30 the morning after (inside the naive window, outside the local day).
const lastWeek = [
  ...Array.from({ length: 123 }, (_, i) => seeded(i, WEEK_AGO.startTs + i * 700)),
  seeded(1001, WEEK_AGO.startTs - 1800),
  seeded(1002, WEEK_AGO.endTs + 1800),
  seeded(1003, WEEK_AGO.endTs),
];

function matches(filter: CallFilter, record: CallRecord, window: typeof TODAY): boolean {
  return (
    record.startCallTs >= window.startTs &&
    record.startCallTs < window.endTs &&
    (filter.callTypes.length === 0 || filter.callTypes.includes(record.callType as "single")) &&
    (filter.mediaTypes.length === 0 || filter.mediaTypes.includes(record.mediaType as "video"))
  );
}

interface Figures {
  total: number;
  answered: number;
  failed: number;
}

function figuresOf(records: readonly CallRecord[]): Figures {
  const answered = records.filter(wasConnected).length;
  const failed = records.filter((r) => r.callResult !== "normal_end").length;
  return { total: records.length, answered, failed };
}

function percent(now: number, before: number): string {
  if (before === 0) return now === 0 ? "= 0%" : `0 → ${now}`;
  if (now === before) return "= 0%";
  const p = Math.round((Math.abs(now - before) * 100) / before);
  return `${now > before ? "▲" : "▼"} ${p === 0 ? "<1" : p}%`;
}

function expectedLine(now: Figures, before: Figures): string {
  const parts = [`${percent(now.total, before.total)} calls`];
  if (now.total > 0 && before.total > 0) {
    const points = Math.round((now.answered / now.total - before.answered / before.total) * 1000);
    const shown = Math.abs(points) / 10;
    parts.push(`answer rate ${points > 0 ? `▲ ${shown}` : points < 0 ? `▼ ${shown}` : "= 0"} pt`);
  }
  parts.push(`${percent(now.failed, before.failed)} failed`);
  return `${LINE_START}${parts.join(", ")}`;
}

/** The context line of the message that starts with LINE_START, if any. */
function weekLineOf(message: { blocks: unknown[] }): string | undefined {
  const texts = JSON.stringify(message.blocks).match(/"text":"vs Mon 26 Oct: [^"]*"/g) ?? [];
  expect(texts.length).toBeLessThanOrEqual(1);
  return texts[0]?.slice('"text":"'.length, -1);
}

let sim: Simulator;
let client: CallKitClient;
let today: CallRecord[];
beforeAll(async () => {
  sim = await startDigestSimulator();
  client = clientFor(sim);
  today = [];
  for await (const record of client.scan({
    startTimestamp: TODAY.startTs,
    endTimestamp: TODAY.endTs,
  })) {
    today.push(record);
  }
});
afterAll(async () => {
  await sim.stop();
});

describe.each(backends())("digest trends on $name", (backend) => {
  let store: TestStore;
  beforeAll(async () => {
    if (!backend.available) return;
    store = await backend.open();
    // The archive holds what its coverage says: last week's day, and the vendor's days as a sync
    // would have copied them (the digest reads a day the archive holds from the archive).
    await createArchiveRepository(store.db).upsert(lastWeek);
    await createArchiveRepository(store.db).upsert(
      Array.from({ length: sim.dataset.size }, (_, i) => sim.dataset.at(i)),
    );
  });
  afterAll(async () => {
    if (backend.available) await store.dispose();
  });

  const archive = () => createArchiveRepository(store.db);
  const cover = (from: number, until: number) =>
    archive().saveCoverage({
      sdkAppId: SDK_APP_ID,
      from,
      until,
      syncedAt: new Date(SIM_NOW_MS),
      backfilled: true,
    });
  const build = async (filter: CallFilter, withArchive = true, repository = archive()) => {
    const feature = createDigestFeature({
      store,
      source: client,
      logger: silentLogger,
      poster: createSlackPoster({ token: "xoxb-unused", slackApiUrl: "http://127.0.0.1:9/" }),
      now: () => new Date(SIM_NOW_MS),
      ...(withArchive ? { archive: { repository, sdkAppId: SDK_APP_ID } } : {}),
    });
    const target: DigestTarget = {
      channelId: "C0TRENDS",
      timeZone: "America/Los_Angeles",
      filter,
      lang: "en",
    };
    return (await feature.runner.build(target, DATE)).message;
  };

  describe.skipIf(!backend.available)("", () => {
    beforeEach(async () => {
      await cover(WEEK_AGO.startTs - 86_400, Math.floor(SIM_NOW_MS / 1000));
    });

    it.each([
      ["every call", noFilter],
      ["single video calls", singleVideo],
    ])("%s: the figures of the same local weekday last week", async (_, filter) => {
      const now = figuresOf(today.filter((r) => matches(filter, r, TODAY)));
      const before = figuresOf(lastWeek.filter((r) => matches(filter, r, WEEK_AGO)));
      // The seeded edges must matter: a window of 7 × 24 h would count other calls.
      const naive = { startTs: TODAY.startTs - 7 * 86_400, endTs: TODAY.endTs - 7 * 86_400 };
      expect(figuresOf(lastWeek.filter((r) => matches(filter, r, naive)))).not.toEqual(before);
      expect(now.total).toBeGreaterThan(0);

      const line = weekLineOf(await build(filter));
      expect(line).toBe(expectedLine(now, before));
    });

    it.each([
      ["coverage starts after last week's midnight", WEEK_AGO.startTs + 1, TODAY.endTs],
      ["coverage ends before last week's day ends", WEEK_AGO.startTs - 86_400, WEEK_AGO.endTs - 1],
    ])("no line when %s", async (_, from, until) => {
      await cover(from, until);
      const message = await build(noFilter);
      expect(weekLineOf(message)).toBeUndefined();
      expect(JSON.stringify(message.blocks)).toContain("Total calls");
    });

    it("no line without an archive, nor when the archive's store fails", async () => {
      expect(weekLineOf(await build(noFilter, false))).toBeUndefined();
      const closed = await store.reopen();
      await closed.close();
      const broken = createArchiveRepository(closed.db);
      const message = await build(noFilter, true, broken);
      expect(weekLineOf(message)).toBeUndefined();
      expect(JSON.stringify(message.blocks)).toContain("Total calls");
    });
  });
});
