import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Input,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ActivityDetail } from '../../../../shared/contracts/campaigns.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import {
  useActivity,
  useActivityKinds,
  photoUrl,
  useAddAttendees,
  useDeleteActivity,
  useLibraryMaterials,
  useLinkLibraryMaterial,
  useRemoveAttendee,
  useSetTally,
  useUploadPhoto,
} from '../api/campaigns-api.ts';
import { ActivityDialog, campaignOfActivity } from '../components/campaign-dialogs.tsx';
import { ReachPanel } from '../components/reach-panel.tsx';

/** The head count of a tally activity: women, men and unknown, saved together. */
function TallyForm({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation('campaigns');
  const save = useSetTally();
  const form = useForm<{ women: number | string; men: number | string; unknown: number | string }>({
    initialValues: {
      women: activity.tally?.women ?? 0,
      men: activity.tally?.men ?? 0,
      unknown: activity.tally?.unknown ?? 0,
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        activityId: activity.id,
        women: Number(values.women) || 0,
        men: Number(values.men) || 0,
        unknown: Number(values.unknown) || 0,
      },
      { onSuccess: () => notifySuccess(t('activity.tallySaved')) },
    ),
  );
  const field = (name: 'women' | 'men' | 'unknown') => (
    <NumberInput
      label={t(`activity.${name}`)}
      min={0}
      max={1_000_000}
      allowDecimal={false}
      {...form.getInputProps(name)}
    />
  );
  return (
    <Stack gap="xs" component="section" aria-labelledby="tally-title">
      <Title order={2} size="h3" id="tally-title">
        {t('activity.tally')}
      </Title>
      <Text size="sm">{t('activity.tallyHint')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            {field('women')}
            {field('men')}
            {field('unknown')}
          </Group>
          {save.isError && <ErrorAlert error={save.error} />}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('activity.saveTally')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Roll call: pick each member present from the campaign's subtree; each is listed (and counted) once. */
function RollCall({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation('campaigns');
  const add = useAddAttendees();
  const remove = useRemoveAttendee();
  const [memberId, setMemberId] = useState<string | null>(null);
  const editable = activity.canManage && activity.campaignStatus !== 'closed';
  return (
    <Stack gap="xs" component="section" aria-labelledby="roll-call-title">
      <Title order={2} size="h3" id="roll-call-title">
        {t('activity.rollCall')}
      </Title>
      {editable && (
        <>
          <Text size="sm">{t('activity.rollCallHint')}</Text>
          <Group align="flex-end">
            <div style={{ flex: 1, minWidth: 240 }}>
              <MemberPicker
                label={t('activity.pickMember')}
                value={memberId}
                onChange={setMemberId}
                unitId={activity.campaignOwnerUnitId}
              />
            </div>
            <Button
              disabled={!memberId}
              loading={add.isPending}
              onClick={() => {
                if (!memberId) return;
                add.mutate(
                  { activityId: activity.id, memberIds: [memberId] },
                  { onSuccess: () => setMemberId(null) },
                );
              }}
            >
              {t('activity.addMember')}
            </Button>
          </Group>
          {add.isError && <ErrorAlert error={add.error} />}
          {remove.isError && <ErrorAlert error={remove.error} />}
        </>
      )}
      {activity.attendees.length === 0 ? (
        <Text>{t('activity.noAttendees')}</Text>
      ) : (
        <ScrollTable label={t('activity.attendeesLabel')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('activity.attendeeFields.name')}</Table.Th>
              <Table.Th scope="col">{t('activity.attendeeFields.number')}</Table.Th>
              <Table.Th scope="col">{t('activity.attendeeFields.sex')}</Table.Th>
              <Table.Th scope="col">{t('activity.attendeeFields.unit')}</Table.Th>
              {editable && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {activity.attendees.map((attendee) => (
              <Table.Tr key={attendee.memberId}>
                <Table.Td>{attendee.name}</Table.Td>
                <Table.Td>{attendee.memberNumber}</Table.Td>
                <Table.Td>{t(`activity.sex.${attendee.sex ?? 'unknown'}`)}</Table.Td>
                <Table.Td>{attendee.unitName}</Table.Td>
                {editable && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('activity.removeMember', { name: attendee.name })}
                      loading={remove.isPending}
                      onClick={() => remove.mutate({ activityId: activity.id, memberId: attendee.memberId })}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Versions of the materials library the activity used; a manager records one more (its newest version). */
function LibraryMaterials({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation('campaigns');
  const editable = activity.canManage && activity.campaignStatus !== 'closed';
  const library = useLibraryMaterials(editable);
  const link = useLinkLibraryMaterial();
  const [materialId, setMaterialId] = useState('');
  const titleId = useId();
  const choices = (library.data?.items ?? []).filter((material) => material.latestVersion !== null);
  return (
    <Stack component="section" gap="xs" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t('activity.library.title')}
      </Title>
      {activity.libraryMaterials.length === 0 ? (
        <Text size="sm">{t('activity.library.none')}</Text>
      ) : (
        <List>
          {activity.libraryMaterials.map((material) => (
            <List.Item key={`${material.materialId}-${material.versionNumber}`}>
              <Anchor component={Link} to={paths.material(material.materialId)}>
                {material.title}
              </Anchor>{' '}
              (v{material.versionNumber})
            </List.Item>
          ))}
        </List>
      )}
      {editable && choices.length > 0 && (
        <Group align="flex-end">
          <NativeSelect
            style={{ flex: 1, minWidth: 240 }}
            label={t('activity.library.pick')}
            description={t('activity.library.pickHint')}
            value={materialId}
            onChange={(event) => setMaterialId(event.currentTarget.value)}
            data={[
              { value: '', label: '—' },
              ...choices.map((material) => ({ value: String(material.id), label: material.title })),
            ]}
          />
          <Button
            variant="default"
            disabled={!materialId}
            loading={link.isPending}
            onClick={() =>
              link.mutate(
                { materialId: Number(materialId), activityId: activity.id },
                {
                  onSuccess: () => {
                    setMaterialId('');
                    notifySuccess(t('activity.library.added'));
                  },
                },
              )
            }
          >
            {t('activity.library.submit')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={link.error} />
    </Stack>
  );
}

/** Photos as evidence of the activity: JPEG, PNG or WebP (the server sniffs the bytes and limits the size). */
function Photos({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation('campaigns');
  const format = useFormatters();
  const upload = useUploadPhoto();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const editable = activity.canManage && activity.campaignStatus !== 'closed';
  return (
    <Stack component="section" gap="xs" aria-labelledby={`${inputId}-title`}>
      <Title order={2} size="h3" id={`${inputId}-title`}>
        {t('activity.photos.title')}
      </Title>
      {activity.photos.length === 0 ? (
        <Text size="sm">{t('activity.photos.none')}</Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {activity.photos.map((photo, index) => (
            <li key={photo.id}>
              <Anchor href={photoUrl(activity.id, photo.id)} download>
                {t('activity.photos.item', { number: index + 1, at: format.dateTime(photo.uploadedAt) })}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
      {editable && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!file) {
              setMissing(true);
              return;
            }
            upload.mutate(
              { activityId: activity.id, file },
              {
                onSuccess: () => {
                  setFile(null);
                  notifySuccess(t('activity.photos.added'));
                },
              },
            );
          }}
        >
          <Stack gap="xs">
            <Input.Wrapper
              label={t('activity.photos.file')}
              description={t('activity.photos.hint')}
              error={missing ? t('activity.photos.required') : undefined}
              id={inputId}
            >
              <input
                id={inputId}
                type="file"
                accept="image/jpeg,image/png,image/webp"
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
            <ErrorAlert error={upload.error} />
            <div>
              <Button type="submit" variant="default" loading={upload.isPending}>
                {t('activity.photos.submit')}
              </Button>
            </div>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** Corrects the activity's facts in the same form that added it, or removes one entered by mistake. */
function ActivityActions({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation('campaigns');
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const remove = useDeleteActivity();
  const navigate = useNavigate();
  return (
    <>
      <Group>
        <Button variant="default" onClick={() => setEditing(true)}>
          {t('activity.edit')}
        </Button>
        <Button variant="default" color="red" onClick={() => setOpen(true)}>
          {t('activity.delete')}
        </Button>
      </Group>
      {editing && (
        <ActivityDialog
          campaign={campaignOfActivity(activity)}
          activity={activity}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
      <AppModal opened={open} onClose={() => setOpen(false)} title={t('activity.deleteTitle')}>
        <Stack>
          <Text>{t('activity.deleteConfirm', { title: activity.title })}</Text>
          {remove.isError && <ErrorAlert error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('activity.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(activity.id, {
                  onSuccess: () => {
                    notifySuccess(t('activity.deleted'));
                    void navigate(paths.campaign(activity.campaignId));
                  },
                })
              }
            >
              {t('activity.deleteSubmit')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}

export function ActivityPage() {
  const { t } = useTranslation('campaigns');
  const { activityId } = useParams();
  const format = useFormatters();
  const activity = useActivity(Number(activityId));
  const kinds = useActivityKinds();
  usePageTitle(activity.data?.title ?? t('title'));
  if (activity.isPending) return <PageLoader />;
  if (activity.isError) return <ErrorAlert error={activity.error} />;
  const data = activity.data;
  const language = currentLanguage();
  const kind = kinds.data?.items.find((item) => item.code === data.kind)?.labels[language] ?? data.kind;
  return (
    <Stack>
      <Anchor component={Link} to={paths.campaign(data.campaignId)} size="sm">
        {t('activity.back', { title: data.campaignTitle })}
      </Anchor>
      <div>
        <Title order={1}>{data.title}</Title>
        <Text c="dimmed" size="sm">
          {kind} · {data.hostUnitName} · {format.date(data.heldOn)}
        </Text>
      </div>
      {data.campaignStatus === 'closed' && <Alert color="gray">{t('activity.closed')}</Alert>}
      {data.canManage && data.campaignStatus !== 'closed' && <ActivityActions activity={data} />}
      <List size="sm" listStyleType="none" spacing={2}>
        <List.Item>
          {t('activity.fields.place')}: {data.place ?? '—'}
        </List.Item>
        <List.Item>
          {t('activity.fields.materials')}: {data.materials ?? '—'}
        </List.Item>
        <List.Item>
          {t('activity.facilitators')}:{' '}
          {data.facilitators.length === 0
            ? t('activity.noFacilitators')
            : data.facilitators
                .map((facilitator) =>
                  facilitator.memberId === null
                    ? `${facilitator.name} (${[t('activity.external'), facilitator.organisation].filter(Boolean).join(', ')})`
                    : facilitator.name,
                )
                .join('; ')}
        </List.Item>
      </List>
      <ReachPanel
        total={data.reach}
        rows={[{ key: data.hostUnitId, label: data.hostUnitName, reach: data.reach }]}
      />
      {data.reachMode === 'tally' ? (
        data.canManage && data.campaignStatus !== 'closed' ? (
          <TallyForm key={JSON.stringify(data.tally)} activity={data} />
        ) : null
      ) : (
        <RollCall activity={data} />
      )}
      <LibraryMaterials activity={data} />
      <Photos activity={data} />
    </Stack>
  );
}
