import type { CallRecord } from "../callkit/schemas.js";
import { type Logger, silentLogger } from "../log.js";
import type { TrtcCloudApi } from "../trtc/client.js";
import { diagnose, isFailedCall } from "./diagnose.js";
import type { Diagnosis } from "./model.js";
import { diagnosisSchema } from "./schema.js";

/**
 * Where a diagnosis is kept once fetched (the archive: TRTC keeps its data 7 or 14 days, the
 * archive as long as the call). Implemented by src/store/diagnoses.ts; JSON in, JSON out: what
 * comes back is parsed here again, as anything crossing a boundary is.
 */
export interface DiagnosisKeeper {
  load(callId: string): Promise<unknown>;
  save(callId: string, diagnosis: Diagnosis): Promise<void>;
}

export interface DiagnosisService {
  /** The call's diagnosis: kept, or fetched now (and kept when the call failed). */
  explain(record: CallRecord, signal?: AbortSignal): Promise<Diagnosis & { kept: boolean }>;
}

export interface DiagnosisServiceOptions {
  api: TrtcCloudApi;
  keeper?: DiagnosisKeeper;
  logger?: Logger;
  now?: () => number;
}

export function createDiagnosisService(options: DiagnosisServiceOptions): DiagnosisService {
  const logger = options.logger ?? silentLogger;
  const keeper = options.keeper;
  /** One fetch per call at a time: two people opening the same details share it. */
  const inFlight = new Map<string, Promise<Diagnosis>>();
  return {
    async explain(record, signal) {
      if (keeper) {
        const raw = await keeper.load(record.callId).catch((error: unknown) => {
          logger.warn("diagnosis.load_failed", { callId: record.callId, error });
          return undefined;
        });
        if (raw !== undefined) {
          const parsed = diagnosisSchema.safeParse(raw);
          if (parsed.success) return { ...parsed.data, kept: true };
          logger.warn("diagnosis.kept_unreadable", { callId: record.callId });
        }
      }
      let pending = inFlight.get(record.callId);
      if (!pending) {
        pending = diagnose(options.api, record, {
          ...(signal ? { signal } : {}),
          ...(options.now ? { now: options.now } : {}),
        }).finally(() => inFlight.delete(record.callId));
        inFlight.set(record.callId, pending);
      }
      const diagnosis = await pending;
      // Kept only when complete: a gap would otherwise be kept for ever.
      if (keeper && isFailedCall(record) && diagnosis.gaps.length === 0) {
        await keeper.save(record.callId, diagnosis).catch((error: unknown) => {
          logger.warn("diagnosis.save_failed", { callId: record.callId, error });
        });
      }
      return { ...diagnosis, kept: false };
    },
  };
}
