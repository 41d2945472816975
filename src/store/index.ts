export { type OpenStoreOptions, openStore, type Store, type StoreDialect } from "./database.js";
export {
  type ClaimOutcome,
  createDigestRunRepository,
  type DigestFigures,
  type DigestRun,
  type DigestRunRepository,
  type RunKey,
} from "./digest-runs.js";
export type { StoreHealth } from "./health.js";
export { migrateToLatest } from "./migrate.js";
export type { Database } from "./schema.js";
export {
  createSubscriptionRepository,
  type Subscription,
  type SubscriptionInput,
  type SubscriptionRepository,
} from "./subscriptions.js";
export { parseStoreUrl } from "./url.js";
