import type { Migration } from 'kysely';
import * as platform from './2026-11-22T1300-platform.ts';
import * as organisation from './2026-11-22T1400-organisation.ts';
import * as cases from './2026-12-01T1000-cases.ts';
import * as caseReminders from './2026-12-01T1100-case-reminders.ts';
import * as caseEscrow from './2026-12-01T1200-case-escrow.ts';
import * as caseStatistics from './2026-12-01T1300-case-stats.ts';
import * as caseRetention from './2026-12-01T1400-case-retention.ts';
import * as quotaRules from './2026-12-01T1500-quota-rules.ts';
import * as quotaSummary from './2026-12-01T1600-quota-summary.ts';
import * as caseRoutingFallback from './2026-12-07T1400-case-routing-fallback.ts';
import * as importRuns from './2026-12-07T1700-import-runs.ts';
import * as outboxLanguage from './2026-12-07T1800-outbox-language.ts';
import * as spentFormTokens from './2026-12-07T1900-spent-form-tokens.ts';
import * as training from './2026-12-07T2000-training.ts';
import * as cadreStages from './2026-12-07T2100-cadre-stages.ts';
import * as trainingTests from './2026-12-07T2200-training-tests.ts';
import * as pipelineIndexes from './2026-12-07T2400-pipeline-indexes.ts';
import * as commitment from './2026-12-08T1000-commitment.ts';
import * as campaigns from './2026-12-08T1100-campaigns.ts';
import * as materials from './2026-12-08T1200-materials.ts';
import * as throttleDayKeys from './2026-12-08T1400-throttle-day-keys.ts';
import * as auditCheckpoints from './2026-12-08T1500-audit-checkpoints.ts';
import * as commitmentPeopleIndex from './2026-12-08T1600-commitment-people-index.ts';
import * as agreements from './2026-12-08T1800-agreements.ts';
import * as pendingRoleGrants from './2026-12-08T1900-pending-role-grants.ts';
import * as commitmentPaperLists from './2026-12-08T2000-commitment-paper-lists.ts';

/**
 * Every migration, in order. Listed statically (not read from the folder) so they load the same way
 * under tsx, Vitest and any bundler. Add new files at the end; never edit a landed one.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T1300-platform': platform,
  '2026-11-22T1400-organisation': organisation,
  '2026-12-01T1000-cases': cases,
  '2026-12-01T1100-case-reminders': caseReminders,
  '2026-12-01T1200-case-escrow': caseEscrow,
  '2026-12-01T1300-case-stats': caseStatistics,
  '2026-12-01T1400-case-retention': caseRetention,
  '2026-12-01T1500-quota-rules': quotaRules,
  '2026-12-01T1600-quota-summary': quotaSummary,
  '2026-12-07T1400-case-routing-fallback': caseRoutingFallback,
  '2026-12-07T1700-import-runs': importRuns,
  '2026-12-07T1800-outbox-language': outboxLanguage,
  '2026-12-07T1900-spent-form-tokens': spentFormTokens,
  '2026-12-07T2000-training': training,
  '2026-12-07T2100-cadre-stages': cadreStages,
  '2026-12-07T2200-training-tests': trainingTests,
  '2026-12-07T2400-pipeline-indexes': pipelineIndexes,
  '2026-12-08T1000-commitment': commitment,
  '2026-12-08T1100-campaigns': campaigns,
  '2026-12-08T1200-materials': materials,
  '2026-12-08T1400-throttle-day-keys': throttleDayKeys,
  '2026-12-08T1500-audit-checkpoints': auditCheckpoints,
  '2026-12-08T1600-commitment-people-index': commitmentPeopleIndex,
  '2026-12-08T1800-agreements': agreements,
  '2026-12-08T1900-pending-role-grants': pendingRoleGrants,
  '2026-12-08T2000-commitment-paper-lists': commitmentPaperLists,
};
