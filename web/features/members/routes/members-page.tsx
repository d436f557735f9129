import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { memberStatuses, positionCategories } from '../../../../shared/taxonomies.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ChevronDownIcon, ChevronUpIcon } from '../../../components/icons.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import {
  effectiveSort,
  memberExportUrl,
  nextSort,
  useMemberList,
  type MemberFilters,
  type MemberSort,
} from '../api/members-api.ts';
import { MemberFormDialog } from '../components/member-dialogs.tsx';
import { filtersFromSearch, searchFromFilters } from '../components/member-filters.ts';

export function MembersPage() {
  const { t } = useTranslation();
  usePageTitle(t('members.title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const session = useFullSession();
  const canManage = session.capabilities.manageMembers;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const setFilters = (changes: Partial<MemberFilters>) =>
    setSearchParams(searchFromFilters({ ...filters, ...changes }), { replace: true });

  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debouncedSearch !== filters.q.trim()) setFilters({ q: debouncedSearch });
    // Only a new debounced search writes to the address; other filter changes keep it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  const members = useMemberList(filters);
  const [isCreating, setCreating] = useState(false);
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  const total = members.data?.pages[0]?.total;
  const hasFilters = Boolean(
    filters.q || filters.unitId || filters.sex || filters.status || filters.positionCategory,
  );

  const sortedBy = effectiveSort(filters);
  const sortHeader = (column: MemberSort, label: string) => {
    const isSorted = sortedBy === column;
    const ariaSort = isSorted ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none';
    return (
      <Table.Th scope="col" aria-sort={ariaSort}>
        <UnstyledButton
          onClick={() => setFilters(nextSort(filters, column))}
          fw={700}
          fz="sm"
          style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
        >
          {label}
          {isSorted && (filters.direction === 'asc' ? <ChevronUpIcon /> : <ChevronDownIcon />)}
          <span className="setara-visually-hidden">
            {isSorted
              ? t(filters.direction === 'asc' ? 'members.sortedAsc' : 'members.sortedDesc')
              : t('members.sortBy')}
          </span>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('members.title')}</Title>
        {canManage && (
          <Group gap="xs">
            <Button variant="default" component={Link} to={paths.membersImport}>
              {t('members.import')}
            </Button>
            <Button onClick={() => setCreating(true)}>{t('members.add')}</Button>
          </Group>
        )}
      </Group>
      <Text>{t('members.intro')}</Text>
      <form
        role="search"
        onSubmit={(event) => event.preventDefault()}
        aria-label={t('members.filters.label')}
      >
        <Stack gap="sm">
          <TextInput
            label={t('members.search')}
            description={t('members.searchHint')}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maw={480}
          />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <UnitPicker
              label={t('members.filters.unit')}
              value={filters.unitId}
              onChange={(unitId) => setFilters({ unitId })}
            />
            <NativeSelect
              label={t('members.filters.sex')}
              value={filters.sex ?? ''}
              onChange={(event) =>
                setFilters({ sex: (event.currentTarget.value || null) as MemberFilters['sex'] })
              }
              data={[
                { value: '', label: t('members.filters.all') },
                { value: 'L', label: t('sex.L') },
                { value: 'P', label: t('sex.P') },
                { value: 'unknown', label: t('sex.unknown') },
              ]}
            />
            <NativeSelect
              label={t('members.filters.status')}
              value={filters.status ?? ''}
              onChange={(event) =>
                setFilters({ status: (event.currentTarget.value || null) as MemberFilters['status'] })
              }
              data={[
                { value: '', label: t('members.filters.all') },
                ...memberStatuses.map((status) => ({ value: status, label: t(`memberStatus.${status}`) })),
              ]}
            />
            <NativeSelect
              label={t('members.filters.positionCategory')}
              value={filters.positionCategory ?? ''}
              onChange={(event) =>
                setFilters({
                  positionCategory: (event.currentTarget.value || null) as MemberFilters['positionCategory'],
                })
              }
              data={[
                { value: '', label: t('members.filters.all') },
                ...positionCategories.map((category) => ({
                  value: category,
                  label: t(`positionCategory.${category}`),
                })),
              ]}
            />
          </SimpleGrid>
        </Stack>
      </form>
      <Group gap="xs">
        <Text size="sm">{t('members.export.label')}</Text>
        <Button variant="default" size="xs" component="a" href={memberExportUrl(filters, 'csv')} download>
          {t('members.export.csv')}
        </Button>
        <Button variant="default" size="xs" component="a" href={memberExportUrl(filters, 'xlsx')} download>
          {t('members.export.xlsx')}
        </Button>
      </Group>
      {members.isPending ? (
        <PageLoader />
      ) : members.isError ? (
        <ErrorAlert error={members.error} />
      ) : items.length === 0 ? (
        hasFilters ? (
          <Text>{t('members.noMatches')}</Text>
        ) : (
          // A fresh install: point to the two ways members get in, or say who adds them.
          <Stack gap="xs" align="flex-start">
            <Text fw={500}>{t('members.none')}</Text>
            <Text>{canManage ? t('members.noneManage') : t('members.noneRead')}</Text>
            {canManage && (
              <Group gap="xs">
                {/* Names of their own: the page header offers "Impor anggota" and "Tambah anggota" too. */}
                <Button component={Link} to={paths.membersImport}>
                  {t('members.emptyImport')}
                </Button>
                <Button variant="default" onClick={() => setCreating(true)}>
                  {t('members.emptyAdd')}
                </Button>
              </Group>
            )}
          </Stack>
        )
      ) : (
        <>
          {total !== undefined && (
            <Text size="sm" aria-live="polite">
              {t('members.total', { count: total, number: format.number(total) })}
            </Text>
          )}
          <ScrollTable label={t('members.tableLabel')} minWidth={760}>
            <Table.Caption className="setara-visually-hidden">{t('members.tableLabel')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {sortHeader('name', t('members.fields.fullName'))}
                {sortHeader('number', t('members.fields.memberNumber'))}
                <Table.Th scope="col">{t('members.fields.sex')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.unit')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.status')}</Table.Th>
                {sortHeader('joined', t('members.fields.joinedOn'))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.member(member.id)}>
                      {member.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{member.memberNumber}</Table.Td>
                  <Table.Td>{t(`sex.${member.sex ?? 'unknown'}`)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={paths.unit(member.unitId)}>
                      {member.unitName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {/* A badge clips its label with an ellipsis when the column is narrow (1280 px cut
                      "Dismissed (PHK)"): it keeps its full width and the table scrolls instead. */}
                    <Badge
                      variant="light"
                      color={member.status === 'aktif' ? 'teal' : 'gray'}
                      maw="none"
                      style={{ flexShrink: 0, overflow: 'visible' }}
                      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
                    >
                      {t(`memberStatus.${member.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(member.joinedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
      {members.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void members.fetchNextPage()}
            loading={members.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      {isCreating && (
        <MemberFormDialog
          onClose={() => setCreating(false)}
          onSaved={(member) => void navigate(paths.member(member.id))}
        />
      )}
    </Stack>
  );
}
