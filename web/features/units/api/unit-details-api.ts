import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  listRegionsResponse,
  memberCountsResponse,
  mergeUnitBody,
  UnitDetailsView,
  unitHistoryResponse,
  UpdateUnitDetailsBody,
} from '../../../../shared/contracts/organisation.ts';
import type { UnitView } from '../../../../shared/contracts/units.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListRegionsResponse = z.infer<typeof listRegionsResponse>;
export type MemberCountsResponse = z.infer<typeof memberCountsResponse>;
export type UnitHistoryResponse = z.infer<typeof unitHistoryResponse>;
export type MergeUnitBody = z.infer<typeof mergeUnitBody>;

export interface RegionSearch {
  q: string;
  kind: 'province' | 'regency';
  /** Regencies of this province only (two digits, e.g. `32`). */
  provinceCode?: string;
}

// Under `units`, so every unit mutation (rename, move, merge) refreshes the unit page as well.
const unitKey = (id: number) => ['units', 'page', id] as const;

export const getUnitDetails = (id: number, signal?: AbortSignal) =>
  apiFetch<UnitDetailsView>(`/units/${id}/details`, { signal });
export const updateUnitDetails = ({ id, ...body }: UpdateUnitDetailsBody & { id: number }) =>
  apiFetch<UnitDetailsView>(`/units/${id}/details`, { method: 'PATCH', body });
export const mergeUnit = ({ id, ...body }: MergeUnitBody & { id: number }) =>
  apiFetch<UnitView>(`/units/${id}/merge`, { method: 'POST', body });
export const getUnitHistory = (id: number, signal?: AbortSignal) =>
  apiFetch<UnitHistoryResponse>(`/units/${id}/history`, { signal });
export const getMemberCounts = (unitId: number, signal?: AbortSignal) =>
  apiFetch<MemberCountsResponse>('/members/counts', { query: { unitId }, signal });
export const searchRegions = ({ q, kind, provinceCode }: RegionSearch, signal?: AbortSignal) =>
  apiFetch<ListRegionsResponse>('/regions', { query: { q: q || undefined, kind, provinceCode }, signal });

export const unitDetailsQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...unitKey(id), 'details'],
    queryFn: ({ signal }) => getUnitDetails(id, signal),
  });
export const unitHistoryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...unitKey(id), 'history'],
    queryFn: ({ signal }) => getUnitHistory(id, signal),
  });
export const memberCountsQueryOptions = (unitId: number) =>
  queryOptions({
    queryKey: [...unitKey(unitId), 'counts'],
    queryFn: ({ signal }) => getMemberCounts(unitId, signal),
  });
export const regionSearchQueryOptions = (search: RegionSearch) =>
  queryOptions({
    queryKey: ['regions', search.kind, search.provinceCode ?? '', search.q],
    queryFn: ({ signal }) => searchRegions(search, signal),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

export const useUnitDetails = (id: number) => useQuery(unitDetailsQueryOptions(id));
export const useUnitHistory = (id: number) => useQuery(unitHistoryQueryOptions(id));
export const useMemberCounts = (unitId: number, enabled: boolean) =>
  useQuery({ ...memberCountsQueryOptions(unitId), enabled });
export const useRegionSearch = (search: RegionSearch, enabled = true) =>
  useQuery({ ...regionSearchQueryOptions(search), enabled });

export function useUpdateUnitDetails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUnitDetails,
    onSuccess: async (details) => {
      queryClient.setQueryData(unitDetailsQueryOptions(details.id).queryKey, details);
      await queryClient.invalidateQueries({ queryKey: [...unitKey(details.id), 'history'] });
    },
  });
}

export function useMergeUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mergeUnit,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['units'] }),
        queryClient.invalidateQueries({ queryKey: ['members'] }),
      ]),
  });
}
