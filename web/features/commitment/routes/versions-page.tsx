import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useVersions } from '../api/commitment-api.ts';
import { CreateVersionDialog } from '../components/version-dialog.tsx';

export const versionColour = { draft: 'gray', active: 'teal', superseded: 'orange' } as const;

/** The versions of the Joint Commitment, newest first. */
export function VersionsPage() {
  const { t } = useTranslation('commitment');
  usePageTitle(t('versions.title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const versions = useVersions();
  const [isCreating, setCreating] = useState(false);
  const english = currentLanguage() === 'en';
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('versions.title')}</Title>
        <Group>
          <Button component={Link} to={paths.commitmentSignatures} variant="light">
            {t('versions.signaturesLink')}
          </Button>
          <Button component={Link} to={paths.commitmentCoverage} variant="light">
            {t('versions.coverageLink')}
          </Button>
          {versions.data?.canAuthor && <Button onClick={() => setCreating(true)}>{t('versions.add')}</Button>}
        </Group>
      </Group>
      <Text>{t('versions.intro')}</Text>
      {versions.isPending ? (
        <PageLoader />
      ) : versions.isError ? (
        <ErrorAlert error={versions.error} />
      ) : versions.data.items.length === 0 ? (
        <Text>{t('versions.none')}</Text>
      ) : (
        <>
          {versions.data.items.some(
            (version) => version.status === 'active' && version.wordingPlaceholder,
          ) && <Alert color="yellow">{t('versions.placeholder')}</Alert>}
          <ScrollTable label={t('versions.tableLabel')} minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('versions.fields.number')}</Table.Th>
                <Table.Th scope="col">{t('versions.fields.title')}</Table.Th>
                <Table.Th scope="col">{t('versions.fields.forum')}</Table.Th>
                <Table.Th scope="col">{t('versions.fields.adoptedOn')}</Table.Th>
                <Table.Th scope="col">{t('versions.fields.status')}</Table.Th>
                <Table.Th scope="col">{t('versions.fields.valid')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.items.map((version) => (
                <Table.Tr key={version.id}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.commitmentVersion(version.id)}>
                      {version.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{english ? version.titleEn : version.titleId}</Table.Td>
                  <Table.Td>{version.forum}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(version.adoptedOn)}</Table.Td>
                  <Table.Td>
                    <Badge color={versionColour[version.status]} variant="light">
                      {t(`statuses.${version.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{format.number(version.signatures.valid ?? 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
      {isCreating && (
        <CreateVersionDialog
          onClose={() => setCreating(false)}
          onCreated={(version) => void navigate(paths.commitmentVersion(version.id))}
        />
      )}
    </Stack>
  );
}
