import {
  Button,
  Checkbox,
  Code,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedSignature, CreateSignatureBody } from '../../../../shared/contracts/commitment.ts';
import { signatureKinds, type SignatureKind } from '../../../../shared/commitment-taxonomies.ts';
import { groupCodeForPrint } from '../commitment-format.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { todayIso, useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCreateSignature, useDecideSignature, useSignature } from '../api/commitment-api.ts';

interface SignatureForm {
  kind: SignatureKind;
  memberId: string | null;
  unitId: number | null;
  name: string;
  organisation: string;
  sex: '' | 'L' | 'P';
  forum: string;
  decreeNumber: string;
  companyName: string;
  companySignatory: string;
  companySignatoryTitle: string;
  signedOn: string;
  publicName: boolean;
}

/** Staff entry of one signature of the active version; the receipt code is shown once afterwards. */
export function CreateSignatureDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('commitment');
  const create = useCreateSignature();
  const [created, setCreated] = useState<CreatedSignature | null>(null);
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<SignatureForm>({
    initialValues: {
      kind: 'member',
      memberId: null,
      unitId: null,
      name: '',
      organisation: '',
      sex: '',
      forum: '',
      decreeNumber: '',
      companyName: '',
      companySignatory: '',
      companySignatoryTitle: '',
      signedOn: todayIso(),
      publicName: false,
    },
    validate: {
      memberId: (value, values) => (values.kind === 'member' && !value ? t('validation.required') : null),
      unitId: (value, values) => (values.kind !== 'member' && !value ? t('validation.required') : null),
      name: (value, values) => (values.kind === 'person' ? required(value) : null),
      forum: (value, values) =>
        values.kind === 'unit' || values.kind === 'psp_company' ? required(value) : null,
      companySignatory: (value, values) => (values.kind === 'psp_company' ? required(value) : null),
      signedOn: required,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const { kind } = form.values;
  const bodyOf = (values: SignatureForm): CreateSignatureBody => {
    const orNull = (value: string) => value.trim() || null;
    switch (values.kind) {
      case 'member':
        return {
          kind: 'member',
          memberId: values.memberId!,
          signedOn: values.signedOn,
          publicName: values.publicName,
        };
      case 'person':
        return {
          kind: 'person',
          name: values.name.trim(),
          organisation: orNull(values.organisation),
          sex: values.sex || null,
          unitId: values.unitId!,
          signedOn: values.signedOn,
          publicName: values.publicName,
        };
      case 'unit':
        return {
          kind: 'unit',
          unitId: values.unitId!,
          forum: values.forum.trim(),
          decreeNumber: orNull(values.decreeNumber),
          signedOn: values.signedOn,
        };
      case 'psp_company':
        return {
          kind: 'psp_company',
          unitId: values.unitId!,
          forum: values.forum.trim(),
          decreeNumber: orNull(values.decreeNumber),
          companyName: orNull(values.companyName),
          companySignatory: values.companySignatory.trim(),
          companySignatoryTitle: orNull(values.companySignatoryTitle),
          signedOn: values.signedOn,
        };
    }
  };
  const submit = form.onSubmit((values) => {
    clearError();
    create.mutate(bodyOf(values), { onSuccess: setCreated, onError: handleError });
  });

  if (created)
    return (
      <AppModal opened onClose={onClose} title={t('signatures.receiptTitle')}>
        <Stack>
          <Text>{t('signatures.receiptText')}</Text>
          <Code block fz="xl" ta="center">
            {groupCodeForPrint(created.receiptCode)}
          </Code>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('signatures.receiptDone')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    );
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('signatures.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label={t('signatures.form.kind')}
            data={signatureKinds.map((value) => ({ value, label: t(`kinds.${value}`) }))}
            {...form.getInputProps('kind')}
          />
          {kind === 'member' && (
            <MemberPicker
              label={t('signatures.form.member')}
              required
              value={form.values.memberId}
              onChange={(value) => form.setFieldValue('memberId', value)}
              error={form.errors.memberId}
            />
          )}
          {kind !== 'member' && (
            <UnitPicker
              label={
                kind === 'person'
                  ? t('signatures.form.personUnit')
                  : kind === 'psp_company'
                    ? t('signatures.form.psp')
                    : t('signatures.form.unit')
              }
              required
              value={form.values.unitId}
              onChange={(value) => form.setFieldValue('unitId', value)}
              error={form.errors.unitId}
            />
          )}
          {kind === 'person' && (
            <>
              <TextInput label={t('signatures.form.name')} required {...form.getInputProps('name')} />
              <TextInput label={t('signatures.form.organisation')} {...form.getInputProps('organisation')} />
              <NativeSelect
                label={t('signatures.form.sex')}
                data={[
                  { value: '', label: t('signatures.form.sexNone') },
                  { value: 'P', label: t('signatures.form.sexP') },
                  { value: 'L', label: t('signatures.form.sexL') },
                ]}
                {...form.getInputProps('sex')}
              />
            </>
          )}
          {(kind === 'unit' || kind === 'psp_company') && (
            <>
              <TextInput label={t('signatures.form.forum')} required {...form.getInputProps('forum')} />
              <TextInput label={t('signatures.form.decreeNumber')} {...form.getInputProps('decreeNumber')} />
            </>
          )}
          {kind === 'psp_company' && (
            <>
              <TextInput label={t('signatures.form.companyName')} {...form.getInputProps('companyName')} />
              <TextInput
                label={t('signatures.form.companySignatory')}
                required
                {...form.getInputProps('companySignatory')}
              />
              <TextInput
                label={t('signatures.form.companySignatoryTitle')}
                {...form.getInputProps('companySignatoryTitle')}
              />
            </>
          )}
          <TextInput
            type="date"
            label={t('signatures.form.signedOn')}
            required
            {...form.getInputProps('signedOn')}
          />
          {(kind === 'member' || kind === 'person') && (
            <Checkbox
              label={t('signatures.form.publicName')}
              {...form.getInputProps('publicName', { type: 'checkbox' })}
            />
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('signatures.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** Invalidating needs a reason, shown to the signer with her receipt and kept in the history. */
export function InvalidateDialog({ signatureId, onClose }: { signatureId: string; onClose: () => void }) {
  const { t } = useTranslation('commitment');
  const decide = useDecideSignature();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <AppModal opened onClose={onClose} title={t('signatures.invalidateTitle')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) return setMissing(true);
          decide.mutate(
            { id: signatureId, status: 'invalidated', reason: reason.trim() },
            {
              onSuccess: () => {
                notifySuccess(t('signatures.decided'));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Textarea
            label={t('signatures.reason')}
            required
            data-autofocus
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={missing ? t('validation.reasonRequired') : undefined}
          />
          <ErrorAlert error={decide.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={decide.isPending}>
              {t('signatures.invalidate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** The status history of one signature: who, when, why. */
export function HistoryDialog({ signatureId, onClose }: { signatureId: string; onClose: () => void }) {
  const { t } = useTranslation('commitment');
  const format = useFormatters();
  const signature = useSignature(signatureId);
  return (
    <AppModal opened onClose={onClose} title={t('signatures.historyTitle')}>
      {signature.isError ? (
        <ErrorAlert error={signature.error} />
      ) : (
        <List>
          {(signature.data?.events ?? []).map((event, index) => (
            <List.Item key={index}>
              {t('signatures.historyBy', {
                status: t(`signatureStatuses.${event.status}`),
                who: event.actorName ?? t('signatures.system'),
                at: format.dateTime(event.at),
              })}
              {event.reason ? ` — ${event.reason}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </AppModal>
  );
}
