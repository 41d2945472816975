import { describeRule } from "../../../alerts/describe.js";
import { localInstant } from "../../../digest/scheduler.js";
import type { Logger } from "../../../log.js";
import type { MuteLength } from "../../../query/alert-rule.js";
import type { Lang } from "../../../query/types.js";
import type { AlertRepository, AlertRule } from "../../../store/alerts.js";
import { RULE_NUMBER_OUTAGE } from "../../../store/alerts.js";
import { addDays, localDateOf } from "../../../time/calendar.js";
import { isIanaZone } from "../../../time/zone.js";
import { slackDate } from "../../blocks/format.js";
import { context, escapeMrkdwn, type SlackMessage, section } from "../../blocks/limits.js";
import { ALERT_COMMAND_TEXT } from "../../copy.js";
import type { AlertHandler } from "../../deps.js";

/**
 * `/calls alert …` and `/calls 告警 …` once the alerts grammar has read them, and the Mute
 * buttons of an alert. Every answer is ephemeral. A rule is reached only through the channel the
 * command (or the button) is in: the store's key is (channel, number), so `off 2` in another
 * channel finds nothing. Rules are capped per channel.
 */

export interface AlertCommandDeps {
  alerts: AlertRepository;
  logger: Logger;
  now?: () => Date;
  /** ALERT_MAX_RULES_PER_CHANNEL (default 10). */
  maxPerChannel?: number;
}

/** 09:00 tomorrow where the person is: "until tomorrow". */
export function muteUntil(mute: MuteLength, now: Date, timeZone: string): Date {
  if ("minutes" in mute) return new Date(now.getTime() + mute.minutes * 60_000);
  const zone = isIanaZone(timeZone) ? timeZone : "UTC";
  return localInstant(addDays(localDateOf(now, zone), 1), 9, 0, zone);
}

const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export function createAlertHandler(deps: AlertCommandDeps): AlertHandler {
  const now = deps.now ?? (() => new Date());
  const max = deps.maxPerChannel ?? 10;
  const when = (at: Date, zone: string, lang: Lang) =>
    slackDate(Math.floor(at.getTime() / 1000), zone, lang);
  const ruleWords = (rule: Pick<AlertRule, "filter" | "condition">, lang: Lang) =>
    escapeMrkdwn(describeRule(rule, lang));

  async function mute(args: Parameters<AlertHandler["mute"]>[0]): Promise<SlackMessage> {
    const t = ALERT_COMMAND_TEXT[args.lang];
    const until = muteUntil(args.mute, now(), args.timeZone);
    const done = await deps.alerts.mute(args.channelId, args.rule, until, args.userId);
    if (!done) return say(t.noSuchRule(args.rule));
    deps.logger.info("alert.muted", {
      channel: args.channelId,
      rule: args.rule,
      until: until.toISOString(),
    });
    return say(t.muted(args.rule, when(until, args.timeZone, args.lang), args.userId));
  }

  return {
    mute,
    async handleCommand({ command, userId, channelId, timeZone, respond }) {
      const lang = command.lang;
      const t = ALERT_COMMAND_TEXT[lang];
      switch (command.action) {
        case "on": {
          const added = await deps.alerts.addRule(
            {
              channelId,
              filter: command.filter,
              condition: command.condition,
              lang,
              timeZone: isIanaZone(timeZone) ? timeZone : "UTC",
              createdBy: userId,
            },
            max,
            now(),
          );
          if (!added.added) {
            await respond(say(t.cap(max)));
            return;
          }
          deps.logger.info("alert.rule_added", { channel: channelId, rule: added.rule.number });
          await respond(say(t.added(added.rule.number, ruleWords(added.rule, lang))));
          return;
        }
        case "list": {
          const rules = await deps.alerts.listRules(channelId);
          if (rules.length === 0) {
            await respond(say(t.none));
            return;
          }
          const at = now();
          const lines = await Promise.all(
            rules.map(async (rule) => {
              const open = await deps.alerts.openEpisode(channelId, rule.number);
              let state = "";
              if (rule.mutedUntil && rule.mutedUntil > at)
                state += t.mutedUntil(when(rule.mutedUntil, timeZone, lang));
              if (open) state += t.firing;
              return t.line(rule.number, ruleWords(rule, lang), state);
            }),
          );
          const text = `${t.listTitle(rules.length)}\n${lines.join("\n")}`;
          await respond({ text, blocks: [section(text)] });
          return;
        }
        case "show": {
          const rule =
            command.rule === RULE_NUMBER_OUTAGE
              ? undefined
              : await deps.alerts.getRule(channelId, command.rule);
          if (!rule) {
            await respond(say(t.noSuchRule(command.rule)));
            return;
          }
          const open = await deps.alerts.openEpisode(channelId, rule.number);
          const at = now();
          const state =
            (rule.mutedUntil && rule.mutedUntil > at
              ? t.mutedUntil(when(rule.mutedUntil, timeZone, lang))
              : "") + (open ? t.firing : "");
          const line = t.line(rule.number, ruleWords(rule, lang), state);
          await respond({
            text: line,
            blocks: [
              section(line),
              context(t.setBy(rule.createdBy, when(rule.createdAt, timeZone, lang))),
            ],
          });
          return;
        }
        case "off": {
          const removed = await deps.alerts.removeRule(channelId, command.rule, now());
          if (removed)
            deps.logger.info("alert.rule_removed", { channel: channelId, rule: command.rule });
          await respond(say(removed ? t.removed(command.rule) : t.noSuchRule(command.rule)));
          return;
        }
        case "mute":
          await respond(
            await mute({
              channelId,
              rule: command.rule,
              mute: command.mute,
              userId,
              timeZone,
              lang,
            }),
          );
          return;
      }
    },
  };
}
