import { sql } from 'kysely';
import { bodyKinds } from '../../../shared/taxonomies.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { QuotaRule } from '../quota/quota-engine.ts';
import type { QuotaEvaluator } from '../quota/quota.service.ts';

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

export interface RuleSummary {
  name: string;
  version: string;
  thresholdBp: number;
  rounding: string;
  metric: string;
}

/** Where the summary refresh takes its rules from, and how the dashboard names them. */
export interface QuotaRuleSource {
  rulesOn(db: DbOrTx, asOf: string): Promise<QuotaRule[]>;
  describe(db: DbOrTx, rules: readonly QuotaRule[], asOf: string): Promise<RuleSummary | null>;
}

/** The executive-board rules in force on a date, latest version of each, binding ones first. */
function executiveRulesOn(rules: readonly QuotaRule[], asOf: string): QuotaRule[] {
  const latest = new Map<number, QuotaRule>();
  for (const rule of rules) {
    if (!rule.scope.subjectKinds.includes('executive')) continue;
    if (rule.scope.effectiveFrom && asOf < rule.scope.effectiveFrom) continue;
    if (rule.scope.effectiveTo && asOf > rule.scope.effectiveTo) continue;
    const current = latest.get(rule.id);
    if (!current || current.version < rule.version) latest.set(rule.id, rule);
  }
  return [...latest.values()].sort(
    (a, b) => Number(a.enforcement === 'info') - Number(b.enforcement === 'info') || a.id - b.id,
  );
}

function summarise(rules: QuotaRule[], label: (rule: QuotaRule) => string): RuleSummary | null {
  const share = rules.find((rule) => rule.metric === 'filled_share' || rule.metric === 'statutory_share');
  const main = share ?? rules[0];
  if (!main) return null;
  return {
    name: rules.map((rule) => rule.name).join('; '),
    version: rules.map(label).join(', '),
    thresholdBp: main.thresholdBp,
    rounding: main.rounding,
    metric: main.metric,
  };
}

/** SPN's default alone (tests of the dashboard, a database without the rule tables' seed). */
export const defaultRuleSource: QuotaRuleSource = {
  rulesOn: async () => [spnDefaultRule],
  describe: async (_db, rules, asOf) =>
    summarise(executiveRulesOn(rules, asOf), (rule) => `spn-default v${rule.version}`),
};

/**
 * The versioned rule tables (quota module), falling back to SPN's default when no rule is stored.
 * Versions are printed as `<rule code> v<version>` (e.g. `spn-executive-30 v1`).
 */
export function tableRuleSource(evaluator: Pick<QuotaEvaluator, 'loadRules'>): QuotaRuleSource {
  return {
    async rulesOn(db) {
      const rules = await evaluator.loadRules(db);
      return rules.length > 0 ? rules : [spnDefaultRule];
    },
    async describe(db, rules, asOf) {
      if (rules.length === 1 && rules[0] === spnDefaultRule)
        return defaultRuleSource.describe(db, rules, asOf);
      const { rows } = await sql<{ id: number; code: string }>`SELECT id, code FROM quota_rules`.execute(db);
      const codes = new Map(rows.map((row) => [row.id, row.code]));
      return summarise(
        executiveRulesOn(rules, asOf),
        (rule) => `${codes.get(rule.id) ?? `#${rule.id}`} v${rule.version}`,
      );
    },
  };
}
