import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { listUnitsResponse, UnitView } from '../../shared/contracts/units.ts';
import { apiFetch } from '../lib/api.ts';

type ListUnitsResponse = z.infer<typeof listUnitsResponse>;

/**
 * Unit search for pickers. Kept in the shared layer (not in features/units) because the users screen
 * picks units too, and features do not import each other. Its key starts with `units`, so every unit
 * mutation's invalidation refreshes it as well.
 */
export const unitSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['units', 'search', q],
    queryFn: ({ signal }) => apiFetch<ListUnitsResponse>('/units', { query: { q: q || undefined }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const unitOptionLabel = (unit: Pick<UnitView, 'name' | 'level' | 'code'>): string =>
  `${unit.name} · ${unit.level} · ${unit.code}`;

interface UnitOption {
  value: number;
  label: string;
}

interface UnitPickerProps {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  description?: string;
  error?: ReactNode;
  required?: boolean;
  /** Units that may not be picked (a unit cannot move below itself). */
  excludeIds?: readonly number[];
}

/** Searchable unit select: typing searches units by name or code within the caller's scope. */
export function UnitPicker({
  label,
  value,
  onChange,
  description,
  error,
  required,
  excludeIds,
}: UnitPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<UnitOption | null>(null);
  // Once an option is picked the search box shows its label; that is not a new search.
  const query = selected && search === selected.label ? '' : search.trim();
  const [debouncedQuery] = useDebouncedValue(query, 250);
  const units = useQuery(unitSearchQueryOptions(debouncedQuery));

  const data = useMemo(() => {
    const options: UnitOption[] = (units.data?.items ?? [])
      .filter((unit) => !excludeIds?.includes(unit.id))
      .map((unit) => ({ value: unit.id, label: unitOptionLabel(unit) }));
    if (selected && selected.value === value && !options.some((option) => option.value === selected.value)) {
      options.unshift(selected);
    }
    return options;
  }, [units.data, excludeIds, selected, value]);

  return (
    <Select<number>
      label={label}
      description={description}
      placeholder={t('unitPicker.placeholder')}
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
      nothingFoundMessage={units.isFetching ? t('common.loading') : t('unitPicker.nothingFound')}
      error={error}
      required={required}
      clearable
      clearButtonProps={{ 'aria-label': t('unitPicker.clear') }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
