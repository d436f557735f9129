import { bodyKinds } from '../../../shared/taxonomies.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { QuotaRule } from '../quota/quota-engine.ts';

/**
 * SPN's default rule while no versioned rule is stored: at least 30% women among the filled seats of
 * every body, rounded up (ceil; MA 24 P/HUM/2023 struck down half-up for the 30% rule). Source: SPN's
 * 2018 Women's Conference (30% in every structure), shared/domain/organisation-and-quota.md.
 */
export const spnDefaultRule: QuotaRule = {
  id: 0,
  version: 1,
  name: 'SPN default: at least 30% women of filled seats (rounded up)',
  scope: {
    subjectKinds: [...bodyKinds],
    levels: [],
    delegationCategories: [],
    effectiveFrom: null,
    effectiveTo: null,
  },
  metric: 'filled_share',
  thresholdBp: 3000,
  rounding: 'ceil',
  minimum: null,
  positional: null,
  proportionalityFactorBp: null,
  enforcement: 'warn',
};

/** Where the summary refresh takes its rules from (the versioned rule tables once they exist). */
export interface QuotaRuleSource {
  rulesOn(db: DbOrTx, asOf: string): Promise<QuotaRule[]>;
}

export const defaultRuleSource: QuotaRuleSource = { rulesOn: async () => [spnDefaultRule] };

/** The rule line printed on dashboards and reports. */
export function describeRules(rules: readonly QuotaRule[]) {
  const main = rules.find((rule) => rule.scope.subjectKinds.includes('executive')) ?? rules[0];
  if (!main) return null;
  return {
    name: main.name,
    version: main.id === 0 ? `spn-default v${main.version}` : `rule #${main.id} v${main.version}`,
    thresholdBp: main.thresholdBp,
    rounding: main.rounding,
    metric: main.metric,
  };
}
