import type { ChannelMessage } from "../digest/channel.js";
import type { AlertRule } from "../store/alerts.js";
import type { ArchiveBucket } from "../store/archive.js";
import type { RuleFigure } from "./evaluate.js";

/** What an alert's messages show: the renderer's whole input (types only, for slack/blocks/). */

export interface AlertTop {
  callers: [string, number][];
  callees: [string, number][];
  callIds: string[];
}

/** What a rule's message shows: the renderer's whole input. */
export interface AlertView {
  rule: AlertRule;
  figure: RuleFigure;
  openedAt: Date;
  peak: number;
  peakAt: Date;
  /** When the window ends (the archive is complete up to here). */
  asOf: Date;
  /** The last hours, in buckets (calls in scope and matched). */
  series: ArchiveBucket[];
  bucketMinutes: number;
  chartHours: number;
  top: AlertTop;
  resolvedAt?: Date;
}

export interface BlindView {
  lang: AlertRule["lang"];
  timeZone: string;
  since: Date;
  /** The archive's last progress. */
  lastSeen: Date | undefined;
  seenAgainAt?: Date;
}

/** The messages of alerts (Slack's: slack/blocks/alert.ts). */
export interface AlertRenderer {
  /** May draw a picture first (charts load on first use), hence a promise. */
  alert(view: AlertView): ChannelMessage | Promise<ChannelMessage>;
  update(view: AlertView): ChannelMessage;
  /** The top message once resolved (replaces the alert). */
  resolvedTop(view: AlertView): ChannelMessage;
  resolvedReply(view: AlertView): ChannelMessage;
  blind(view: BlindView): ChannelMessage;
  blindTop(view: BlindView): ChannelMessage;
  seeing(view: BlindView): ChannelMessage;
}
