import { existsSync } from "node:fs";
import { z } from "zod";
import { isIanaZone } from "./time/zone.js";

/**
 * The only reader of process.env. Every variable the app understands is declared here, so
 * `.env.example`, the README table and this schema are the same list.
 */

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((value) =>
      value === undefined || value === "" ? fallback : ["true", "1", "yes"].includes(value),
    );

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().optional().default(fallback);

export const trtcConfigSchema = z.object({
  TRTC_SDKAPPID: z.coerce
    .number({ error: "must be the numeric SDKAppID from the TRTC console" })
    .int()
    .positive(),
  TRTC_SECRET_KEY: z.string({ error: "is required (the app's secret key)" }).min(1),
  TRTC_ADMIN_USER: z.string().min(1).optional().default("administrator"),
  TRTC_API_URL: z
    .url({ error: "must be a URL such as https://callkit.trtc.tencent-cloud.com" })
    .optional()
    .default("https://callkit.trtc.tencent-cloud.com"),
  // The app's limits, not each process's: replicas on one store split them (jobs/rate-share.ts).
  TRTC_RATE_LIMIT: positiveInt(200),
  TRTC_CALLID_RATE_LIMIT: positiveInt(20),
  // Which generation of the records API holds the app's calls: v1 (clients start calls with
  // call()/groupCall()), v4 (calls()/join()), both (mid-migration), or auto (ask both at start-up).
  TRTC_API_GENERATION: z
    .enum(["v1", "v4", "both", "auto"], { error: "must be v1, v4, both or auto" })
    .optional()
    .default("auto"),
  TRTC_V4_API_URL: z
    .url({ error: "must be a URL such as https://console.tim.qq.com" })
    .optional()
    .default("https://console.tim.qq.com"),
  // Requests per second to each v4 endpoint (by filter, by CallId), for the whole app.
  TRTC_V4_RATE_LIMIT: positiveInt(200),
  // Records a page asked on scans that need more than one page (both generations). The vendor
  // states no maximum; a cap or a refusal it shows is followed and remembered (callkit/scan.ts).
  TRTC_PAGE_SIZE: positiveInt(1000),
  TRTC_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(3_500, "must be longer than the vendor's own 3 s timeout (3500 or more)")
    .optional()
    .default(8_000),
});

export const slackConfigSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ error: "is required (xoxb-… from OAuth & Permissions)" }).min(1),
  SLACK_SIGNING_SECRET: z
    .string({ error: "is required (Basic Information → Signing Secret)" })
    .min(1),
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z
    .url()
    .refine((url) => url.endsWith("/api/"), "must end in /api/ (e.g. https://slack.com/api/)")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).optional().default(3000),
  DEFAULT_TIMEZONE: z
    .string()
    .optional()
    .default("UTC")
    .refine(isIanaZone, "must be an IANA time zone such as Asia/Shanghai"),
  ALLOWED_USER_IDS: commaList,
  ALLOWED_CHANNEL_IDS: commaList,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional().default("info"),
  // The secret last segment of the call-event webhook URL (POST /callkit/events/<token>); the
  // receiver is off without it. URL-safe characters only, since it is part of a path.
  CALLKIT_WEBHOOK_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9_~.-]+$/,
      "may hold only letters, digits and - _ . ~ (it goes in a URL path)",
    )
    .min(
      32,
      "must be at least 32 characters (e.g. openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')",
    )
    .optional(),
  // No call event for this long while the records API shows calls: the webhooks are taken as
  // stopped and the archive sync re-reads its 3-hour overlap again.
  CALLKIT_EVENTS_STALE_MINUTES: positiveInt(15),
});

export const storeConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (url) => url === undefined || url === "" || /^(postgres(ql)?|sqlite|file):/.test(url),
      "must be postgres://… or sqlite:path (leave unset for data/callscope.sqlite)",
    ),
  ARCHIVE_ENABLED: booleanFlag(true),
  ARCHIVE_SYNC_SECONDS: positiveInt(300),
  ARCHIVE_RETENTION_DAYS: positiveInt(90),
  /** Alert rules a channel may hold (`/calls alert on …`). */
  ALERT_MAX_RULES_PER_CHANNEL: positiveInt(10),
});

