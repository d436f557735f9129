import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { closingReasons } from '../../../../shared/case-taxonomy.ts';
import type {
  RetentionPeriods,
  RetentionSettingsResponse,
} from '../../../../shared/contracts/case-retention.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useSaveRetentionSettings } from '../api/case-retention-api.ts';

/** Years per closing reason; editable only by a top-unit administrator (the server checks again). */
export function RetentionSettingsForm({ settings }: { settings: RetentionSettingsResponse }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const save = useSaveRetentionSettings();
  const { minimumYears: min, maximumYears: max } = settings;
  const form = useForm<RetentionPeriods>({
    initialValues: settings.periods,
    validate: Object.fromEntries(
      closingReasons.map((reason) => [
        reason,
        (value: unknown) =>
          typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
            ? null
            : t('caseRetention.settings.intro', { min, max }),
      ]),
    ),
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues(settings.periods);
    resetDirty(settings.periods);
    // Only when the server's periods change (after a save or a refresh).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.periods]);

  return (
    <Card withBorder component="section" aria-labelledby="retention-settings-title">
      <form
        aria-label={t('caseRetention.settings.label')}
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearError();
          save.mutate(values, {
            onSuccess: () => notifySuccess(t('caseRetention.settings.saved')),
            onError: handleError,
          });
        })}
      >
        <Stack>
          <Title order={2} size="h3" id="retention-settings-title">
            {t('caseRetention.settings.title')}
          </Title>
          <Text size="sm">{t('caseRetention.settings.intro', { min, max })}</Text>
          {!settings.editable && (
            <Alert color="blue" variant="light">
              {t('caseRetention.settings.readOnly')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {closingReasons.map((reason) => (
              <NumberInput
                key={reason}
                label={t('caseRetention.settings.years', { reason: t(`cases.closingReasons.${reason}`) })}
                description={t('caseRetention.settings.defaultHint', { count: settings.defaults[reason] })}
                min={min}
                max={max}
                step={1}
                allowDecimal={false}
                allowNegative={false}
                disabled={!settings.editable}
                {...form.getInputProps(reason)}
              />
            ))}
          </SimpleGrid>
          <ErrorAlert error={error} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {settings.updatedAt
                ? t('caseRetention.settings.updatedAt', { at: format.dateTime(settings.updatedAt) })
                : ''}
            </Text>
            {settings.editable && (
              <Button type="submit" loading={save.isPending}>
                {t('caseRetention.settings.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
