import type { types } from "@slack/bolt";
import type { CallRecord } from "../../callkit/schemas.js";
import type { Lang } from "../../query/types.js";
import { formatDuration } from "../../time/format.js";
import { CALLS_TEXT, FORM_TEXT, HOME_TEXT, SAVED_TEXT } from "../copy.js";
import { callText, DETAIL_LEVELS } from "./calls.js";
import { formatRatio, slackDate } from "./format.js";
import { HELP_ACTION_ID, OPEN_FORM_ACTION_ID } from "./help.js";
import {
  actions,
  button,
  code,
  context,
  divider,
  escapeMrkdwn,
  header,
  joinWithMore,
  type KnownBlock,
  LIMITS,
  section,
  truncate,
} from "./limits.js";

/**
 * The App Home tab of one user: pure, from the figures gathered for them (slack/home.ts) to a
 * `home` view within Slack's 100 blocks. What other features add (a chart, alert rules, whether
 * webhooks arrive) comes in as `HomeExtras`; each has a text fallback while it is absent.
 */

export const HOME_LIMITS = { blocks: 100, failures: 10 } as const;
export const HOME_DETAILS_ACTION_ID = "home_call_details";
export const SAVED_MENU_ACTION_ID = "saved_search_menu";

/** What the charts (issue 15) and alerts (issue 16) features hand the Home, when they are there. */
export interface HomeExtras {
  /** A chart of today, already uploaded: its slack_file id. */
  chart?: { slackFileId: string; alt?: string } | undefined;
  /** The alert rules of channels this user set up, described in words. */
  alertRules?: { channelId: string; description: string }[] | undefined;
  /** Whether the vendor's webhooks are arriving (undefined: not known here). */
  webhooksArriving?: boolean | undefined;
}

export interface DayFigures {
  total: number;
  answerRate: number | undefined;
  failed: number;
  interrupted: number;
}

export interface HomeData {
  lang: Lang;
  timeZone: string;
  nowTs: number;
  health: {
    generations?: string | undefined;
    /** Epoch seconds of the archive's last sync; absent without an archive. */
    archiveSyncedTs?: number | undefined;
    vendorErrors: { count: number; minutes: number };
  };
  /** Today so far and yesterday to the same time; undefined when they could not be read. */
  today?: { now: DayFigures; yesterday: DayFigures } | undefined;
  /** The last failed calls, newest first. */
  failures: CallRecord[];
  saved: { name: string; words: string }[];
  digests: { channelId: string; hour: number; minute: number; nextRunTs: number }[];
  extras: HomeExtras;
  /** Values the caller made for the Details buttons (a call's lookup). */
  detailsOf: (callId: string) => string | undefined;
}

const channelRef = (id: string) =>
  /^[CG][A-Z0-9]{2,}$/.test(id) ? `<#${id}>` : escapeMrkdwn(truncate(id, 40));

function change(now: number, before: number): string {
  const delta = now - before;
  return delta === 0 ? "±0" : delta > 0 ? `+${delta}` : `${delta}`;
}

function rateChange(now: number | undefined, before: number | undefined): string {
  if (now === undefined || before === undefined) return "–";
  const points = Math.round((now - before) * 1000) / 10;
  return points === 0 ? "±0 pt" : `${points > 0 ? "+" : ""}${points} pt`;
}

/** The option value of a saved search's menu: what to do and with which name (≤ 150 chars). */
export function savedMenuValue(action: "run" | "edit" | "delete", name: string): string {
  return `${action}:${name}`.slice(0, 150);
}

function healthLine(data: HomeData): string {
  const t = HOME_TEXT[data.lang];
  const parts: string[] = [];
  if (data.health.generations) parts.push(t.generations(escapeMrkdwn(data.health.generations)));
  if (data.health.archiveSyncedTs !== undefined) {
    const lag = Math.max(0, data.nowTs - data.health.archiveSyncedTs);
    parts.push(
      t.archive(
        slackDate(data.health.archiveSyncedTs, data.timeZone, data.lang, { zoneInFallback: false }),
        formatDuration(lag, data.lang),
      ),
    );
  } else parts.push(t.noArchive);
  parts.push(t.vendorErrors(data.health.vendorErrors.count, data.health.vendorErrors.minutes));
  if (data.extras.webhooksArriving !== undefined)
    parts.push(t.webhooks(data.extras.webhooksArriving));
  return `*${t.health}*: ${parts.join(" · ")}`;
}

