import { Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QuotaMessage, SubjectEvaluationView } from '../../shared/contracts/quota.ts';
import type { QuotaStatus } from '../../shared/quota-taxonomies.ts';
import { ScrollTable } from './scroll-table.tsx';

export const statusColour: Record<QuotaStatus, string> = {
  // Filled shades whose text (picked by autoContrast) meets WCAG AA contrast (status-colours.test.ts);
  // green-9 with white is 4.36:1, so success is teal, as everywhere in the theme.
  compliant: 'teal.9',
  at_risk: 'yellow.5',
  non_compliant: 'red.9',
  not_applicable: 'gray.7',
  unknown: 'grape.9',
};

/** A message code from the engine with its parameters, in the user's language. */
export function useQuotaMessage() {
  const { t } = useTranslation();
  return (prefix: 'hint' | 'reason' | 'slate', message: QuotaMessage) =>
    t(`quota.${prefix}.${message.code}`, message.params);
}

export function StatusBadge({ status }: { status: QuotaStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" autoContrast color={statusColour[status]} data-status={status}>
      {t(`quota.status.${status}`)}
    </Badge>
  );
}

/**
 * In the shared layer because the quota screens and the training class page (its participant list)
 * both show an evaluation, and features do not import each other.
 *
 * The quota panel of one subject (a body, a delegation, a list): counts, each applicable rule version
 * with required women and status, and what it would take. Unknown sex is shown as unknown.
 */
export function QuotaPanel({ evaluation, title }: { evaluation: SubjectEvaluationView; title?: string }) {
  const { t } = useTranslation();
  const message = useQuotaMessage();
  const headingId = `quota-panel-${evaluation.subject.kind}-${evaluation.subject.id ?? 'list'}`;
  const { counts } = evaluation;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            {title ?? t('quota.panel.title')}
          </Title>
          <Group gap="xs">
            <Text size="sm">{t('quota.panel.overall')}:</Text>
            <StatusBadge status={evaluation.status} />
          </Group>
        </Group>
        <Text size="sm" data-testid="quota-counts">
          {t('quota.fields.seats')} {counts.seats} · {t('quota.fields.filled')} {counts.filled} ·{' '}
          {t('quota.fields.vacant')} {counts.vacant} · {t('quota.fields.women')} {counts.women} ·{' '}
          {t('quota.fields.men')} {counts.men} · {t('quota.fields.unknown')} {counts.unknown}
          {counts.acting > 0 && ` · ${t('quota.fields.acting')} ${counts.acting}`}
        </Text>
        {evaluation.evaluations.length === 0 ? (
          <Text size="sm">{t('quota.panel.noRules')}</Text>
        ) : (
          <ScrollTable label={title ?? t('quota.panel.title')} minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quota.fields.rule')}</Table.Th>
                <Table.Th scope="col">{t('quota.fields.required')}</Table.Th>
                <Table.Th scope="col">{t('quota.fields.status')}</Table.Th>
                <Table.Th scope="col">{t('quota.fields.whatItTakes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evaluation.evaluations.map((rule) => (
                <Table.Tr key={rule.ruleId}>
                  <Table.Td>
                    <Text size="sm">{rule.ruleName}</Text>
                    <Text size="xs" c="dimmed">
                      v{rule.ruleVersion} · {t(`quota.enforcement.${rule.enforcement}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {rule.requiredWomen} / {rule.base}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={rule.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{message('hint', rule.hint)}</Text>
                    {rule.reasons.length > 0 && (
                      <List size="xs" c="dimmed">
                        {rule.reasons.map((reason) => (
                          <List.Item key={reason.code}>{message('reason', reason)}</List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {evaluation.evaluations.some((rule) => rule.enforcement === 'info') && (
          <Text size="xs" c="dimmed">
            {t('quota.panel.infoNote')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
