import type { webApi } from "@slack/bolt";
import type { Lang } from "../../query/types.js";
import { localDateOf } from "../../time/calendar.js";
import { renderHome } from "../blocks/home.js";
import { renderSearchForm } from "../blocks/search-form.js";
import type { ListenerDeps } from "../deps.js";
import { gatherHome } from "../home.js";

/**
 * The two surfaces that are views rather than messages: the search form (a modal, opened with a
 * trigger_id within its 3 s) and each user's Home tab (views.publish). Shared by the command,
 * the buttons, the submissions and the app_home_opened event.
 */

type ViewsClient = Pick<webApi.WebClient, "views" | "users">;

export async function openSearchForm(
  deps: ListenerDeps,
  client: ViewsClient,
  request: { triggerId: string; userId: string; channelId?: string | undefined; lang: Lang },
): Promise<void> {
  const { timeZone } = await deps.timeZones.resolve(request.userId);
  const view = renderSearchForm({
    lang: request.lang,
    timeZone,
    today: localDateOf(deps.now(), timeZone),
    origin: { channelId: request.channelId, lang: request.lang },
  });
  await client.views.open({ trigger_id: request.triggerId, view });
}

/** The user's language: the one they last used here, else their Slack locale, else English. */
export async function homeLang(
  deps: ListenerDeps,
  client: ViewsClient,
  userId: string,
): Promise<Lang> {
  const known = deps.homeState.langOf(userId);
  if (known) return known;
  try {
    const info = await client.users.info({ user: userId, include_locale: true });
    return typeof info.user?.locale === "string" && info.user.locale.toLowerCase().startsWith("zh")
      ? "zh"
      : "en";
  } catch {
    return "en";
  }
}

/** Publishes the user's Home now; records when, so opening it again soon does not. */
export async function publishHome(
  deps: ListenerDeps,
  client: ViewsClient,
  userId: string,
): Promise<void> {
  const lang = await homeLang(deps, client, userId);
  const { timeZone } = await deps.timeZones.resolve(userId);
  const data = await gatherHome(deps, { userId, lang, timeZone });
  await client.views.publish({ user_id: userId, view: renderHome(data) });
  deps.homeState.published(userId, deps.now().getTime());
}

/**
 * Something on the user's Home changed (a saved search): it is published again now, in the
 * background (well within the minute), so the next look at the tab shows it.
 */
export function refreshHome(deps: ListenerDeps, client: ViewsClient, userId: string): void {
  deps.homeState.changed(userId);
  void deps.lifecycle
    .track(publishHome(deps, client, userId))
    .catch((error: unknown) =>
      deps.logger.warn("slack.home_publish_failed", { user: userId, error }),
    );
}
