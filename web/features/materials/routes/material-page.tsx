import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Input,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MaterialDetail } from '../../../../shared/contracts/materials.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import {
  fileUrl,
  publicPageUrl,
  useAddFileVersion,
  useAddLinkVersion,
  useMaterial,
  usePublishMaterial,
} from '../api/materials-api.ts';
import { fileSize, materialStatusColour } from '../components/material-format.ts';

export function MaterialPage() {
  const { t } = useTranslation('materials');
  const { materialId } = useParams();
  const material = useMaterial(Number(materialId));
  const publish = usePublishMaterial();
  usePageTitle(material.data?.title ?? t('title'));
  if (material.isPending) return <PageLoader />;
  if (material.isError) return <ErrorAlert error={material.error} />;
  const data = material.data;
  const isPublished = data.status === 'published';
  return (
    <Stack>
      <Anchor component={Link} to={paths.materials} size="sm">
        {t('material.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.title}</Title>
          <Text c="dimmed" size="sm">
            {t(`kinds.${data.kind}`)} · {data.ownerUnitName}{' '}
            <Badge variant="light" color={materialStatusColour[data.status]}>
              {t(`status.${data.status}`)}
            </Badge>
          </Text>
          {isPublished && (
            <Anchor href={publicPageUrl(data.slug)} target="_blank" rel="noreferrer" size="sm">
              {t('material.publicPage')}
            </Anchor>
          )}
        </div>
        {data.canManage && (
          <Button
            variant="outline"
            color={isPublished ? 'red' : 'teal'}
            loading={publish.isPending}
            disabled={!isPublished && data.latestVersion === null}
            onClick={() =>
              publish.mutate(
                { materialId: data.id, published: !isPublished },
                {
                  onSuccess: () =>
                    notifySuccess(isPublished ? t('material.unpublished') : t('material.published')),
                },
              )
            }
          >
            {isPublished ? t('material.unpublish') : t('material.publish')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={publish.error} />
      {!data.canManage && <Alert color="blue">{t('material.seeOnly')}</Alert>}
      {data.canManage && data.latestVersion === null && <Text size="sm">{t('material.needsVersion')}</Text>}
      {data.summary && <Text>{data.summary}</Text>}
      <Facts material={data} />
      <Versions material={data} />
      {data.canManage && <AddVersion material={data} />}
      <Uses material={data} />
    </Stack>
  );
}

function Facts({ material }: { material: MaterialDetail }) {
  const { t } = useTranslation('materials');
  const rows = [
    [t('form.language'), t(`languages.${material.language}`)],
    [t('form.audience'), t(`audiences.${material.audience}`)],
    [t('form.licence'), t(`licences.${material.licence}`)],
    [t('list.fields.downloads'), t('material.downloads', { count: material.downloads })],
  ];
  return (
    <Stack component="section" gap="xs" aria-label={t('material.facts')}>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w={200}>
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Versions({ material }: { material: MaterialDetail }) {
  const { t } = useTranslation('materials');
  const format = useFormatters();
  const titleId = useId();
  return (
    <Stack component="section" gap="xs" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t('material.versions.title')}
      </Title>
      {material.versions.length === 0 ? (
        <Text size="sm">{t('material.versions.none')}</Text>
      ) : (
        <ScrollTable label={t('material.versions.tableLabel')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('material.versions.number')}</Table.Th>
              <Table.Th scope="col">{t('material.versions.content')}</Table.Th>
              <Table.Th scope="col">{t('material.versions.note')}</Table.Th>
              <Table.Th scope="col">{t('material.versions.added')}</Table.Th>
              <Table.Th scope="col">{t('material.versions.downloads')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {material.versions.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Td>{format.number(version.number)}</Table.Td>
                <Table.Td>
                  {version.url && (
                    <Anchor href={version.url} target="_blank" rel="noreferrer">
                      {version.url}
                    </Anchor>
                  )}
                  {version.files.map((file) => (
                    <div key={file.id}>
                      <Anchor href={fileUrl(material.id, file.id)} download>
                        {file.fileName}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        ({fileSize(file.size, format.number)})
                      </Text>
                      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                        {t('material.versions.sha256', { hash: file.sha256 })}
                      </Text>
                    </div>
                  ))}
                </Table.Td>
                <Table.Td>{version.note ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(version.createdAt)}</Table.Td>
                <Table.Td>{format.number(version.downloads)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** A new version: one file (the server sniffs its type and limits its size) or, for a video, its link. */
function AddVersion({ material }: { material: MaterialDetail }) {
  const { t } = useTranslation('materials');
  const addFile = useAddFileVersion();
  const addLink = useAddLinkVersion();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const isLink = material.kind === 'video_link';
  const mutation = isLink ? addLink : addFile;
  const done = {
    onSuccess: (saved: MaterialDetail) => {
      setFile(null);
      setUrl('');
      setNote('');
      notifySuccess(t('material.upload.added', { number: saved.latestVersion }));
    },
  };
  return (
    <Stack component="section" gap="xs" aria-labelledby={`${inputId}-title`}>
      <Title order={2} size="h3" id={`${inputId}-title`}>
        {t('material.upload.title')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (isLink) {
            if (!/^https:\/\/\S+$/.test(url.trim())) return setMissing(true);
            addLink.mutate({ materialId: material.id, url: url.trim(), note: note.trim() || null }, done);
          } else {
            if (!file) return setMissing(true);
            addFile.mutate({ materialId: material.id, file, note }, done);
          }
        }}
      >
        <Stack gap="xs">
          {isLink ? (
            <TextInput
              label={t('material.upload.url')}
              description={t('material.upload.urlHint')}
              type="url"
              value={url}
              error={missing ? t('material.upload.urlRequired') : undefined}
              onChange={(event) => {
                setUrl(event.currentTarget.value);
                setMissing(false);
              }}
            />
          ) : (
            <Input.Wrapper
              label={t('material.upload.file')}
              description={t('material.upload.hint')}
              error={missing ? t('material.upload.required') : undefined}
              id={inputId}
            >
              <input
                id={inputId}
                type="file"
                accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.pptx,.odt,.odp"
                className="setara-file-input"
                aria-invalid={missing ? true : undefined}
                aria-describedby={
                  missing ? `${inputId}-description ${inputId}-error` : `${inputId}-description`
                }
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  setMissing(false);
                }}
              />
            </Input.Wrapper>
          )}
          <Textarea
            label={t('material.upload.note')}
            autosize
            minRows={1}
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <ErrorAlert error={mutation.error} />
          <div>
            <Button type="submit" variant="default" loading={mutation.isPending}>
              {t('material.upload.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}

/** The campaign activities (inside the caller's scope) that recorded using a version of the material. */
function Uses({ material }: { material: MaterialDetail }) {
  const { t } = useTranslation('materials');
  const format = useFormatters();
  const titleId = useId();
  return (
    <Stack component="section" gap="xs" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t('material.uses.title')}
      </Title>
      {material.uses.length === 0 ? (
        <Text size="sm">{t('material.uses.none')}</Text>
      ) : (
        <ScrollTable label={t('material.uses.tableLabel')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('material.uses.campaign')}</Table.Th>
              <Table.Th scope="col">{t('material.uses.activity')}</Table.Th>
              <Table.Th scope="col">{t('material.uses.date')}</Table.Th>
              <Table.Th scope="col">{t('material.uses.host')}</Table.Th>
              <Table.Th scope="col">{t('material.uses.version')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {material.uses.map((use) => (
              <Table.Tr key={`${use.activityId}-${use.versionNumber}`}>
                <Table.Td>
                  <Anchor component={Link} to={paths.campaign(use.campaignId)}>
                    {use.campaignTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={paths.campaignActivity(use.activityId)}>
                    {use.activityTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(use.heldOn)}</Table.Td>
                <Table.Td>{use.hostUnitName}</Table.Td>
                <Table.Td>{format.number(use.versionNumber)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
