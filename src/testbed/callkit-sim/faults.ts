import type { RecordEdit } from "./record-edits.js";
import type { Endpoint } from "./stats.js";

/** Misbehaviour the simulator can be told to show, for one endpoint or both, N times or until cleared. */
export type Fault = {
  endpoint?: Endpoint;
  times?: number; // default: until cleared
  whenPerPageAbove?: number; // only requests asking more records a page than this (filter endpoints)
} & (
  | { kind: "latency"; ms: number } // delay every answer
  | { kind: "http"; status: number } // e.g. 502 with an HTML body
  | { kind: "hang" } // never answer (client must time out)
  | { kind: "malformed" } // 200 with a body that is not JSON
  | { kind: "bad-record" } // valid JSON, a record missing a required field
  | { kind: "edit-records"; edits: RecordEdit[] } // records of a successful answer changed as told
  | { kind: "oversized"; bytes: number; chunked?: boolean } // 200, valid JSON this big, streamed; no content-length when chunked
  | { kind: "error"; code: number; message?: string } // any errorCode in the envelope
);

export type Outcome = Exclude<Fault, { kind: "latency" }>;

/** What the faults say about one request: the added delay and, at most, one outcome. */
export interface FaultPlan {
  latencyMs: number;
  outcome?: Outcome;
}

/**
 * Active faults. Each request to an endpoint uses up one `times` of every fault it matches
 * (latencies add up; the earliest injected other fault decides the outcome).
 */
export class FaultBoard {
  private active: Array<{ fault: Fault; left: number }> = [];

  inject(fault: Fault): void {
    if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) {
      throw new RangeError("fault.times must be a positive integer");
    }
    this.active.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active = [];
  }

  take(endpoint: Endpoint, request: { perPage?: number | undefined } = {}): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    for (const entry of this.active) {
      const { fault } = entry;
      if (fault.endpoint !== undefined && fault.endpoint !== endpoint) continue;
      if (
        fault.whenPerPageAbove !== undefined &&
        !(request.perPage !== undefined && request.perPage > fault.whenPerPageAbove)
      )
        continue;
      if (fault.kind === "latency") plan.latencyMs += Math.max(0, fault.ms);
      else if (plan.outcome === undefined) plan.outcome = fault;
      else continue; // not applied, so not used up
      entry.left--;
    }
    this.active = this.active.filter((entry) => entry.left > 0);
    return plan;
  }
}
