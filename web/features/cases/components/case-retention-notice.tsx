import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../../shared/case-taxonomy.ts';
import { useFormatters } from '../../../lib/format.ts';
import { useCaseRetention } from '../api/case-retention-api.ts';

/**
 * On a closed case: when it will be purged under the retention rule, and any legal hold an administrator
 * placed. A legal hold is shown on an open case too (it outlives a reopening).
 */
export function CaseRetentionNotice({ caseId, state }: { caseId: string; state: CaseState }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const retention = useCaseRetention(caseId, state);
  const view = retention.data;
  if (!view || (state !== 'closed' && !view.hold)) return null;
  return (
    <Alert color={view.hold ? 'yellow' : 'gray'} variant="light" title={t('caseRetention.card.title')}>
      {view.hold
        ? t('caseRetention.card.held', {
            reason: t(`caseRetention.holdReasons.${view.hold.reason}`),
            date: format.date(view.hold.placedAt),
          })
        : view.purgeDueAt
          ? t('caseRetention.card.dueOn', { date: format.date(view.purgeDueAt), count: view.periodYears })
          : null}
    </Alert>
  );
}
