import type { CallEvent } from "../callkit/events/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import type { DiagnosisService } from "../diagnosis/service.js";
import type { Logger } from "../log.js";
import type { AlertCommand, MuteLength } from "../query/alert-rule.js";
import type { DigestCommand, Lang } from "../query/types.js";
import type { RecordRouter } from "../routing/router.js";
import type { Admission } from "../runtime/admission.js";
import type { Lifecycle } from "../runtime/lifecycle.js";
import type { UpstreamTracker } from "../runtime/upstream-tracker.js";
import type { SavedSearchRepository } from "../store/saved-searches.js";
import type { Subscription } from "../store/subscriptions.js";
import type { AccessPolicy } from "./access.js";
import type { HomeExtras } from "./blocks/home.js";
import type { HomeState } from "./home-state.js";
import type { OutgoingMessage, ResponseUrlOptions } from "./messaging/reply.js";
import type { TimeZoneResolver } from "./user-timezone.js";

/** What `/calls digest …` hands to the digest feature (engineer "digest" implements it). */
export interface DigestHandler {
  handleCommand(args: {
    command: DigestCommand;
    userId: string;
    channelId: string;
    timeZone: string;
    respond: (message: OutgoingMessage) => Promise<void>;
    /** The allow-lists, for a channel the command names (the one typed in was checked already). */
    access?: AccessPolicy;
  }): Promise<void>;
}

/** What `/calls alert …` and an alert's Mute buttons hand to the alerts feature. */
export interface AlertHandler {
  handleCommand(args: {
    command: AlertCommand;
    userId: string;
    channelId: string;
    timeZone: string;
    respond: (message: OutgoingMessage) => Promise<void>;
  }): Promise<void>;
  /** A Mute button: the rule of the channel the button is in. */
  mute(args: {
    channelId: string;
    rule: number;
    mute: MuteLength;
    userId: string;
    timeZone: string;
    lang: AlertCommand["lang"];
  }): Promise<OutgoingMessage>;
}

/** Everything the listeners need, passed in so tests and main.ts wire real parts the same way. */
export interface SlackDeps {
  /** Where call records come from: the CallKitClient (or the archive in front of it). */
  source: RecordSource;
  /** Archive first, vendor for the rest; absent means the vendor (`source`) answers everything. */
  router?: RecordRouter;
  logger: Logger;
  /** Clock for parsing relative times and judging stale buttons. */
  now: () => Date;
  access: AccessPolicy;
  /** Gives the client's onRequest events to the log line of the interaction that caused them. */
  upstream: UpstreamTracker;
  /** In-flight answers and shutdown hooks (schedulers, store). */
  lifecycle: Lifecycle;
  /** Present when digests are enabled. */
  digest?: DigestHandler;
  /** Present when alerts are enabled (a store and the archive). */
  alerts?: AlertHandler;
  /** Built from the app's own Web API client when absent. */
  timeZones?: TimeZoneResolver;
  responseUrlOptions?: ResponseUrlOptions;
  /** After this long without an answer, `/calls` says it is still reading; default 4000 ms. */
  slowAnswerMs?: number;
  /** Who may scan now; built with DEFAULT_ADMISSION when absent. */
  admission?: Admission;
  /** TRTC's account of a call in its details; absent: details say what credentials would add. */
  diagnosis?: DiagnosisService;
  /** How long details wait for the diagnosis before answering without it (then updated); 2000 ms. */
  diagnosisWaitMs?: number;
  /** Which generations of the records API answer, for `/calls help` (e.g. "v4 (…)"). */
  generations?: () => string;
  /** The call's events from the vendor's webhooks (its timeline in call details); absent: none. */
  callEvents?: (callId: string) => Promise<CallEvent[]>;
  /** Present with a store: each user's saved searches. */
  savedSearches?: SavedSearchRepository;
  /** Present with digests: every channel's digest subscription (the Home lists the user's own). */
  subscriptions?: () => Promise<Subscription[]>;
  /** The archive's last sync, for the Home's health line; absent when there is no archive. */
  archiveSyncedAt?: () => Promise<Date | undefined>;
  /** What other features add to the Home (a chart, alert rules, webhooks): wired at assembly. */
  homeExtras?: (userId: string, lang: Lang) => Promise<HomeExtras>;
  /** Built in app.ts when absent: who last used which language, and when each Home was published. */
  homeState?: HomeState;
}

/** The deps as listeners see them: the time zone resolver, admission and the router are there. */
export type ListenerDeps = SlackDeps & {
  homeState: HomeState;
  timeZones: TimeZoneResolver;
  admission: Admission;
  defaultTimeZone: string;
  router: RecordRouter;
};
