import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { usePrograms } from '../api/training-api.ts';
import { CreateProgramDialog } from '../components/program-dialogs.tsx';

export function ProgramsPage() {
  const { t } = useTranslation('training');
  usePageTitle(t('programs.title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const programs = usePrograms();
  const [isCreating, setCreating] = useState(false);
  const session = useFullSession();
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('programs.title')}</Title>
        <Group>
          {session.capabilities.readDashboards && (
            <>
              <Button component={Link} to={paths.trainingPipeline} variant="default">
                {t('pipeline.open')}
              </Button>
              <Button component={Link} to={paths.trainingReport} variant="light">
                {t('report.link')}
              </Button>
            </>
          )}
          {/* Only organisers (gender officers) create programs; the server checks the unit again. */}
          {programs.data?.canCreate && <Button onClick={() => setCreating(true)}>{t('programs.add')}</Button>}
        </Group>
      </Group>
      <Text>{t('programs.intro')}</Text>
      {programs.isPending ? (
        <PageLoader />
      ) : programs.isError ? (
        <ErrorAlert error={programs.error} />
      ) : programs.data.items.length === 0 ? (
        <Text>{t('programs.none')}</Text>
      ) : (
        <ScrollTable label={t('programs.tableLabel')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('programs.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('programs.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('programs.fields.partners')}</Table.Th>
              <Table.Th scope="col">{t('programs.fields.venue')}</Table.Th>
              <Table.Th scope="col">{t('programs.fields.dates')}</Table.Th>
              <Table.Th scope="col">{t('programs.fields.classCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {programs.data.items.map((program) => (
              <Table.Tr key={program.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.trainingProgram(program.id)}>
                    {program.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{program.unitName}</Table.Td>
                <Table.Td>{program.partners.join(', ') || '—'}</Table.Td>
                <Table.Td>{program.venue ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {format.date(program.startsOn)} – {format.date(program.endsOn)}
                </Table.Td>
                <Table.Td>{program.classCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {isCreating && (
        <CreateProgramDialog
          onClose={() => setCreating(false)}
          onCreated={(program) => void navigate(paths.trainingProgram(program.id))}
        />
      )}
    </Stack>
  );
}
