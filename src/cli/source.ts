import { createCallKitClients } from "../callkit/client.js";
import type { RecordSource } from "../callkit/source.js";
import { loadDotEnv, parseConfig, type TrtcConfig, trtcConfigSchema } from "../config.js";
import { createGenerationRouting } from "../routing/generations.js";
import { DEMO_CREDENTIALS, DEMO_DATASET } from "../testbed/callkit-sim/demo-credentials.js";
import { startSimulator } from "../testbed/callkit-sim/server.js";
import type { ProgressBar } from "./progress.js";

/**
 * Where the CLI reads call records: the vendor, configured by the TRTC_* variables, or with
 * --demo a simulator started in this process with a seeded week of calls. Either way through the
 * real, signed, rate-limited client.
 */

export interface OpenedSource {
  client: RecordSource;
  /** "vendor" or "demo simulator at http://127.0.0.1:…" */
  label: string;
  close(): Promise<void>;
}

export async function openSource(options: {
  demo: boolean;
  now: Date;
  env: Record<string, string | undefined>;
  generation?: "v1" | "v4" | "both";
}): Promise<OpenedSource> {
  // The generation(s) of the records API asked: --generation, else TRTC_API_GENERATION.
  const open = async (config: TrtcConfig) => {
    const routing = createGenerationRouting(
      options.generation ?? config.TRTC_API_GENERATION,
      createCallKitClients(config),
    );
    await routing.start();
    routing.stop();
    return routing.source;
  };
  if (!options.demo) {
    loadDotEnv();
    // parseConfig throws ConfigError listing every problem (never a value: it may be a secret).
    const config = parseConfig(trtcConfigSchema, { ...process.env, ...options.env });
    return { client: await open(config), label: "vendor", close: async () => {} };
  }
  // The simulator's clock runs from the same instant as the question's, so --now gives the same
  // window, the same 7-day limit and the same data on every run.
  const startedAt = Date.now();
  const simulator = await startSimulator({
    now: () => options.now.getTime() + (Date.now() - startedAt),
    sdkAppId: DEMO_CREDENTIALS.sdkAppId,
    secretKey: DEMO_CREDENTIALS.secretKey,
    adminUser: DEMO_CREDENTIALS.adminUser,
    dataset: { ...DEMO_DATASET, endMs: options.now.getTime() },
    generation: options.generation ?? "v1",
  });
  const config: TrtcConfig = parseConfig(trtcConfigSchema, {
    TRTC_SDKAPPID: String(DEMO_CREDENTIALS.sdkAppId),
    TRTC_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    TRTC_ADMIN_USER: DEMO_CREDENTIALS.adminUser,
    TRTC_API_URL: simulator.url,
    TRTC_V4_API_URL: simulator.url,
    TRTC_API_GENERATION: options.generation ?? "v1",
  });
  return {
    client: await open(config),
    label: `demo simulator at ${simulator.url}`,
    close: () => simulator.stop(),
  };
}

/**
 * The client as a RecordSource whose scans report to the progress bar. Each scan gets its own
 * number: a plan may read several upstream filters, and the bar adds them up.
 */
export function withProgress(client: RecordSource, bar: ProgressBar): RecordSource {
  let nextScan = 0;
  return {
    scan(filter, options) {
      const scan = nextScan++;
      return client.scan(filter, {
        ...options,
        onProgress: (progress) => {
          options?.onProgress?.(progress);
          bar.update(scan, progress);
        },
      });
    },
    getRecordByCallId: (callId, options) => client.getRecordByCallId(callId, options),
  };
}
