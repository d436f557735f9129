import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useMaterials } from '../api/materials-api.ts';
import { MaterialDialog } from '../components/material-dialog.tsx';
import { materialStatusColour } from '../components/material-format.ts';

export function MaterialsPage() {
  const { t } = useTranslation('materials');
  usePageTitle(t('title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const materials = useMaterials();
  const [isCreating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('title')}</Title>
        <Group>
          <Anchor href="/materi" target="_blank" rel="noreferrer">
            {t('list.publicLink')}
          </Anchor>
          {materials.data?.canCreate && <Button onClick={() => setCreating(true)}>{t('list.add')}</Button>}
        </Group>
      </Group>
      <Text>{t('list.intro')}</Text>
      {materials.isPending ? (
        <PageLoader />
      ) : materials.isError ? (
        <ErrorAlert error={materials.error} />
      ) : materials.data.items.length === 0 ? (
        <Text>{t('list.none')}</Text>
      ) : (
        <ScrollTable label={t('list.tableLabel')} minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('list.fields.title')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.kind')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.language')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.version')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('list.fields.downloads')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {materials.data.items.map((material) => (
              <Table.Tr key={material.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.material(material.id)}>
                    {material.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`kinds.${material.kind}`)}</Table.Td>
                <Table.Td>{t(`languages.${material.language}`)}</Table.Td>
                <Table.Td>{material.ownerUnitName}</Table.Td>
                <Table.Td>
                  {material.latestVersion === null ? '—' : format.number(material.latestVersion)}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={materialStatusColour[material.status]}>
                    {t(`status.${material.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{format.number(material.downloads)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {isCreating && (
        <MaterialDialog
          onClose={() => setCreating(false)}
          onSaved={(material) => void navigate(paths.material(material.id))}
        />
      )}
    </Stack>
  );
}
