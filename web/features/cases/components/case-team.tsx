import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useForgetCase } from '../api/cases-api.ts';
import {
  useAssignable,
  useAssignToCase,
  useEndAssignment,
  useRecuseFromCase,
  type AssignableCandidate,
} from '../api/case-team-api.ts';

type Assignment = CaseDetail['assignments'][number];
type AssignmentRole = Assignment['role'];

/** The survivor asked for a handler of her own gender: said once, prominently, wherever handlers are picked. */
export function SameGenderBanner() {
  const { t } = useTranslation();
  return (
    <Alert color="grape" variant="light" title={t('cases.sameGender.title')}>
      {t('cases.sameGender.body')}
    </Alert>
  );
}

/**
 * issue 18: routing went up the tree because the unit it chose had no case coordinator. The team sees
 * why the case is theirs, and that it can go back once that unit has one.
 */
export function RoutedPastNotice({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  if (!detail.routedPastUnit) return null;
  return (
    <Alert color="yellow" variant="light" title={t('cases.routedPast.title')} role="note">
      {t('cases.routedPast.body', { unit: detail.handlingUnit.name, from: detail.routedPastUnit.name })}
      {detail.allowed.reroute
        ? ` ${t('cases.routedPast.canReroute', { from: detail.routedPastUnit.name })}`
        : ''}
    </Alert>
  );
}

export function TeamSection({
  detail,
  onAssign,
  onEnd,
  onRecuse,
}: {
  detail: CaseDetail;
  onAssign: () => void;
  onEnd: (assignment: Assignment) => void;
  onRecuse: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const session = useFullSession();
  return (
    <Stack component="section" aria-labelledby="case-team">
      <Group justify="space-between">
        <Title order={2} size="h3" id="case-team">
          {t('cases.sections.team')}
        </Title>
        <Group gap="xs">
          {detail.allowed.assign && <Button onClick={onAssign}>{t('cases.team.assign')}</Button>}
          {detail.allowed.recuse && (
            <Button variant="default" color="red" onClick={onRecuse}>
              {t('cases.team.recuse')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm">
        {t('cases.team.handlingUnit', { unit: detail.handlingUnit.name })}
        {detail.myRoles.length > 0 &&
          ` ${t('cases.team.myRoles', { roles: detail.myRoles.map((role) => t(`cases.caseRoles.${role}`)).join(', ') })}`}
      </Text>
      {detail.assignments.length === 0 ? (
        <Text>{t('cases.team.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.team')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.team.name')}</Table.Th>
              <Table.Th scope="col">{t('cases.team.role')}</Table.Th>
              <Table.Th scope="col">{t('cases.team.sex')}</Table.Th>
              <Table.Th scope="col">{t('cases.team.since')}</Table.Th>
              {detail.allowed.assign && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.assignments.map((assignment) => (
              <Table.Tr key={assignment.id}>
                <Table.Td>
                  {assignment.user.name}
                  {assignment.user.id === session.user.id && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      ({t('cases.team.you')})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`cases.caseRoles.${assignment.role}`)}</Table.Td>
                <Table.Td>{t(`sex.${assignment.sex ?? 'unknown'}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(assignment.assignedAt)}</Table.Td>
                {detail.allowed.assign && (
                  <Table.Td>
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => onEnd(assignment)}
                      aria-label={t('cases.team.endNamed', { name: assignment.user.name })}
                    >
                      {t('cases.team.end')}
                    </Button>
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

/**
 * Candidates the server found for this case: people excluded by the conflict rules stay visible but
 * cannot be chosen; when she asked for a same-gender handler, matching candidates come first and say so.
 */
export function orderCandidates(items: readonly AssignableCandidate[], role: AssignmentRole) {
  const rank = (candidate: AssignableCandidate) => (candidate.excluded ? 2 : candidate.sameGender ? 0 : 1);
  return items.filter((candidate) => candidate.roles.includes(role)).sort((a, b) => rank(a) - rank(b));
}

export function AssignDialog({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const assignable = useAssignable(detail.id);
  const assign = useAssignToCase();
  const form = useForm<{ role: AssignmentRole; userId: string }>({
    initialValues: { role: 'handler', userId: '' },
    validate: { userId: (value) => (value ? null : t('cases.assign.choose')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const candidates = orderCandidates(assignable.data?.items ?? [], form.values.role);

  const submit = form.onSubmit((values) => {
    clearError();
    assign.mutate(
      { id: detail.id, userId: values.userId, role: values.role },
      {
        onSuccess: () => {
          notifySuccess(t('cases.assign.done'));
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
      size="lg"
      title={t('cases.assign.title', { reference: detail.reference })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {detail.sameGenderHandler && <SameGenderBanner />}
          <NativeSelect
            label={t('cases.team.role')}
            data={(['handler', 'legal_aid'] as const).map((role) => ({
              value: role,
              label: t(`cases.caseRoles.${role}`),
            }))}
            {...form.getInputProps('role')}
            onChange={(event) => {
              form.setFieldValue('role', event.currentTarget.value as AssignmentRole);
              form.setFieldValue('userId', '');
            }}
          />
          {assignable.isPending ? (
            <PageLoader />
          ) : assignable.isError ? (
            <ErrorAlert error={assignable.error} />
          ) : candidates.length === 0 ? (
            <Text>{t('cases.assign.noCandidates')}</Text>
          ) : (
            <Radio.Group label={t('cases.assign.candidates')} required {...form.getInputProps('userId')}>
              <Stack gap="sm" mt="xs">
                {candidates.map((candidate) => (
                  <Radio
                    key={candidate.user.id}
                    value={candidate.user.id}
                    disabled={candidate.excluded}
                    label={
                      <Group gap={6} component="span">
                        <span>
                          {candidate.user.name} · {t(`sex.${candidate.sex ?? 'unknown'}`)}
                        </span>
                        {detail.sameGenderHandler && candidate.sameGender && !candidate.excluded && (
                          <Badge variant="light" color="teal" component="span">
                            {t('cases.assign.sameGender')}
                          </Badge>
                        )}
                      </Group>
                    }
                    description={candidate.excluded ? t('cases.assign.conflict') : undefined}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={assign.isPending} disabled={candidates.length === 0}>
              {t('cases.assign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function EndAssignmentDialog({
  detail,
  assignment,
  onClose,
}: {
  detail: CaseDetail;
  assignment: Assignment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const end = useEndAssignment();
  return (
    <AppModal opened onClose={onClose} title={t('cases.team.endTitle', { name: assignment.user.name })}>
      <Stack>
        <Text>{t('cases.team.endIntro', { name: assignment.user.name, reference: detail.reference })}</Text>
        <ErrorAlert error={end.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={end.isPending}
            onClick={() =>
              end.mutate(
                { id: detail.id, itemId: assignment.id },
                {
                  onSuccess: () => {
                    notifySuccess(t('cases.team.ended'));
                    onClose();
                  },
                },
              )
            }
          >
            {t('cases.team.end')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** Recusal is final for this user: the case disappears for her, so the screen goes back to the list. */
export function RecuseDialog({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forget = useForgetCase();
  const recuse = useRecuseFromCase();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim().length >= 3 ? null : t('cases.transition.reasonRequired')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    recuse.mutate(
      { id: detail.id, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('cases.recuse.done', { reference: detail.reference }));
          void navigate(paths.cases);
          void forget(detail.id);
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('cases.recuse.title', { reference: detail.reference })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color="red" variant="light">
            {t('cases.recuse.warning')}
          </Alert>
          <Textarea
            label={t('cases.recuse.reason')}
            description={t('cases.recuse.reasonHint')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={recuse.isPending}>
              {t('cases.recuse.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
