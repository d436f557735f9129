import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseForm, CaseState } from '../../../../shared/case-taxonomy.ts';
import type { DeadlineView } from '../../../../shared/contracts/cases.ts';
import { ApiError } from '../../../lib/api.ts';
import { useFormatters } from '../../../lib/format.ts';

/**
 * Case error codes (consent_required, mediation_forbidden…) are compared as plain strings: the screen
 * reacts to a few of them and shows the server's translated `detail` for all.
 */
export const hasErrorCode = (error: unknown, code: string): boolean =>
  error instanceof ApiError && (error.code as string) === code;

/** The receipt as the server grouped it (`1234 5678 9012 3456`); bare digits are grouped here. */
export const formatReceipt = (receipt: string): string =>
  /^\d{16}$/.test(receipt) ? receipt.replace(/(\d{4})(?=\d)/g, '$1 ') : receipt;

/**
 * Select options for a list of codes, labelled from `cases.<list>.<code>`, with a first "choose…" entry
 * (empty value) unless `withChoose` is false.
 */
export function useCodeOptions() {
  const { t } = useTranslation();
  return <Code extends string>(codes: readonly Code[], list: string, withChoose = true) => [
    ...(withChoose ? [{ value: '', label: t('cases.intake.choose') }] : []),
    ...codes.map((code) => ({ value: code, label: t(`cases.${list}.${code}`) })),
  ];
}

/** A badge in a narrow table cell keeps its whole word instead of an ellipsis. */
const noShrink = { minWidth: 'max-content', flexShrink: 0 } as const;

const stateColours: Record<CaseState, string> = {
  received: 'blue',
  triage: 'grape',
  handling: 'teal',
  monitoring: 'teal',
  closed: 'gray',
};

export function StateBadge({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={stateColours[state]} style={noShrink}>
      {t(`cases.states.${state}`)}
    </Badge>
  );
}

export function LateBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="red" style={noShrink}>
      {t('cases.late')}
    </Badge>
  );
}

/** Next deadline: what is due and when, with a red "late" badge once it has passed. */
export function DeadlineInfo({ deadline }: { deadline: DeadlineView | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!deadline) return <>{t('cases.noDeadline')}</>;
  return (
    <Group gap={6} wrap="nowrap" align="center">
      <span>
        <Text span display="block" style={{ whiteSpace: 'nowrap' }}>
          {format.date(deadline.dueAt)}
        </Text>
        <Text span display="block" size="sm" c="dimmed">
          {t(`cases.deadlineKinds.${deadline.kind}`)}
        </Text>
      </span>
      {deadline.late && <LateBadge />}
    </Group>
  );
}

/** Form codes with their plain label next to each code. */
export function FormList({ forms }: { forms: readonly CaseForm[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {forms.map((form) => (
        <li key={form}>
          <Text span fw={600} size="sm">
            {form}
          </Text>{' '}
          <Text span size="sm">
            {t(`cases.forms.${form}`)}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}
