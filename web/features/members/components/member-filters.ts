import { memberStatuses, positionCategories } from '../../../../shared/taxonomies.ts';
import {
  defaultMemberFilters,
  type MemberFilters,
  type MemberSort,
  type SexFilter,
  type SortDirection,
} from '../api/members-api.ts';

const sorts: readonly MemberSort[] = ['name', 'number', 'joined'];
const sexFilters: readonly SexFilter[] = ['L', 'P', 'unknown'];

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/**
 * The members list keeps its search, filters and sort in the address, so going back from a member's page
 * returns to the same list and a filtered list can be shared as a link. Unknown values are ignored.
 */
export function filtersFromSearch(params: URLSearchParams): MemberFilters {
  const unitId = Number(params.get('unitId'));
  return {
    q: params.get('q') ?? '',
    unitId: Number.isInteger(unitId) && unitId > 0 ? unitId : null,
    sex: pick(sexFilters, params.get('sex')),
    status: pick(memberStatuses, params.get('status')),
    positionCategory: pick(positionCategories, params.get('positionCategory')),
    sort: pick(sorts, params.get('sort')),
    direction:
      pick<SortDirection>(['asc', 'desc'], params.get('direction')) ?? defaultMemberFilters.direction,
  };
}

export function searchFromFilters(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.unitId) params.set('unitId', String(filters.unitId));
  if (filters.sex) params.set('sex', filters.sex);
  if (filters.status) params.set('status', filters.status);
  if (filters.positionCategory) params.set('positionCategory', filters.positionCategory);
  if (filters.sort) {
    params.set('sort', filters.sort);
    params.set('direction', filters.direction);
  }
  return params;
}
