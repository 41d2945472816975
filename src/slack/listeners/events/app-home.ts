import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { publishHome } from "../surfaces.js";

/**
 * `app_home_opened` on the Home tab: the user's Home is published with views.publish when it is
 * stale (never published by this process, older than HOME_STALE_MS, or changed since), not on
 * every open: each publish reads the vendor three times.
 */
export function register(app: App, deps: ListenerDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    const userId = event.user;
    const nowMs = deps.now().getTime();
    if (!deps.homeState.isStale(userId, nowMs)) {
      deps.logger.info("slack.event", { name: "app_home_opened", user: userId, outcome: "fresh" });
      return;
    }
    const started = performance.now();
    // Marked at once: a second open while this one gathers does not publish twice.
    deps.homeState.published(userId, nowMs);
    try {
      if (!deps.access.allows({ userId })) {
        deps.logger.info("slack.event", {
          name: "app_home_opened",
          user: userId,
          outcome: "denied",
        });
        return;
      }
      await deps.lifecycle.track(publishHome(deps, client, userId));
      deps.logger.info("slack.event", {
        name: "app_home_opened",
        user: userId,
        outcome: "published",
        durationMs: Math.round(performance.now() - started),
      });
    } catch (error) {
      deps.homeState.changed(userId);
      deps.logger.warn("slack.event", {
        name: "app_home_opened",
        user: userId,
        outcome: "failed",
        error,
      });
    }
  });
}
