import type { CallRecord } from "../../callkit/schemas.js";
import { ColumnarDataset, type IndexedDataset } from "./columnar.js";
import type { DatasetOptions } from "./dataset-shape.js";
import { explicitColumns } from "./explicit.js";
import { syntheticColumns } from "./synthetic.js";

/**
 * The simulator's records: either generated (seeded, realistic, compact enough for a million
 * calls a day) or given explicitly by a test that wants exact data.
 */

export function generateDataset(
  options: DatasetOptions & { sdkAppId: number; now?: number },
): IndexedDataset {
  return new ColumnarDataset(
    syntheticColumns({
      sdkAppId: options.sdkAppId,
      seed: options.seed ?? 1,
      endMs: options.endMs ?? options.now ?? Date.now(),
      days: options.days ?? 7,
      callsPerDay: options.callsPerDay ?? 3000,
    }),
  );
}

/** A data set of exactly these records (sorted by start time; the array is not modified). */
export function datasetFromRecords(records: readonly CallRecord[]): IndexedDataset {
  return new ColumnarDataset(explicitColumns(records));
}
