import { parseArgs } from "node:util";
import { z } from "zod";
import { CallbackConfigError, setCallback, webhookUrl } from "../callkit/events/config.js";
import { ConfigError, parseConfig, slackConfigSchema, trtcConfigSchema } from "../config.js";
import { redact } from "../log.js";

/** The part of the CLI's io this command uses (run.ts's CliIo fits it). */
interface CliIo {
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean };
  env: Record<string, string | undefined>;
}

/**
 * `callscope webhook url --base https://bot.example.com` prints the URL to register;
 * `callscope webhook set --base … [--generation v1|v4]` registers it with the vendor.
 */

export const WEBHOOK_USAGE = `Usage:
  callscope webhook url --base URL                   the call-event URL to register
  callscope webhook set --base URL [--generation G]  register it with the vendor (v1 or v4)

--base is the app's public address (https://…, reachable from the internet); the token comes
from CALLKIT_WEBHOOK_TOKEN, the vendor credentials from the TRTC_* variables.`;

const tokenSchema = z.object({
  CALLKIT_WEBHOOK_TOKEN: slackConfigSchema.shape.CALLKIT_WEBHOOK_TOKEN.unwrap(),
});

export async function runWebhookCli(argv: readonly string[], io: CliIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`${redact(text)}\n`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    err(
      `callscope webhook: ${error instanceof Error ? error.message : String(error)}\n\n${WEBHOOK_USAGE}`,
    );
    return 2;
  }
  const { sub, base, generation } = parsed;
  if (sub !== "url" && sub !== "set") {
    err(`callscope webhook: say url or set.\n\n${WEBHOOK_USAGE}`);
    return 2;
  }
  if (!base || !/^https?:\/\/[^/\s]+/.test(base)) {
    err(
      `callscope webhook: --base must be the app's public address, e.g. https://bot.example.com\n\n${WEBHOOK_USAGE}`,
    );
    return 2;
  }
  try {
    const env = Object.fromEntries(Object.entries(io.env).filter(([, v]) => v !== ""));
    const { CALLKIT_WEBHOOK_TOKEN: token } = parseConfig(tokenSchema, env);
    const url = webhookUrl(base, token);
    if (sub === "url") {
      io.stdout.write(`${url}\n`);
      if (base.startsWith("http://")) {
        err(
          "note: the vendor recommends HTTPS; the token travels in the path, so use https:// in production.",
        );
      }
      return 0;
    }
    const trtc = parseConfig(trtcConfigSchema, env);
    const chosen =
      generation ??
      (trtc.TRTC_API_GENERATION === "v4"
        ? "v4"
        : trtc.TRTC_API_GENERATION === "v1"
          ? "v1"
          : undefined);
    if (!chosen) {
      err(
        "callscope webhook set: say --generation v1 or v4 (TRTC_API_GENERATION is not one of them)",
      );
      return 2;
    }
    const result = await setCallback({
      generation: chosen,
      apiUrl: chosen === "v4" ? trtc.TRTC_V4_API_URL : trtc.TRTC_API_URL,
      sdkAppId: trtc.TRTC_SDKAPPID,
      secretKey: trtc.TRTC_SECRET_KEY,
      adminUser: trtc.TRTC_ADMIN_USER,
      address: url,
      timeoutMs: trtc.TRTC_TIMEOUT_MS,
    });
    io.stdout.write(
      `registered (${chosen}) for ${result.actions.length} commands: ${base.replace(/\/+$/, "")}/callkit/events/…\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CallbackConfigError) {
      err(`callscope webhook: ${error.message}`);
      return error instanceof ConfigError ? 2 : 3;
    }
    throw error;
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { base: { type: "string" }, generation: { type: "string" } },
  });
  const generation = values.generation;
  if (generation !== undefined && generation !== "v1" && generation !== "v4") {
    throw new Error("--generation must be v1 or v4");
  }
  return {
    sub: positionals[0],
    base: values.base,
    generation: generation as "v1" | "v4" | undefined,
  };
}
