import { randomUUID } from "node:crypto";
import { ChannelPostError } from "../../../digest/channel.js";
import type { DigestRunner, DigestTarget } from "../../../digest/runner.js";
import type { DigestScheduler } from "../../../digest/scheduler.js";
import type { Logger } from "../../../log.js";
import { describeFilter } from "../../../query/describe.js";
import { isEmptyFilter } from "../../../query/filter.js";
import type { CallFilter, Lang } from "../../../query/types.js";
import type { LeaseRepository } from "../../../store/archive-lease.js";
import type { Subscription, SubscriptionRepository } from "../../../store/subscriptions.js";
import { clockTime, yesterdayOf } from "../../../time/calendar.js";
import { isIanaZone } from "../../../time/zone.js";
import { renderFailure } from "../../blocks/failure.js";
import { slackDate } from "../../blocks/format.js";
import { context, escapeMrkdwn, type SlackMessage, section } from "../../blocks/limits.js";
import { DIGEST_COMMAND_TEXT } from "../../copy.js";
import type { DigestHandler } from "../../deps.js";

/**
 * `/calls digest …` and `/calls 日报 …` once "query" has parsed them: subscribe, unsubscribe,
 * show, and post yesterday's digest now. Every answer is ephemeral, to the person who asked. A
 * channel named in the command passes the allow-list like the one it was typed in; a subscription
 * changes only from its own channel or by whoever set it; `now` is limited per channel; the
 * workspace's subscriptions are capped.
 */

export interface DigestCommandDeps {
  subscriptions: SubscriptionRepository;
  scheduler: Pick<DigestScheduler, "reload" | "nextRun">;
  runner: Pick<DigestRunner, "postNow">;
  logger: Logger;
  now?: () => Date;
  /**
   * Shared across replicas (the store's leases): `digest now` at most once per channel per
   * `intervalMs` (default 60 s). Without it, `now` is not limited.
   */
  nowLimit?: { leases: LeaseRepository; intervalMs?: number };
  /** Subscriptions allowed in the workspace (default 50). */
  maxSubscriptions?: number;
}

const DEFAULT_AT = { hour: 9, minute: 0 };

const CHANNEL_LINK = /^<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;

type ChannelResolution = { ok: true; channelId: string } | { ok: false; text: string };

/**
 * The channel a command names: a `<#C…>` link as Slack sends it, or a bare id. A plain `#name`
 * would need `channels:read` to resolve, which the manifest deliberately does not ask for.
 */
function resolveChannel(typed: string | undefined, here: string): ChannelResolution {
  if (typed === undefined) return { ok: true, channelId: here };
  const text = typed.trim();
  const link = CHANNEL_LINK.exec(text);
  if (link?.[1]) return { ok: true, channelId: link[1] };
  if (CHANNEL_ID.test(text)) return { ok: true, channelId: text };
  return { ok: false, text };
}

const mention = (channelId: string) => `<#${channelId}>`;

function what(filter: CallFilter, lang: Lang): string {
  return escapeMrkdwn(describeFilter(filter, lang));
}

function message(lines: string[], note?: string): SlackMessage {
  const text = lines.join("\n");
  return { text, blocks: [section(text), ...(note ? [context(note)] : [])] };
}

