import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobView } from '../../../../shared/contracts/imports.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useImportJob } from '../api/imports-api.ts';
import { progressPercent } from './mapping.ts';

/**
 * Follows a running import: the job is fetched every second until it is done or failed (the query's
 * refetchInterval stops by itself), with a progress bar and a polite live text for screen readers.
 */
export function ImportProgress({
  jobId,
  onFinished,
}: {
  jobId: string;
  onFinished: (job: ImportJobView) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const job = useImportJob(jobId);
  const data = job.data;
  const isFinished = data?.status === 'done' || data?.status === 'failed';
  useEffect(() => {
    if (data && isFinished) onFinished(data);
    // Report once per finished job, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isFinished, data?.id]);

  if (job.isError) return <ErrorAlert error={job.error} />;
  const processed = data?.processedRows ?? 0;
  const total = data?.totalRows ?? 0;
  const percent = data ? (data.status === 'done' ? 100 : progressPercent(processed, total)) : 0;
  return (
    <Stack gap="xs">
      <Progress
        value={percent}
        size="xl"
        striped={!isFinished}
        animated={!isFinished}
        aria-label={t('imports.progress.label')}
      />
      <Text role="status" aria-live="polite" data-testid="import-progress-text">
        {data?.status === 'done'
          ? t('imports.progress.done')
          : t('imports.progress.text', {
              processed: format.number(processed),
              total: format.number(total),
              percent,
            })}
      </Text>
      {data?.status === 'failed' && (
        <Alert color="red" variant="light" role="alert" title={t('imports.progress.failedTitle')}>
          {t('imports.progress.failed')}
        </Alert>
      )}
    </Stack>
  );
}