/**
 * The TRTC cloud API (API 3.0, TC3-signed; shared/trtc-quality-api.md): optional as a group. With
 * no SecretId and SecretKey, call details work as before and say what they would add; a partial
 * group (one of the pair, or a region or endpoint without them) is a configuration error.
 */
export const trtcCloudConfigSchema = z.object({
  TRTC_CLOUD_SECRET_ID: z.string().min(1).optional(),
  TRTC_CLOUD_SECRET_KEY: z.string().min(1).optional(),
  TRTC_CLOUD_REGION: z
    .string()
    .regex(/^[a-z]{2,3}-[a-z]+(-[0-9])?$/, "must be a region such as ap-guangzhou or ap-singapore")
    .optional(),
  TRTC_CLOUD_API_URL: z
    .url({ error: "must be a URL such as https://trtc.tencentcloudapi.com" })
    .refine((url) => /^https?:\/\/[^/]+\/?$/.test(url), "must be a scheme and host only (no path)")
    .optional(),
  // Whether the archive sync fetches the diagnosis of interrupted calls ahead (costs API calls).
  TRTC_DIAGNOSIS_PREFETCH: booleanFlag(false),
});

type TrtcCloudInput = z.infer<typeof trtcCloudConfigSchema>;

function checkTrtcCloudGroup(config: TrtcCloudInput, ctx: z.RefinementCtx): void {
  const hasId = config.TRTC_CLOUD_SECRET_ID !== undefined;
  const hasKey = config.TRTC_CLOUD_SECRET_KEY !== undefined;
  if (hasId && !hasKey) {
    ctx.addIssue({
      code: "custom",
      path: ["TRTC_CLOUD_SECRET_KEY"],
      message: "is required when TRTC_CLOUD_SECRET_ID is set (the API key's SecretKey)",
    });
  }
  if (hasKey && !hasId) {
    ctx.addIssue({
      code: "custom",
      path: ["TRTC_CLOUD_SECRET_ID"],
      message: "is required when TRTC_CLOUD_SECRET_KEY is set (the API key's SecretId)",
    });
  }
  if (!hasId && !hasKey) {
    for (const name of ["TRTC_CLOUD_REGION", "TRTC_CLOUD_API_URL"] as const) {
      if (config[name] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "needs TRTC_CLOUD_SECRET_ID and TRTC_CLOUD_SECRET_KEY too (or unset it)",
        });
      }
    }
  }
}

/** The cloud API settings once checked, or undefined when the group is not configured. */
export interface TrtcCloudSettings {
  secretId: string;
  secretKey: string;
  region: string;
  /** "http(s)://host[:port]"; undefined = the SDK's default host over HTTPS. */
  apiUrl?: string;
}

export const DEFAULT_TRTC_CLOUD_REGION = "ap-guangzhou";

export function trtcCloudSettings(config: TrtcCloudInput): TrtcCloudSettings | undefined {
  if (!config.TRTC_CLOUD_SECRET_ID || !config.TRTC_CLOUD_SECRET_KEY) return undefined;
  return {
    secretId: config.TRTC_CLOUD_SECRET_ID,
    secretKey: config.TRTC_CLOUD_SECRET_KEY,
    region: config.TRTC_CLOUD_REGION ?? DEFAULT_TRTC_CLOUD_REGION,
    ...(config.TRTC_CLOUD_API_URL ? { apiUrl: config.TRTC_CLOUD_API_URL } : {}),
  };
}

export const appConfigSchema = trtcConfigSchema
  .extend(slackConfigSchema.shape)
  .extend(storeConfigSchema.shape)
  .extend(trtcCloudConfigSchema.shape)
  .superRefine(checkTrtcCloudGroup);

export type TrtcConfig = z.infer<typeof trtcConfigSchema>;
export type GenerationSetting = TrtcConfig["TRTC_API_GENERATION"];
export type SlackConfig = z.infer<typeof slackConfigSchema>;
export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type AppConfig = z.infer<typeof appConfigSchema>;

/** Thrown when start-up cannot go on: its message lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `callscope cannot start: the configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSet them in the environment or in .env (see .env.example).`,
    );
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Empty strings mean "unset", as in most .env files. */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
}

export function parseConfig<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(withoutEmpty(env));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    // Never echo the received value: it may be a secret.
    return `${name} ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Loads `.env` (if present) into process.env without overriding what is already set. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  return parseConfig(appConfigSchema, env);
}
