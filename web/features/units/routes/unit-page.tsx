import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { BodyView } from '../../../../shared/contracts/organisation.ts';
import { memberStatuses } from '../../../../shared/taxonomies.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useBodies } from '../api/bodies-api.ts';
import {
  unitDetailsQueryOptions,
  useMemberCounts,
  useUnitDetails,
  useUnitHistory,
  type MemberCountsResponse,
} from '../api/unit-details-api.ts';
import { unitQueryOptions, useUnitLevels } from '../api/units-api.ts';
import { BodyCard } from '../components/body-list.tsx';
import {
  AppointDialog,
  CreateBodyDialog,
  CreatePositionDialog,
  EditBodyDialog,
  EndAppointmentDialog,
} from '../components/body-dialogs.tsx';
import { EditUnitDetailsDialog, levelProfile, MergeUnitDialog } from '../components/unit-details-dialogs.tsx';

type Position = BodyView['positions'][number];
type Dialog =
  | { kind: 'details' }
  | { kind: 'merge' }
  | { kind: 'body' }
  | { kind: 'position'; body: BodyView }
  | { kind: 'editBody'; body: BodyView }
  | { kind: 'appoint'; body: BodyView; position: Position }
  | { kind: 'end'; position: Position; appointment: Position['holders'][number] };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

