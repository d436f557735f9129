import { Group, List, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageRow } from '../../../../shared/contracts/commitment.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { todayIso, useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useCoverage, useVersions } from '../api/commitment-api.ts';

type Sex = 'P' | 'L' | 'unknown' | 'total';

/** Signers ÷ active members as of a day, by unit and sex; adoptions and PSP–company co-signatures. */
export function CoveragePage() {
  const { t } = useTranslation('commitment');
  usePageTitle(t('coverage.title'));
  const format = useFormatters();
  const versions = useVersions();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [asOf, setAsOf] = useState(todayIso());
  const [versionId, setVersionId] = useState('');
  const coverage = useCoverage({
    unitId: unitId ?? undefined,
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined,
    versionId: versionId ? Number(versionId) : undefined,
  });
  const cell = (row: CoverageRow, sex: Sex) => {
    const share = row.coverage[sex];
    if (share === null) return t('coverage.noMembers');
    return `${t('coverage.cell', { signers: format.number(row.signers[sex]), members: format.number(row.members[sex]) })} · ${t(
      'coverage.share',
      { share: format.number(Math.floor(share / 10) / 10) },
    )}`;
  };
  const sexes: [Sex, string][] = [
    ['P', t('coverage.fields.women')],
    ['L', t('coverage.fields.men')],
    ['unknown', t('coverage.fields.unknown')],
    ['total', t('coverage.fields.total')],
  ];
  return (
    <Stack>
      <Title order={1}>{t('coverage.title')}</Title>
      <Text>{t('coverage.intro')}</Text>
      <Group align="flex-end">
        <UnitPicker label={t('coverage.unit')} value={unitId} onChange={setUnitId} />
        <TextInput
          type="date"
          label={t('coverage.asOf')}
          value={asOf}
          onChange={(event) => setAsOf(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('coverage.version')}
          value={versionId}
          onChange={(event) => setVersionId(event.currentTarget.value)}
          data={[
            { value: '', label: t('statuses.active') },
            ...(versions.data?.items ?? []).map((version) => ({
              value: String(version.id),
              label: `${version.number} (${t(`statuses.${version.status}`)})`,
            })),
          ]}
        />
      </Group>
      {coverage.isPending ? (
        <PageLoader />
      ) : coverage.isError ? (
        <ErrorAlert error={coverage.error} />
      ) : (
        <>
          <ScrollTable label={t('coverage.tableLabel')} minWidth={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('coverage.fields.unit')}</Table.Th>
                {sexes.map(([sex, label]) => (
                  <Table.Th scope="col" key={sex}>
                    {label}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('coverage.fields.adopted')}</Table.Th>
                <Table.Th scope="col">{t('coverage.fields.unitsAdopted')}</Table.Th>
                <Table.Th scope="col">{t('coverage.fields.psps')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coverage.data.rows.map((row) => (
                <Table.Tr key={row.unitId} fw={row.isTotal ? 700 : undefined}>
                  <Table.Th scope="row">{row.unitName}</Table.Th>
                  {sexes.map(([sex]) => (
                    <Table.Td key={sex}>{cell(row, sex)}</Table.Td>
                  ))}
                  <Table.Td>{row.adopted ? t('common.yes') : t('common.no')}</Table.Td>
                  <Table.Td>{format.number(row.unitsAdopted)}</Table.Td>
                  <Table.Td>
                    {t('coverage.pspShare', {
                      signed: format.number(row.pspsCoSigned),
                      total: format.number(row.psps),
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
          <Title order={2} size="h3">
            {t('coverage.bodiesHeading')}
          </Title>
          <Text size="sm">{t('coverage.bodiesIntro', { version: coverage.data.versionNumber })}</Text>
          {coverage.data.bodies.length === 0 ? (
            <Text>{t('coverage.bodiesNone')}</Text>
          ) : (
            <ScrollTable label={t('coverage.bodiesLabel')} minWidth={600}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coverage.bodyFields.body')}</Table.Th>
                  <Table.Th scope="col">{t('coverage.bodyFields.unit')}</Table.Th>
                  <Table.Th scope="col">{t('coverage.bodyFields.signed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {coverage.data.bodies.map((body) => (
                  <Table.Tr key={body.bodyId}>
                    <Table.Th scope="row">{body.bodyName}</Table.Th>
                    <Table.Td>{body.unitName}</Table.Td>
                    <Table.Td>
                      {body.holders === 0
                        ? t('coverage.bodyEmpty')
                        : t('coverage.bodyCell', {
                            signed: format.number(body.signed),
                            holders: format.number(body.holders),
                          })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
          <Title order={2} size="h3">
            {t('coverage.actsHeading')}
          </Title>
          {coverage.data.acts.length === 0 ? (
            <Text>{t('coverage.actsNone')}</Text>
          ) : (
            <List>
              {coverage.data.acts.map((act) => (
                <List.Item key={act.signatureId}>
                  {act.kind === 'unit'
                    ? t('coverage.actAdoption', {
                        unit: act.unitName,
                        forum: act.forum ?? '',
                        date: format.date(act.signedOn),
                      })
                    : t('coverage.actCoSigned', {
                        unit: act.unitName,
                        company: act.companyName ?? '',
                        forum: act.forum ?? '',
                        date: format.date(act.signedOn),
                      })}
                  {act.decreeNumber ? ` · ${t('coverage.decree', { number: act.decreeNumber })}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </Stack>
  );
}
