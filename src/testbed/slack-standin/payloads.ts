/**
 * The payloads Slack sends an app, built one way for the demo and the tests: a slash command's
 * form fields, a button click (block_actions) on a message or in a view (modal, home tab), a
 * modal's submission (view_submission), a message shortcut (message_action) and the Events API's
 * app_home_opened, with the fields Bolt reads. Sign and send them with sign.ts.
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

/** A view as Slack sends it back in payloads: what the app opened, with Slack's own fields. */
export interface SentView {
  id: string;
  type: "modal" | "home";
  callbackId?: string;
  privateMetadata?: string;
  /** What the user entered, as Slack's `state.values`: block_id → action_id → value object. */
  values?: Record<string, Record<string, unknown>>;
  blocks?: unknown[];
  title?: string;
}

function viewObject(actor: SlackActor, view: SentView): Record<string, unknown> {
  return {
    id: view.id,
    team_id: actor.teamId,
    type: view.type,
    blocks: view.blocks ?? [],
    private_metadata: view.privateMetadata ?? "",
    callback_id: view.callbackId ?? "",
    state: { values: view.values ?? {} },
    hash: "1700000000.abcdef",
    ...(view.type === "modal"
      ? { title: { type: "plain_text", text: view.title ?? "callscope", emoji: true } }
      : {}),
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: view.id,
    previous_view_id: null,
    app_id: "A0CALLS",
    external_id: "",
    app_installed_team_id: actor.teamId,
    bot_id: "B0BOT",
  };
}

/** A modal's Submit: Bolt routes it by the view's callback_id; the app answers in the HTTP ack. */
export function viewSubmissionPayload(
  actor: SlackActor,
  submission: { view: SentView; triggerId: string },
): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: actor.teamId, domain: "fake" },
    user: {
      id: actor.userId,
      username: actor.userName,
      name: actor.userName,
      team_id: actor.teamId,
    },
    api_app_id: "A0CALLS",
    token: "deprecated-verification-token",
    trigger_id: submission.triggerId,
    view: viewObject(actor, submission.view),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/**
 * A click on an element inside a view (a home tab or a modal): no channel and no response_url,
 * a `view` instead. `action` as for blockActionsPayload; an overflow menu is a select.
 */
export function viewBlockActionsPayload(
  actor: SlackActor,
  click: { action: ActionPayload; view: SentView; triggerId: string; actionTs: string },
): Record<string, unknown> {
  const message = blockActionsPayload(actor, {
    action: click.action,
    responseUrl: "",
    triggerId: click.triggerId,
    messageTs: "",
    actionTs: click.actionTs,
  });
  const { channel: _channel, response_url: _url, container: _container, ...rest } = message;
  return {
    ...rest,
    container: { type: "view", view_id: click.view.id },
    view: viewObject(actor, click.view),
    state: { values: click.view.values ?? {} },
  };
}

/** The Events API's app_home_opened, in its event_callback envelope. */
export function appHomeOpenedEnvelope(
  actor: SlackActor,
  opened: { tab?: "home" | "messages"; viewId?: string; eventTs: string },
): Record<string, unknown> {
  return {
    token: "deprecated-verification-token",
    team_id: actor.teamId,
    api_app_id: "A0CALLS",
    event: {
      type: "app_home_opened",
      user: actor.userId,
      channel: `D${actor.userId.slice(1)}`,
      tab: opened.tab ?? "home",
      event_ts: opened.eventTs,
      ...(opened.viewId ? { view: { id: opened.viewId, type: "home" } } : {}),
    },
    type: "event_callback",
    event_id: `Ev${opened.eventTs.replace(".", "")}`,
    event_time: Math.floor(Number(opened.eventTs)),
    authorizations: [
      { team_id: actor.teamId, user_id: "U0BOT", is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}
