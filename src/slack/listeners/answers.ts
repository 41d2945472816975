import type { CallRecord } from "../../callkit/schemas.js";
import { combineVerdicts } from "../../diagnosis/merge.js";
import { describe } from "../../query/describe.js";
import type { Lang, SearchQuery } from "../../query/types.js";
import { runLookup } from "../../records/lookup.js";
import { runSearch } from "../../records/search.js";
import type { SearchResult } from "../../records/types.js";
import type { CallTimeline } from "../../report/call-timeline.js";
import { TrtcCloudError } from "../../trtc/errors.js";
import { type DiagnosisView, renderDiagnosisFollowUp } from "../blocks/diagnosis.js";
import { renderLookup } from "../blocks/lookup.js";
import { renderSearch } from "../blocks/search.js";
import { combinedVerdictText } from "../blocks/timeline.js";
import { encodeButtonValue, encodeSaveValue } from "../button-value.js";
import type { ListenerDeps } from "../deps.js";
import type { OutgoingMessage } from "../messaging/reply.js";
import { withZoneNote } from "./zone-note.js";

/**
 * The two answers callscope gives (a page of a search, the details of calls), shared by the
 * command, the page buttons, sharing and the shortcut. `forChannel` drops the buttons: a click on a
 * shared message would otherwise replace what the whole channel sees.
 */

export interface SearchAnswer {
  message: OutgoingMessage;
  result: SearchResult;
  description: string;
}

export interface SearchAnswerOptions {
  /** Whose search it is: admission limits scans per user as well as in all. */
  userId: string;
  forChannel?: boolean;
  /** Slack did not give the user's zone: `timeZone` is the default and the answer says so. */
  zoneFellBack?: boolean;
  onProgress?: (progress: { recordsRead: number }) => void;
  /** The scan has to wait for a slot; `ahead` scans come first. */
  onQueued?: (ahead: number) => void;
  /** The scan got its slot and starts reading. */
  onStarted?: () => void;
  /** The words asked, when known: the answer gets a Save button, and its pages carry them on. */
  words?: string | undefined;
}

export async function searchAnswer(
  deps: ListenerDeps,
  query: SearchQuery,
  pageIndex: number,
  timeZone: string,
  options: SearchAnswerOptions,
): Promise<SearchAnswer> {
  const { result, chosen } = await admittedSearch(deps, query, pageIndex, options);
  const description = describe(chosen.query, timeZone, query.lang);
  const words = options.words?.trim() || undefined;
  const page = (index: number) =>
    encodeButtonValue({ kind: "page", query, pageIndex: index, ...(words ? { words } : {}) });
  const buttons = options.forChannel
    ? {}
    : {
        next: result.pageIndex + 1 < result.pageCount ? page(result.pageIndex + 1) : undefined,
        prev: result.pageIndex > 0 ? page(result.pageIndex - 1) : undefined,
        share: page(result.pageIndex),
        save: words ? encodeSaveValue({ words, lang: query.lang }) : undefined,
        detailsOf: (callId: string) =>
          encodeButtonValue({ kind: "lookup", callIds: [callId], lang: query.lang }) ?? "",
      };
  const rendered = renderSearch(result, { timeZone, lang: query.lang, description, buttons });
  const message = options.zoneFellBack ? withZoneNote(rendered, query.lang, timeZone) : rendered;
  return { message, result, description };
}

/** Scans once admission gives them a slot, stopped by the slot's deadline or by shutdown. */
export async function admitted<T>(
  deps: ListenerDeps,
  options: Pick<SearchAnswerOptions, "userId" | "onQueued" | "onStarted">,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const permit = await deps.admission.admit(
    options.userId,
    options.onQueued ? { onQueued: options.onQueued } : {},
  );
  try {
    options.onStarted?.();
    return await work(permit.signal);
  } catch (error) {
    // Whatever the scan threw on abort, the reason that matters is the deadline or the shutdown.
    throw permit.signal.aborted ? permit.signal.reason : error;
  } finally {
    permit.release();
  }
}

