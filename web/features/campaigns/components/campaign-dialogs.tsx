import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { sixteenDaysOf, reachModes, type ReachMode } from '../../../../shared/campaign-taxonomies.ts';
import type { ActivityDetail, CampaignDetail } from '../../../../shared/contracts/campaigns.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import {
  useActivityKinds,
  useCreateActivity,
  useCreateCampaign,
  useUpdateActivity,
  useUpdateCampaign,
} from '../api/campaigns-api.ts';

function DialogButtons({
  onClose,
  loading,
  submit,
}: {
  onClose: () => void;
  loading: boolean;
  submit: string;
}) {
  const { t } = useTranslation('campaigns');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submit}
      </Button>
    </Group>
  );
}

interface CampaignFormValues {
  unitId: number | null;
  title: string;
  theme: string;
  startsOn: string;
  endsOn: string;
  goalWomen: number | string;
  goalMen: number | string;
  goalUnits: number | string;
  useTemplate: boolean;
  templateYear: number | string;
  days: { date: string; theme: string }[];
}

const goalOf = (value: number | string) => (value === '' ? null : Number(value));

/**
 * A campaign, a sub-campaign of `parent`, or (with `campaign`) an edit. The 16 Days template fills the
 * dates and one theme per day (in the UI language); every theme stays editable.
 */
