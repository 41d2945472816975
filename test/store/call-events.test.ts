import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCallbackRequest } from "../../src/callkit/events/request.js";
import type { CallEvent } from "../../src/callkit/events/schemas.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import { createCallEventRepository } from "../../src/store/call-events.js";
import {
  SDK_APP_ID,
  V4_CALL,
  v1EventBody,
  v1EventQuery,
  v4EndBody,
  v4MemberBody,
  v4Query,
  v4StartBody,
} from "../callkit/events/samples.js";
import { backends, type TestStore } from "../support/store.js";

function event(query: string, body: string): CallEvent {
  const result = readCallbackRequest(new URLSearchParams(query), body, SDK_APP_ID);
  if (!result.ok) throw new Error(result.message);
  return result.event;
}
const start = event(v4Query("Call.CallbackAfterStartCall"), v4StartBody);
const accept = event(v4Query("Call.CallbackAfterMemberChanged"), v4MemberBody("Accept"));
const hangup = event(
  v4Query("Call.CallbackAfterMemberChanged"),
  v4MemberBody("Hangup", '"field-112"', 1764590391000),
);
const end = event(v4Query("Call.CallbackAfterEndCall"), v4EndBody);

for (const backend of backends()) {
  describe.skipIf(!backend.available)(`call events on ${backend.name}`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(async () => {
      await store?.dispose();
    });

    it("stores an event once however often it arrives, and reads a call's events in order", async () => {
      const events = createCallEventRepository(store.db);
      expect(await events.lastReceivedAt()).toBeUndefined();
      expect(await events.record(end, new Date(3000))).toBe(true);
      expect(await events.record(hangup, new Date(2000))).toBe(true);
      expect(await events.record(start, new Date(1000))).toBe(true);
      expect(await events.record(accept, new Date(1500))).toBe(true);
      // The vendor's retries: the same bodies again.
      expect(await events.record(end, new Date(4000))).toBe(false);
      expect(await events.record(accept, new Date(4000))).toBe(false);
      const stored = await events.forCall(V4_CALL);
      expect(stored.map((s) => s.event.kind)).toEqual([
        "v4_start",
        "v4_member",
        "v4_member",
        "v4_end",
      ]);
      expect(stored[3]?.event.record?.callResult).toBe("interrupt");
      expect(stored[3]?.receivedAt).toBe(3000);
      expect(await events.lastReceivedAt()).toBe(3000);
      expect(await events.forCall("no-such-call")).toEqual([]);
    });

    it("two replicas racing on the same events store each once", async () => {
      const other = await store.reopen();
      const a = createCallEventRepository(store.db);
      const b = createCallEventRepository(other.db);
      const bodies = Array.from({ length: 20 }, (_, i) =>
        event(v1EventQuery, v1EventBody.replace("1764588020", String(1764589000 + i))),
      );
      const results = await Promise.all(
        bodies.flatMap((e) => [a.record(e), b.record(e), a.record(e), b.record(e)]),
      );
      expect(results.filter(Boolean)).toHaveLength(20);
      const rows = await a.forCall("0c7d41aa-5e2b-4b90-9d1f-77e3a2c8f640");
      expect(rows).toHaveLength(20);
    });

    it("prunes by arrival", async () => {
      const events = createCallEventRepository(store.db);
      expect(await events.prune(1600)).toBe(2);
      expect((await events.forCall(V4_CALL)).map((s) => s.event.kind)).toEqual([
        "v4_member",
        "v4_end",
      ]);
    });

    it("an end event's call goes into the archive unconfirmed, and the records API confirms it", async () => {
      const archive = createArchiveRepository(store.db);
      const record = end.record;
      if (!record) throw new Error("end has a record");
      expect(await archive.recordFromEvent(record)).toBe(true);
      expect(await archive.recordFromEvent(record)).toBe(false);
      expect(await archive.get(V4_CALL)).toMatchObject({ callId: V4_CALL, caller: "dispatch-07" });
      expect(await archive.isUnconfirmed(V4_CALL)).toBe(true);
      expect(await archive.unconfirmed()).toEqual([V4_CALL]);
      const window = { startTs: record.startCallTs, endTs: record.startCallTs + 1 };
      expect(await archive.count({ ...window, users: { callee: ["field-112"] } })).toBe(1);
      await archive.upsert([{ ...record, callResult: "normal_end" }]);
      expect(await archive.isUnconfirmed(V4_CALL)).toBe(false);
      expect(await archive.unconfirmed()).toEqual([]);
      // A late event never overwrites what the records API said.
      expect(await archive.recordFromEvent(record)).toBe(false);
      expect((await archive.get(V4_CALL))?.callResult).toBe("normal_end");
    });
  });
}
