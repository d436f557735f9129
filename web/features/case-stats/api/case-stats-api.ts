import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseStatsQuery, CaseStatsResponse } from '../../../../shared/contracts/case-stats.ts';
import { apiBase, apiFetch } from '../../../lib/api.ts';

export const getCaseStats = (query: CaseStatsQuery, signal?: AbortSignal) =>
  apiFetch<CaseStatsResponse>('/case-statistics', { query: { ...query }, signal });

export const caseStatsQueryOptions = (query: CaseStatsQuery) =>
  queryOptions({
    queryKey: ['case-statistics', query],
    queryFn: ({ signal }) => getCaseStats(query, signal),
  });

export const useCaseStats = (query: CaseStatsQuery) => useQuery(caseStatsQueryOptions(query));

/** Download links of the exports (plain GETs with the session cookie; the server sets the file name). */
export function caseStatsExportUrl(
  kind: 'export.xlsx' | 'export.csv' | 'simfoni.csv',
  query: CaseStatsQuery,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return `${apiBase}/case-statistics/${kind}${search ? `?${search}` : ''}`;
}
