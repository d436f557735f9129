import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useImportList, type ImportKind } from '../api/imports-api.ts';
import { ImportWizard } from '../components/import-wizard.tsx';

function ImportPage({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const title = kind === 'members' ? t('imports.titleMembers') : t('imports.titleUnits');
  usePageTitle(title);
  const backTo = kind === 'members' ? paths.members : paths.units;
  return (
    <Stack>
      <Anchor component={Link} to={backTo} size="sm">
        {kind === 'members' ? t('imports.backToMembers') : t('imports.backToUnits')}
      </Anchor>
      <Title order={1}>{title}</Title>
      <ImportWizard kind={kind} backTo={backTo} />
      <RecentImports kind={kind} />
    </Stack>
  );
}

function RecentImports({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const imports = useImportList();
  const items = (imports.data?.items ?? []).filter((job) => job.kind === kind).slice(0, 10);
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-imports">
      <Title order={2} size="h3" id="recent-imports">
        {t('imports.recent.title')}
      </Title>
      <ScrollTable label={t('imports.recent.title')} minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.recent.file')}</Table.Th>
            <Table.Th scope="col">{t('imports.recent.createdAt')}</Table.Th>
            <Table.Th scope="col">{t('imports.recent.status')}</Table.Th>
            <Table.Th scope="col">{t('imports.recent.rows')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((job) => (
            <Table.Tr key={job.id}>
              <Table.Td>{job.fileName}</Table.Td>
              <Table.Td>{format.dateTime(job.createdAt)}</Table.Td>
              <Table.Td>{t(`imports.status.${job.status}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {format.number(job.processedRows)} / {format.number(job.totalRows)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

export const MembersImportPage = () => <ImportPage kind="members" />;
export const UnitsImportPage = () => <ImportPage kind="units" />;
