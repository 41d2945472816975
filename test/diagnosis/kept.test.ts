import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArchiveSync } from "../../src/archive/sync.js";
import { CallKitClient } from "../../src/callkit/client.js";
import { createDiagnosisPrefetcher } from "../../src/diagnosis/prefetch.js";
import { createDiagnosisService, type DiagnosisKeeper } from "../../src/diagnosis/service.js";
import { createDiagnosisRepository } from "../../src/store/diagnoses.js";
import { startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { startTrtcSimulator, type TrtcSimulator } from "../../src/testbed/trtc-sim/server.js";
import { TrtcCloudClient } from "../../src/trtc/client.js";
import { backends, type TestStore } from "../support/store.js";
import {
  SDK_APP_ID,
  SECRET_ID,
  SECRET_KEY,
  sampleCalls,
  settingsFor,
} from "../trtc/support/calls.js";

const calls = sampleCalls();
const [interrupted, cancelled, normal] = calls as [
  (typeof calls)[0],
  (typeof calls)[0],
  (typeof calls)[0],
];
let sim: TrtcSimulator;
beforeAll(async () => {
  sim = await startTrtcSimulator({
    sdkAppId: SDK_APP_ID,
    keys: { [SECRET_ID]: SECRET_KEY },
    calls,
  });
});
afterAll(() => sim.stop());

function keeperOn(store: TestStore): DiagnosisKeeper {
  const repo = createDiagnosisRepository(store.db);
  return {
    load: (callId) => repo.load(callId),
    save: (callId, d) =>
      repo.save({ callId, startTs: d.callStart, fetchedAt: d.fetchedAt * 1000, diagnosis: d }),
  };
}

describe.each(backends())("kept diagnoses on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    sim.faults.clear();
    if (backend.available) await store.dispose();
  });
  const api = () => new TrtcCloudClient({ settings: settingsFor(sim.url), sdkAppId: SDK_APP_ID });

  it.skipIf(!backend.available)(
    "keeps a failed call's diagnosis when first fetched, then serves it from the archive",
    async () => {
      const service = createDiagnosisService({ api: api(), keeper: keeperOn(store) });
      const first = await service.explain(interrupted);
      expect(first.kept).toBe(false);
      const before = sim.requests.length;
      // A restart: another handle, another service.
      const other = await store.reopen();
      const again = await createDiagnosisService({
        api: api(),
        keeper: keeperOn(other as TestStore),
      }).explain(interrupted);
      expect(again.kept).toBe(true);
      expect(sim.requests.length).toBe(before);
      const { kept: _a, ...plainFirst } = first;
      const { kept: _b, ...plainAgain } = again;
      expect(plainAgain).toEqual(plainFirst);
    },
  );

  it.skipIf(!backend.available)(
    "keeps cancelled calls too, but not normal calls nor diagnoses with gaps",
    async () => {
      const repo = createDiagnosisRepository(store.db);
      const service = createDiagnosisService({ api: api(), keeper: keeperOn(store) });
      await service.explain(cancelled);
      await service.explain(normal);
      expect(await repo.load(cancelled.callId)).toBeDefined();
      expect(await repo.load(normal.callId)).toBeUndefined();
      sim.faults.inject({
        kind: "error",
        code: "InternalError.DBError",
        action: "DescribeUnusualEvent",
        times: 2,
      });
      await repo.save({
        callId: interrupted.callId,
        startTs: 1,
        fetchedAt: 1,
        diagnosis: { version: 99 },
      });
      // An unreadable kept row is fetched again; with a gap it is not kept over the old one.
      const fetched = await service.explain(interrupted);
      expect(fetched.kept).toBe(false);
      expect(fetched.gaps).toEqual([{ part: "abnormal", kind: "upstream" }]);
      expect(await repo.load(interrupted.callId)).toEqual({ version: 99 });
    },
  );

  it.skipIf(!backend.available)(
    "the archive sync prefetches interrupted calls when asked, and only those",
    async () => {
      const records = await startSimulator({
        sdkAppId: SDK_APP_ID,
        secretKey: "records-secret-key-0123",
        dataset: calls,
      });
      try {
        const client = new CallKitClient({
          sdkAppId: SDK_APP_ID,
          secretKey: "records-secret-key-0123",
          adminUser: "administrator",
          apiUrl: records.url,
          rateLimit: 200,
          callIdRateLimit: 20,
          timeoutMs: 8000,
        });
        const service = createDiagnosisService({ api: api(), keeper: keeperOn(store) });
        const prefetcher = createDiagnosisPrefetcher({ service });
        const sync = createArchiveSync({
          db: store.db,
          source: client,
          sdkAppId: SDK_APP_ID,
          sliceSeconds: 86_400,
          onArchived: (batch) => prefetcher.offer(batch),
        });
        const before = sim.requests.length;
        await sync.runOnce();
        await prefetcher.idle();
        const repo = createDiagnosisRepository(store.db);
        expect(await repo.count()).toBe(1);
        expect(await repo.load(interrupted.callId)).toMatchObject({
          verdict: { kind: "event", cause: "network_lost" },
        });
        // The second sync re-reads the overlap: the kept diagnosis costs no TRTC request.
        const afterFirst = sim.requests.length;
        expect(afterFirst).toBeGreaterThan(before);
        await sync.runOnce();
        await prefetcher.idle();
        expect(sim.requests.length).toBe(afterFirst);
        await sync.stop();
        await prefetcher.stop();
      } finally {
        await records.stop();
      }
    },
  );
});
