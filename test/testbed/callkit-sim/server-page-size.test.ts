import { afterAll, describe, expect, it } from "vitest";
import { post, RECORDS, simulators, WINDOW } from "./server-helpers.js";

/** The simulator's page-size misbehaviour (issue 20): a silent cap, a refusal, a slow big page. */

const { sim, stopAll } = simulators();
afterAll(stopAll);

type Page = { totalNum: number; page: number; callRecordList: unknown[] };

describe("page sizes", () => {
  it("cuts pages down to maxPerPage silently, totalNum still the total", async () => {
    const s = await sim({ maxPerPage: 10 });
    const { json } = await post(s, "filter", { ...WINDOW, numberPerPage: 20, page: 2 });
    expect(json.errorCode).toBe(0);
    const data = json.data as Page;
    expect(data.callRecordList).toHaveLength(10);
    expect(data.totalNum).toBe(RECORDS.length);
    expect(data.page).toBe(2);
  });

  it("refuses a numberPerPage above refuseAbove as invalid parameters (70001)", async () => {
    const s = await sim({ refuseAbove: 10 });
    const refused = await post(s, "filter", { ...WINDOW, numberPerPage: 11 });
    expect(refused.json.errorCode).toBe(70001);
    expect(refused.json.errorMessage).toContain("numberPerPage");
    const served = await post(s, "filter", { ...WINDOW, numberPerPage: 10 });
    expect((served.json.data as Page).callRecordList).toHaveLength(10);
  });

  it("delays only pages asked above whenPerPageAbove, and uses up only those", async () => {
    const s = await sim();
    s.faults.inject({ kind: "latency", ms: 300, whenPerPageAbove: 10, times: 1 });
    let at = performance.now();
    await post(s, "filter", { ...WINDOW, numberPerPage: 10 });
    expect(performance.now() - at).toBeLessThan(250);
    at = performance.now();
    await post(s, "filter", { ...WINDOW, numberPerPage: 11 });
    expect(performance.now() - at).toBeGreaterThanOrEqual(280);
    at = performance.now();
    await post(s, "filter", { ...WINDOW, numberPerPage: 11 });
    expect(performance.now() - at).toBeLessThan(250);
  });
});