export function UnitPage() {
  const { t } = useTranslation();
  const { unitId: rawId } = useParams();
  const unitId = Number(rawId);
  const session = useFullSession();
  const canManage = session.capabilities.manageUnits;
  const unit = useQuery({ ...unitQueryOptions(unitId), enabled: Number.isInteger(unitId) && unitId > 0 });
  usePageTitle(unit.data?.name ?? t('unitPage.title'));
  const [dialog, setDialog] = useState<Dialog | null>(null);

  if (unit.isPending) return <PageLoader />;
  if (unit.isError) return <ErrorAlert error={unit.error} />;
  const data = unit.data;
  const close = () => setDialog(null);

  return (
    <Stack>
      <Anchor component={Link} to={paths.units} size="sm">
        {t('unitPage.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.name}</Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light" color="blue">
              {data.level}
            </Badge>
            <Text size="sm" c="dimmed">
              {data.code}
            </Text>
            {!data.active && (
              <Badge variant="filled" color="gray">
                {t('units.inactive')}
              </Badge>
            )}
          </Group>
        </div>
        {canManage && data.parentId !== null && data.active && (
          <Button variant="default" color="red" onClick={() => setDialog({ kind: 'merge' })}>
            {t('unitPage.merge.action')}
          </Button>
        )}
      </Group>
      <DetailsSection unitId={unitId} canManage={canManage} onEdit={() => setDialog({ kind: 'details' })} />
      {session.capabilities.readMembers && <CountsSection unitId={unitId} />}
      <BodiesSection
        unitId={unitId}
        canManage={canManage && data.active}
        onCreate={() => setDialog({ kind: 'body' })}
        onEditBody={(body) => setDialog({ kind: 'editBody', body })}
        onAddPosition={(body) => setDialog({ kind: 'position', body })}
        onAppoint={(body, position) => setDialog({ kind: 'appoint', body, position })}
        onEnd={(position, appointment) => setDialog({ kind: 'end', position, appointment })}
      />
      <HistorySection unitId={unitId} />

      {dialog?.kind === 'details' && <DetailsDialog unitId={unitId} onClose={close} />}
      {dialog?.kind === 'merge' && <MergeUnitDialog unit={data} onClose={close} />}
      {dialog?.kind === 'body' && <CreateBodyDialog unitId={unitId} unitName={data.name} onClose={close} />}
      {dialog?.kind === 'position' && <CreatePositionDialog body={dialog.body} onClose={close} />}
      {dialog?.kind === 'editBody' && <EditBodyDialog body={dialog.body} onClose={close} />}
      {dialog?.kind === 'appoint' && (
        <AppointDialog body={dialog.body} position={dialog.position} onClose={close} />
      )}
      {dialog?.kind === 'end' && (
        <EndAppointmentDialog position={dialog.position} appointment={dialog.appointment} onClose={close} />
      )}
    </Stack>
  );
}

function useParentProvinceCode(parentId: number | null | undefined): string | undefined {
  const parent = useQuery({ ...unitDetailsQueryOptions(parentId ?? 0), enabled: Boolean(parentId) });
  return parent.data?.regionCode?.slice(0, 2);
}

function DetailsDialog({ unitId, onClose }: { unitId: number; onClose: () => void }) {
  const unit = useQuery(unitQueryOptions(unitId));
  const details = useUnitDetails(unitId);
  const levels = useUnitLevels();
  const parentProvince = useParentProvinceCode(unit.data?.parentId);
  if (!unit.data || !details.data || !levels.data) return null;
  return (
    <EditUnitDetailsDialog
      unit={unit.data}
      details={details.data}
      profile={levelProfile(levels.data.levels, unit.data.level)}
      parentProvinceCode={parentProvince}
      onClose={onClose}
    />
  );
}

function DetailsSection({
  unitId,
  canManage,
  onEdit,
}: {
  unitId: number;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const unit = useQuery(unitQueryOptions(unitId));
  const details = useUnitDetails(unitId);
  const levels = useUnitLevels();
  const profile = levelProfile(levels.data?.levels ?? [], unit.data?.level ?? '');
  return (
    <Card withBorder component="section" aria-labelledby="unit-details">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="unit-details">
          {t('unitPage.details.title')}
        </Title>
        {canManage && details.data && (
          <Button variant="default" size="xs" onClick={onEdit}>
            {t('unitPage.details.edit')}
          </Button>
        )}
      </Group>
      {details.isPending ? (
        <PageLoader />
      ) : details.isError ? (
        <ErrorAlert error={details.error} />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="dl" m={0}>
          <Fact label={t('units.fields.level')}>{unit.data?.level ?? '—'}</Fact>
          <Fact label={t('units.fields.code')}>{unit.data?.code ?? '—'}</Fact>
          <Fact label={t('unitPage.fields.region')}>
            {details.data.regionName ? `${details.data.regionName} (${details.data.regionCode})` : '—'}
          </Fact>
          {(profile.isWorkplace || details.data.companyName) && (
            <>
              <Fact label={t('unitPage.fields.companyName')}>{details.data.companyName ?? '—'}</Fact>
              <Fact label={t('unitPage.fields.sector')}>
                {details.data.sector ? t(`sector.${details.data.sector}`) : '—'}
              </Fact>
            </>
          )}
          <Fact label={t('unitPage.fields.disnakerNumber')}>{details.data.disnakerNumber ?? '—'}</Fact>
          <Fact label={t('unitPage.fields.foundedOn')}>{format.date(details.data.foundedOn)}</Fact>
          {details.data.dissolvedOn && (
            <Fact label={t('unitPage.fields.dissolvedOn')}>{format.date(details.data.dissolvedOn)}</Fact>
          )}
          {details.data.mergedIntoId && (
            <Fact label={t('unitPage.fields.mergedInto')}>
              <Anchor component={Link} to={paths.unit(details.data.mergedIntoId)}>
                {t('unitPage.fields.mergedIntoLink')}
              </Anchor>
            </Fact>
          )}
          <Fact label={t('unitPage.fields.memberCount')}>{format.number(details.data.memberCount)}</Fact>
        </SimpleGrid>
      )}
    </Card>
  );
}

/** Totals per status and sex; statuses with nobody are left out. */
export function countRows(counts: MemberCountsResponse) {
  return memberStatuses
    .map((status) => {
      const row = counts.byStatus[status] ?? { L: 0, P: 0, unknown: 0 };
      return { status, ...row, total: row.L + row.P + row.unknown };
    })
    .filter((row) => row.total > 0);
}

function CountsSection({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const counts = useMemberCounts(unitId, true);
  return (
    <Stack component="section" gap="xs" aria-labelledby="unit-counts">
      <Group justify="space-between">
        <Title order={2} size="h3" id="unit-counts">
          {t('unitPage.counts.title')}
        </Title>
        <Anchor component={Link} to={`${paths.members}?unitId=${unitId}`} size="sm">
          {t('unitPage.counts.list')}
        </Anchor>
      </Group>
      {counts.isPending ? (
        <PageLoader />
      ) : counts.isError ? (
        <ErrorAlert error={counts.error} />
      ) : countRows(counts.data).length === 0 ? (
        <Text>{t('unitPage.counts.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('unitPage.counts.asOf', { date: format.date(counts.data.asOf) })}
          </Text>
          <ScrollTable label={t('unitPage.counts.title')} minWidth={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('members.fields.status')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('sex.P')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('sex.L')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('sex.unknown')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('unitPage.counts.total')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {countRows(counts.data).map((row) => (
                <Table.Tr key={row.status}>
                  <Table.Th scope="row">{t(`memberStatus.${row.status}`)}</Table.Th>
                  <Table.Td ta="right">{format.number(row.P)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.L)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.unknown)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}

function BodiesSection({
  unitId,
  canManage,
  onCreate,
  onEditBody,
  onAddPosition,
  onAppoint,
  onEnd,
}: {
  unitId: number;
  canManage: boolean;
  onCreate: () => void;
  onEditBody: (body: BodyView) => void;
  onAddPosition: (body: BodyView) => void;
  onAppoint: (body: BodyView, position: Position) => void;
  onEnd: (position: Position, appointment: Position['holders'][number]) => void;
}) {
  const { t } = useTranslation();
  const bodies = useBodies(unitId);
  const actions = canManage
    ? { editBody: onEditBody, addPosition: onAddPosition, appoint: onAppoint, endAppointment: onEnd }
    : undefined;
  return (
    <Stack component="section" gap="xs" aria-labelledby="unit-bodies">
      <Group justify="space-between">
        <Title order={2} size="h3" id="unit-bodies">
          {t('bodies.title')}
        </Title>
        {canManage && (
          <Button size="xs" onClick={onCreate}>
            {t('bodies.add')}
          </Button>
        )}
      </Group>
      {bodies.isPending ? (
        <PageLoader />
      ) : bodies.isError ? (
        <ErrorAlert error={bodies.error} />
      ) : bodies.data.items.length === 0 ? (
        <Text>{t('bodies.none')}</Text>
      ) : (
        bodies.data.items.map((body) => <BodyCard key={body.id} body={body} actions={actions} />)
      )}
    </Stack>
  );
}

/** Event details as `key: value` pairs; nested values as JSON. */
function describeDetails(details: Record<string, unknown>): string {
  const text = Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return text || '—';
}

function HistorySection({ unitId }: { unitId: number }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const history = useUnitHistory(unitId);
  return (
    <Stack component="section" gap="xs" aria-labelledby="unit-history">
      <Title order={2} size="h3" id="unit-history">
        {t('unitPage.history.title')}
      </Title>
      {history.isPending ? (
        <PageLoader />
      ) : history.isError ? (
        <ErrorAlert error={history.error} />
      ) : history.data.items.length === 0 ? (
        <Text>{t('unitPage.history.none')}</Text>
      ) : (
        <ScrollTable label={t('unitPage.history.title')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('unitPage.history.date')}</Table.Th>
              <Table.Th scope="col">{t('unitPage.history.event')}</Table.Th>
              <Table.Th scope="col">{t('unitPage.history.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(event.occurredOn)}</Table.Td>
                <Table.Td>
                  {i18n.exists(`unitPage.history.kinds.${event.kind}`)
                    ? t(`unitPage.history.kinds.${event.kind}`)
                    : event.kind}
                </Table.Td>
                <Table.Td>{describeDetails(event.details)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
