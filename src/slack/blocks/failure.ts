import { CallKitError, type CallKitErrorKind } from "../../callkit/errors.js";
import { redact } from "../../log.js";
import type { Lang } from "../../query/types.js";
import {
  code,
  context,
  escapeMrkdwn,
  header,
  type SlackMessage,
  section,
  truncate,
} from "./limits.js";

/**
 * Any failure as a friendly message: what went wrong, the vendor's code and requestId when there
 * is one, what to do. Text comes from CallKitError's own fields (built from known parts and
 * redacted there) and passes redact() again; an unknown error's message is never shown, since it
 * may carry a URL, a stack or a secret.
 */

const TITLES: Record<Lang, Record<CallKitErrorKind | "unknown", string>> = {
  en: {
    config: "callscope's TRTC settings are wrong",
    rate_limited: "TUICallKit is rate limiting this app",
    bug: "TUICallKit refused callscope's request",
    upstream: "TUICallKit answered with an error",
    timeout: "TUICallKit did not answer in time",
    network: "TUICallKit could not be reached",
    malformed: "TUICallKit sent an answer callscope could not read",
    package_required: "This app needs TUICallKit's group-call package",
    cancelled: "The request was cancelled",
    unknown: "Something went wrong on callscope's side",
  },
  zh: {
    config: "callscope 的 TRTC 配置有误",
    rate_limited: "TUICallKit 正在对本应用限流",
    bug: "TUICallKit 拒绝了 callscope 的请求",
    upstream: "TUICallKit 返回了错误",
    timeout: "TUICallKit 未能及时响应",
    network: "无法连接 TUICallKit",
    malformed: "TUICallKit 的响应无法解析",
    package_required: "本应用需要开通 TUICallKit 群组通话套餐",
    cancelled: "请求已取消",
    unknown: "callscope 内部出错",
  },
};

const TODO_ZH: Record<CallKitErrorKind, string> = {
  config: "请运维人员核对 TRTC_SDKAPPID、TRTC_SECRET_KEY、TRTC_ADMIN_USER 后重启 callscope。",
  rate_limited: "稍等片刻再试；可能有其他程序在使用同一个 SDKAppID。",
  bug: "这是 callscope 的缺陷：请把错误码和 requestId 报告给维护者。",
  upstream: "请再试一次；若持续出现，请把错误码、信息和 requestId 提供给腾讯云支持。",
  timeout: "请稍后再试，或缩小时间范围。",
  network: "请稍后再试；若持续出现，请检查 TRTC_API_URL 和网络。",
  malformed: "请再试一次；若持续出现，请把 requestId 报告给维护者。",
  package_required: "这不是 callscope 的问题：请在 TRTC 控制台开通群组通话套餐后再查询。",
  cancelled: "请重新发起查询。",
};

const GENERIC = {
  en: "Please try again in a moment. If it keeps happening, tell the people who run callscope (the logs have the details).",
  zh: "请稍后再试。若持续出现，请联系 callscope 的维护者（日志中有详细信息）。",
};

export function renderFailure(error: unknown, lang: Lang): SlackMessage {
  if (!(error instanceof CallKitError)) {
    const title = TITLES[lang].unknown;
    return { text: title, blocks: [header(`⚠️ ${title}`), section(GENERIC[lang])] };
  }
  const title = TITLES[lang][error.kind] ?? TITLES[lang].upstream;
  const clean = (text: string, max: number) => escapeMrkdwn(truncate(redact(text), max));
  const what = lang === "zh" ? (TODO_ZH[error.kind] ?? GENERIC.zh) : clean(error.explanation, 1500);
  const facts: string[] = [];
  if (error.code !== undefined)
    facts.push(`${lang === "zh" ? "错误码" : "code"} ${code(String(error.code))}`);
  if (error.status !== undefined) facts.push(`HTTP ${error.status}`);
  if (error.requestId) facts.push(`requestId ${code(truncate(redact(error.requestId), 200))}`);
  const blocks = [header(`⚠️ ${title}`), section(what)];
  if (error.vendorMessage) {
    const said = lang === "zh" ? "TUICallKit 的信息" : "TUICallKit said";
    blocks.push(section(`${said}: “${clean(error.vendorMessage, 500)}”`));
  }
  if (facts.length > 0) blocks.push(context(facts.join(" · ")));
  const text = [
    title,
    ...(error.requestId ? [`requestId ${truncate(redact(error.requestId), 200)}`] : []),
  ].join(" · ");
  return { text, blocks };
}
