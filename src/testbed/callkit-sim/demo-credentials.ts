/**
 * Credentials the simulator accepts in the demo and in `tsx src/testbed/callkit-sim/main.ts`. Demo-only values
 * for a server that exists only on this machine: fine to print, never valid at Tencent.
 */
export const DEMO_SDK_APP_ID = 1_400_000_001;
export const DEMO_SECRET_KEY = "callscope-demo-secret-key-for-the-local-simulator-only";
export const DEMO_ADMIN_USER = "administrator";

export const DEMO_CREDENTIALS = {
  sdkAppId: DEMO_SDK_APP_ID,
  secretKey: DEMO_SECRET_KEY,
  adminUser: DEMO_ADMIN_USER,
} as const;

/** The demo's data: deterministic, so tests can recompute every figure with generateDataset. */
export const DEMO_DATASET = { seed: 1, days: 7, callsPerDay: 3000 } as const;
