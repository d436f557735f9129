import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail, TrackView } from '../../../../shared/contracts/training.ts';
import { classLevels, type ClassLevel } from '../../../../shared/training-taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCreateClass, useCreateProgram, useTracks } from '../api/training-api.ts';

export function DialogButtons({
  onClose,
  loading,
  submit,
}: {
  onClose: () => void;
  loading: boolean;
  submit: string;
}) {
  const { t } = useTranslation('training');
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

/** The track's name in the UI language (tracks are configuration, labelled per language). */
export const trackLabel = (tracks: readonly TrackView[] | undefined, code: string): string => {
  const track = tracks?.find((item) => item.code === code);
  return track ? track.labels[currentLanguage()] : code;
};

export function CreateProgramDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (program: ProgramDetail) => void;
}) {
  const { t } = useTranslation('training');
  const create = useCreateProgram();
  const form = useForm<{
    unitId: number | null;
    name: string;
    partners: string[];
    venue: string;
    funding: string;
    startsOn: string;
    endsOn: string;
  }>({
    initialValues: {
      unitId: null,
      name: '',
      partners: [''],
      venue: '',
      funding: '',
      startsOn: '',
      endsOn: '',
    },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      startsOn: (value) => (value ? null : t('validation.required')),
      endsOn: (value, values) =>
        !value ? t('validation.required') : value < values.startsOn ? t('validation.endBeforeStart') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.unitId) return;
    clearError();
    create.mutate(
      {
        unitId: values.unitId,
        name: values.name.trim(),
        partners: values.partners.map((partner) => partner.trim()).filter(Boolean),
        venue: values.venue.trim() || null,
        funding: values.funding.trim() || null,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
      },
      {
        onSuccess: (program) => {
          notifySuccess(t('programs.created', { name: program.name }));
          onCreated(program);
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('programs.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('programs.fields.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <UnitPicker
            label={t('programs.fields.unit')}
            description={t('programs.fields.unitHint')}
            value={form.values.unitId}
            onChange={(value) => form.setFieldValue('unitId', value)}
            error={form.errors.unitId}
            required
          />
          <Fieldset legend={t('programs.fields.partners')} variant="unstyled">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('programs.fields.partnersHint')}
              </Text>
              {form.values.partners.map((_, index) => (
                <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('programs.fields.partner', { number: index + 1 })}
                    {...form.getInputProps(`partners.${index}`)}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t('programs.fields.removePartner', { number: index + 1 })}
                    onClick={() => form.removeListItem('partners', index)}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <div>
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => form.insertListItem('partners', '')}
                  disabled={form.values.partners.length >= 20}
                >
                  {t('programs.fields.addPartner')}
                </Button>
              </div>
            </Stack>
          </Fieldset>
          <TextInput label={t('programs.fields.venue')} {...form.getInputProps('venue')} />
          <TextInput label={t('programs.fields.funding')} {...form.getInputProps('funding')} />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('programs.fields.startsOn')}
              required
              {...form.getInputProps('startsOn')}
            />
            <TextInput
              type="date"
              label={t('programs.fields.endsOn')}
              required
              {...form.getInputProps('endsOn')}
            />
          </Group>
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}

interface ClassFormValues {
  track: string;
  level: ClassLevel;
  title: string;
  seats: number | string;
  womenOnly: boolean;
  maxAge: number | string;
  prerequisites: { track: string; level: ClassLevel | '' }[];
  minAttendance: number | string;
  minPostScore: number | string;
  startsOn: string;
  endsOn: string;
  hours: number | string;
  certificateValidYears: number | string;
}

const numberOrNull = (value: number | string): number | null =>
  value === '' || value === null || Number.isNaN(Number(value)) ? null : Number(value);

export function CreateClassDialog({ program, onClose }: { program: ProgramDetail; onClose: () => void }) {
  const { t } = useTranslation('training');
  const tracks = useTracks();
  const create = useCreateClass();
  const percentCheck = (value: number | string) => {
    const number = numberOrNull(value);
    return number === null || (number >= 0 && number <= 100) ? null : t('classForm.percentRange');
  };
  const form = useForm<ClassFormValues>({
    initialValues: {
      track: '',
      level: 'dasar',
      title: '',
      seats: 20,
      womenOnly: false,
      maxAge: '',
      prerequisites: [],
      minAttendance: 80,
      minPostScore: '',
      startsOn: program.startsOn,
      endsOn: program.endsOn,
      hours: '',
      certificateValidYears: '',
    },
    validate: {
      track: (value) => (value ? null : t('validation.required')),
      title: (value) => (value.trim() ? null : t('validation.required')),
      seats: (value) => (Number(value) >= 1 ? null : t('validation.seats')),
      minAttendance: (value) => (value === '' ? t('validation.required') : percentCheck(value)),
      minPostScore: percentCheck,
      startsOn: (value) => (value ? null : t('validation.required')),
      endsOn: (value, values) =>
        !value ? t('validation.required') : value < values.startsOn ? t('validation.endBeforeStart') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const trackOptions = (tracks.data?.items ?? []).map((track) => ({
    value: track.code,
    label: track.labels[currentLanguage()],
  }));
  // A track brings its defaults (Kelas Perempuan: women only; Pekerja Muda: age 35); still editable.
  const pickTrack = (code: string) => {
    const track = tracks.data?.items.find((item) => item.code === code);
    form.setFieldValue('track', code);
    if (track) {
      form.setFieldValue('womenOnly', track.womenOnly);
      form.setFieldValue('maxAge', track.maxAge ?? '');
    }
  };
  const submit = form.onSubmit((values) => {
    clearError();
    const minPost = numberOrNull(values.minPostScore);
    create.mutate(
      {
        programId: program.id,
        track: values.track,
        level: values.level,
        title: values.title.trim(),
        seats: Number(values.seats),
        womenOnly: values.womenOnly,
        maxAge: numberOrNull(values.maxAge),
        prerequisites: values.prerequisites
          .filter((item) => item.track)
          .map((item) => ({ track: item.track, level: item.level || null })),
        minAttendance: Number(values.minAttendance) / 100,
        minPostScore: minPost === null ? null : minPost / 100,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        hours: numberOrNull(values.hours),
        certificateValidYears: numberOrNull(values.certificateValidYears),
      },
      {
        onSuccess: (detail) => {
          notifySuccess(t('classForm.created', { name: detail.title }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  const levelOptions = classLevels.map((level) => ({ value: level, label: t(`level.${level}`) }));
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('classForm.title', { name: program.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label={t('classForm.fields.track')}
            description={t('classForm.trackDefaults')}
            data={[{ value: '', label: '—' }, ...trackOptions]}
            required
            data-autofocus
            value={form.values.track}
            onChange={(event) => pickTrack(event.currentTarget.value)}
            error={form.errors.track}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('classForm.fields.level')}
              data={levelOptions}
              required
              {...form.getInputProps('level')}
            />
            <NumberInput
              label={t('classForm.fields.seats')}
              min={1}
              max={1000}
              allowDecimal={false}
              required
              {...form.getInputProps('seats')}
            />
          </Group>
          <TextInput label={t('classForm.fields.title')} required {...form.getInputProps('title')} />
          <Group grow align="flex-start">
            <Checkbox
              mt="lg"
              label={t('classForm.fields.womenOnly')}
              {...form.getInputProps('womenOnly', { type: 'checkbox' })}
            />
            <NumberInput
              label={t('classForm.fields.maxAge')}
              description={t('classForm.fields.maxAgeHint')}
              min={15}
              max={99}
              allowDecimal={false}
              {...form.getInputProps('maxAge')}
            />
          </Group>
          <Fieldset legend={t('classForm.fields.prerequisites')} variant="unstyled">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('classForm.fields.prerequisitesHint')}
              </Text>
              {form.values.prerequisites.map((_, index) => (
                <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
                  <NativeSelect
                    style={{ flex: 2 }}
                    label={t('classForm.fields.prerequisiteTrack', { number: index + 1 })}
                    data={[{ value: '', label: '—' }, ...trackOptions]}
                    {...form.getInputProps(`prerequisites.${index}.track`)}
                  />
                  <NativeSelect
                    style={{ flex: 1 }}
                    label={t('classForm.fields.prerequisiteLevel', { number: index + 1 })}
                    data={[{ value: '', label: t('classForm.fields.anyLevel') }, ...levelOptions]}
                    {...form.getInputProps(`prerequisites.${index}.level`)}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t('classForm.fields.removePrerequisite', { number: index + 1 })}
                    onClick={() => form.removeListItem('prerequisites', index)}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <div>
                <Button
                  variant="subtle"
                  size="xs"
                  disabled={form.values.prerequisites.length >= 10}
                  onClick={() => form.insertListItem('prerequisites', { track: '', level: '' })}
                >
                  {t('classForm.fields.addPrerequisite')}
                </Button>
              </div>
            </Stack>
          </Fieldset>
          <Group grow align="flex-start">
            <NumberInput
              label={t('classForm.fields.minAttendance')}
              description={t('classForm.fields.minAttendanceHint')}
              min={0}
              max={100}
              required
              {...form.getInputProps('minAttendance')}
            />
            <NumberInput
              label={t('classForm.fields.minPostScore')}
              description={t('classForm.fields.minPostScoreHint')}
              min={0}
              max={100}
              {...form.getInputProps('minPostScore')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('classForm.fields.startsOn')}
              required
              {...form.getInputProps('startsOn')}
            />
            <TextInput
              type="date"
              label={t('classForm.fields.endsOn')}
              required
              {...form.getInputProps('endsOn')}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label={t('classForm.fields.hours')}
              min={0}
              max={1000}
              {...form.getInputProps('hours')}
            />
            <NumberInput
              label={t('classForm.fields.certificateValidYears')}
              description={t('classForm.fields.certificateValidYearsHint')}
              min={1}
              max={20}
              allowDecimal={false}
              {...form.getInputProps('certificateValidYears')}
            />
          </Group>
          <ErrorAlert error={error ?? tracks.error} />
          <DialogButtons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}
