import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { CaseForm, CaseState } from '../../../../shared/case-taxonomy.ts';
import type {
  CaseDetail,
  intakeBody,
  intakeResponse,
  ListCasesQuery,
  listCasesResponse,
} from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListCasesResponse = z.infer<typeof listCasesResponse>;
/** What the intake form sends; the server fills the defaults (`z.input`, not the parsed type). */
export type IntakeInput = z.input<typeof intakeBody>;
export type IntakeResponse = z.infer<typeof intakeResponse>;

export type CaseScope = ListCasesQuery['scope'];
export type CaseSort = ListCasesQuery['sort'];
export type DeadlineFilter = NonNullable<ListCasesQuery['deadline']>;

/** What the case list shows: whose cases, the filters and the sort order. */
export interface CaseFilters {
  scope: CaseScope;
  state: CaseState | null;
  deadline: DeadlineFilter | null;
  form: CaseForm | null;
  unitId: number | null;
  sort: CaseSort;
}

export const defaultCaseFilters: CaseFilters = {
  scope: 'mine',
  state: null,
  deadline: null,
  form: null,
  unitId: null,
  sort: 'deadline',
};

/** The list's query string: scope and sort always, filters only when set (a stable cache key). */
export function caseListQuery(filters: CaseFilters): Record<string, string | number> {
  const query: Record<string, string | number> = { scope: filters.scope, sort: filters.sort };
  if (filters.state) query.state = filters.state;
  if (filters.deadline) query.deadline = filters.deadline;
  if (filters.form) query.form = filters.form;
  if (filters.unitId) query.unitId = filters.unitId;
  return query;
}

/** Every case query starts with `cases`; `related` holds the per-case lists fetched on demand. */
export const casesKey = ['cases'] as const;
export const caseRelatedKey = (id: string) => [...casesKey, 'related', id] as const;
const pageSize = 50;

export const caseUrl = (id: string) => `/cases/${encodeURIComponent(id)}`;

export const listCases = (filters: CaseFilters, cursor: string | undefined, signal?: AbortSignal) =>
  apiFetch<ListCasesResponse>('/cases', {
    query: { ...caseListQuery(filters), cursor, limit: pageSize },
    signal,
  });
export const getCase = (id: string, signal?: AbortSignal) => apiFetch<CaseDetail>(caseUrl(id), { signal });
export const intakeCase = (body: IntakeInput) => apiFetch<IntakeResponse>('/cases', { method: 'POST', body });

export const caseListQueryOptions = (filters: CaseFilters) =>
  infiniteQueryOptions({
    queryKey: [...casesKey, 'list', caseListQuery(filters)],
    queryFn: ({ pageParam, signal }) => listCases(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
export const caseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...casesKey, 'detail', id],
    queryFn: ({ signal }) => getCase(id, signal),
    // Every read of a case writes access-log rows on the server: do not re-read it just for focus or
    // remounts; a mutation answers with the new detail anyway.
    staleTime: 60_000,
  });

export const useCaseList = (filters: CaseFilters) => useInfiniteQuery(caseListQueryOptions(filters));
export const useCase = (id: string) => useQuery(caseQueryOptions(id));

/**
 * The receipt in the answer is shown once and never kept: the caller resets the mutation as soon as the
 * dialog that shows it closes.
 */
export function useIntakeCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: intakeCase,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] }),
  });
}

/**
 * Every change to a case answers with the new CaseDetail: cache it, mark the lists and the per-case
 * lists (assignable candidates, access log) stale.
 */
export function useCaseMutation<Variables>(mutationFn: (variables: Variables) => Promise<CaseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(caseQueryOptions(detail.id).queryKey, detail);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: caseRelatedKey(detail.id) }),
      ]);
    },
  });
}

/**
 * Forget a case the caller can no longer open (after recusal, or rerouted to another unit): its content
 * leaves the cache and the lists are refreshed. Call it after navigating away from the case page, so the
 * page does not ask for the case again.
 */
export async function forgetCase(queryClient: QueryClient, id: string) {
  queryClient.removeQueries({ queryKey: caseQueryOptions(id).queryKey });
  queryClient.removeQueries({ queryKey: caseRelatedKey(id) });
  await queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] });
}

export function useForgetCase() {
  const queryClient = useQueryClient();
  return (id: string) => forgetCase(queryClient, id);
}
