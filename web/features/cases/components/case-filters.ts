import { caseForms, caseStates } from '../../../../shared/case-taxonomy.ts';
import {
  defaultCaseFilters,
  type CaseFilters,
  type CaseScope,
  type CaseSort,
  type DeadlineFilter,
} from '../api/cases-api.ts';

const scopes: readonly CaseScope[] = ['mine', 'unit'];
const sorts: readonly CaseSort[] = ['deadline', 'received'];
const deadlines: readonly DeadlineFilter[] = ['late', 'week'];

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/**
 * Where the caller's work is (issue 18): a coordinator's is her unit's cases, everyone else's the cases
 * assigned to her. The case list opens there when the address names no scope.
 */
export const defaultScopeFor = (grants: readonly { role: string }[]): CaseScope =>
  grants.some((grant) => grant.role === 'case_coordinator') ? 'unit' : 'mine';

/**
 * The case list keeps its scope, filters and sort in the address, so going back from a case returns to
 * the same list. Unknown values are ignored.
 */
export function filtersFromSearch(
  params: URLSearchParams,
  defaultScope: CaseScope = defaultCaseFilters.scope,
): CaseFilters {
  const unitId = Number(params.get('unitId'));
  return {
    scope: pick(scopes, params.get('scope')) ?? defaultScope,
    state: pick(caseStates, params.get('state')),
    deadline: pick(deadlines, params.get('deadline')),
    form: pick(caseForms, params.get('form')),
    unitId: Number.isInteger(unitId) && unitId > 0 ? unitId : null,
    sort: pick(sorts, params.get('sort')) ?? defaultCaseFilters.sort,
  };
}

export function searchFromFilters(
  filters: CaseFilters,
  defaultScope: CaseScope = defaultCaseFilters.scope,
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.scope !== defaultScope) params.set('scope', filters.scope);
  if (filters.state) params.set('state', filters.state);
  if (filters.deadline) params.set('deadline', filters.deadline);
  if (filters.form) params.set('form', filters.form);
  if (filters.unitId) params.set('unitId', String(filters.unitId));
  if (filters.sort !== defaultCaseFilters.sort) params.set('sort', filters.sort);
  return params;
}
