import { describe } from "../../query/describe.js";
import type { Lang, SearchQuery } from "../../query/types.js";
import { runLookup } from "../../records/lookup.js";
import { runSearch } from "../../records/search.js";
import type { SearchResult } from "../../records/types.js";
import { renderLookup } from "../blocks/lookup.js";
import { renderSearch } from "../blocks/search.js";
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
  // Each callId reads the two hours around it: up to 20 scans, admitted like a search.
  const result = await admitted(deps, options, (signal) =>
    runLookup(deps.router.lookupSource, callIds, { now: deps.now(), signal }),
  );
  const share = options.forChannel
    ? undefined
    : encodeButtonValue({ kind: "lookup", callIds, lang });
  const message = renderLookup(result, { timeZone, lang, share });
  return options.zoneFellBack ? withZoneNote(message, lang, timeZone) : message;
}
