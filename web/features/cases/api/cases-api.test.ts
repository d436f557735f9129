import { describe, expect, it } from 'vitest';
import { filtersFromSearch, searchFromFilters } from '../components/case-filters.ts';
import { caseListQuery, defaultCaseFilters } from './cases-api.ts';

describe('case list query', () => {
  it('sends scope and sort always, and only the filters that are set', () => {
    expect(caseListQuery(defaultCaseFilters)).toEqual({ scope: 'mine', sort: 'deadline' });
    expect(
      caseListQuery({
        scope: 'unit',
        state: 'handling',
        deadline: 'week',
        form: 'KS05',
        unitId: 12,
        sort: 'received',
      }),
    ).toEqual({
      scope: 'unit',
      sort: 'received',
      state: 'handling',
      deadline: 'week',
      form: 'KS05',
      unitId: 12,
    });
  });

  it('keeps the filters in the address, leaving defaults out and ignoring unknown values', () => {
    const filters = { ...defaultCaseFilters, scope: 'unit' as const, deadline: 'late' as const, unitId: 4 };
    const params = searchFromFilters(filters);
    expect(params.toString()).toBe('scope=unit&deadline=late&unitId=4');
    expect(filtersFromSearch(params)).toEqual(filters);
    expect(searchFromFilters(defaultCaseFilters).toString()).toBe('');
    expect(
      filtersFromSearch(
        new URLSearchParams('scope=all&state=open&deadline=soon&form=XX01&unitId=-1&sort=name'),
      ),
    ).toEqual(defaultCaseFilters);
  });
});
