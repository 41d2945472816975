import type { CallEvent } from "../callkit/events/schemas.js";
import type { CallRecord } from "../callkit/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import { earliestQueryableTs } from "../query/window.js";
import { buildTimeline } from "../report/call-timeline.js";
import { compareOldestFirst } from "../report/newest.js";
import type { CallStory, LookupResult } from "./types.js";

const STORY_SECONDS = 3600;
/** Neighbours kept per call: the nearest in time (a bot calling all day would otherwise flood). */
const MAX_AROUND = 200;
/** Longer than any callId; such text is not asked about (the vendor would call it a bad request). */
const MAX_CALL_ID = 128;

/**
 * Each call by id (20/s upstream, paced by the client), then the story around it: the window
 * [start − 1 h, start + 1 h) read once, keeping the calls that share a user with it.
 */
export async function runLookup(
  source: RecordSource,
  callIds: string[],
  options: {
    now?: Date;
    signal?: AbortSignal;
    /** The call's events (webhooks), for its timeline; a failure leaves the timeline out. */
    eventsFor?: (callId: string) => Promise<CallEvent[]>;
  } = {},
): Promise<LookupResult> {
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const found: CallStory[] = [];
  const notFound: string[] = [];
  const signal = options.signal ? { signal: options.signal } : {};

  for (const callId of unique(callIds)) {
    options.signal?.throwIfAborted();
    if (callId.length > MAX_CALL_ID || /\s/.test(callId)) {
      notFound.push(callId);
      continue;
    }
    const record = await source.getRecordByCallId(callId, signal);
    if (!record) {
      notFound.push(callId);
      continue;
    }
    const events = options.eventsFor ? await options.eventsFor(callId).catch(() => []) : [];
    const timeline = buildTimeline(events, record);
    found.push({
      record,
      around: await around(source, record, nowSeconds, options.signal),
      ...(timeline ? { timeline } : {}),
    });
  }
  return { found, notFound };
}

async function around(
  source: RecordSource,
  record: CallRecord,
  nowSeconds: number,
  signal: AbortSignal | undefined,
): Promise<CallRecord[]> {
  const oldestAllowed = earliestQueryableTs(nowSeconds);
  const startTs = Math.max(record.startCallTs - STORY_SECONDS, oldestAllowed, 0);
  const endTs = record.startCallTs + STORY_SECONDS + 1;
  if (endTs <= startTs) return [];
  const users = new Set([record.caller, ...record.callees]);
  const neighbours: CallRecord[] = [];
  const scan = source.scan(
    { startTimestamp: startTs, endTimestamp: endTs },
    signal ? { signal } : {},
  );
  for await (const other of scan) {
    if (other.callId === record.callId) continue;
    if (other.startCallTs < startTs || other.startCallTs >= endTs) continue;
    if (!sharesUser(other, users)) continue;
    neighbours.push(other);
  }
  const nearest =
    neighbours.length <= MAX_AROUND
      ? neighbours
      : neighbours
          .sort(
            (a, b) =>
              Math.abs(a.startCallTs - record.startCallTs) -
              Math.abs(b.startCallTs - record.startCallTs),
          )
          .slice(0, MAX_AROUND);
  return nearest.sort(compareOldestFirst);
}

function sharesUser(record: CallRecord, users: ReadonlySet<string>): boolean {
  return users.has(record.caller) || record.callees.some((callee) => users.has(callee));
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter((id) => id.length > 0))];
}
