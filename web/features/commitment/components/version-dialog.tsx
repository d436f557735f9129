import { ActionIcon, Button, Fieldset, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { VersionDetail } from '../../../../shared/contracts/commitment.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCreateVersion } from '../api/commitment-api.ts';

interface VersionForm {
  titleId: string;
  titleEn: string;
  preambleId: string;
  preambleEn: string;
  points: { id: string; en: string }[];
  forum: string;
  adoptedOn: string;
}

/** A new draft version: both languages, its points in order, the adopting forum and date. */
export function CreateVersionDialog({
  onClose,
  onCreated,
  startFrom,
}: {
  onClose: () => void;
  onCreated: (version: VersionDetail) => void;
  /** The active version, to start from its text (a change to one point is the usual new version). */
  startFrom?: VersionDetail;
}) {
  const { t } = useTranslation('commitment');
  const create = useCreateVersion();
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<VersionForm>({
    initialValues: {
      titleId: startFrom?.titleId ?? '',
      titleEn: startFrom?.titleEn ?? '',
      preambleId: startFrom?.preambleId ?? '',
      preambleEn: startFrom?.preambleEn ?? '',
      points: startFrom?.points.map((point) => ({ ...point })) ?? [{ id: '', en: '' }],
      forum: '',
      adoptedOn: '',
    },
    validate: {
      titleId: required,
      titleEn: required,
      forum: required,
      adoptedOn: required,
      points: { id: required, en: required },
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    create.mutate(
      {
        ...values,
        points: values.points.map((point) => ({ id: point.id.trim(), en: point.en.trim() })),
      },
      {
        onSuccess: (version) => {
          notifySuccess(t('versions.created', { number: version.number }));
          onCreated(version);
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} size="xl" title={t('versions.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('versions.form.titleId')}
            required
            data-autofocus
            {...form.getInputProps('titleId')}
          />
          <TextInput label={t('versions.form.titleEn')} required {...form.getInputProps('titleEn')} />
          <Textarea
            label={t('versions.form.preambleId')}
            autosize
            minRows={2}
            {...form.getInputProps('preambleId')}
          />
          <Textarea
            label={t('versions.form.preambleEn')}
            autosize
            minRows={2}
            {...form.getInputProps('preambleEn')}
          />
          {form.values.points.map((_point, index) => (
            <Fieldset key={index} legend={t('versions.form.point', { number: index + 1 })}>
              <Group align="flex-start" wrap="nowrap">
                <Stack style={{ flex: 1 }} gap="xs">
                  <Textarea
                    label={t('versions.form.pointId', { number: index + 1 })}
                    required
                    autosize
                    {...form.getInputProps(`points.${index}.id`)}
                  />
                  <Textarea
                    label={t('versions.form.pointEn', { number: index + 1 })}
                    required
                    autosize
                    {...form.getInputProps(`points.${index}.en`)}
                  />
                </Stack>
                {form.values.points.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('versions.form.removePoint', { number: index + 1 })}
                    onClick={() => form.removeListItem('points', index)}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            </Fieldset>
          ))}
          <Group>
            <Button variant="light" onClick={() => form.insertListItem('points', { id: '', en: '' })}>
              {t('versions.form.addPoint')}
            </Button>
          </Group>
          <TextInput label={t('versions.form.forum')} required {...form.getInputProps('forum')} />
          <TextInput
            type="date"
            label={t('versions.form.adoptedOn')}
            required
            {...form.getInputProps('adoptedOn')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('versions.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
