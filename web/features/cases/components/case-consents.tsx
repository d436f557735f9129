import { Badge, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  consentRoutes,
  consentStatuses,
  type ConsentRoute,
  type ConsentStatus,
} from '../../../../shared/case-taxonomy.ts';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useRecordConsent } from '../api/case-consents-api.ts';
import { useCodeOptions } from './case-labels.tsx';
import { CaseFormCard } from './case-form-card.tsx';

type Consent = CaseDetail['consents'][number];

/** The survivor's latest word on a route; consent can be withdrawn, so only the newest record counts. */
export function latestConsent(consents: readonly Consent[], route: ConsentRoute): Consent | null {
  let latest: Consent | null = null;
  for (const consent of consents) {
    if (consent.route === route && (!latest || consent.recordedAt > latest.recordedAt)) latest = consent;
  }
  return latest;
}

const statusColours: Record<ConsentStatus, string> = { given: 'teal', refused: 'red', withdrawn: 'gray' };

export function ConsentBadge({ status }: { status: ConsentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColours[status]} component="span">
      {t(`cases.consentStatuses.${status}`)}
    </Badge>
  );
}

export function ConsentSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const consents = [...detail.consents].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  return (
    <Stack component="section" aria-labelledby="case-consent">
      <Title order={2} size="h3" id="case-consent">
        {t('cases.sections.consent')}
      </Title>
      <Text size="sm">{t('cases.consent.intro')}</Text>
      {consents.length === 0 ? (
        <Text>{t('cases.consent.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.consent')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.consent.route')}</Table.Th>
              <Table.Th scope="col">{t('cases.consent.status')}</Table.Th>
              <Table.Th scope="col">{t('cases.consent.recordedAt')}</Table.Th>
              <Table.Th scope="col">{t('cases.consent.recordedBy')}</Table.Th>
              <Table.Th scope="col">{t('cases.consent.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {consents.map((consent) => (
              <Table.Tr key={consent.id}>
                <Table.Td>{t(`cases.consentRoutes.${consent.route}`)}</Table.Td>
                <Table.Td>
                  <ConsentBadge status={consent.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(consent.recordedAt)}</Table.Td>
                <Table.Td>{consent.recordedBy}</Table.Td>
                <Table.Td>{consent.note ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {detail.allowed.recordConsent && <ConsentForm detail={detail} />}
    </Stack>
  );
}

function ConsentForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const record = useRecordConsent();
  const form = useForm<{ route: '' | ConsentRoute; status: ConsentStatus; note: string }>({
    initialValues: { route: '', status: 'given', note: '' },
    validate: { route: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.route) return;
    clearError();
    record.mutate(
      { id: detail.id, route: values.route, status: values.status, note: values.note.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('cases.consent.recorded'));
          form.reset();
        },
        onError: handleError,
      },
    );
  });
  return (
    <CaseFormCard
      id="case-consent-form"
      title={t('cases.consent.add')}
      submitLabel={t('cases.consent.submit')}
      pending={record.isPending}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('cases.consent.route')}
          required
          data={codeOptions(consentRoutes, 'consentRoutes')}
          {...form.getInputProps('route')}
        />
        <NativeSelect
          label={t('cases.consent.status')}
          required
          data={consentStatuses.map((status) => ({
            value: status,
            label: t(`cases.consentStatuses.${status}`),
          }))}
          {...form.getInputProps('status')}
        />
      </SimpleGrid>
      <Textarea
        label={t('cases.consent.note')}
        description={t('cases.consent.noteHint')}
        autosize
        minRows={2}
        maxLength={2000}
        {...form.getInputProps('note')}
      />
      <ErrorAlert error={error} />
    </CaseFormCard>
  );
}
