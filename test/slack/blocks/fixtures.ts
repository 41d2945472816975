import type { CallRecord } from "../../../src/callkit/schemas.js";
import type { SearchQuery } from "../../../src/query/types.js";
import type { SearchResult } from "../../../src/records/types.js";
import { summarize } from "../../../src/report/summary.js";
import type { KnownBlock } from "../../../src/slack/blocks/limits.js";

export { record } from "../../report/fixtures.js";

export const NOW = 1_700_000_000;

export function searchQuery(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return {
    kind: "search",
    results: [],
    callTypes: [],
    mediaTypes: [],
    users: { caller: [], callee: [], either: [] },
    window: { startTs: NOW - 86_400, endTs: NOW },
    defaultWindow: false,
    pageSize: 20,
    lang: "en",
    ...overrides,
  };
}

/** A search result whose page is `page` and whose summary covers `all` (default: the page). */
export function searchResult(
  page: CallRecord[],
  options: { all?: CallRecord[]; pageIndex?: number; query?: Partial<SearchQuery> } = {},
): SearchResult {
  const query = searchQuery(options.query);
  const summary = summarize(options.all ?? page);
  return {
    query,
    summary,
    page,
    pageIndex: options.pageIndex ?? 0,
    pageCount: Math.max(1, Math.ceil(summary.total / query.pageSize)),
    upstreamRequests: 1,
    requestIds: ["req-1"],
    source: { kind: "vendor" },
  };
}

/** Every piece of text in the blocks, as one string (mrkdwn, plain text, button values). */
export function allText(blocks: readonly KnownBlock[]): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(blocks);
  return out.join("\n");
}

type Button = { type: string; action_id: string; value: string };

export function buttons(blocks: readonly KnownBlock[]): Button[] {
  const found: Button[] = [];
  for (const block of blocks) {
    if (block.type === "actions") found.push(...(block.elements as unknown as Button[]));
    if (block.type === "section" && block.accessory)
      found.push(block.accessory as unknown as Button);
  }
  return found;
}
