import { hasCjk } from "../../query/text.js";
import type { Lang } from "../../query/types.js";
import { emptyTally } from "../../runtime/upstream-tracker.js";
import { renderAccessDenied } from "../blocks/access.js";
import { renderFailure } from "../blocks/failure.js";
import type { ListenerDeps } from "../deps.js";
import { type ReplyTarget, replyEphemeral } from "../messaging/reply.js";
import { refusalNotice } from "./notices.js";

/**
 * The frame around every command, click and shortcut: the allow-list before any upstream work,
 * a friendly failure message instead of silence, in-flight tracking for graceful shutdown, and
 * exactly one structured log line with what happened.
 */

export interface Interaction {
  kind: "command" | "action" | "shortcut" | "view" | "event";
  /** "/calls", "next_page", "lookup_calls"… */
  name: string;
  userId: string;
  channelId: string;
  words?: string;
  lang: Lang;
  /** What was understood (describe() of the query, or its kind). */
  understood?: string;
  outcome: string;
  route?: string;
}

/**
 * Before parsing, the language of the words decides the language of a refusal or failure: by the
 * query language's own rule, so a refusal and the answer it stands for never disagree.
 */
export function guessLang(text: string | undefined): Lang {
  return text && hasCjk(text) ? "zh" : "en";
}

export async function runInteraction(
  deps: ListenerDeps,
  interaction: Interaction,
  target: ReplyTarget,
  work: (interaction: Interaction) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const upstream = emptyTally();
  let failure: unknown;
  const frame = deps.upstream.collect(upstream, async () => {
    if (!deps.access.allows({ userId: interaction.userId, channelId: interaction.channelId })) {
      interaction.outcome = "denied";
      interaction.route = await replyEphemeral(target, renderAccessDenied(interaction.lang));
      return;
    }
    try {
      await work(interaction);
    } catch (error) {
      failure = error;
      // A stopped search says why (too slow, restarting) rather than "something went wrong".
      const refused = refusalNotice(error, interaction.lang);
      interaction.outcome = refused?.outcome ?? "failed";
      interaction.route = await replyEphemeral(
        target,
        refused?.message ?? renderFailure(error, interaction.lang),
      );
    }
  });
  try {
    await deps.lifecycle.track(frame);
  } catch (error) {
    // Even the failure message could not be delivered (Slack unreachable): the log is all there is.
    failure ??= error;
    interaction.outcome = "undelivered";
  }
  deps.logger[failure ? "warn" : "info"](`slack.${interaction.kind}`, {
    name: interaction.name,
    user: interaction.userId,
    channel: interaction.channelId,
    words: interaction.words,
    understood: interaction.understood,
    upstreamRequests: upstream.requests,
    upstreamRetries: upstream.retries,
    requestIds: upstream.requestIds,
    durationMs: Math.round(performance.now() - started),
    outcome: interaction.outcome,
    route: interaction.route,
    ...(failure ? { error: failure } : {}),
  });
}
