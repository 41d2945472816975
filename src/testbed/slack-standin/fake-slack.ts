import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for slack.com: the Web API methods callscope uses (under `${url}/api/`) and
 * `response_url` endpoints (under `${url}/response/<id>`). It records every call so tests and the
 * demo can see what the app said, and it can misbehave the ways Slack does (expired response_url,
 * 429 with Retry-After, a post accepted whose answer is held or dropped, a missing scope). Posted
 * messages are kept per channel, with their metadata, for `conversations.history`.
 *
 * Files go through Slack's current upload flow: `files.getUploadURLExternal` (filename and length
 * checked, `files:write` needed) hands out an upload URL this server answers itself (the bytes
 * must be exactly the declared length), then `files.completeUploadExternal` (the channel, when
 * given, must look like one). An `image` block's `slack_file.id` must name a completed upload,
 * else `chat.postMessage` answers `invalid_blocks`, as Slack does; `filesNotReady` plays Slack's
 * "file not processed yet" answer for a file just uploaded.
 */

export interface ApiCall {
  method: string;
  /** Arguments as sent; JSON-looking form fields (blocks…) are parsed. */
  args: Record<string, unknown>;
  /** Whether the bearer token matched the one configured. */
  authorized: boolean;
}

export type ResponseEffect = "new" | "replace" | "delete";

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  /** What Slack would do with the message the button sits on. */
  effect: ResponseEffect;
  /** Whether Slack accepted it (false for expired or rate-limited posts). */
  accepted: boolean;
  status: number;
}

export interface FakeSlackUser {
  id: string;
  tz?: string;
  name?: string;
  /** Given by users.info with include_locale (e.g. "zh-CN"). */
  locale?: string;
}

/** A view as Slack keeps it: opened or pushed modals and published home tabs. */
export interface FakeView {
  id: string;
  type: "modal" | "home";
  /** Whose it is: the user a modal was opened for, or the home's user_id. */
  userId: string | undefined;
  view: Record<string, unknown>;
}

/**
 * Slack's view limits, as its reference gives them (docs.slack.dev, "Modal views" and the view
 * object): checked by views.open, views.update and views.publish, answering as Slack does.
 */
export const VIEW_LIMITS = {
  blocks: 100,
  title: 24,
  submit: 24,
  close: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  /** A trigger_id is good for 3 seconds, and for one view. */
  triggerMs: 3000,
} as const;

export interface FakeSlackOptions {
  botToken?: string;
  users?: FakeSlackUser[];
  host?: string;
  port?: number;
  /** Clock for message ts (epoch ms), so tests on a fixed clock see ts on the same clock; default Date.now. */
  now?: () => number;
}

/** A message as kept in a channel's history. */
export interface HistoryMessage {
  ts: string;
  text: unknown;
  blocks?: unknown;
  metadata?: unknown;
  /** Set on a reply: the thread's top message. */
  thread_ts?: string;
  /** Set once `chat.update` replaced it. */
  edited?: { ts: string };
}

/**
 * What happens to the answer of a `chat.postMessage` Slack has accepted: `hold` keeps the
 * connection open without answering (the client times out), `drop` closes it without a word.
 */
export type PostAnswerFault = "hold" | "drop";

/** An upload as the stand-in holds it. */
export interface FakeSlackFile {
  id: string;
  filename: string;
  /** Declared to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  title?: string;
  /** The bytes sent to the upload URL, once they were. */
  bytes?: Buffer;
  completed: boolean;
  /** files.completeUploadExternal's channel_id, when the file was shared there. */
  channel?: string;
}

