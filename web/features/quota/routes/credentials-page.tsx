import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DelegationView } from '../../../../shared/contracts/quota.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import {
  useAddDelegate,
  useCredentials,
  useDecideDelegation,
  useResubmitDelegation,
  useWithdrawDelegate,
} from '../api/quota-api.ts';
import { QuotaPanel, StatusBadge } from '../../../components/quota-panel.tsx';

const stateColour = { open: 'blue', submitted: 'blue', returned: 'red', accepted: 'teal' } as const;

type Dialog =
  | { kind: 'return'; delegation: DelegationView }
  | { kind: 'resubmit'; delegation: DelegationView }
  | { kind: 'add'; delegation: DelegationView };

/** The gate rule of a delegation (return_delegation first), for "required" and the pre-filled reason. */
function gateOf(delegation: DelegationView) {
  const rules = delegation.evaluation.evaluations;
  return (
    rules.find((rule) => rule.enforcement === 'return_delegation') ??
    rules.find((rule) => rule.enforcement !== 'info')
  );
}

function ReasonDialog({
  dialog,
  onClose,
}: {
  dialog: Dialog & { kind: 'return' | 'resubmit' };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { delegation } = dialog;
  const gate = gateOf(delegation);
  const [reason, setReason] = useState(
    dialog.kind === 'return' && delegation.mustReturn && gate
      ? t('quota.credentials.defaultReason', {
          women: delegation.evaluation.counts.women,
          filled: delegation.evaluation.counts.filled,
          required: gate.requiredWomen,
          rule: gate.ruleName,
        })
      : '',
  );
  const decide = useDecideDelegation();
  const resubmit = useResubmitDelegation();
  const mutation = dialog.kind === 'return' ? decide : resubmit;
  const submit = () => {
    const onSuccess = () => {
      notifySuccess(
        t(dialog.kind === 'return' ? 'quota.credentials.returned' : 'quota.credentials.resubmitted'),
      );
      onClose();
    };
    if (dialog.kind === 'return')
      decide.mutate(
        { allocationId: delegation.allocationId, decision: 'returned', reason: reason.trim() || null },
        { onSuccess },
      );
    else
      resubmit.mutate(
        { allocationId: delegation.allocationId, reason: reason.trim() || null },
        { onSuccess },
      );
  };
  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={t(
        dialog.kind === 'return' ? 'quota.credentials.returnTitle' : 'quota.credentials.resubmitTitle',
        {
          unit: delegation.unitName,
        },
      )}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          <Textarea
            label={t('quota.credentials.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
          />
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              color={dialog.kind === 'return' ? 'red' : undefined}
            >
              {t(dialog.kind === 'return' ? 'quota.credentials.return' : 'quota.credentials.resubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function AddDialog({ delegation, onClose }: { delegation: DelegationView; onClose: () => void }) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | null>(null);
  const add = useAddDelegate();
  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={t('quota.credentials.addTitle', { unit: delegation.unitName })}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!memberId) return;
          add.mutate({ allocationId: delegation.allocationId, memberId }, { onSuccess: onClose });
        }}
        noValidate
      >
        <Stack>
          <MemberPicker
            label={t('quota.credentials.delegate')}
            value={memberId}
            onChange={setMemberId}
            unitId={delegation.unitId}
            required
          />
          <ErrorAlert error={add.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={!memberId}>
              {t('quota.credentials.addDelegate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function DelegationCard({
  delegation,
  onDialog,
}: {
  delegation: DelegationView;
  onDialog: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const accept = useDecideDelegation();
  const withdraw = useWithdrawDelegate();
  const gate = gateOf(delegation);
  const { counts } = delegation.evaluation;
  const headingId = `delegation-${delegation.allocationId}`;
  const blocked = delegation.evaluation.evaluations.some(
    (rule) =>
      (rule.enforcement === 'return_delegation' || rule.enforcement === 'block') &&
      (rule.status === 'non_compliant' || rule.status === 'unknown'),
  );
  return (
    <Card withBorder component="section" aria-labelledby={headingId} data-testid={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3" id={headingId}>
              {delegation.unitName} · {t(`delegationCategory.${delegation.category}`)}
            </Title>
            <Group gap="xs" mt={4}>
              <Badge color={stateColour[delegation.credentialStatus]} data-testid="credential-state">
                {t(`quota.credentials.state.${delegation.credentialStatus}`)}
              </Badge>
              <StatusBadge status={delegation.evaluation.status} />
            </Group>
            <Text size="sm" mt={4}>
              {t('quota.credentials.present', {
                women: counts.women,
                filled: counts.filled,
                seats: counts.seats,
                required: gate?.requiredWomen ?? 0,
              })}
            </Text>
          </div>
          <Group gap="xs">
            {delegation.allowed.decide && (
              <>
                <Button
                  size="xs"
                  disabled={blocked}
                  loading={accept.isPending}
                  onClick={() =>
                    accept.mutate(
                      { allocationId: delegation.allocationId, decision: 'accepted', reason: null },
                      { onSuccess: () => notifySuccess(t('quota.credentials.accepted')) },
                    )
                  }
                >
                  {t('quota.credentials.accept')}
                </Button>
                <Button
                  size="xs"
                  color="red"
                  variant="light"
                  onClick={() => onDialog({ kind: 'return', delegation })}
                >
                  {t('quota.credentials.return')}
                </Button>
              </>
            )}
            {delegation.allowed.editDelegates && (
              <Button size="xs" variant="default" onClick={() => onDialog({ kind: 'add', delegation })}>
                {t('quota.credentials.addDelegate')}
              </Button>
            )}
            {delegation.allowed.resubmit && (
              <Button size="xs" onClick={() => onDialog({ kind: 'resubmit', delegation })}>
                {t('quota.credentials.resubmit')}
              </Button>
            )}
          </Group>
        </Group>
        {delegation.mustReturn && delegation.credentialStatus !== 'returned' && (
          <Alert color="red" variant="light">
            {t('quota.credentials.mustReturn')}
          </Alert>
        )}
        <ErrorAlert error={accept.error ?? withdraw.error} />
        <ScrollTable
          label={t('quota.credentials.delegation', {
            unit: delegation.unitName,
            category: t(`delegationCategory.${delegation.category}`),
          })}
          minWidth={560}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('members.fields.fullName')}</Table.Th>
              <Table.Th scope="col">{t('members.fields.memberNumber')}</Table.Th>
              <Table.Th scope="col">{t('members.fields.sex')}</Table.Th>
              {delegation.allowed.editDelegates && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {delegation.delegates.map((delegate) => (
              <Table.Tr key={delegate.id}>
                <Table.Td>{delegate.memberName ?? t('common.hiddenName')}</Table.Td>
                <Table.Td>{delegate.memberNumber ?? '—'}</Table.Td>
                <Table.Td>{t(`sex.${delegate.sex ?? 'unknown'}`)}</Table.Td>
                {delegation.allowed.editDelegates && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={t('quota.credentials.withdrawNamed', {
                        name: delegate.memberName ?? t('common.hiddenName'),
                      })}
                      onClick={() => withdraw.mutate(delegate.id)}
                    >
                      {t('quota.credentials.withdraw')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <QuotaPanel evaluation={delegation.evaluation} title={t('quota.panel.title')} />
        <Title order={3} size="h4">
          {t('quota.credentials.history')}
        </Title>
        {delegation.decisions.length === 0 ? (
          <Text size="sm">{t('quota.credentials.noHistory')}</Text>
        ) : (
          <List size="sm" data-testid="credential-history">
            {delegation.decisions.map((decision) => (
              <List.Item key={decision.id}>
                {t('quota.credentials.decisionLine', {
                  decision: t(`quota.credentials.decision.${decision.decision}`),
                  who: decision.decidedBy,
                  when: format.dateTime(decision.decidedAt),
                  women: decision.women,
                  filled: decision.filled,
                  required: decision.requiredWomen,
                })}
                {decision.reason && (
                  <Text size="sm" c="dimmed" component="span">
                    {' '}
                    — {decision.reason}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

/** Congress credentialing: each delegation with the women required and present, decisions and history. */
export function CredentialsPage() {
  const { t } = useTranslation();
  const { assemblyId } = useParams();
  const credentials = useCredentials(Number(assemblyId));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  usePageTitle(
    credentials.data ? t('quota.credentials.title', { name: credentials.data.assemblyName }) : t('quota.nav'),
  );
  if (credentials.isPending) return <PageLoader />;
  if (credentials.isError) return <ErrorAlert error={credentials.error} />;
  const data = credentials.data;
  const close = () => setDialog(null);
  return (
    <Stack>
      <Anchor component={Link} to={paths.assembly(data.assemblyId)} size="sm">
        {t('quota.credentials.back')}
      </Anchor>
      <Title order={1}>{t('quota.credentials.title', { name: data.assemblyName })}</Title>
      <Text size="sm">{t('quota.credentials.intro')}</Text>
      {data.delegations.length === 0 && <Text>{t('quota.credentials.noDelegations')}</Text>}
      {data.delegations.map((delegation) => (
        <DelegationCard key={delegation.allocationId} delegation={delegation} onDialog={setDialog} />
      ))}
      {(dialog?.kind === 'return' || dialog?.kind === 'resubmit') && (
        <ReasonDialog dialog={dialog} onClose={close} />
      )}
      {dialog?.kind === 'add' && <AddDialog delegation={dialog.delegation} onClose={close} />}
    </Stack>
  );
}