function admittedSearch(
  deps: ListenerDeps,
  query: SearchQuery,
  pageIndex: number,
  options: SearchAnswerOptions,
): Promise<{ result: SearchResult; chosen: { query: SearchQuery } }> {
  return admitted(deps, options, async (signal) => {
    // Buttons carry the query as asked; each click chooses its source again, so a page is read
    // from wherever that window lives now (the archive may widen a window the vendor had to clamp).
    const chosen = await deps.router.forSearch(query);
    const result = await runSearch(chosen.source, chosen.query, {
      pageIndex,
      signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { result, chosen };
  });
}

export async function lookupAnswer(
  deps: ListenerDeps,
  callIds: string[],
  lang: Lang,
  timeZone: string,
  options: { userId: string; forChannel?: boolean; zoneFellBack?: boolean },
): Promise<OutgoingMessage> {
  // A message shared in a channel is posted once: it waits for the diagnosis.
  const answer = await detailsAnswer(deps, callIds, lang, timeZone, {
    ...options,
    waitMs: Number.POSITIVE_INFINITY,
  });
  return answer.message;
}

/** Calls explained per details answer: each costs ~5 + users TRTC requests. */
export const MAX_DIAGNOSED_CALLS = 3;
const DIAGNOSIS_DEADLINE_MS = 30_000;

export interface DetailsAnswer {
  message: OutgoingMessage;
  /**
   * The diagnosis as a message of its own, when it took longer than `diagnosisWaitMs` (the details
   * said it would follow). Ephemeral answers cannot be replaced, so it follows, not replaces.
   */
  update?: Promise<OutgoingMessage>;
  /** The first shown call's webhook timeline, for its chart. */
  timeline?: CallTimeline;
}

/**
 * Call details, then TRTC's diagnosis of each call (issue 18): the details go out as soon as the
 * records are read; if the diagnosis is not in within ~2 s the answer says so and `update` brings
 * it as a second message for the listener to post.
 */
export async function detailsAnswer(
  deps: ListenerDeps,
  callIds: string[],
  lang: Lang,
  timeZone: string,
  options: { userId: string; forChannel?: boolean; zoneFellBack?: boolean; waitMs?: number },
): Promise<DetailsAnswer> {
  // Each callId reads the two hours around it: up to 20 scans, admitted like a search.
  const result = await admitted(deps, options, (signal) =>
    runLookup(deps.router.lookupSource, callIds, {
      now: deps.now(),
      signal,
      ...(deps.callEvents ? { eventsFor: deps.callEvents } : {}),
    }),
  );
  const share = options.forChannel
    ? undefined
    : encodeButtonValue({ kind: "lookup", callIds, lang });
  const timeline = result.found.find((story) => story.timeline)?.timeline;
  const charted = timeline ? { timeline } : {};
  const render = (diagnoses: ReadonlyMap<string, DiagnosisView>) => {
    const message = renderLookup(result, { timeZone, lang, share, diagnoses });
    return options.zoneFellBack ? withZoneNote(message, lang, timeZone) : message;
  };
  const records = result.found.slice(0, MAX_DIAGNOSED_CALLS).map((story) => story.record);
  const service = deps.diagnosis;
  if (!service || records.length === 0) {
    const first = records[0];
    return {
      message: render(
        first && !service ? new Map([[first.callId, { state: "unconfigured" }]]) : new Map(),
      ),
      ...charted,
    };
  }
  const views = new Map<string, DiagnosisView>();
  const signal = AbortSignal.timeout(DIAGNOSIS_DEADLINE_MS);
  const explainOne = async (record: CallRecord) => {
    try {
      const diagnosis = await service.explain(record, signal);
      const { kept, ...plain } = diagnosis;
      views.set(record.callId, { state: "ready", diagnosis: plain, kept });
    } catch (error) {
      deps.logger.warn("diagnosis.failed", { callId: record.callId, error });
      views.set(record.callId, failedView(error));
    }
  };
  const work = deps.lifecycle.track(Promise.all(records.map(explainOne)));
  const waitMs = options.waitMs ?? deps.diagnosisWaitMs ?? 2000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const inTime = await Promise.race([
    work.then(() => true),
    new Promise<boolean>((resolve) => {
      if (Number.isFinite(waitMs)) timer = setTimeout(() => resolve(false), waitMs);
    }),
  ]);
  clearTimeout(timer);
  if (inTime) return { message: render(views), ...charted };
  const pending = new Map<string, DiagnosisView>(
    records.map((record) => [record.callId, views.get(record.callId) ?? { state: "pending" }]),
  );
  const followUp = () =>
    renderDiagnosisFollowUp(
      records.map((record) => {
        const view: DiagnosisView = views.get(record.callId) ?? {
          state: "failed",
          kind: "timeout",
        };
        // The details showed the timeline's verdict: the follow-up gives the merged one, not a rival.
        const story = result.found.find((s) => s.record.callId === record.callId)?.timeline;
        const merged =
          story && view.state === "ready" ? combineVerdicts(story, view.diagnosis) : undefined;
        return {
          callId: record.callId,
          view,
          verdictText: merged && story ? combinedVerdictText(merged, story, lang) : undefined,
        };
      }),
      { lang, timeZone },
    );
  return { message: render(pending), update: work.then(followUp), ...charted };
}

function failedView(error: unknown): DiagnosisView {
  if (error instanceof TrtcCloudError) {
    return {
      state: "failed",
      kind: error.kind,
      ...(error.code ? { code: error.code } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  return { state: "failed", kind: "upstream" };
}
