import type { App } from "@slack/bolt";
import { z } from "zod";
import { parse } from "../../../query/parse.js";
import { type Lang, langSchema } from "../../../query/types.js";
import { SAVED_SEARCH_LIMITS, type SaveProblem } from "../../../store/saved-searches.js";
import { code, escapeMrkdwn, section } from "../../blocks/limits.js";
import {
  EDIT_SEARCH_CALLBACK,
  SAVE_SEARCH_CALLBACK,
  SAVED_BLOCKS,
} from "../../blocks/saved-search.js";
import { SAVED_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { dmTarget, type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { runInteraction } from "../interaction.js";
import { refreshHome } from "../surfaces.js";

/** The save and edit modals' Submit: checked, stored, confirmed, and the Home published again. */

const metadataSchema = z.object({
  c: z
    .string()
    .regex(/^[CGDW][A-Z0-9]{1,20}$/)
    .optional(),
  l: langSchema,
  /** Editing: the name of the search being edited. */
  o: z.string().min(1).max(200).optional(),
});
export type SavedModalMetadata = {
  channelId?: string | undefined;
  lang: Lang;
  original?: string | undefined;
};

export function encodeSavedMetadata(m: SavedModalMetadata): string {
  return JSON.stringify({
    ...(m.channelId ? { c: m.channelId } : {}),
    l: m.lang,
    ...(m.original ? { o: m.original } : {}),
  });
}

function decodeSavedMetadata(raw: string | undefined): SavedModalMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success
      ? { channelId: parsed.data.c, lang: parsed.data.l, original: parsed.data.o }
      : undefined;
  } catch {
    return undefined;
  }
}

const textValue = z.object({ value: z.string().nullable().optional() }).passthrough();
function field(values: unknown, block: string): string {
  const parsed = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(values);
  const element = parsed.success ? parsed.data[block]?.[block] : undefined;
  const value = textValue.safeParse(element);
  return value.success ? (value.data.value ?? "").trim() : "";
}

function problemText(
  problem: SaveProblem,
  lang: Lang,
  name: string,
): { block: string; text: string } {
  const s = SAVED_TEXT[lang];
  switch (problem) {
    case "name_empty":
      return { block: SAVED_BLOCKS.name, text: s.nameEmpty };
    case "name_too_long":
      return { block: SAVED_BLOCKS.name, text: s.nameTooLong(SAVED_SEARCH_LIMITS.nameLength) };
    case "name_taken":
      return { block: SAVED_BLOCKS.name, text: s.nameTaken(name.slice(0, 60)) };
    case "too_many":
      return { block: SAVED_BLOCKS.name, text: s.tooMany(SAVED_SEARCH_LIMITS.perUser) };
    case "not_found":
      return { block: SAVED_BLOCKS.name, text: s.notFound(name.slice(0, 60), "") };
  }
}

export function register(app: App, deps: ListenerDeps): void {
  for (const callback of [SAVE_SEARCH_CALLBACK, EDIT_SEARCH_CALLBACK]) {
    app.view(callback, async ({ ack, body, view, client }) => {
      const userId = body.user.id;
      const meta = decodeSavedMetadata(view.private_metadata) ?? { lang: "en" as const };
      const lang = meta.lang;
      const s = SAVED_TEXT[lang];
      const name = field(view.state.values, SAVED_BLOCKS.name);
      const words = field(view.state.values, SAVED_BLOCKS.words);
      const repo = deps.savedSearches;
      if (!repo) {
        await ack({ response_action: "errors", errors: { [SAVED_BLOCKS.name]: s.unavailable } });
        return;
      }
      // The words must make a question /calls answers (a search, a lookup…), checked as it runs.
      const { timeZone } = await deps.timeZones.resolve(userId);
      const parsed = parse(words, { now: deps.now(), timeZone });
      if (words === "" || (parsed.kind === "error" && !parsed.beyondReach)) {
        const why = parsed.kind === "error" ? parsed.message : s.runNeedsName;
        await ack({
          response_action: "errors",
          errors: { [SAVED_BLOCKS.words]: s.wordsInvalid(why).slice(0, 300) },
        });
        return;
      }
      const wordsLang: Lang = parsed.lang;
      const outcome =
        callback === EDIT_SEARCH_CALLBACK && meta.original
          ? await repo.update({
              userId,
              name: meta.original,
              newName: name,
              words,
              lang: wordsLang,
            })
          : await repo.create({ userId, name, words, lang: wordsLang });
      if (!outcome.ok) {
        const problem = problemText(outcome.problem, lang, name);
        await ack({ response_action: "errors", errors: { [problem.block]: problem.text } });
        return;
      }
      await ack();
      deps.homeState.noteLang(userId, lang);
      refreshHome(deps, client, userId);
      const target: ReplyTarget = meta.channelId
        ? { client, channelId: meta.channelId, userId, logger: deps.logger }
        : dmTarget(client, userId, deps.logger);
      await runInteraction(
        deps,
        {
          kind: "view",
          name: callback,
          userId,
          channelId: meta.channelId ?? "",
          words,
          lang,
          understood: `${callback} ${outcome.search.name}`,
          outcome: "saved",
        },
        target,
        async (interaction) => {
          const shownName = escapeMrkdwn(outcome.search.name);
          const text =
            callback === EDIT_SEARCH_CALLBACK
              ? s.updated(shownName)
              : s.saved(shownName, code(`/calls ${outcome.search.words}`));
          interaction.route = await replyEphemeral(target, { text, blocks: [section(text)] });
        },
      );
    });
  }
}
