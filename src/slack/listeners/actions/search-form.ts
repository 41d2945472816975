import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { HELP_ACTION_ID, OPEN_FORM_ACTION_ID, renderHelp } from "../../blocks/help.js";
import { FORM_TEXT, HOME_TEXT } from "../../copy.js";
import type { ListenerDeps } from "../../deps.js";
import { dmTarget, type ReplyTarget, replyEphemeral } from "../../messaging/reply.js";
import { runInteraction } from "../interaction.js";
import { buttonProblem } from "../notices.js";
import { homeLang, openSearchForm } from "../surfaces.js";

/**
 * **New search** (under help, on the Home tab) opens the search form with the click's trigger_id;
 * **Help** on the Home opens help in a modal. A click on the Home has no channel: the form's
 * answer then goes to the app's Messages tab.
 */
export function register(app: App, deps: ListenerDeps): void {
  const clickTarget = (body: BlockAction, client: ReplyTarget["client"]): ReplyTarget => {
    const channelId = body.channel?.id;
    return channelId
      ? {
          responseUrl: body.response_url,
          client,
          channelId,
          userId: body.user.id,
          logger: deps.logger,
          responseUrlOptions: deps.responseUrlOptions,
        }
      : dmTarget(client, body.user.id, deps.logger);
  };

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: OPEN_FORM_ACTION_ID },
    async ({ ack, body, client }) => {
      await ack();
      const target = clickTarget(body, client);
      const fromHome = body.container?.type === "view";
      const lang = await homeLang(deps, client, body.user.id);
      await runInteraction(
        deps,
        {
          kind: "action",
          name: OPEN_FORM_ACTION_ID,
          userId: body.user.id,
          channelId: body.channel?.id ?? "",
          lang,
          understood: "form",
          outcome: "answered",
        },
        fromHome ? { ...target, channelId: body.user.id } : target,
        async (interaction) => {
          try {
            await openSearchForm(deps, client, {
              triggerId: body.trigger_id,
              userId: body.user.id,
              channelId: fromHome ? undefined : body.channel?.id,
              lang,
            });
            interaction.route = "views.open";
          } catch (error) {
            interaction.outcome = "form_refused";
            deps.logger.warn("slack.form_open_failed", { user: body.user.id, error });
            interaction.route = await replyEphemeral(
              target,
              buttonProblem(FORM_TEXT[lang].formFailed),
            );
          }
        },
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: HELP_ACTION_ID },
    async ({ ack, body, client }) => {
      await ack();
      const lang = await homeLang(deps, client, body.user.id);
      const target = dmTarget(client, body.user.id, deps.logger);
      await runInteraction(
        deps,
        {
          kind: "action",
          name: HELP_ACTION_ID,
          userId: body.user.id,
          channelId: body.channel?.id ?? "",
          lang,
          understood: "help",
          outcome: "answered",
        },
        target,
        async (interaction) => {
          // No New search inside: a modal opens no other modal (the Home has that button anyway).
          const help = renderHelp(lang, deps.generations?.());
          await client.views.open({
            trigger_id: body.trigger_id,
            view: {
              type: "modal",
              callback_id: "help",
              title: { type: "plain_text", text: HOME_TEXT[lang].help },
              close: { type: "plain_text", text: FORM_TEXT[lang].close },
              blocks: help.blocks,
            },
          });
          interaction.route = "views.open";
        },
      );
    },
  );
}