export function CampaignDialog({
  parent,
  campaign,
  onClose,
  onSaved,
}: {
  parent?: CampaignDetail;
  campaign?: CampaignDetail;
  onClose: () => void;
  onSaved: (campaign: CampaignDetail) => void;
}) {
  const { t } = useTranslation('campaigns');
  const format = useFormatters();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const defaultYear = parent ? Number(parent.startsOn.slice(0, 4)) : new Date().getFullYear();
  const form = useForm<CampaignFormValues>({
    initialValues: {
      unitId: campaign?.ownerUnitId ?? null,
      title: campaign?.title ?? '',
      theme: campaign?.theme ?? parent?.theme ?? '',
      startsOn: campaign?.startsOn ?? parent?.startsOn ?? '',
      endsOn: campaign?.endsOn ?? parent?.endsOn ?? '',
      goalWomen: campaign?.goals.women ?? '',
      goalMen: campaign?.goals.men ?? '',
      goalUnits: campaign?.goals.units ?? '',
      useTemplate: false,
      templateYear: defaultYear,
      days: campaign?.days ?? parent?.days ?? [],
    },
    validate: {
      unitId: (value) => (campaign || value ? null : t('validation.required')),
      title: (value) => (value.trim() ? null : t('validation.required')),
      startsOn: (value) => (value ? null : t('validation.required')),
      endsOn: (value, values) =>
        !value ? t('validation.required') : value < values.startsOn ? t('validation.endBeforeStart') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const applyTemplate = (year: number) => {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return;
    const template = sixteenDaysOf(year);
    const language = currentLanguage();
    form.setValues({
      startsOn: template.startsOn,
      endsOn: template.endsOn,
      days: template.days.map((day) => ({ date: day.date, theme: day.theme[language] })),
    });
  };
  const submit = form.onSubmit((values) => {
    clearError();
    const fields = {
      title: values.title.trim(),
      theme: values.theme.trim() || null,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      goalWomen: goalOf(values.goalWomen),
      goalMen: goalOf(values.goalMen),
      goalUnits: goalOf(values.goalUnits),
      days: values.days
        .filter((day) => day.theme.trim() && day.date >= values.startsOn && day.date <= values.endsOn)
        .map((day) => ({ date: day.date, theme: day.theme.trim() })),
    };
    const done = {
      onSuccess: (saved: CampaignDetail) => {
        notifySuccess(campaign ? t('form.saved') : t('form.created', { title: saved.title }));
        onSaved(saved);
      },
      onError: handleError,
    };
    if (campaign) update.mutate({ campaignId: campaign.id, ...fields }, done);
    else if (values.unitId)
      create.mutate(
        {
          ownerUnitId: values.unitId,
          parentId: parent?.id ?? null,
          template: values.useTemplate ? 'sixteen_days' : (parent?.template ?? null),
          ...fields,
        },
        done,
      );
  });
  const title = campaign
    ? t('form.editTitle')
    : parent
      ? t('form.createChildTitle', { parent: parent.title })
      : t('form.createTitle');
  return (
    <AppModal opened onClose={onClose} size="lg" title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('form.title')} required data-autofocus {...form.getInputProps('title')} />
          <Textarea label={t('form.theme')} autosize minRows={2} {...form.getInputProps('theme')} />
          {!campaign && (
            <UnitPicker
              label={t('form.unit')}
              description={t('form.unitHint')}
              value={form.values.unitId}
              onChange={(value) => form.setFieldValue('unitId', value)}
              error={form.errors.unitId}
              required
            />
          )}
          {!campaign && !parent && (
            <Fieldset legend={t('form.template')} variant="unstyled">
              <Stack gap="xs">
                <Checkbox
                  label={t('form.template')}
                  description={t('form.templateHint')}
                  checked={form.values.useTemplate}
                  onChange={(event) => {
                    form.setFieldValue('useTemplate', event.currentTarget.checked);
                    if (event.currentTarget.checked) applyTemplate(Number(form.values.templateYear));
                  }}
                />
                {form.values.useTemplate && (
                  <NumberInput
                    label={t('form.templateYear')}
                    min={2000}
                    max={2100}
                    allowDecimal={false}
                    value={form.values.templateYear}
                    onChange={(value) => {
                      form.setFieldValue('templateYear', value);
                      applyTemplate(Number(value));
                    }}
                  />
                )}
              </Stack>
            </Fieldset>
          )}
          <Group grow align="flex-start">
            <TextInput type="date" label={t('form.startsOn')} required {...form.getInputProps('startsOn')} />
            <TextInput type="date" label={t('form.endsOn')} required {...form.getInputProps('endsOn')} />
          </Group>
          <Fieldset legend={t('form.goals')}>
            <Group grow align="flex-start">
              <NumberInput
                label={t('form.goalWomen')}
                min={0}
                allowDecimal={false}
                {...form.getInputProps('goalWomen')}
              />
              <NumberInput
                label={t('form.goalMen')}
                min={0}
                allowDecimal={false}
                {...form.getInputProps('goalMen')}
              />
              <NumberInput
                label={t('form.goalUnits')}
                min={0}
                allowDecimal={false}
                {...form.getInputProps('goalUnits')}
              />
            </Group>
          </Fieldset>
          {form.values.days.length > 0 && (
            <Fieldset legend={t('form.days')}>
              <Stack gap="xs">
                {form.values.days.map((day, index) => (
                  <TextInput
                    key={day.date}
                    label={t('form.dayTheme', { date: format.date(day.date) })}
                    {...form.getInputProps(`days.${index}.theme`)}
                  />
                ))}
              </Stack>
            </Fieldset>
          )}
          <ErrorAlert error={error} />
          <DialogButtons
            onClose={onClose}
            loading={create.isPending || update.isPending}
            submit={campaign ? t('common.save') : t('common.create')}
          />
        </Stack>
      </form>
    </AppModal>
  );
}

interface ActivityFormValues {
  kind: string;
  title: string;
  hostUnitId: number | null;
  heldOn: string;
  place: string;
  materials: string;
  reachMode: ReachMode;
  facilitatorMemberId: string | null;
  externals: { name: string; organisation: string }[];
}

/** What the activity form needs of its campaign: where the activity may be held and who may facilitate. */
export interface ActivityCampaign {
  id: number;
  startsOn: string;
  endsOn: string;
  ownerUnitId: number;
}

/** The campaign of an activity, as the activity page knows it. */
export const campaignOfActivity = (activity: ActivityDetail): ActivityCampaign => ({
  id: activity.campaignId,
  startsOn: activity.campaignStartsOn,
  endsOn: activity.campaignEndsOn,
  ownerUnitId: activity.campaignOwnerUnitId,
});

function activityFormValues(campaign: ActivityCampaign, activity?: ActivityDetail): ActivityFormValues {
  if (!activity)
    return {
      kind: '',
      title: '',
      hostUnitId: null,
      heldOn: campaign.startsOn,
      place: '',
      materials: '',
      reachMode: 'tally',
      facilitatorMemberId: null,
      externals: [],
    };
  // The form offers one member facilitator; further members are kept as they are.
  const members = activity.facilitators.filter((facilitator) => facilitator.memberId !== null);
  return {
    kind: activity.kind,
    title: activity.title,
    hostUnitId: activity.hostUnitId,
    heldOn: activity.heldOn,
    place: activity.place ?? '',
    materials: activity.materials ?? '',
    reachMode: activity.reachMode,
    facilitatorMemberId: members[0]?.memberId ?? null,
    externals: activity.facilitators
      .filter((facilitator) => facilitator.memberId === null)
      .map((facilitator) => ({ name: facilitator.name, organisation: facilitator.organisation ?? '' })),
  };
}

/**
 * An activity of the campaign: kind, host unit, date, facilitators, materials and how reach is recorded.
 * With `activity` it corrects that activity; its reach mode stays, since what was recorded depends on it.
 */
export function ActivityDialog({
  campaign,
  activity,
  onClose,
  onSaved,
}: {
  campaign: ActivityCampaign;
  activity?: ActivityDetail;
  onClose: () => void;
  onSaved: (activity: ActivityDetail) => void;
}) {
  const { t } = useTranslation('campaigns');
  const kinds = useActivityKinds();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const language = currentLanguage();
  const form = useForm<ActivityFormValues>({
    initialValues: activityFormValues(campaign, activity),
    validate: {
      kind: (value) => (value ? null : t('validation.required')),
      title: (value) => (value.trim() ? null : t('validation.required')),
      hostUnitId: (value) => (value ? null : t('validation.required')),
      heldOn: (value) => (value ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.hostUnitId) return;
    clearError();
    const otherMembers = (activity?.facilitators ?? [])
      .filter((facilitator) => facilitator.memberId !== null)
      .slice(1)
      .map((facilitator) => ({ memberId: facilitator.memberId! }));
    const facts = {
      kind: values.kind,
      title: values.title.trim(),
      hostUnitId: values.hostUnitId,
      heldOn: values.heldOn,
      place: values.place.trim() || null,
      materials: values.materials.trim() || null,
      facilitators: [
        ...(values.facilitatorMemberId ? [{ memberId: values.facilitatorMemberId }] : []),
        ...otherMembers,
        ...values.externals
          .filter((external) => external.name.trim())
          .map((external) => ({
            name: external.name.trim(),
            organisation: external.organisation.trim() || null,
          })),
      ],
    };
    const onSuccess = (saved: ActivityDetail) => {
      notifySuccess(t(activity ? 'activity.updated' : 'activity.created', { title: saved.title }));
      onSaved(saved);
    };
    if (activity) update.mutate({ activityId: activity.id, ...facts }, { onSuccess, onError: handleError });
    else
      create.mutate(
        { campaignId: campaign.id, reachMode: values.reachMode, ...facts },
        { onSuccess, onError: handleError },
      );
  });
  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={t(activity ? 'activity.editTitle' : 'activity.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('activity.fields.title')}
            required
            data-autofocus
            {...form.getInputProps('title')}
          />
          <NativeSelect
            label={t('activity.fields.kind')}
            required
            data={[
              { value: '', label: '—' },
              ...(kinds.data?.items ?? []).map((kind) => ({
                value: kind.code,
                label: kind.labels[language],
              })),
            ]}
            {...form.getInputProps('kind')}
          />
          <UnitPicker
            label={t('activity.fields.host')}
            description={t('activity.fields.hostHint')}
            value={form.values.hostUnitId}
            onChange={(value) => form.setFieldValue('hostUnitId', value)}
            error={form.errors.hostUnitId}
            required
          />
          <TextInput
            type="date"
            label={t('activity.fields.heldOn')}
            required
            min={campaign.startsOn}
            max={campaign.endsOn}
            {...form.getInputProps('heldOn')}
          />
          <TextInput label={t('activity.fields.place')} {...form.getInputProps('place')} />
          <Textarea
            label={t('activity.fields.materials')}
            autosize
            minRows={2}
            {...form.getInputProps('materials')}
          />
          {!activity && (
            <NativeSelect
              label={t('activity.fields.reachMode')}
              data={reachModes.map((mode) => ({ value: mode, label: t(`reachMode.${mode}`) }))}
              {...form.getInputProps('reachMode')}
            />
          )}
          <Fieldset legend={t('activity.facilitators')}>
            <Stack gap="xs">
              <MemberPicker
                label={t('activity.facilitatorMember')}
                value={form.values.facilitatorMemberId}
                onChange={(value) => form.setFieldValue('facilitatorMemberId', value)}
                unitId={campaign.ownerUnitId}
              />
              {form.values.externals.map((_, index) => (
                <Group key={index} align="flex-end" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={`${t('activity.facilitatorExternal')}: ${t('activity.facilitatorName')}`}
                    {...form.getInputProps(`externals.${index}.name`)}
                  />
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('activity.facilitatorOrganisation')}
                    {...form.getInputProps(`externals.${index}.organisation`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('activity.removeFacilitator', { index: index + 1 })}
                    onClick={() => form.removeListItem('externals', index)}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => form.insertListItem('externals', { name: '', organisation: '' })}
                >
                  {t('activity.addFacilitator')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <ErrorAlert error={error} />
          <DialogButtons
            onClose={onClose}
            loading={create.isPending || update.isPending}
            submit={t(activity ? 'common.save' : 'common.create')}
          />
        </Stack>
      </form>
    </AppModal>
  );
}
