import { afterAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/callkit/schemas.js";
import { DAY, post, simulators } from "./server-helpers.js";

const { sim, stopAll } = simulators();
afterAll(stopAll);

describe("a 1,000,000-call day", () => {
  it("pages through a filtered day consistently with the data set", async () => {
    const s = await sim({ now: Date.now, dataset: { seed: 9, days: 1, callsPerDay: 1_000_000 } });
    const nowSec = Math.floor(Date.now() / 1000);
    const window = {
      startTimestamp: nowSec - DAY,
      endTimestamp: nowSec + 1,
      callResult: "reject",
      numberPerPage: 1000,
    };
    const expectedTotal = s.dataset.count({
      startTs: window.startTimestamp,
      endTs: window.endTimestamp,
      callResult: "reject",
    });
    const seen = new Set<string>();
    for (let page = 1; page <= 5; page++) {
      const { json } = await post(s, "filter", { ...window, page });
      const data = json.data as { totalNum: number; callRecordList: CallRecord[] };
      expect(data.totalNum).toBe(expectedTotal);
      for (const r of data.callRecordList) {
        expect(r.callResult).toBe("reject");
        seen.add(r.callId);
      }
    }
    expect(seen.size).toBe(5000);
    const lastPage = Math.ceil(expectedTotal / 1000);
    const last = await post(s, "filter", { ...window, page: lastPage });
    expect((last.json.data as { callRecordList: unknown[] }).callRecordList).toHaveLength(
      expectedTotal - (lastPage - 1) * 1000,
    );
  });
});
