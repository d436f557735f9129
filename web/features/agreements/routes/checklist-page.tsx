import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { checklistGroups, type ChecklistGroup } from '../../../../shared/agreement-taxonomies.ts';
import type { ChecklistVersionView } from '../../../../shared/contracts/agreements.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useChecklists, useCreateChecklist } from '../api/agreements-api.ts';

/** The national clause checklist: its newest version, and a new version for a gender officer at DPP. */
export function ChecklistPage() {
  const { t } = useTranslation('agreements');
  usePageTitle(t('checklist.title'));
  const format = useFormatters();
  const checklists = useChecklists();
  const [isEditing, setEditing] = useState(false);
  if (checklists.isPending) return <PageLoader />;
  if (checklists.isError) return <ErrorAlert error={checklists.error} />;
  const latest = checklists.data.items[0];
  return (
    <Stack>
      <Anchor component={Link} to={paths.agreements} size="sm">
        {t('checklist.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('checklist.title')}</Title>
        {checklists.data.canEdit && latest && !isEditing && (
          <Button onClick={() => setEditing(true)}>{t('checklist.newVersion')}</Button>
        )}
      </Group>
      <Text>{t('checklist.intro')}</Text>
      {!checklists.data.canEdit && <Text size="sm">{t('checklist.editOnly')}</Text>}
      {latest && isEditing ? (
        <ChecklistEditor latest={latest} onDone={() => setEditing(false)} />
      ) : (
        checklists.data.items.map((version) => (
          <Stack key={version.id} component="section" gap="xs">
            <Title order={2} size="h3">
              {t('checklist.versionNote', { number: version.number, date: format.date(version.createdAt) })}
            </Title>
            {version.note && <Text size="sm">{version.note}</Text>}
            <ScrollTable label={t('checklist.version', { number: version.number })} minWidth={720}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('checklist.code')}</Table.Th>
                  <Table.Th scope="col">{t('checklist.group')}</Table.Th>
                  <Table.Th scope="col">{t('checklist.titleId')}</Table.Th>
                  <Table.Th scope="col">{t('checklist.titleEn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {version.items.map((item) => (
                  <Table.Tr key={item.code}>
                    <Table.Td>
                      <code>{item.code}</code>
                    </Table.Td>
                    <Table.Td>{t(`groups.${item.group}`)}</Table.Td>
                    <Table.Td>{item.titleId}</Table.Td>
                    <Table.Td>{item.titleEn}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </Stack>
        ))
      )}
    </Stack>
  );
}

interface DraftItem {
  key: number;
  code: string;
  group: ChecklistGroup;
  titleId: string;
  titleEn: string;
}

/** Edits a copy of the newest version's items; saving makes the next version (the old one stays). */
function ChecklistEditor({ latest, onDone }: { latest: ChecklistVersionView; onDone: () => void }) {
  const { t } = useTranslation('agreements');
  const create = useCreateChecklist();
  const formId = useId();
  const [note, setNote] = useState('');
  const [items, setItems] = useState<DraftItem[]>(() =>
    latest.items.map((item, index) => ({ key: index, ...item })),
  );
  const [nextKey, setNextKey] = useState(latest.items.length);
  const change = (key: number, patch: Partial<DraftItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  const number = latest.number + 1;
  return (
    <form
      id={formId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          {
            note: note.trim() || null,
            items: items.map(({ code, group, titleId, titleEn }) => ({
              code: code.trim(),
              group,
              titleId: titleId.trim(),
              titleEn: titleEn.trim(),
            })),
          },
          {
            onSuccess: (saved) => {
              notifySuccess(t('checklist.saved', { number: saved.number }));
              onDone();
            },
          },
        );
      }}
    >
      <Stack>
        <Textarea
          label={t('checklist.note')}
          autosize
          minRows={1}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {items.map((item, index) => (
          <Group key={item.key} align="flex-end" wrap="wrap" gap="xs">
            <TextInput
              label={`${t('checklist.code')} ${index + 1}`}
              description={index === 0 ? t('checklist.codeHint') : undefined}
              value={item.code}
              maxLength={60}
              required
              onChange={(event) => change(item.key, { code: event.currentTarget.value })}
            />
            <NativeSelect
              label={t('checklist.group')}
              data={checklistGroups.map((group) => ({ value: group, label: t(`groups.${group}`) }))}
              value={item.group}
              onChange={(event) => change(item.key, { group: event.currentTarget.value as ChecklistGroup })}
            />
            <TextInput
              label={t('checklist.titleId')}
              value={item.titleId}
              maxLength={300}
              required
              style={{ flex: '1 1 16rem' }}
              onChange={(event) => change(item.key, { titleId: event.currentTarget.value })}
            />
            <TextInput
              label={t('checklist.titleEn')}
              value={item.titleEn}
              maxLength={300}
              required
              style={{ flex: '1 1 16rem' }}
              onChange={(event) => change(item.key, { titleEn: event.currentTarget.value })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('checklist.remove', { code: item.code || index + 1 })}
              onClick={() => setItems((current) => current.filter((entry) => entry.key !== item.key))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() => {
              setItems((current) => [
                ...current,
                { key: nextKey, code: '', group: 'violence', titleId: '', titleEn: '' },
              ]);
              setNextKey((key) => key + 1);
            }}
          >
            {t('checklist.addItem')}
          </Button>
        </Group>
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('checklist.save', { number })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
