import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseState } from '../../../../shared/case-taxonomy.ts';
import type { CaseRetentionView } from '../../../../shared/contracts/case-retention.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl } from './cases-api.ts';

/** When the case will be purged and any legal hold. */
export const getCaseRetention = (id: string, signal?: AbortSignal) =>
  apiFetch<CaseRetentionView>(`${caseUrl(id)}/retention`, { signal });

/**
 * Keyed by the case's state, so closing or reopening asks again, without case changes having to wait
 * for this side notice. It is secondary: no retries, and a failure simply hides it.
 */
export const caseRetentionQueryOptions = (id: string, state: CaseState) =>
  queryOptions({
    queryKey: ['case-retention-view', id, state],
    queryFn: ({ signal }) => getCaseRetention(id, signal),
    retry: false,
  });

export const useCaseRetention = (id: string, state: CaseState) =>
  useQuery(caseRetentionQueryOptions(id, state));
