import type { CallRecord } from "../../callkit/schemas.js";
import type { Lang } from "../../query/types.js";
import type { SearchResult } from "../../records/types.js";
import type { Summary } from "../../report/summary.js";
import { formatDuration } from "../../time/format.js";
import { CALLS_TEXT, SAVED_TEXT } from "../copy.js";
import { callText, DETAIL_LEVELS, type Detail } from "./calls.js";
import { formatRatio, formatShare, slackDate } from "./format.js";
import {
  actions,
  button,
  code,
  context,
  createBudget,
  divider,
  enforceLimits,
  escapeMrkdwn,
  fieldsSection,
  header,
  joinWithMore,
  type KnownBlock,
  LIMITS,
  type SlackMessage,
  section,
  sizeOf,
  truncate,
} from "./limits.js";
import { kindLabel, resultIcon, resultLabel } from "./text.js";

export const SAVE_SEARCH_ACTION_ID = "save_search";

export interface SearchRenderContext {
  timeZone: string;
  lang: Lang;
  /** What was understood, from the query language's describe(). */
  description: string;
  /** Button values made by the caller; a button appears only when its value is given. */
  buttons: {
    next?: string | undefined;
    prev?: string | undefined;
    share?: string | undefined;
    /** Save this search (the words asked); absent where the words are not known. */
    save?: string | undefined;
    /** Value of a call's Details button (default: the callId itself). */
    detailsOf?: ((callId: string) => string) | undefined;
  };
}

/** One page of a search: what was asked, the window, the figures, the calls, the buttons. */
export function renderSearch(result: SearchResult, ctx: SearchRenderContext): SlackMessage {
  const t = CALLS_TEXT[ctx.lang];
  const { query, summary } = result;
  const window = query.window;
  const from = slackDate(window.startTs, ctx.timeZone, ctx.lang);
  const to = slackDate(window.endTs, ctx.timeZone, ctx.lang);

  const top: KnownBlock[] = [header(`📞 ${ctx.description}`)];
  const notes = [t.callsStartedBetween(from, to)];
  if (result.source.kind === "archive") {
    const synced = Math.floor(result.source.syncedAt.getTime() / 1000);
    notes.push(t.archiveNote(slackDate(synced, ctx.timeZone, ctx.lang)));
  }
  if (result.skipped) {
    const ids = result.skipped.requestIds.map((id) => code(truncate(id, 64))).join(", ");
    notes.push(t.skippedRecords(result.skipped.records, ids || "–"));
  }
  top.push(context(...notes));
  if (window.requestedStartTs !== undefined && window.requestedStartTs < window.startTs) {
    top.push(
      section(t.clampNote(from, slackDate(window.requestedStartTs, ctx.timeZone, ctx.lang))),
    );
  }
  // A search for failed results only has no answered calls by definition: "answer rate 0%" says
  // nothing there, so it is shown only where answered calls could be among the matches.
  const results = result.query.results;
  const answerable = results.length === 0 || results.includes("normal_end");
  top.push(...summaryBlocks(summary, ctx.lang, answerable));

  const tail = actions([
    ...(result.pageIndex > 0
      ? [{ actionId: "prev_page", text: t.prev, value: ctx.buttons.prev }]
      : []),
    ...(result.pageIndex + 1 < result.pageCount
      ? [{ actionId: "next_page", text: t.next, value: ctx.buttons.next }]
      : []),
    { actionId: "share", text: t.share, value: ctx.buttons.share },
    { actionId: SAVE_SEARCH_ACTION_ID, text: SAVED_TEXT[ctx.lang].save, value: ctx.buttons.save },
  ]);

  if (summary.total === 0 || result.page.length === 0) {
    return finish(ctx, summary, [...top, ...tail]);
  }

  const pageSize = query.pageSize;
  const first = result.pageIndex * pageSize + 1;
  const pageNote = context(
    t.page(
      result.pageIndex,
      result.pageCount,
      first,
      first + result.page.length - 1,
      summary.total,
    ),
  );
  const moreNote = context(t.notShownOnPage(result.page.length));
  const reserve = {
    blocks: tail.length + 1,
    chars: tail.reduce((n, b) => n + sizeOf(b), 0) + sizeOf(moreNote) + 2,
  };
  const budget = createBudget(reserve);
  for (const block of [...top, divider, pageNote]) budget.add(block);

  const detail = pickDetail(result.page, ctx, budget.charsLeft, budget.blocksLeft);
  let shown = 0;
  for (const record of result.page) {
    if (!budget.add(callBlock(record, ctx, detail))) break;
    shown++;
  }
  const blocks = [...budget.blocks];
  if (shown < result.page.length)
    blocks.push(context(t.notShownOnPage(result.page.length - shown)));
  return finish(ctx, summary, [...blocks, ...tail]);
}