export function createDigestCommands(deps: DigestCommandDeps): DigestHandler {
  const now = deps.now ?? (() => new Date());
  const maxSubscriptions = deps.maxSubscriptions ?? 50;
  const nowIntervalMs = deps.nowLimit?.intervalMs ?? 60_000;

  /** The channel's `digest now` slot, held for the interval by a lease every replica sees. */
  async function takeNowSlot(
    channelId: string,
  ): Promise<{ ok: true; release: () => Promise<void> } | { ok: false; waitSeconds: number }> {
    const limit = deps.nowLimit;
    if (!limit) return { ok: true, release: async () => {} };
    const name = `digest-now:${channelId}`;
    const holder = randomUUID();
    if (!(await limit.leases.acquire(name, holder, nowIntervalMs, now())))
      return { ok: false, waitSeconds: Math.ceil(nowIntervalMs / 1000) };
    return { ok: true, release: () => limit.leases.release(name, holder).catch(() => {}) };
  }

  function describeSubscription(subscription: Subscription, lang: Lang) {
    return {
      at: clockTime(subscription.hour, subscription.minute),
      what: what(subscription.filter, lang),
    };
  }

  return {
    async handleCommand({ command, userId, channelId, timeZone, respond, access }) {
      const lang = command.lang;
      const t = DIGEST_COMMAND_TEXT[lang];
      const channel = resolveChannel(command.channel, channelId);
      if (!channel.ok) {
        await respond(message([t.badChannel(escapeMrkdwn(channel.text))]));
        return;
      }
      const target = channel.channelId;
      // A channel named in the command must pass the allow-list like the one it was typed in.
      if (access && !access.allows({ userId, channelId: target })) {
        await respond(message([t.notAllowed(mention(target))]));
        return;
      }
      /** A subscription is changed from its own channel, or by whoever set it. */
      const mayChange = (existing: Subscription | undefined) =>
        !existing || existing.channelId === channelId || existing.createdBy === userId;
      const zoneOk = isIanaZone(timeZone);
      const zone = zoneOk ? timeZone : "UTC";
      const zoneNote = zoneOk ? undefined : t.badZone(escapeMrkdwn(timeZone));

      try {
        switch (command.action) {
          case "on": {
            const existing = await deps.subscriptions.get(target);
            if (existing && !mayChange(existing)) {
              await respond(message([t.notYours(mention(target), existing.createdBy)]));
              return;
            }
            if (!existing && (await deps.subscriptions.count()) >= maxSubscriptions) {
              await respond(message([t.tooMany(maxSubscriptions)]));
              return;
            }
            const at = command.at ?? DEFAULT_AT;
            const { subscription, replaced } = await deps.subscriptions.upsert(
              {
                channelId: target,
                hour: at.hour,
                minute: at.minute,
                timeZone: zone,
                filter: command.filter,
                lang,
                createdBy: userId,
              },
              now(),
            );
            await deps.scheduler.reload();
            const d = describeSubscription(subscription, lang);
            const lines = [(replaced ? t.updated : t.on)(mention(target), d.at, zone, d.what)];
            const next = deps.scheduler.nextRun(target);
            if (next) lines.push(t.next(slackDate(next.getTime() / 1000, zone, lang)));
            await respond(message(lines, zoneNote));
            return;
          }
          case "off": {
            const existing = await deps.subscriptions.get(target);
            if (!mayChange(existing) && existing) {
              await respond(message([t.notYours(mention(target), existing.createdBy)]));
              return;
            }
            const removed = await deps.subscriptions.remove(target);
            if (removed) await deps.scheduler.reload();
            await respond(
              message([removed ? t.off(mention(target)) : t.noneToTurnOff(mention(target))]),
            );
            return;
          }
          case "show": {
            const subscription = await deps.subscriptions.get(target);
            if (!subscription) {
              await respond(message([t.none(mention(target))]));
              return;
            }
            const d = describeSubscription(subscription, lang);
            const lines = [
              t.show(mention(target), d.at, subscription.timeZone, d.what, subscription.createdBy),
            ];
            const next = deps.scheduler.nextRun(target);
            if (next)
              lines.push(t.next(slackDate(next.getTime() / 1000, subscription.timeZone, lang)));
            await respond(message(lines));
            return;
          }
          case "now": {
            const subscription = await deps.subscriptions.get(target);
            const hasWords = !isEmptyFilter(command.filter);
            // Words given now win; otherwise the channel's own subscription, else everything.
            const digestTarget: DigestTarget = {
              channelId: target,
              timeZone: subscription && !hasWords ? subscription.timeZone : zone,
              filter: subscription && !hasWords ? subscription.filter : command.filter,
              lang,
            };
            const date = yesterdayOf(now(), digestTarget.timeZone);
            const slot = await takeNowSlot(target);
            if (!slot.ok) {
              await respond(message([t.tooSoon(mention(target), slot.waitSeconds)]));
              return;
            }
            try {
              await deps.runner.postNow(digestTarget, date);
            } catch (error) {
              // Nothing was posted (or it is unknown): a retry should not wait out the limit.
              await slot.release();
              if (error instanceof ChannelPostError) {
                const lost =
                  error.platformError === "not_in_channel" ||
                  error.platformError === "channel_not_found";
                await respond(
                  message([
                    lost
                      ? t.notInChannel(mention(target))
                      : t.postFailed(escapeMrkdwn(error.platformError ?? error.message)),
                  ]),
                );
                return;
              }
              throw error;
            }
            await respond(message([t.posted(mention(target), date)], zoneNote));
            return;
          }
        }
      } catch (error) {
        deps.logger.error("digest.command_failed", {
          action: command.action,
          channel: target,
          error,
        });
        await respond(renderFailure(error, lang));
      }
    },
  };
}
