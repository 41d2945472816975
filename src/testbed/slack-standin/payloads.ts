/**
 * The payloads Slack sends an app, built one way for the demo and the tests: a slash command's
 * form fields, a button click (block_actions) and a message shortcut (message_action), with the
 * fields Bolt reads. Sign and send them with sign.ts.
 */

export interface SlackActor {
  teamId: string;
  userId: string;
  userName: string;
  channelId: string;
  channelName: string;
}

export function slashCommandFields(
  actor: SlackActor,
  command: { text: string; responseUrl: string; triggerId: string; name?: string },
): Record<string, string> {
  return {
    token: "deprecated-verification-token",
    team_id: actor.teamId,
    team_domain: "fake",
    channel_id: actor.channelId,
    channel_name: actor.channelName,
    user_id: actor.userId,
    user_name: actor.userName,
    command: command.name ?? "/calls",
    text: command.text,
    api_app_id: "A0CALLS",
    is_enterprise_install: "false",
    response_url: command.responseUrl,
    trigger_id: command.triggerId,
  };
}

/** One element's action: a button (with its value) or a select (with the option picked). */
export type ActionPayload =
  | { type: "button"; actionId: string; label: string; value?: string; blockId?: string }
  | {
      type: string;
      actionId: string;
      label: string;
      selectedOption: { text: string; value: string };
      blockId?: string;
    };

export function blockActionsPayload(
  actor: SlackActor,
  click: {
    action: ActionPayload;
    responseUrl: string;
    triggerId: string;
    messageTs: string;
    actionTs: string;
  },
): Record<string, unknown> {
  const { action } = click;
  const blockId = action.blockId ?? "b1";
  const element =
    "selectedOption" in action
      ? {
          type: action.type,
          action_id: action.actionId,
          block_id: blockId,
          selected_option: {
            text: { type: "plain_text", text: action.selectedOption.text },
            value: action.selectedOption.value,
          },
          action_ts: click.actionTs,
        }
      : {
          type: "button",
          action_id: action.actionId,
          block_id: blockId,
          text: { type: "plain_text", text: action.label, emoji: true },
          ...(action.value !== undefined ? { value: action.value } : {}),
          action_ts: click.actionTs,
        };
  return {
    type: "block_actions",
    user: {
      id: actor.userId,
      username: actor.userName,
      name: actor.userName,
      team_id: actor.teamId,
    },
    api_app_id: "A0CALLS",
    token: "deprecated-verification-token",
    container: {
      type: "message",
      message_ts: click.messageTs,
      channel_id: actor.channelId,
      is_ephemeral: true,
    },
    trigger_id: click.triggerId,
    team: { id: actor.teamId, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: actor.channelId, name: actor.channelName },
    state: { values: {} },
    response_url: click.responseUrl,
    actions: [element],
  };
}

export function messageShortcutPayload(
  actor: SlackActor,
  shortcut: {
    callbackId: string;
    text: string;
    responseUrl: string;
    triggerId: string;
    threadTs?: string;
  },
): Record<string, unknown> {
  const ts = "1700000000.000100";
  return {
    type: "message_action",
    callback_id: shortcut.callbackId,
    trigger_id: shortcut.triggerId,
    message_ts: ts,
    response_url: shortcut.responseUrl,
    message: {
      type: "message",
      user: "UALERTBOT",
      ts,
      text: shortcut.text,
      ...(shortcut.threadTs ? { thread_ts: shortcut.threadTs } : {}),
    },
    user: { id: actor.userId, name: actor.userName },
    channel: { id: actor.channelId, name: actor.channelName },
    team: { id: actor.teamId, domain: "fake" },
    token: "deprecated-verification-token",
    action_ts: "1.2",
  };
}
