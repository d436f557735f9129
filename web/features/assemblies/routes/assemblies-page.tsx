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
import { useAssemblyList } from '../api/assemblies-api.ts';
import { CreateAssemblyDialog } from '../components/assembly-dialogs.tsx';

export function AssembliesPage() {
  const { t } = useTranslation();
  usePageTitle(t('assemblies.title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const canManage = useFullSession().capabilities.manageUnits;
  const assemblies = useAssemblyList();
  const [isCreating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('assemblies.title')}</Title>
        {canManage && <Button onClick={() => setCreating(true)}>{t('assemblies.add')}</Button>}
      </Group>
      <Text>{t('assemblies.intro')}</Text>
      {assemblies.isPending ? (
        <PageLoader />
      ) : assemblies.isError ? (
        <ErrorAlert error={assemblies.error} />
      ) : assemblies.data.items.length === 0 ? (
        <Text>{t('assemblies.none')}</Text>
      ) : (
        <ScrollTable label={t('assemblies.tableLabel')} minWidth={640}>
          <Table.Caption className="setara-visually-hidden">{t('assemblies.tableLabel')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assemblies.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('assemblies.fields.kind')}</Table.Th>
              <Table.Th scope="col">{t('assemblies.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('assemblies.fields.dates')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assemblies.data.items.map((assembly) => (
              <Table.Tr key={assembly.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.assembly(assembly.id)}>
                    {assembly.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`assemblyKind.${assembly.kind}`)}</Table.Td>
                <Table.Td>{assembly.unitName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {format.date(assembly.startsOn)}
                  {assembly.endsOn ? ` – ${format.date(assembly.endsOn)}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {isCreating && (
        <CreateAssemblyDialog
          onClose={() => setCreating(false)}
          onCreated={(assembly) => void navigate(paths.assembly(assembly.id))}
        />
      )}
    </Stack>
  );
}
