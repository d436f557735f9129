import { Anchor, Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useProgram, useTracks } from '../api/training-api.ts';
import { CreateClassDialog, trackLabel } from '../components/program-dialogs.tsx';

export function ProgramPage() {
  const { t } = useTranslation('training');
  const { programId } = useParams();
  const format = useFormatters();
  const program = useProgram(Number(programId));
  const tracks = useTracks();
  const [isAdding, setAdding] = useState(false);
  usePageTitle(program.data?.name ?? t('programs.title'));
  if (program.isPending) return <PageLoader />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  const data = program.data;
  return (
    <Stack>
      <Anchor component={Link} to={paths.training} size="sm">
        {t('program.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.name}</Title>
          <Text c="dimmed" size="sm">
            {data.unitName} · {format.date(data.startsOn)} – {format.date(data.endsOn)}
          </Text>
        </div>
        {data.canOrganise && <Button onClick={() => setAdding(true)}>{t('program.addClass')}</Button>}
      </Group>
      <List size="sm" listStyleType="none" spacing={2}>
        <List.Item>
          {t('programs.fields.partners')}: {data.partners.join(', ') || t('programs.partnersNone')}
        </List.Item>
        <List.Item>
          {t('programs.fields.venue')}: {data.venue ?? '—'}
        </List.Item>
        <List.Item>
          {t('programs.fields.funding')}: {data.funding ?? '—'}
        </List.Item>
      </List>
      <Title order={2} size="h3">
        {t('program.classes')}
      </Title>
      {data.classes.length === 0 ? (
        <Text>{t('program.noClasses')}</Text>
      ) : (
        <ScrollTable label={t('program.classTableLabel')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('program.fields.title')}</Table.Th>
              <Table.Th scope="col">{t('program.fields.track')}</Table.Th>
              <Table.Th scope="col">{t('program.fields.level')}</Table.Th>
              <Table.Th scope="col">{t('program.fields.seats')}</Table.Th>
              <Table.Th scope="col">{t('program.fields.dates')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.classes.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.trainingClass(item.id)}>
                    {item.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {trackLabel(tracks.data?.items, item.track)}
                  {item.womenOnly && (
                    <Badge ml="xs" variant="light" color="grape">
                      {t('class.womenOnly')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`level.${item.level}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t('program.seats', { taken: item.seatsTaken, seats: item.seats })}</Text>
                  <Text size="xs" c="dimmed">
                    {t('program.nominatedCount', { count: item.nominated })}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {format.date(item.startsOn)} – {format.date(item.endsOn)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {isAdding && <CreateClassDialog program={data} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
