import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  caseServices,
  referralStatuses,
  type CaseService,
  type ReferralStatus,
} from '../../../../shared/case-taxonomy.ts';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { todayIso, useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useAddReferral, useReviewReferral, useUpdateReferral } from '../api/case-referrals-api.ts';
import { ConsentBadge, latestConsent } from './case-consents.tsx';
import { hasErrorCode, useCodeOptions } from './case-labels.tsx';
import { CaseFormCard } from './case-form-card.tsx';

export type Referral = CaseDetail['referrals'][number];

/** Only the coordinator reviews emergency referrals; the server says whether the caller may. */
export const canReviewReferrals = (detail: CaseDetail): boolean => detail.allowed.reviewReferral;

export function ReferralsSection({
  detail,
  onUpdate,
}: {
  detail: CaseDetail;
  onUpdate: (referral: Referral) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const review = useReviewReferral();
  const canReview = canReviewReferrals(detail);
  return (
    <Stack component="section" aria-labelledby="case-referrals">
      <Title order={2} size="h3" id="case-referrals">
        {t('cases.sections.referrals')}
      </Title>
      <Text size="sm">{t('cases.referrals.intro')}</Text>
      {detail.referrals.length === 0 ? (
        <Text>{t('cases.referrals.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.referrals')} minWidth={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.referrals.service')}</Table.Th>
              <Table.Th scope="col">{t('cases.referrals.recipient')}</Table.Th>
              <Table.Th scope="col">{t('cases.referrals.referredOn')}</Table.Th>
              <Table.Th scope="col">{t('cases.referrals.status')}</Table.Th>
              <Table.Th scope="col">{t('cases.referrals.outcome')}</Table.Th>
              <Table.Th scope="col">{t('cases.referrals.emergency')}</Table.Th>
              {(detail.allowed.refer || canReview) && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.referrals.map((referral) => {
              const service = t(`cases.services.${referral.service}`);
              return (
                <Table.Tr key={referral.id}>
                  <Table.Td>{service}</Table.Td>
                  <Table.Td>{referral.recipient ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(referral.referredOn)}</Table.Td>
                  <Table.Td>{t(`cases.referralStatuses.${referral.status}`)}</Table.Td>
                  <Table.Td>{referral.outcome ?? '—'}</Table.Td>
                  <Table.Td>
                    {referral.emergency ? (
                      <Stack gap={4}>
                        <Group gap={4}>
                          <Badge variant="filled" color="red">
                            {t('cases.referrals.emergencyBadge')}
                          </Badge>
                          {referral.needsReview && (
                            <Badge variant="light" color="red">
                              {t('cases.referrals.needsReview')}
                            </Badge>
                          )}
                        </Group>
                        {referral.emergencyReason && <Text size="sm">{referral.emergencyReason}</Text>}
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  {(detail.allowed.refer || canReview) && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {detail.allowed.refer && (
                          <Button
                            variant="default"
                            size="xs"
                            onClick={() => onUpdate(referral)}
                            aria-label={t('cases.referrals.updateNamed', { service })}
                          >
                            {t('cases.referrals.update')}
                          </Button>
                        )}
                        {canReview && referral.needsReview && (
                          <Button
                            size="xs"
                            loading={review.isPending && review.variables.itemId === referral.id}
                            onClick={() =>
                              review.mutate(
                                { id: detail.id, itemId: referral.id },
                                { onSuccess: () => notifySuccess(t('cases.referrals.reviewed')) },
                              )
                            }
                            aria-label={t('cases.referrals.reviewNamed', { service })}
                          >
                            {t('cases.referrals.review')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
      )}
      <ErrorAlert error={review.error} />
      {detail.allowed.refer && <AddReferralForm detail={detail} />}
    </Stack>
  );
}

interface ReferralValues {
  service: '' | CaseService;
  recipient: string;
  referredOn: string;
  isEmergency: boolean;
  emergencyReason: string;
}

/**
 * Nothing goes to a service without the survivor's recorded consent for it. The one exception is an
 * emergency: it needs a written reason and is flagged for the coordinator's review.
 */
export function AddReferralForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const add = useAddReferral();
  const form = useForm<ReferralValues>({
    initialValues: {
      service: '',
      recipient: '',
      referredOn: todayIso(),
      isEmergency: false,
      emergencyReason: '',
    },
    validate: {
      service: (value) => (value ? null : t('validation.required')),
      referredOn: (value) => (value ? null : t('validation.required')),
      emergencyReason: (value, values) =>
        values.isEmergency && value.trim().length < 3 ? t('cases.referrals.emergencyReasonRequired') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const service = form.values.service;
  const consent = service ? latestConsent(detail.consents, service) : null;

  const submit = form.onSubmit((values) => {
    if (!values.service) return;
    clearError();
    add.mutate(
      {
        id: detail.id,
        service: values.service,
        recipient: values.recipient.trim() || null,
        referredOn: values.referredOn,
        ...(values.isEmergency ? { emergencyReason: values.emergencyReason.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('cases.referrals.added'));
          form.reset();
        },
        onError: handleError,
      },
    );
  });

  return (
    <CaseFormCard
      id="case-referral-form"
      title={t('cases.referrals.add')}
      submitLabel={t('cases.referrals.submit')}
      pending={add.isPending}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('cases.referrals.service')}
          required
          data={codeOptions(caseServices, 'services')}
          {...form.getInputProps('service')}
        />
        <TextInput
          label={t('cases.referrals.recipient')}
          maxLength={300}
          {...form.getInputProps('recipient')}
        />
        <TextInput
          type="date"
          label={t('cases.referrals.referredOn')}
          required
          {...form.getInputProps('referredOn')}
        />
      </SimpleGrid>
      {service && (
        <Text size="sm" role="status">
          {t('cases.referrals.consentFor', { service: t(`cases.services.${service}`) })}{' '}
          {consent ? (
            <ConsentBadge status={consent.status} />
          ) : (
            <strong>{t('cases.referrals.noConsent')}</strong>
          )}
        </Text>
      )}
      <Checkbox
        label={t('cases.referrals.emergencyOption')}
        description={t('cases.referrals.emergencyOptionHint')}
        {...form.getInputProps('isEmergency', { type: 'checkbox' })}
      />
      {form.values.isEmergency && (
        <>
          <Alert color="red" variant="light" title={t('cases.referrals.emergencyWarningTitle')}>
            {t('cases.referrals.emergencyWarning')}
          </Alert>
          <Textarea
            label={t('cases.referrals.emergencyReason')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps('emergencyReason')}
          />
        </>
      )}
      <ErrorAlert error={error} />
      {hasErrorCode(error, 'consent_required') && !form.values.isEmergency && (
        <Text size="sm">{t('cases.referrals.consentRequiredHint')}</Text>
      )}
    </CaseFormCard>
  );
}

export function UpdateReferralDialog({
  detail,
  referral,
  onClose,
}: {
  detail: CaseDetail;
  referral: Referral;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateReferral();
  const form = useForm<{ status: ReferralStatus; outcome: string }>({
    initialValues: { status: referral.status, outcome: referral.outcome ?? '' },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      { id: detail.id, itemId: referral.id, status: values.status, outcome: values.outcome.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('cases.referrals.updated'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal
      opened
      onClose={onClose}
      title={t('cases.referrals.updateTitle', { service: t(`cases.services.${referral.service}`) })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label={t('cases.referrals.status')}
            data-autofocus
            data={referralStatuses.map((status) => ({
              value: status,
              label: t(`cases.referralStatuses.${status}`),
            }))}
            {...form.getInputProps('status')}
          />
          <Textarea
            label={t('cases.referrals.outcome')}
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps('outcome')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
