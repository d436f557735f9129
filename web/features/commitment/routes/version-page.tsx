import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { signatureStatuses } from '../../../../shared/commitment-taxonomies.ts';
import { useActivateVersion, useVersion, useVersions } from '../api/commitment-api.ts';
import { versionColour } from './versions-page.tsx';

/** One version: both texts, its points, the hash and the canonical text; a draft can be activated. */
export function VersionPage() {
  const { t } = useTranslation('commitment');
  const format = useFormatters();
  const id = Number(useParams().versionId);
  const version = useVersion(id);
  const versions = useVersions();
  const activate = useActivateVersion();
  const [isConfirming, setConfirming] = useState(false);
  const english = currentLanguage() === 'en';
  usePageTitle(
    version.data ? t('version.heading', { number: version.data.number, title: '' }) : t('versions.title'),
  );
  if (version.isPending) return <PageLoader />;
  if (version.isError) return <ErrorAlert error={version.error} />;
  const data = version.data;
  const active = versions.data?.items.find((item) => item.status === 'active');
  const openOfActive = active ? (active.signatures.pending ?? 0) + (active.signatures.valid ?? 0) : 0;
  return (
    <Stack>
      <Anchor component={Link} to={paths.commitment}>
        {t('version.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>
          {t('version.heading', { number: data.number, title: english ? data.titleEn : data.titleId })}
        </Title>
        {data.status === 'draft' && versions.data?.canAuthor && (
          <Button onClick={() => setConfirming(true)}>{t('version.activate')}</Button>
        )}
      </Group>
      <Group>
        <Badge color={versionColour[data.status]} variant="light">
          {t(`statuses.${data.status}`)}
        </Badge>
        <Text>
          {t('versions.fields.forum')}: {data.forum} · {t('versions.fields.adoptedOn')}:{' '}
          {format.date(data.adoptedOn)}
        </Text>
      </Group>
      {data.wordingPlaceholder && <Alert color="yellow">{t('versions.placeholder')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(['id', 'en'] as const).map((language) => (
          <Stack key={language} gap="xs" lang={language}>
            <Title order={2} size="h3">
              {t(language === 'id' ? 'version.indonesian' : 'version.english')}
            </Title>
            <Text fw={600}>{language === 'id' ? data.titleId : data.titleEn}</Text>
            <Text>{language === 'id' ? data.preambleId : data.preambleEn}</Text>
            <List type="ordered">
              {data.points.map((point, index) => (
                <List.Item key={index}>{point[language]}</List.Item>
              ))}
            </List>
          </Stack>
        ))}
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('version.signatures')}
      </Title>
      <Group>
        {signatureStatuses.map((status) => (
          <Text key={status}>
            {t(`signatureStatuses.${status}`)}: {format.number(data.signatures[status] ?? 0)}
          </Text>
        ))}
      </Group>
      <Title order={2} size="h3">
        {t('version.hash')}
      </Title>
      <Code style={{ wordBreak: 'break-all' }}>{data.textSha256}</Code>
      <details>
        <summary>{t('version.canonical')}</summary>
        <Code block>{data.canonicalText}</Code>
      </details>
      {isConfirming && (
        <AppModal
          opened
          onClose={() => setConfirming(false)}
          title={t('version.activateTitle', { number: data.number })}
        >
          <Stack>
            <Text>{t('version.activateText', { count: openOfActive })}</Text>
            <ErrorAlert error={activate.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={activate.isPending}
                onClick={() =>
                  activate.mutate(data.id, {
                    onSuccess: () => {
                      notifySuccess(t('version.activated', { number: data.number }));
                      setConfirming(false);
                    },
                  })
                }
              >
                {t('version.activate')}
              </Button>
            </Group>
          </Stack>
        </AppModal>
      )}
    </Stack>
  );
}
