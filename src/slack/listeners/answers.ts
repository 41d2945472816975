import { describe } from "../../query/describe.js";
import type { Lang, SearchQuery } from "../../query/types.js";
import { runLookup } from "../../records/lookup.js";
import { runSearch } from "../../records/search.js";
import type { SearchResult } from "../../records/types.js";
import { renderLookup } from "../blocks/lookup.js";
import { renderSearch } from "../blocks/search.js";
import { encodeButtonValue } from "../button-value.js";
import type { ListenerDeps } from "../deps.js";
import type { OutgoingMessage } from "../messaging/reply.js";

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

export async function searchAnswer(
  deps: ListenerDeps,
  query: SearchQuery,
  pageIndex: number,
  timeZone: string,
  options: { forChannel?: boolean; onProgress?: (progress: { recordsRead: number }) => void } = {},
): Promise<SearchAnswer> {
  // Buttons carry the query as asked; each click chooses its source again, so a page is read from
  // wherever that window lives now (the archive may widen a window the vendor had to clamp).
  const chosen = await deps.router.forSearch(query);
  const result = await runSearch(chosen.source, chosen.query, {
    pageIndex,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const description = describe(chosen.query, timeZone, query.lang);
  const page = (index: number) => encodeButtonValue({ kind: "page", query, pageIndex: index });
  const buttons = options.forChannel
    ? {}
    : {
        next: result.pageIndex + 1 < result.pageCount ? page(result.pageIndex + 1) : undefined,
        prev: result.pageIndex > 0 ? page(result.pageIndex - 1) : undefined,
        share: page(result.pageIndex),
        detailsOf: (callId: string) =>
          encodeButtonValue({ kind: "lookup", callIds: [callId], lang: query.lang }) ?? "",
      };
  const message = renderSearch(result, { timeZone, lang: query.lang, description, buttons });
  return { message, result, description };
}

export async function lookupAnswer(
  deps: ListenerDeps,
  callIds: string[],
  lang: Lang,
  timeZone: string,
  options: { forChannel?: boolean } = {},
): Promise<OutgoingMessage> {
  const result = await runLookup(deps.router.lookupSource, callIds, { now: deps.now() });
  const share = options.forChannel
    ? undefined
    : encodeButtonValue({ kind: "lookup", callIds, lang });
  return renderLookup(result, { timeZone, lang, share });
}
