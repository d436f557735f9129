import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  caseOutcomes,
  closingReasons,
  isSexualViolenceForm,
  type CaseOutcome,
  type CaseState,
  type ClosingReason,
} from '../../../../shared/case-taxonomy.ts';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { paths } from '../../../lib/paths.ts';
import { caseQueryOptions, forgetCase } from '../api/cases-api.ts';
import { useRerouteCase, useTransitionCase, type RoutingInput } from '../api/case-workflow-api.ts';
import { useCodeOptions } from './case-labels.tsx';

interface TransitionValues {
  to: '' | CaseState;
  reason: string;
  closingReason: '' | ClosingReason;
  outcome: '' | CaseOutcome;
}

/**
 * Outcomes the coordinator may pick. UU TPKS Art. 23: no out-of-court settlement for sexual violence, so
 * mediation is never offered on a case with a KS* form (the server refuses it too).
 */
export const outcomesFor = (forms: CaseDetail['forms']): CaseOutcome[] =>
  forms.some(isSexualViolenceForm)
    ? caseOutcomes.filter((outcome) => outcome !== 'mediasi_damai')
    : [...caseOutcomes];

/** Move the case to one of the states the server allows this caller, with the reason and what it needs. */
export function TransitionDialog({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const transition = useTransitionCase();
  const targets = detail.allowed.transitions;
  const form = useForm<TransitionValues>({
    initialValues: {
      to: targets.length === 1 ? (targets[0] ?? '') : '',
      reason: '',
      closingReason: '',
      outcome: '',
    },
    validate: {
      to: (value) => (value ? null : t('validation.required')),
      reason: (value) => (value.trim().length >= 3 ? null : t('cases.transition.reasonRequired')),
      closingReason: (value, values) =>
        values.to === 'closed' && !value ? t('cases.transition.closingReasonRequired') : null,
      outcome: (value, values) =>
        values.to === 'monitoring' && !value ? t('cases.transition.outcomeRequired') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const to = form.values.to;

  const submit = form.onSubmit((values) => {
    if (!values.to) return;
    clearError();
    transition.mutate(
      {
        id: detail.id,
        to: values.to,
        reason: values.reason.trim(),
        ...(values.to === 'closed' && values.closingReason ? { closingReason: values.closingReason } : {}),
        ...(values.to === 'monitoring' && values.outcome ? { outcome: values.outcome } : {}),
      },
      {
        onSuccess: (updated) => {
          notifySuccess(t('cases.transition.done', { state: t(`cases.states.${updated.state}`) }));
          onClose();
        },
        onError: handleError,
      },
    );
  });

  return (
    <AppModal opened onClose={onClose} title={t('cases.transition.title', { reference: detail.reference })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('cases.transition.current', { state: t(`cases.states.${detail.state}`) })}</Text>
          <NativeSelect
            label={t('cases.transition.to')}
            required
            data-autofocus
            data={codeOptions(targets, 'states')}
            {...form.getInputProps('to')}
          />
          {to === 'closed' && (
            <>
              <NativeSelect
                label={t('cases.fields.closingReason')}
                required
                data={codeOptions(closingReasons, 'closingReasons')}
                {...form.getInputProps('closingReason')}
              />
              {!detail.rightsReviewed && (
                <Alert color="red" variant="light" title={t('cases.transition.rightsTitle')}>
                  {t('cases.transition.rightsNotReviewed')}
                </Alert>
              )}
            </>
          )}
          {to === 'monitoring' && (
            <NativeSelect
              label={t('cases.fields.outcome')}
              description={
                detail.forms.some(isSexualViolenceForm) ? t('cases.transition.noMediation') : undefined
              }
              required
              data={codeOptions(outcomesFor(detail.forms), 'outcomes')}
              {...form.getInputProps('outcome')}
            />
          )}
          <Textarea
            label={t('cases.transition.reason')}
            description={t('cases.transition.reasonHint')}
            required
            autosize
            minRows={3}
            maxLength={5000}
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transition.isPending}>
              {t('cases.transition.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

interface RoutingValues {
  placeUnitId: number | null;
  clearPlaceUnit: boolean;
  namedMemberId: string | null;
  unlinkMember: boolean;
  asksDpp: boolean;
  reason: string;
}

/** Only what changed goes to the server; `null` when nothing did. */
export function routingChanges(
  detail: CaseDetail,
  values: RoutingValues,
): Omit<RoutingInput, 'reason'> | null {
  const changes: Omit<RoutingInput, 'reason'> = {};
  if (values.clearPlaceUnit && detail.placeUnit) changes.placeUnitId = null;
  else if (values.placeUnitId !== null && values.placeUnitId !== detail.placeUnit?.id)
    changes.placeUnitId = values.placeUnitId;
  const linked = detail.namedPerson?.member?.id ?? null;
  if (values.unlinkMember && linked) changes.namedMemberId = null;
  else if (values.namedMemberId !== null && values.namedMemberId !== linked)
    changes.namedMemberId = values.namedMemberId;
  if (values.asksDpp !== detail.asksDpp) changes.asksDpp = values.asksDpp;
  return Object.keys(changes).length === 0 ? null : changes;
}

/**
 * The coordinator corrects where the case belongs: the place unit, the named person's member record,
 * the "DPP should handle it" request. Rerouting can move the case to another unit's team, and then this
 * caller may no longer open it: the screen checks and goes back to the list.
 */
export function RoutingDialog({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reroute = useRerouteCase();
  const [isUnchanged, setUnchanged] = useState(false);
  const form = useForm<RoutingValues>({
    initialValues: {
      placeUnitId: null,
      clearPlaceUnit: false,
      namedMemberId: null,
      unlinkMember: false,
      asksDpp: detail.asksDpp,
      reason: '',
    },
    validate: {
      reason: (value) => (value.trim().length >= 3 ? null : t('cases.transition.reasonRequired')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);

  const leave = () => {
    notifySuccess(t('cases.routing.movedAway'));
    void navigate(paths.cases);
    void forgetCase(queryClient, detail.id);
  };

  /** The case went to another unit's team: ask again whether this caller may still open it. */
  const afterReroute = async (updated: CaseDetail) => {
    if (updated.handlingUnit.id !== detail.handlingUnit.id) {
      try {
        await queryClient.fetchQuery({ ...caseQueryOptions(detail.id), staleTime: 0 });
      } catch (cause) {
        if (isApiError(cause, 'not_found')) {
          leave();
          return;
        }
      }
    }
    notifySuccess(t('cases.routing.done'));
    onClose();
  };

  const submit = form.onSubmit((values) => {
    const changes = routingChanges(detail, values);
    setUnchanged(changes === null);
    if (!changes) return;
    clearError();
    reroute.mutate(
      { id: detail.id, ...changes, reason: values.reason.trim() },
      {
        onSuccess: (updated) => void afterReroute(updated),
        onError: (cause) => (isApiError(cause, 'not_found') ? leave() : handleError(cause)),
      },
    );
  });

  const linked = detail.namedPerson?.member ?? null;
  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={t('cases.routing.title', { reference: detail.reference })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('cases.routing.intro', { unit: detail.handlingUnit.name })}</Text>
          <Text size="sm">
            {t('cases.routing.currentPlaceUnit', {
              unit: detail.placeUnit?.name ?? t('cases.summary.unknown'),
            })}
          </Text>
          <UnitPicker
            label={t('cases.routing.placeUnit')}
            description={t('cases.routing.placeUnitHint')}
            value={form.values.placeUnitId}
            onChange={(value) => {
              form.setFieldValue('placeUnitId', value);
              if (value !== null) form.setFieldValue('clearPlaceUnit', false);
            }}
          />
          {detail.placeUnit && (
            <Checkbox
              label={t('cases.routing.clearPlaceUnit')}
              {...form.getInputProps('clearPlaceUnit', { type: 'checkbox' })}
            />
          )}
          {detail.namedPerson && (
            <>
              <Text size="sm">
                {t('cases.routing.currentMember', {
                  member: linked ? `${linked.name} · ${linked.number}` : t('cases.named.notLinked'),
                })}
              </Text>
              <MemberPicker
                label={t('cases.routing.member')}
                value={form.values.namedMemberId}
                // The case's own candidate search: coordinators may not read the member list itself.
                searchPath={`/cases/${detail.id}/member-candidates`}
                onChange={(value) => {
                  form.setFieldValue('namedMemberId', value);
                  if (value !== null) form.setFieldValue('unlinkMember', false);
                }}
              />
              {linked && (
                <Checkbox
                  label={t('cases.routing.unlinkMember')}
                  {...form.getInputProps('unlinkMember', { type: 'checkbox' })}
                />
              )}
            </>
          )}
          <Checkbox
            label={t('cases.fields.asksDpp')}
            {...form.getInputProps('asksDpp', { type: 'checkbox' })}
          />
          <Textarea
            label={t('cases.transition.reason')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('reason')}
          />
          {isUnchanged && (
            <Alert color="blue" variant="light" role="status">
              {t('cases.routing.nothingChanged')}
            </Alert>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reroute.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