export interface FakeSlack {
  /** "http://127.0.0.1:PORT" (no trailing slash). */
  url: string;
  /** The Web API base to give the app as SLACK_API_URL: `${url}/api/`. */
  apiUrl: string;
  calls(method?: string): ApiCall[];
  responses(id?: string): ResponsePost[];
  /** A fresh response_url, as Slack gives with each command or click. */
  responseUrl(id?: string): string;
  /** Makes a response_url answer 404 `expired_url` from now on. */
  expire(id: string): void;
  /** The next `times` posts to this response_url answer 429 with Retry-After. */
  rateLimit(id: string, times: number, retryAfterSeconds: number): void;
  setUser(user: FakeSlackUser): void;
  /** This Web API method answers HTTP `status` (e.g. 500) from now on; `undefined` heals it. */
  failMethod(method: string, status: number | undefined): void;
  /** The next `times` chat.postMessage calls are accepted and recorded, but the answer is lost. */
  losePostAnswer(fault: PostAnswerFault, times?: number): void;
  /** The bot's token lacks this scope from now on (`conversations.history` answers `missing_scope`). */
  revokeScope(scope: string): void;
  /** A channel's messages, oldest first. */
  messages(channel: string): HistoryMessage[];
  /** Uploads, in the order their URLs were handed out. */
  files(): FakeSlackFile[];
  /** The upload URL answers HTTP `status` from now on; `undefined` heals it. */
  failUploads(status: number | undefined): void;
  /**
   * The next `times` messages naming an uploaded file (chat.postMessage, chat.postEphemeral,
   * response_url) are refused with `invalid_blocks`, as Slack does for a file not processed yet.
   */
  filesNotReady(times?: number): void;
  /** Resolves with the first recorded item matching, waiting for it if needed. */
  waitForResponse(
    predicate: (post: ResponsePost) => boolean,
    timeoutMs?: number,
  ): Promise<ResponsePost>;
  waitForCall(predicate: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /**
   * A fresh trigger_id, as Slack puts in a command, click or shortcut: good for one views.open
   * within 3 s (`issuedAt` makes an old one, to test expiry).
   */
  triggerId(userId?: string, issuedAt?: number): string;
  /** Views opened, updated or published, by id. */
  views(): FakeView[];
  /** The home tab last published for this user. */
  homeOf(userId: string): FakeView | undefined;
  reset(): void;
  stop(): Promise<void>;
}

const MAX_BODY = 5_000_000;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** An upload's bytes: raw, or the one file part of a multipart form (what @slack/web-api sends). */
async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": type } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  throw new Error("multipart upload without a file part");
}

/** The slack_file ids named by image blocks (top level, or a section's accessory). */
function slackFileIds(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const ids: string[] = [];
  for (const block of blocks as Array<Record<string, unknown>>) {
    for (const candidate of [block, block?.accessory as Record<string, unknown> | undefined]) {
      const file = candidate?.slack_file as { id?: unknown } | undefined;
      if (candidate?.type === "image" && file) ids.push(String(file.id ?? ""));
    }
  }
  return ids;
}

