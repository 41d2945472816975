import { describe, expect, it } from "vitest";
import type { SearchQuery } from "../../src/query/types.js";
import {
  BUTTON_VALUE_LIMIT,
  beyondVendorReach,
  decodeButtonValue,
  encodeButtonValue,
  expiredMessage,
} from "../../src/slack/button-value.js";

const now = new Date("2026-11-26T12:00:00Z");
const nowTs = Math.floor(now.getTime() / 1000);

const query: SearchQuery = {
  kind: "search",
  results: ["reject", "offline"],
  callTypes: ["group"],
  mediaTypes: ["video"],
  users: { caller: ["alice"], callee: [], either: ["bob"] },
  window: { startTs: nowTs - 7 * 86_400, endTs: nowTs, requestedStartTs: nowTs - 9 * 86_400 },
  defaultWindow: false,
  pageSize: 20,
  lang: "zh",
};

describe("button values", () => {
  it("round-trips a page of a search exactly", () => {
    const value = encodeButtonValue({ kind: "page", query, pageIndex: 3 });
    expect(value).toBeDefined();
    expect(decodeButtonValue(value, { now })).toEqual({
      ok: true,
      payload: { kind: "page", query, pageIndex: 3 },
    });
  });

  it("keeps a room filter across pages (next page of `/calls room 7` is still room 7)", () => {
    const inRoom: SearchQuery = { ...query, rooms: ["7", "room-12"] };
    const value = encodeButtonValue({ kind: "page", query: inRoom, pageIndex: 1 });
    expect(decodeButtonValue(value, { now })).toEqual({
      ok: true,
      payload: { kind: "page", query: inRoom, pageIndex: 1 },
    });
  });

  it("round-trips a lookup", () => {
    const value = encodeButtonValue({ kind: "lookup", callIds: ["a-b", "c-d"], lang: "en" });
    expect(decodeButtonValue(value, { now })).toEqual({
      ok: true,
      payload: { kind: "lookup", callIds: ["a-b", "c-d"], lang: "en" },
    });
  });

  it("gives no value (so no button) when the query would not fit 2000 characters", () => {
    const many = Array.from({ length: 90 }, (_, i) => `user-with-a-rather-long-id-${i}`);
    const big = { ...query, users: { caller: many, callee: [], either: [] } };
    expect(encodeButtonValue({ kind: "page", query: big, pageIndex: 0 })).toBeUndefined();
  });

  const valid = encodeButtonValue({ kind: "page", query, pageIndex: 1 }) ?? "";
  it.each([
    ["an unknown older version", `v0${valid.slice(2)}`, "stale"],
    ["no version", valid.slice(3), "tampered"],
    ["broken JSON", `${valid.slice(0, -3)}`, "tampered"],
    ["a wrong field type", valid.replace('"z":20', '"z":"20"'), "tampered"],
    ["a page size over the limit", valid.replace('"z":20', '"z":5000'), "tampered"],
    ["an unknown call type", valid.replace('"group"', '"conference"'), "tampered"],
    [
      "a reversed window",
      valid.replace(`"w":[${nowTs - 7 * 86_400},${nowTs}]`, `"w":[${nowTs},1]`),
      "tampered",
    ],
    ["an over-long value", `v1.${"x".repeat(BUTTON_VALUE_LIMIT)}`, "tampered"],
    ["nothing", undefined, "tampered"],
  ])("rejects %s as %s with a clear message", (_name, value, problem) => {
    const decoded = decodeButtonValue(value, { now });
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.problem).toBe(problem);
      expect(decoded.message).toMatch(/\/calls/);
    }
  });

  it("decodes a page whose window has left the 7 days: an archive may still hold it", () => {
    const value = encodeButtonValue({ kind: "page", query, pageIndex: 0 });
    const later = new Date(now.getTime() + 8 * 86_400_000);
    expect(decodeButtonValue(value, { now: later })).toMatchObject({ ok: true });
  });

  it.each([
    { days: 0, beyond: false },
    { days: 6.9, beyond: false },
    { days: 7, beyond: true },
    { days: 8, beyond: true },
  ])("after $days days the vendor can no longer read the page: $beyond", ({ days, beyond }) => {
    expect(beyondVendorReach(query, new Date(now.getTime() + days * 86_400_000))).toBe(beyond);
  });

  it("says a page expired in the query's language", () => {
    expect(expiredMessage("zh")).toMatch(/7 天/);
    expect(expiredMessage("en")).toMatch(/7 days/);
  });
});
