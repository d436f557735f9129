import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  LegalHoldReason,
  RetentionCaseItem,
  RetentionListQuery,
  RetentionListResponse,
  RetentionPeriods,
  RetentionSettingsResponse,
} from '../../../../shared/contracts/case-retention.ts';
import { apiFetch } from '../../../lib/api.ts';

const retentionKey = ['case-retention'] as const;
const pageSize = 50;

export type RetentionStatus = RetentionListQuery['status'];

export const getRetentionSettings = (signal?: AbortSignal) =>
  apiFetch<RetentionSettingsResponse>('/retention/settings', { signal });
export const saveRetentionSettings = (periods: RetentionPeriods) =>
  apiFetch<RetentionSettingsResponse>('/retention/settings', { method: 'PUT', body: { periods } });
export const listRetentionCases = (
  status: RetentionStatus,
  cursor: string | undefined,
  signal?: AbortSignal,
) =>
  apiFetch<RetentionListResponse>('/retention/cases', { query: { status, cursor, limit: pageSize }, signal });
export const placeLegalHold = ({ id, reason }: { id: string; reason: LegalHoldReason }) =>
  apiFetch<RetentionCaseItem>(`/retention/cases/${encodeURIComponent(id)}/hold`, {
    method: 'POST',
    body: { reason },
  });
export const releaseLegalHold = (id: string) =>
  apiFetch<RetentionCaseItem>(`/retention/cases/${encodeURIComponent(id)}/release`, { method: 'POST' });

export const retentionSettingsQueryOptions = () =>
  queryOptions({
    queryKey: [...retentionKey, 'settings'],
    queryFn: ({ signal }) => getRetentionSettings(signal),
  });

export const retentionCasesQueryOptions = (status: RetentionStatus) =>
  infiniteQueryOptions({
    queryKey: [...retentionKey, 'cases', status],
    queryFn: ({ pageParam, signal }) => listRetentionCases(status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useRetentionSettings = () => useQuery(retentionSettingsQueryOptions());
export const useRetentionCases = (status: RetentionStatus) =>
  useInfiniteQuery(retentionCasesQueryOptions(status));

/** A change to settings or holds refreshes everything on the page (due dates depend on both). */
function useRetentionMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: retentionKey }),
  });
}

export const useSaveRetentionSettings = () => useRetentionMutation(saveRetentionSettings);
export const usePlaceLegalHold = () => useRetentionMutation(placeLegalHold);
export const useReleaseLegalHold = () => useRetentionMutation(releaseLegalHold);