function todayBlocks(data: HomeData): KnownBlock[] {
  const t = HOME_TEXT[data.lang];
  const blocks: KnownBlock[] = [];
  if (!data.today) {
    blocks.push(section(`*${t.today}*\n${t.todayUnavailable}`));
  } else {
    const { now, yesterday } = data.today;
    blocks.push(
      section(
        `*${t.today}*\n${t.todayLine(
          `${now.total} (${change(now.total, yesterday.total)})`,
          `${formatRatio(now.answerRate)} (${rateChange(now.answerRate, yesterday.answerRate)})`,
          `${now.failed} (${change(now.failed, yesterday.failed)})`,
          `${now.interrupted} (${change(now.interrupted, yesterday.interrupted)})`,
        )}`,
      ),
      context(t.vsYesterday),
    );
  }
  const chart = data.extras.chart;
  if (chart && /^F[A-Z0-9]{2,}$/.test(chart.slackFileId)) {
    blocks.push({
      type: "image",
      slack_file: { id: chart.slackFileId },
      alt_text: truncate(chart.alt ?? t.chartAlt, 2000),
    } as KnownBlock);
  } else blocks.push(context(t.chartFallback));
  return blocks;
}

function failureBlocks(data: HomeData): KnownBlock[] {
  const t = HOME_TEXT[data.lang];
  const blocks: KnownBlock[] = [section(`*${t.failures}*`)];
  if (data.failures.length === 0) return [...blocks, context(t.noFailures)];
  const detail = DETAIL_LEVELS[DETAIL_LEVELS.length - 1]!;
  for (const record of data.failures.slice(0, HOME_LIMITS.failures)) {
    const accessory = button({
      actionId: HOME_DETAILS_ACTION_ID,
      text: CALLS_TEXT[data.lang].details,
      value: data.detailsOf(record.callId),
    });
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(callText(record, data.timeZone, data.lang, detail), LIMITS.sectionText),
      },
      ...(accessory ? { accessory } : {}),
    });
  }
  return blocks;
}

function savedBlocks(data: HomeData): KnownBlock[] {
  const t = HOME_TEXT[data.lang];
  const s = SAVED_TEXT[data.lang];
  const blocks: KnownBlock[] = [section(`*${t.saved}*`)];
  if (data.saved.length === 0) return [...blocks, context(t.noSaved)];
  for (const saved of data.saved) {
    const option = (action: "run" | "edit" | "delete", text: string) => ({
      text: { type: "plain_text" as const, text },
      value: savedMenuValue(action, saved.name),
    });
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(
          `*${escapeMrkdwn(saved.name)}*  ${code(`/calls ${truncate(saved.words, 300)}`)}`,
          LIMITS.sectionText,
        ),
      },
      accessory: {
        type: "overflow",
        action_id: SAVED_MENU_ACTION_ID,
        options: [option("run", s.run), option("edit", s.edit), option("delete", s.remove)],
      },
    });
  }
  return blocks;
}

function digestBlocks(data: HomeData): KnownBlock[] {
  const t = HOME_TEXT[data.lang];
  const lines = [
    ...data.digests.map((d) =>
      t.digestLine(
        channelRef(d.channelId),
        `${String(d.hour).padStart(2, "0")}:${String(d.minute).padStart(2, "0")}`,
        slackDate(d.nextRunTs, data.timeZone, data.lang),
      ),
    ),
    ...(data.extras.alertRules ?? []).map((rule) =>
      t.alertLine(channelRef(rule.channelId), escapeMrkdwn(truncate(rule.description, 200))),
    ),
  ];
  const body =
    lines.length === 0
      ? t.noDigests
      : joinWithMore(
          lines.map((l) => `• ${l}`),
          {
            separator: "\n",
            maxItems: 20,
            maxChars: 2800,
            more: CALLS_TEXT[data.lang].more,
          },
        );
  return [section(`*${t.digests}*\n${body}`)];
}

export function renderHome(data: HomeData): types.HomeView {
  const t = HOME_TEXT[data.lang];
  const blocks: KnownBlock[] = [
    header(`📞 ${t.title}`),
    context(healthLine(data)),
    ...actions([
      {
        actionId: OPEN_FORM_ACTION_ID,
        text: FORM_TEXT[data.lang].newSearch,
        value: "home",
        style: "primary",
      },
      { actionId: HELP_ACTION_ID, text: t.help, value: "home" },
    ]),
    context(t.sentHere),
    divider,
    ...todayBlocks(data),
    divider,
    ...failureBlocks(data),
    divider,
    ...savedBlocks(data),
    divider,
    ...digestBlocks(data),
  ];
  const footer = context(t.updatedAt(slackDate(data.nowTs, data.timeZone, data.lang)));
  // Saved searches are capped per user, so this only trims on a bug; the footer stays.
  const kept = blocks.slice(0, HOME_LIMITS.blocks - 1);
  return { type: "home", blocks: [...kept, footer] };
}
