import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type {
  ProportionalityResponse,
  QuotaDashboardResponse,
} from '../../../../shared/contracts/quota-dashboard.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

const key = ['quota-dashboard'] as const;

export const getQuotaDashboard = (unitId: number | undefined, signal?: AbortSignal) =>
  apiFetch<QuotaDashboardResponse>('/quota-dashboard', { query: { unitId }, signal });
export const getProportionality = (
  query: { unitId: number | undefined; kBp: number | undefined },
  signal?: AbortSignal,
) => apiFetch<ProportionalityResponse>('/quota-dashboard/proportionality', { query, signal });

/** Where the browser downloads a report from (a plain link: the session cookie goes along). */
export const reportUrl = (format: 'xlsx' | 'pdf', unitId: number | undefined) =>
  buildUrl('/quota-dashboard/report', { format, unitId });

export const quotaDashboardQueryOptions = (unitId: number | undefined) =>
  queryOptions({
    queryKey: [...key, 'dashboard', unitId ?? 'scope'],
    queryFn: ({ signal }) => getQuotaDashboard(unitId, signal),
    placeholderData: keepPreviousData,
    // The summary refreshes in the background; look again every minute while the page is open.
    refetchInterval: 60_000,
  });
export const proportionalityQueryOptions = (unitId: number | undefined, kBp: number | undefined) =>
  queryOptions({
    queryKey: [...key, 'proportionality', unitId ?? 'scope', kBp ?? 'default'],
    queryFn: ({ signal }) => getProportionality({ unitId, kBp }, signal),
    placeholderData: keepPreviousData,
  });

export const useQuotaDashboard = (unitId: number | undefined) => useQuery(quotaDashboardQueryOptions(unitId));
export const useProportionality = (unitId: number | undefined, kBp: number | undefined) =>
  useQuery(proportionalityQueryOptions(unitId, kBp));
