import { describe, expect, it } from 'vitest';
import { filtersFromSearch, searchFromFilters } from '../components/member-filters.ts';
import { defaultMemberFilters, memberExportUrl, memberQuery, nextSort } from './members-api.ts';

describe('members list query', () => {
  it('sends a sort only when a column was chosen, and only the filters that are set', () => {
    expect(memberQuery(defaultMemberFilters)).toEqual({});
    expect(memberQuery({ ...defaultMemberFilters, q: 'siti' })).toEqual({ q: 'siti' });
    expect(
      memberQuery({
        q: '  siti rahayo ',
        unitId: 12,
        sex: 'unknown',
        status: 'aktif',
        positionCategory: 'administrative',
        sort: 'joined',
        direction: 'desc',
      }),
    ).toEqual({
      q: 'siti rahayo',
      unitId: 12,
      sex: 'unknown',
      status: 'aktif',
      positionCategory: 'administrative',
      sort: 'joined',
      direction: 'desc',
    });
  });

  it('flips the direction on the same column; a new column starts ascending, join date newest first', () => {
    expect(nextSort(defaultMemberFilters, 'name')).toEqual({ sort: 'name', direction: 'desc' });
    expect(nextSort({ ...defaultMemberFilters, direction: 'desc' }, 'name')).toEqual({
      sort: 'name',
      direction: 'asc',
    });
    expect(nextSort(defaultMemberFilters, 'number')).toEqual({ sort: 'number', direction: 'asc' });
    expect(nextSort(defaultMemberFilters, 'joined')).toEqual({ sort: 'joined', direction: 'desc' });
    // A ranked search sorts by name only when asked, ascending first.
    expect(nextSort({ ...defaultMemberFilters, q: 'siti' }, 'name')).toEqual({
      sort: 'name',
      direction: 'asc',
    });
  });

  it('builds the export link with the same filters and the format', () => {
    expect(memberExportUrl({ ...defaultMemberFilters, sex: 'P', unitId: 4 }, 'xlsx')).toBe(
      '/api/v1/members/export?unitId=4&sex=P&format=xlsx',
    );
  });

  it('keeps filters in the address and ignores unknown values', () => {
    const filters = {
      ...defaultMemberFilters,
      q: 'siti',
      sex: 'P' as const,
      sort: 'number' as const,
      direction: 'desc' as const,
    };
    const params = searchFromFilters(filters);
    expect(params.toString()).toBe('q=siti&sex=P&sort=number&direction=desc');
    expect(filtersFromSearch(params)).toEqual(filters);
    expect(searchFromFilters(defaultMemberFilters).toString()).toBe('');
    expect(
      filtersFromSearch(new URLSearchParams('sex=X&status=gone&unitId=-3&sort=age&direction=up')),
    ).toEqual(defaultMemberFilters);
  });
});
