import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { MemberTrainingResponse } from '../../../../shared/contracts/training.ts';
import type { MemberStagesResponse, RecordStageBody } from '../../../../shared/contracts/cadre.ts';
import type { z } from 'zod';
import type {
  changeMemberStatusBody,
  CreateMemberBody,
  listMembersResponse,
  MemberDetail,
  transferMemberBody,
  UpdateMemberBody,
} from '../../../../shared/contracts/organisation.ts';
import type { MemberStatus, PositionCategory } from '../../../../shared/taxonomies.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

type ListMembersResponse = z.infer<typeof listMembersResponse>;
export type ChangeMemberStatusBody = z.infer<typeof changeMemberStatusBody>;
export type TransferMemberBody = z.infer<typeof transferMemberBody>;

/** Column sorts; without one the server ranks a search by relevance and a plain list by name. */
export type MemberSort = 'name' | 'number' | 'joined';
export type SortDirection = 'asc' | 'desc';
export type SexFilter = 'L' | 'P' | 'unknown';

/** What the members list shows: the search, the filters and the sort order. */
export interface MemberFilters {
  q: string;
  unitId: number | null;
  sex: SexFilter | null;
  status: MemberStatus | null;
  positionCategory: PositionCategory | null;
  /** Null until the user picks a column: a search then shows the best matches first. */
  sort: MemberSort | null;
  direction: SortDirection;
}

export const defaultMemberFilters: MemberFilters = {
  q: '',
  unitId: null,
  sex: null,
  status: null,
  positionCategory: null,
  sort: null,
  direction: 'asc',
};

/** The column the list is ordered by, or null while a search is ranked by relevance. */
export const effectiveSort = (filters: MemberFilters): MemberSort | null =>
  filters.sort ?? (filters.q.trim() ? null : 'name');

/**
 * The query string of the list and of the export: empty filters are left out, so the server applies
 * its defaults and the cache key stays stable.
 */
export function memberQuery(filters: MemberFilters): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  if (filters.sort) {
    query.sort = filters.sort;
    query.direction = filters.direction;
  }
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.unitId) query.unitId = filters.unitId;
  if (filters.sex) query.sex = filters.sex;
  if (filters.status) query.status = filters.status;
  if (filters.positionCategory) query.positionCategory = filters.positionCategory;
  return query;
}

/**
 * Clicking a column header: the same column flips the direction, another column sorts ascending,
 * except the join date, which starts with the newest.
 */
export function nextSort(
  filters: MemberFilters,
  column: MemberSort,
): Pick<MemberFilters, 'sort' | 'direction'> {
  const current = effectiveSort(filters);
  if (current === column) return { sort: column, direction: filters.direction === 'asc' ? 'desc' : 'asc' };
  return { sort: column, direction: column === 'joined' ? 'desc' : 'asc' };
}

/** The export is a plain GET the browser downloads; the session cookie goes along, no CSRF needed. */
export const memberExportUrl = (filters: MemberFilters, format: 'csv' | 'xlsx'): string =>
  buildUrl('/members/export', { ...memberQuery(filters), format });

const membersKey = ['members'] as const;
const pageSize = 50;

export const listMembers = (filters: MemberFilters, cursor: string | undefined, signal?: AbortSignal) =>
  apiFetch<ListMembersResponse>('/members', {
    query: { ...memberQuery(filters), cursor, limit: pageSize },
    signal,
  });
export const getMember = (id: string, signal?: AbortSignal) =>
  apiFetch<MemberDetail>(`/members/${encodeURIComponent(id)}`, { signal });
export const createMember = (body: CreateMemberBody) =>
  apiFetch<MemberDetail>('/members', { method: 'POST', body });
export const updateMember = ({ id, ...body }: UpdateMemberBody & { id: string }) =>
  apiFetch<MemberDetail>(`/members/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const changeMemberStatus = ({ id, ...body }: ChangeMemberStatusBody & { id: string }) =>
  apiFetch<MemberDetail>(`/members/${encodeURIComponent(id)}/status`, { method: 'POST', body });
export const transferMember = ({ id, ...body }: TransferMemberBody & { id: string }) =>
  apiFetch<MemberDetail>(`/members/${encodeURIComponent(id)}/transfer`, { method: 'POST', body });

export const memberListQueryOptions = (filters: MemberFilters) =>
  infiniteQueryOptions({
    queryKey: [...membersKey, 'list', memberQuery(filters)],
    queryFn: ({ pageParam, signal }) => listMembers(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
export const memberQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...membersKey, 'detail', id], queryFn: ({ signal }) => getMember(id, signal) });

export const useMemberList = (filters: MemberFilters) => useInfiniteQuery(memberListQueryOptions(filters));
export const useMember = (id: string) => useQuery(memberQueryOptions(id));
/** Her classes and certificates (capacity building), shown beside her positions. */
export const useMemberTraining = (id: string) =>
  useQuery({
    queryKey: [...membersKey, 'training', id],
    queryFn: ({ signal }) =>
      apiFetch<MemberTrainingResponse>(`/training/members/${encodeURIComponent(id)}`, { signal }),
  });

/** Her cadre stages (current, next, history) and what the caller may decide, beside her training. */
const stagesKey = (id: string) => [...membersKey, 'stages', id] as const;
export const useMemberStages = (id: string) =>
  useQuery({
    queryKey: stagesKey(id),
    queryFn: ({ signal }) =>
      apiFetch<MemberStagesResponse>(`/cadre/members/${encodeURIComponent(id)}`, { signal }),
  });
function useStagesMutation<Variables>(
  mutationFn: (variables: Variables) => Promise<MemberStagesResponse>,
  memberId: string,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (stages) => {
      queryClient.setQueryData(stagesKey(memberId), stages);
      await queryClient.invalidateQueries({ queryKey: ['cadre'] });
    },
  });
}
export const useRecordStage = (memberId: string) =>
  useStagesMutation(
    (body: RecordStageBody) =>
      apiFetch<MemberStagesResponse>(`/cadre/members/${encodeURIComponent(memberId)}/records`, {
        method: 'POST',
        body,
      }),
    memberId,
  );
export const useWithdrawStage = (memberId: string) =>
  useStagesMutation(
    ({ recordId, reason }: { recordId: string; reason: string }) =>
      apiFetch<MemberStagesResponse>(`/cadre/records/${encodeURIComponent(recordId)}/withdraw`, {
        method: 'POST',
        body: { reason },
      }),
    memberId,
  );

/** Every member change answers with the new MemberDetail: cache it, refresh lists and counts. */
function useMemberMutation<Variables>(mutationFn: (variables: Variables) => Promise<MemberDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (member) => {
      queryClient.setQueryData(memberQueryOptions(member.id).queryKey, member);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...membersKey, 'list'] }),
        // Unit pages show member counts: a new member, a status change or a transfer moves them.
        queryClient.invalidateQueries({ queryKey: ['units'] }),
      ]);
    },
  });
}

export const useCreateMember = () => useMemberMutation(createMember);
export const useUpdateMember = () => useMemberMutation(updateMember);
export const useChangeMemberStatus = () => useMemberMutation(changeMemberStatus);
export const useTransferMember = () => useMemberMutation(transferMember);
