import type { Migration } from "kysely";
import { digestMigration } from "./001-digest.js";
import { archiveMigration } from "./002-archive.js";
import { rateReplicasMigration } from "./003-rate-replicas.js";
import { digestPostAttemptMigration } from "./004-digest-post-attempt.js";
import { archiveGenerationMigration } from "./005-archive-generation.js";
import { callEventsMigration } from "./006-call-events.js";
import { alertsMigration } from "./007-alerts.js";
import { savedSearchesMigration } from "./008-saved-searches.js";
import { callDiagnosesMigration } from "./009-call-diagnoses.js";
import { archiveWritesMigration } from "./010-archive-writes.js";
import { archiveDayCountsMigration } from "./011-archive-day-counts.js";

/**
 * Every migration, in code so nothing is read from disk at run time. Names sort in the order they
 * apply; a new feature adds `NNN-name.ts` and one line here, never edits an applied one.
 */
export const migrations: Record<string, Migration> = {
  "001-digest": digestMigration,
  "002-archive": archiveMigration,
  "003-rate-replicas": rateReplicasMigration,
  "004-digest-post-attempt": digestPostAttemptMigration,
  "005-archive-generation": archiveGenerationMigration,
  "006-call-events": callEventsMigration,
  "007-alerts": alertsMigration,
  "008-saved-searches": savedSearchesMigration,
  "009-call-diagnoses": callDiagnosesMigration,
  "010-archive-writes": archiveWritesMigration,
  "011-archive-day-counts": archiveDayCountsMigration,
};