function finish(ctx: SearchRenderContext, summary: Summary, blocks: KnownBlock[]): SlackMessage {
  // The notification text is mrkdwn too: the description carries the words typed (user ids…).
  const text = `${escapeMrkdwn(truncate(ctx.description, 200))}: ${CALLS_TEXT[ctx.lang].calls(summary.total)}`;
  return enforceLimits({ text, blocks });
}

function summaryBlocks(summary: Summary, lang: Lang, answerable: boolean): KnownBlock[] {
  const t = CALLS_TEXT[lang];
  if (summary.total === 0) return [section(`*${t.noCalls}*\n${t.noCallsHint}`)];
  const headline = [`*${t.calls(summary.total)}*`];
  if (answerable)
    headline.push(`${t.answerRate} ${formatRatio(summary.answerRate)} (${summary.answered})`);
  if (summary.medianTalkSeconds !== undefined)
    headline.push(`${t.medianTalk} ${formatDuration(summary.medianTalkSeconds, lang)}`);
  if (summary.p90TalkSeconds !== undefined)
    headline.push(`${t.p90Talk} ${formatDuration(summary.p90TalkSeconds, lang)}`);
  const breakdown = (
    title: string,
    counts: Record<string, number>,
    label: (key: string) => string,
  ) => {
    const lines = Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(
        ([key, n]) =>
          `${escapeMrkdwn(truncate(label(key), 60))}: ${n} (${formatShare(n, summary.total)})`,
      );
    return `*${title}*\n${joinWithMore(lines, {
      separator: "\n",
      maxItems: 12,
      maxChars: 900,
      more: t.more,
    })}`;
  };
  return [
    section(headline.join(" · ")),
    fieldsSection([
      breakdown(t.byResult, summary.byResult, (r) => `${resultIcon(r)} ${resultLabel(r, lang)}`),
      breakdown(t.byType, summary.byCallType, (k) => kindLabel(k, lang)),
      breakdown(t.byMedia, summary.byMedia, (k) => kindLabel(k, lang)),
    ]),
  ];
}

function callBlock(record: CallRecord, ctx: SearchRenderContext, detail: Detail): KnownBlock {
  const value = ctx.buttons.detailsOf ? ctx.buttons.detailsOf(record.callId) : record.callId;
  const accessory = button({
    actionId: "call_details",
    text: CALLS_TEXT[ctx.lang].details,
    value,
  });
  const text = truncate(callText(record, ctx.timeZone, ctx.lang, detail), LIMITS.sectionText);
  return {
    type: "section",
    text: { type: "mrkdwn", text },
    ...(accessory ? { accessory } : {}),
  };
}

/** The most detailed rendering at which the whole page fits, else the least detailed. */
function pickDetail(
  page: readonly CallRecord[],
  ctx: SearchRenderContext,
  charsLeft: number,
  blocksLeft: number,
): Detail {
  const count = Math.min(page.length, blocksLeft);
  for (const detail of DETAIL_LEVELS) {
    let chars = 0;
    for (const record of page.slice(0, count)) chars += sizeOf(callBlock(record, ctx, detail));
    if (chars <= charsLeft) return detail;
  }
  return DETAIL_LEVELS[DETAIL_LEVELS.length - 1]!;
}

/**
 * A search answer with its calls-over-time picture (an `image` block naming the uploaded file)
 * before the list of calls; undefined when one more block would not fit Slack's limit.
 */
export function searchBlocksWithImage(
  blocks: readonly KnownBlock[],
  image: { fileId: string; altText: string; lang: Lang },
): KnownBlock[] | undefined {
  if (blocks.length >= LIMITS.blocks) return undefined;
  const block: KnownBlock = {
    type: "image",
    block_id: SEARCH_CHART_BLOCK_ID,
    slack_file: { id: image.fileId },
    alt_text: truncate(image.altText, LIMITS.imageAltText),
    title: {
      type: "plain_text",
      text: truncate(CALLS_TEXT[image.lang].overTime, LIMITS.imageTitle),
    },
  };
  const at = blocks.findIndex((b) => b.type === "divider" || b.type === "actions");
  const index = at === -1 ? blocks.length : at;
  return [...blocks.slice(0, index), block, ...blocks.slice(index)];
}

export const SEARCH_CHART_BLOCK_ID = "calls_over_time";