function parseArgs(req: IncomingMessage, raw: string): Record<string, unknown> {
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function effectOf(body: Record<string, unknown>): ResponseEffect {
  if (body.delete_original === true || body.delete_original === "true") return "delete";
  if (body.replace_original === true || body.replace_original === "true") return "replace";
  return "new";
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    ...headers,
  });
  res.end(text);
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? "xoxb-fake-token";
  const users = new Map((options.users ?? []).map((user) => [user.id, user]));
  let apiCalls: ApiCall[] = [];
  let posts: ResponsePost[] = [];
  const expired = new Set<string>();
  const limited = new Map<string, { times: number; retryAfter: number }>();
  const failing = new Map<string, number>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const clock = options.now ?? Date.now;
  let lastTsMicros = 0;
  let nextId = 1;
  let history = new Map<string, HistoryMessage[]>();
  let lostAnswers: PostAnswerFault[] = [];
  let revoked = new Set<string>();
  let files = new Map<string, FakeSlackFile>();
  let uploadFailure: number | undefined;
  let notReady = 0;
  let triggers = new Map<string, { issuedAt: number; userId: string | undefined; used: boolean }>();
  let views = new Map<string, FakeView>();
  let nextView = 1;
  let nextTrigger = 1;

  /** Slack's ts: seconds.micros on the clock, strictly increasing like Slack's own. */
  const nextTs = () => {
    lastTsMicros = Math.max(lastTsMicros + 1, Math.floor(clock() * 1000));
    return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, "0")}`;
  };
  const tsValue = (ts: unknown) => (ts === undefined || ts === "" ? undefined : Number(ts));

  /** conversations.history: newest first, after `oldest`, metadata only when asked for. */
  const readHistory = (args: Record<string, unknown>) => {
    const channel = String(args.channel);
    const needed = channel.startsWith("G") ? "groups:history" : "channels:history";
    if (revoked.has(needed)) return { ok: false, error: "missing_scope", needed };
    // Any channel exists here, empty until something is posted to it.
    const all = history.get(channel) ?? [];
    const oldest = tsValue(args.oldest) ?? 0;
    const latest = tsValue(args.latest) ?? Number.POSITIVE_INFINITY;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const limit = Math.max(1, Math.min(999, Number(args.limit ?? 100) || 100));
    const start = Number(args.cursor ?? 0) || 0;
    const inRange = all
      // Replies stay in their thread, as on Slack (conversations.replies reads them).
      .filter((m) => m.thread_ts === undefined)
      .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
      .reverse()
      .map(({ metadata, ...message }) => ({
        type: "message",
        user: "U0BOT",
        bot_id: "B0BOT",
        ...message,
        ...(withMetadata && metadata !== undefined ? { metadata } : {}),
      }));
    const page = inRange.slice(start, start + limit);
    const more = start + limit < inRange.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + limit) : "" },
    };
  };

  /** Image blocks naming a file Slack does not have, or one "not processed yet" (filesNotReady). */
  const refusesFiles = (blocks: unknown): boolean => {
    const named = slackFileIds(blocks);
    if (named.some((id) => !files.get(id)?.completed)) return true;
    if (named.length > 0 && notReady > 0) {
      notReady--;
      return true;
    }
    return false;
  };

  /** conversations.replies: the top message and its replies, oldest first. */
  const readReplies = (args: Record<string, unknown>) => {
    const channel = String(args.channel);
    const needed = channel.startsWith("G") ? "groups:history" : "channels:history";
    if (revoked.has(needed)) return { ok: false, error: "missing_scope", needed };
    const thread = String(args.ts);
    const all = history.get(channel) ?? [];
    if (!all.some((m) => m.ts === thread)) return { ok: false, error: "thread_not_found" };
    const oldest = tsValue(args.oldest) ?? 0;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const messages = all
      .filter((m) => m.ts === thread || m.thread_ts === thread)
      .filter((m) => m.ts === thread || Number(m.ts) >= oldest)
      .map(({ metadata, ...message }) => ({
        type: "message",
        user: "U0BOT",
        bot_id: "B0BOT",
        ...message,
        ...(withMetadata && metadata !== undefined ? { metadata } : {}),
      }));
    return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
  };

  const viewProblems = (view: unknown, expected: "modal" | "home"): string[] => {
    if (typeof view !== "object" || view === null) return ["view is missing or not an object"];
    const v = view as Record<string, unknown>;
    const problems: string[] = [];
    const plainText = (field: string, max: number, required: boolean) => {
      const value = v[field] as { type?: unknown; text?: unknown } | undefined;
      if (value === undefined) {
        if (required) problems.push(`${field} is required`);
        return;
      }
      if (value.type !== "plain_text" || typeof value.text !== "string")
        problems.push(`${field} must be a plain_text object`);
      else if (value.text.length > max) problems.push(`${field} must be at most ${max} characters`);
    };
    if (v.type !== expected) problems.push(`view type must be ${expected}`);
    if (!Array.isArray(v.blocks)) problems.push("blocks must be an array");
    else if (v.blocks.length > VIEW_LIMITS.blocks)
      problems.push(`blocks: at most ${VIEW_LIMITS.blocks}, got ${v.blocks.length}`);
    if (expected === "modal") {
      plainText("title", VIEW_LIMITS.title, true);
      plainText("submit", VIEW_LIMITS.submit, false);
      plainText("close", VIEW_LIMITS.close, false);
      const hasInput =
        Array.isArray(v.blocks) &&
        v.blocks.some((b) => (b as { type?: unknown } | null)?.type === "input");
      if (hasInput && v.submit === undefined) problems.push("submit is required with input blocks");
    }
    if (v.private_metadata !== undefined) {
      if (typeof v.private_metadata !== "string")
        problems.push("private_metadata must be a string");
      else if (v.private_metadata.length > VIEW_LIMITS.privateMetadata)
        problems.push(`private_metadata must be at most ${VIEW_LIMITS.privateMetadata} characters`);
    }
    if (v.callback_id !== undefined) {
      if (typeof v.callback_id !== "string" || v.callback_id.length > VIEW_LIMITS.callbackId)
        problems.push(
          `callback_id must be a string of at most ${VIEW_LIMITS.callbackId} characters`,
        );
    }
    if (Array.isArray(v.blocks)) {
      const ids = new Set<string>();
      for (const block of v.blocks as { block_id?: unknown }[]) {
        if (typeof block?.block_id !== "string") continue;
        if (ids.has(block.block_id)) problems.push(`duplicate block_id ${block.block_id}`);
        ids.add(block.block_id);
      }
    }
    return problems;
  };
  const invalid = (problems: string[]) => ({
    ok: false,
    error: "invalid_arguments",
    response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
  });
  const keep = (
    type: "modal" | "home",
    userId: string | undefined,
    view: Record<string, unknown>,
    id?: string,
  ) => {
    const viewId = id ?? `V${String(nextView++).padStart(8, "0")}`;
    const kept: FakeView = { id: viewId, type, userId, view: { ...view, id: viewId } };
    views.set(viewId, kept);
    return { ok: true, view: { ...view, id: viewId, hash: `h${Date.now()}` } };
  };
  const openView = (args: Record<string, unknown>) => {
    const triggerId = typeof args.trigger_id === "string" ? args.trigger_id : "";
    if (!triggerId) return invalid(["trigger_id is required"]);
    const trigger = triggers.get(triggerId);
    if (!trigger) return { ok: false, error: "invalid_trigger_id" };
    if (trigger.used) return { ok: false, error: "exchanged_trigger_id" };
    if (clock() - trigger.issuedAt > VIEW_LIMITS.triggerMs)
      return { ok: false, error: "expired_trigger_id" };
    const problems = viewProblems(args.view, "modal");
    if (problems.length > 0) return invalid(problems);
    trigger.used = true;
    return keep("modal", trigger.userId, args.view as Record<string, unknown>);
  };
  const updateView = (args: Record<string, unknown>) => {
    const id = typeof args.view_id === "string" ? args.view_id : undefined;
    const external = typeof args.external_id === "string" ? args.external_id : undefined;
    if (!id && !external) return invalid(["view_id or external_id is required"]);
    const existing = id
      ? views.get(id)
      : [...views.values()].find((v) => v.view.external_id === external);
    if (!existing) return { ok: false, error: "not_found" };
    const problems = viewProblems(args.view, existing.type);
    if (problems.length > 0) return invalid(problems);
    return keep(existing.type, existing.userId, args.view as Record<string, unknown>, existing.id);
  };
  const publishView = (args: Record<string, unknown>) => {
    const userId = typeof args.user_id === "string" ? args.user_id : "";
    if (!userId) return invalid(["user_id is required"]);
    const problems = viewProblems(args.view, "home");
    if (problems.length > 0) return invalid(problems);
    const existing = [...views.values()].find((v) => v.type === "home" && v.userId === userId);
    return keep("home", userId, args.view as Record<string, unknown>, existing?.id);
  };

  const handleApi = (method: string, args: Record<string, unknown>, authorized: boolean) => {
    if (!authorized) return { ok: false, error: "invalid_auth" };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.com/",
          team: "Fake",
          user: "callscope",
          team_id: "T0FAKE",
          user_id: "U0BOT",
          bot_id: "B0BOT",
        };
      case "users.info": {
        const user = users.get(String(args.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name ?? user.id.toLowerCase(),
            ...(user.tz ? { tz: user.tz, tz_label: user.tz } : {}),
            ...(user.locale && (args.include_locale === true || args.include_locale === "true")
              ? { locale: user.locale }
              : {}),
          },
        };
      }
      case "files.getUploadURLExternal": {
        if (revoked.has("files:write"))
          return { ok: false, error: "missing_scope", needed: "files:write" };
        const filename = typeof args.filename === "string" ? args.filename.trim() : "";
        const length = Number(args.length);
        if (!filename) return { ok: false, error: "invalid_arguments", detail: "filename" };
        if (!Number.isInteger(length) || length <= 0)
          return { ok: false, error: "invalid_arguments", detail: "length" };
        const id = `F${String(nextId++).padStart(10, "0")}`;
        files.set(id, {
          id,
          filename,
          length,
          completed: false,
          ...(typeof args.alt_txt === "string" || typeof args.alt_text === "string"
            ? { altText: String(args.alt_txt ?? args.alt_text) }
            : {}),
        });
        return { ok: true, upload_url: `${url}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        if (revoked.has("files:write"))
          return { ok: false, error: "missing_scope", needed: "files:write" };
        const list = Array.isArray(args.files)
          ? (args.files as Array<{ id?: unknown; title?: unknown }>)
          : [];
        if (list.length === 0) return { ok: false, error: "invalid_arguments", detail: "files" };
        const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
        if (channel !== undefined && !/^[CGD][A-Z0-9]{2,}$/.test(channel))
          return { ok: false, error: "channel_not_found" };
        const done: FakeSlackFile[] = [];
        for (const entry of list) {
          const file = files.get(String(entry.id));
          // Never uploaded, or not the declared number of bytes: Slack does not complete it.
          if (!file?.bytes) return { ok: false, error: "file_not_found" };
          done.push(file);
        }
        for (const [index, file] of done.entries()) {
          file.completed = true;
          const title = list[index]?.title;
          if (typeof title === "string") file.title = title;
          if (channel) file.channel = channel;
        }
        return {
          ok: true,
          files: done.map((file) => ({
            id: file.id,
            name: file.filename,
            title: file.title ?? file.filename,
          })),
        };
      }
      case "chat.postMessage": {
        const channel = String(args.channel);
        const named = slackFileIds(args.blocks);
        if (named.some((id) => !files.get(id)?.completed))
          return {
            ok: false,
            error: "invalid_blocks",
            errors: ["invalid slack file [json-pointer:/blocks/slack_file]"],
          };
        if (named.length > 0 && notReady > 0) {
          notReady--;
          return {
            ok: false,
            error: "invalid_blocks",
            errors: ["invalid slack file [json-pointer:/blocks/slack_file]"],
          };
        }
        const threadTs = args.thread_ts === undefined ? undefined : String(args.thread_ts);
        const message: HistoryMessage = {
          ts: nextTs(),
          text: args.text,
          ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
          ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
          ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
        };
        history.set(channel, [...(history.get(channel) ?? []), message]);
        return { ok: true, channel, ts: message.ts, message: { text: args.text } };
      }
      case "conversations.history":
        return readHistory(args);
      case "conversations.replies":
        return readReplies(args);
      case "chat.update": {
        const channel = String(args.channel);
        const messages = history.get(channel) ?? [];
        const at = messages.findIndex((m) => m.ts === String(args.ts));
        const found = messages[at];
        if (!found) return { ok: false, error: "message_not_found" };
        const edited: HistoryMessage = {
          ...found,
          text: args.text,
          ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
          edited: { ts: nextTs() },
        };
        history.set(
          channel,
          messages.map((m, i) => (i === at ? edited : m)),
        );
        return { ok: true, channel, ts: found.ts, text: args.text };
      }
      case "chat.postEphemeral":
        if (refusesFiles(args.blocks)) return { ok: false, error: "invalid_blocks" };
        return { ok: true, message_ts: nextTs() };
      case "chat.delete":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "views.open":
      case "views.push":
        return openView(args);
      case "views.update":
        return updateView(args);
      case "views.publish":
        return publishView(args);
      default:
        return { ok: false, error: "unknown_method" };
    }
  };

  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const body = await readBody(req);
      const uploadMatch = /^\/upload\/(F\w+)$/.exec(path);
      if (uploadMatch && req.method === "POST") {
        const file = files.get(uploadMatch[1]!);
        if (uploadFailure !== undefined) return send(res, uploadFailure, "upload failed");
        if (!file) return send(res, 404, "not_found");
        const bytes = await uploadedBytes(req, body);
        // Slack's upload endpoint takes exactly the length that was declared for the URL.
        if (bytes.length !== file.length)
          return send(res, 400, `length ${bytes.length} ≠ ${file.length}`);
        file.bytes = bytes;
        return send(res, 200, `OK - ${bytes.length}`);
      }
      const raw = body.toString("utf8");
      const apiMatch = /^\/api\/([\w.]+)$/.exec(path);
      if (apiMatch && req.method === "POST") {
        const args = parseArgs(req, raw);
        const authorized = req.headers.authorization === `Bearer ${botToken}`;
        const call: ApiCall = { method: apiMatch[1]!, args, authorized };
        apiCalls.push(call);
        const failure = failing.get(call.method);
        if (failure !== undefined) {
          events.emit("call", call);
          send(res, failure, { ok: false, error: "fatal_error" });
          return;
        }
        const answer = handleApi(call.method, args, authorized);
        const lost =
          call.method === "chat.postMessage" && answer.ok ? lostAnswers.shift() : undefined;
        events.emit("call", call);
        // The message is in the channel already: only its answer goes missing.
        if (lost === "drop") req.socket.destroy();
        else if (lost !== "hold") send(res, 200, answer);
        return;
      }
      const responseMatch = /^\/response\/([\w-]+)$/.exec(path);
      if (responseMatch && req.method === "POST") {
        const id = responseMatch[1]!;
        const body = parseArgs(req, raw);
        const limit = limited.get(id);
        let status = 200;
        let headers: Record<string, string> = {};
        let answer: unknown = "ok";
        if (expired.has(id)) {
          status = 404;
          answer = "expired_url";
        } else if (refusesFiles(body.blocks)) {
          // Slack refuses an image block naming a file it does not have (or not yet).
          status = 400;
          answer = "invalid_blocks";
        } else if (limit && limit.times > 0) {
          limit.times -= 1;
          status = 429;
          headers = { "retry-after": String(limit.retryAfter) };
          answer = "rate_limited";
        }
        const post: ResponsePost = {
          id,
          body,
          effect: effectOf(body),
          accepted: status === 200,
          status,
        };
        posts.push(post);
        events.emit("response", post);
        send(res, status, answer, headers);
        return;
      }
      send(res, 404, "not_found");
    } catch (error) {
      send(res, 400, { ok: false, error: "invalid_request", detail: String(error) });
    }
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;

  function waitFor<T>(
    kind: "call" | "response",
    existing: () => T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const found = existing().find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off(kind, listener);
        reject(new Error(`fake Slack: no matching ${kind} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (item: T) => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        events.off(kind, listener);
        resolve(item);
      };
      events.on(kind, listener);
    });
  }

  return {
    url,
    apiUrl: `${url}/api/`,
    calls: (method) => apiCalls.filter((call) => method === undefined || call.method === method),
    responses: (id) => posts.filter((post) => id === undefined || post.id === id),
    responseUrl: (id) => `${url}/response/${id ?? `r${nextId++}`}`,
    expire: (id) => expired.add(id),
    rateLimit: (id, times, retryAfterSeconds) =>
      limited.set(id, { times, retryAfter: retryAfterSeconds }),
    setUser: (user) => users.set(user.id, user),
    failMethod: (method, status) => {
      if (status === undefined) failing.delete(method);
      else failing.set(method, status);
    },
    losePostAnswer: (fault, times = 1) => {
      for (let i = 0; i < times; i++) lostAnswers.push(fault);
    },
    revokeScope: (scope) => revoked.add(scope),
    messages: (channel) => [...(history.get(channel) ?? [])],
    files: () => [...files.values()],
    failUploads: (status) => {
      uploadFailure = status;
    },
    filesNotReady: (times = 1) => {
      notReady += times;
    },
    waitForResponse: (predicate, timeoutMs = 10_000) =>
      waitFor("response", () => posts, predicate, timeoutMs),
    waitForCall: (predicate, timeoutMs = 10_000) =>
      waitFor("call", () => apiCalls, predicate, timeoutMs),
    triggerId: (userId, issuedAt) => {
      const id = `${nextTrigger++}.${Math.floor(clock())}.t${Math.random().toString(16).slice(2, 10)}`;
      triggers.set(id, { issuedAt: issuedAt ?? clock(), userId, used: false });
      return id;
    },
    views: () => [...views.values()],
    homeOf: (userId) => [...views.values()].find((v) => v.type === "home" && v.userId === userId),
    reset: () => {
      triggers = new Map();
      views = new Map();
      apiCalls = [];
      posts = [];
      expired.clear();
      limited.clear();
      failing.clear();
      history = new Map();
      lostAnswers = [];
      revoked = new Set();
      files = new Map();
      uploadFailure = undefined;
      notReady = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
