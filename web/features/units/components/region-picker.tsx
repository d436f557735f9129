import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegionSearch } from '../api/unit-details-api.ts';

interface RegionPickerProps {
  label: string;
  kind: 'province' | 'regency';
  /** Only regencies of this province (the parent DPD's), when known. */
  provinceCode?: string;
  value: string | null;
  /** Shown for the current value before any search has run. */
  valueLabel?: string | null;
  onChange: (code: string | null) => void;
  description?: string;
  error?: string;
}

/** Searchable Kemendagri region select: provinces for a DPD, regencies/cities for a DPC. */
export function RegionPicker({
  label,
  kind,
  provinceCode,
  value,
  valueLabel,
  onChange,
  description,
  error,
}: RegionPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(
    value && valueLabel ? { value, label: `${valueLabel} (${value})` } : null,
  );
  const query = picked && search === picked.label ? '' : search.trim();
  const [debounced] = useDebouncedValue(query, 250);
  const regions = useRegionSearch({ q: debounced, kind, provinceCode });
  const data = useMemo(() => {
    const options = (regions.data?.items ?? []).map((region) => ({
      value: region.code,
      label: `${region.name} (${region.code})`,
    }));
    if (picked && picked.value === value && !options.some((option) => option.value === picked.value)) {
      options.unshift(picked);
    }
    return options;
  }, [regions.data, picked, value]);
  return (
    <Select<string>
      label={label}
      description={description}
      placeholder={t('regionPicker.placeholder')}
      data={data}
      value={value}
      onChange={(next, option) => {
        setPicked(option ? { value: option.value, label: option.label } : null);
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
      nothingFoundMessage={regions.isFetching ? t('common.loading') : t('regionPicker.nothingFound')}
      error={error}
      clearable
      clearButtonProps={{ 'aria-label': t('regionPicker.clear') }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
