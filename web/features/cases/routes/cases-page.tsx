import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { caseForms, caseStates } from '../../../../shared/case-taxonomy.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useCaseList, type CaseFilters, type CaseScope } from '../api/cases-api.ts';
import { defaultScopeFor, filtersFromSearch, searchFromFilters } from '../components/case-filters.ts';
import { DeadlineInfo, FormList, StateBadge } from '../components/case-labels.tsx';

const scopes: readonly CaseScope[] = ['mine', 'unit'];

export function CasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.title'));
  const session = useFullSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const defaultScope = defaultScopeFor(session.grants);
  // "Kasus unit saya" lists the cases at the units the caller coordinates: only coordinators have one.
  const visibleScopes = scopes.filter((scope) => scope === 'mine' || defaultScope === 'unit');
  const parsed = filtersFromSearch(searchParams, defaultScope);
  const filters: CaseFilters = {
    ...parsed,
    scope: visibleScopes.includes(parsed.scope) ? parsed.scope : 'mine',
  };
  const setFilters = (changes: Partial<CaseFilters>) =>
    setSearchParams(searchFromFilters({ ...filters, ...changes }, defaultScope), { replace: true });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('cases.title')}</Title>
        {session.capabilities.intakeCases && (
          <Button component={Link} to={paths.caseIntake}>
            {t('cases.record')}
          </Button>
        )}
      </Group>
      <Text>{t('cases.intro')}</Text>
      <form role="search" onSubmit={(event) => event.preventDefault()} aria-label={t('cases.filters.label')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <NativeSelect
            label={t('cases.filters.state')}
            value={filters.state ?? ''}
            onChange={(event) =>
              setFilters({ state: (event.currentTarget.value || null) as CaseFilters['state'] })
            }
            data={[
              { value: '', label: t('cases.filters.all') },
              ...caseStates.map((state) => ({ value: state, label: t(`cases.states.${state}`) })),
            ]}
          />
          <NativeSelect
            label={t('cases.filters.deadline')}
            value={filters.deadline ?? ''}
            onChange={(event) =>
              setFilters({ deadline: (event.currentTarget.value || null) as CaseFilters['deadline'] })
            }
            data={[
              { value: '', label: t('cases.filters.all') },
              { value: 'late', label: t('cases.filters.late') },
              { value: 'week', label: t('cases.filters.week') },
            ]}
          />
          <NativeSelect
            label={t('cases.filters.form')}
            value={filters.form ?? ''}
            onChange={(event) =>
              setFilters({ form: (event.currentTarget.value || null) as CaseFilters['form'] })
            }
            data={[
              { value: '', label: t('cases.filters.all') },
              ...caseForms.map((form) => ({ value: form, label: `${form} · ${t(`cases.forms.${form}`)}` })),
            ]}
          />
          <UnitPicker
            label={t('cases.filters.unit')}
            value={filters.unitId}
            onChange={(unitId) => setFilters({ unitId })}
          />
          <NativeSelect
            label={t('cases.filters.sort')}
            value={filters.sort}
            onChange={(event) => setFilters({ sort: event.currentTarget.value as CaseFilters['sort'] })}
            data={[
              { value: 'deadline', label: t('cases.filters.sortDeadline') },
              { value: 'received', label: t('cases.filters.sortReceived') },
            ]}
          />
        </SimpleGrid>
      </form>
      <Tabs
        value={filters.scope}
        onChange={(value) => setFilters({ scope: value === 'unit' ? 'unit' : 'mine' })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('cases.scope.label')}>
          {visibleScopes.map((scope) => (
            <Tabs.Tab key={scope} value={scope}>
              {t(`cases.scope.${scope}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visibleScopes.map((scope) => (
          <Tabs.Panel key={scope} value={scope} pt="md">
            <CaseResults filters={filters} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function CaseResults({ filters }: { filters: CaseFilters }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const cases = useCaseList(filters);
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const hasFilters = Boolean(filters.state || filters.deadline || filters.form || filters.unitId);

  if (cases.isPending) return <PageLoader />;
  if (cases.isError) return <ErrorAlert error={cases.error} />;
  return (
    <Stack>
      {items.length === 0 ? (
        <Text>{hasFilters ? t('cases.noMatches') : t(`cases.none.${filters.scope}`)}</Text>
      ) : (
        <ScrollTable label={t('cases.tableLabel')} minWidth={960}>
          <Table.Caption className="setara-visually-hidden">{t('cases.tableLabel')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.columns.reference')}</Table.Th>
              <Table.Th scope="col">{t('cases.columns.state')}</Table.Th>
              <Table.Th scope="col">{t('cases.columns.forms')}</Table.Th>
              <Table.Th scope="col">{t('cases.columns.unit')}</Table.Th>
              <Table.Th scope="col">{t('cases.columns.received')}</Table.Th>
              <Table.Th scope="col">{t('cases.columns.nextDeadline')}</Table.Th>
              <Table.Th scope="col">{t('cases.columns.myRole')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={paths.case(item.id)} fw={600}>
                    {item.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StateBadge state={item.state} />
                </Table.Td>
                <Table.Td>
                  <FormList forms={item.forms} />
                </Table.Td>
                <Table.Td>{item.handlingUnit.name}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(item.receivedAt)}</Table.Td>
                <Table.Td>
                  <DeadlineInfo deadline={item.nextDeadline} />
                </Table.Td>
                <Table.Td>
                  {item.myRoles.length === 0
                    ? '—'
                    : item.myRoles.map((role) => t(`cases.caseRoles.${role}`)).join(', ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {cases.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void cases.fetchNextPage()}
            loading={cases.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
