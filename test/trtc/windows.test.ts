import { describe, expect, it } from "vitest";
import { chunk, REACH_SEC, splitWindow, withinReach } from "../../src/trtc/windows.js";

describe("windows", () => {
  it.each([
    { window: { start: 0, end: 100 }, max: 3599, pieces: [[0, 100]] },
    { window: { start: 0, end: 3599 }, max: 3599, pieces: [[0, 3599]] },
    {
      window: { start: 0, end: 3600 },
      max: 3599,
      pieces: [
        [0, 3599],
        [3599, 3600],
      ],
    },
    { window: { start: 10, end: 10 }, max: 5, pieces: [[10, 10]] },
    { window: { start: 10, end: 9 }, max: 5, pieces: [] },
    {
      window: { start: 0, end: 12 },
      max: 5,
      pieces: [
        [0, 5],
        [5, 10],
        [10, 12],
      ],
    },
  ])("splits $window by $max", ({ window, max, pieces }) => {
    const split = splitWindow(window, max);
    expect(split.map((piece) => [piece.start, piece.end])).toEqual(pieces);
    for (const piece of split) expect(piece.end - piece.start).toBeLessThanOrEqual(max);
  });

  it.each([
    { items: [], size: 6, chunks: [] },
    { items: ["a", "b", "a"], size: 6, chunks: [["a", "b"]] },
    {
      items: ["1", "2", "3", "4", "5", "6", "7"],
      size: 6,
      chunks: [["1", "2", "3", "4", "5", "6"], ["7"]],
    },
  ])("chunks $items by $size", ({ items, size, chunks }) => {
    expect(chunk(items, size)).toEqual(chunks);
  });

  it("keeps a window inside the reach", () => {
    const now = 10_000_000;
    expect(withinReach({ start: now - 100, end: now + 50 }, now)).toEqual({
      start: now - 100,
      end: now,
    });
    const cut = withinReach({ start: now - REACH_SEC - 10, end: now - 10 }, now);
    expect(cut?.start).toBeGreaterThan(now - REACH_SEC);
    expect(
      withinReach({ start: now - REACH_SEC - 100, end: now - REACH_SEC - 10 }, now),
    ).toBeUndefined();
  });
});
