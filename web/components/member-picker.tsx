import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { listMembersResponse, MemberListItem } from '../../shared/contracts/organisation.ts';
import { apiFetch } from '../lib/api.ts';

/** What a picker needs of each member found. */
type MemberSearchResponse = {
  items: Pick<
    z.infer<typeof listMembersResponse>['items'][number],
    'id' | 'fullName' | 'memberNumber' | 'unitName'
  >[];
};

/**
 * Member search for pickers (appointing an officer, naming a delegate). In the shared layer because the
 * units and assemblies screens both pick members, and features do not import each other.
 */
export const memberSearchQueryOptions = (q: string, unitId?: number, path = '/members') =>
  queryOptions({
    queryKey: ['members', 'search', path, q, unitId ?? null],
    queryFn: ({ signal }) =>
      apiFetch<MemberSearchResponse>(
        path,
        path === '/members' ? { query: { q, unitId, limit: 20 }, signal } : { query: { q }, signal },
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const memberOptionLabel = (member: Pick<MemberListItem, 'fullName' | 'memberNumber' | 'unitName'>) =>
  `${member.fullName} · ${member.memberNumber} · ${member.unitName}`;

interface MemberOption {
  value: string;
  label: string;
}

interface MemberPickerProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: ReactNode;
  required?: boolean;
  /** Search only within this unit's subtree. */
  unitId?: number;
  /**
   * API path to search instead of `/members` (e.g. a case's own candidate search, for case roles that
   * may not read the member list); it takes `q` and answers items with id, name, number and unit.
   */
  searchPath?: string;
}

/** Searchable member select: typing searches by name (typos tolerated) or exact member number. */
export function MemberPicker({
  label,
  value,
  onChange,
  description,
  error,
  required,
  unitId,
  searchPath,
}: MemberPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<MemberOption | null>(null);
  const query = selected && search === selected.label ? '' : search.trim();
  const [debouncedQuery] = useDebouncedValue(query, 250);
  const members = useQuery({
    ...memberSearchQueryOptions(debouncedQuery, unitId, searchPath),
    enabled: debouncedQuery.length >= 2,
  });

  const data = useMemo(() => {
    const options: MemberOption[] = (debouncedQuery.length >= 2 ? (members.data?.items ?? []) : []).map(
      (member) => ({ value: member.id, label: memberOptionLabel(member) }),
    );
    if (selected && selected.value === value && !options.some((option) => option.value === selected.value)) {
      options.unshift(selected);
    }
    return options;
  }, [members.data, debouncedQuery, selected, value]);

  return (
    <Select<string>
      label={label}
      description={description ?? t('memberPicker.hint')}
      placeholder={t('memberPicker.placeholder')}
      data={data}
      value={value}
      onChange={(next, option) => {
        setSelected(option ? { value: option.value, label: option.label } : null);
        onChange(next);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The list never scrolls: a scrolling listbox needs a focusable viewport (axe
      // scrollable-region-focusable) that a listbox may not contain (aria-required-children).
      // The first 10 matches show; typing narrows them.
      withScrollArea={false}
      limit={10}
      filter={({ options, limit }) => options.slice(0, limit)}
      nothingFoundMessage={
        query.length < 2
          ? t('memberPicker.typeMore')
          : members.isFetching
            ? t('common.loading')
            : t('memberPicker.nothingFound')
      }
      error={error}
      required={required}
      clearable
      clearButtonProps={{ 'aria-label': t('memberPicker.clear') }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
