import type { DbOrTx } from '../../platform/database.ts';
import type { QuotaRule } from './quota-engine.ts';
import { createQuotaRepository } from './quota.repository.ts';
import { toEngineRule } from './quota.service.ts';

/**
 * The stored, versioned rules as a rule source for bulk evaluators (the quota dashboard's summary
 * refresh): every version of every rule; `applicableRules`/`evaluateAll` pick, per subject and date, the
 * highest version in force.
 */
export function createStoredRuleSource(quota = createQuotaRepository()) {
  return {
    async rulesOn(db: DbOrTx, _asOf: string): Promise<QuotaRule[]> {
      return (await quota.ruleVersions(db)).map(toEngineRule);
    },
  };
}
