import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateUnitBody,
  listUnitsResponse,
  moveUnitBody,
  renameUnitBody,
  unitLevelsResponse,
  UnitView,
} from '../../../../shared/contracts/units.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListUnitsResponse = z.infer<typeof listUnitsResponse>;
type UnitLevelsResponse = z.infer<typeof unitLevelsResponse>;
export type RenameUnitBody = z.infer<typeof renameUnitBody>;
export type MoveUnitBody = z.infer<typeof moveUnitBody>;

export interface ListUnitsParams {
  /** Children of this unit; without it, the caller's top units. */
  parentId?: number;
  includeInactive: boolean;
}

/** All unit queries start with `units`, so one invalidation after any change refreshes tree and pickers. */
const unitsKey = ['units'] as const;

export const getUnitLevels = () => apiFetch<UnitLevelsResponse>('/units/levels');
export const listUnits = ({ parentId, includeInactive }: ListUnitsParams, signal?: AbortSignal) =>
  apiFetch<ListUnitsResponse>('/units', {
    query: { parentId, includeInactive: includeInactive ? 'true' : 'false' },
    signal,
  });
export const getUnit = (id: number) => apiFetch<UnitView>(`/units/${id}`);
export const createUnit = (body: CreateUnitBody) => apiFetch<UnitView>('/units', { method: 'POST', body });
export const renameUnit = ({ id, ...body }: RenameUnitBody & { id: number }) =>
  apiFetch<UnitView>(`/units/${id}`, { method: 'PATCH', body });
export const moveUnit = ({ id, ...body }: MoveUnitBody & { id: number }) =>
  apiFetch<UnitView>(`/units/${id}/move`, { method: 'POST', body });
export const deactivateUnit = (id: number) =>
  apiFetch<UnitView>(`/units/${id}/deactivate`, { method: 'POST' });
export const reactivateUnit = (id: number) =>
  apiFetch<UnitView>(`/units/${id}/reactivate`, { method: 'POST' });

export const unitLevelsQueryOptions = () =>
  queryOptions({ queryKey: [...unitsKey, 'levels'], queryFn: getUnitLevels, staleTime: Infinity });
export const unitListQueryOptions = (params: ListUnitsParams) =>
  queryOptions({
    queryKey: [...unitsKey, 'list', params.parentId ?? 'top', params.includeInactive],
    queryFn: ({ signal }) => listUnits(params, signal),
  });
export const unitQueryOptions = (id: number) =>
  queryOptions({ queryKey: [...unitsKey, 'detail', id], queryFn: () => getUnit(id) });

export const useUnitLevels = () => useQuery(unitLevelsQueryOptions());
export const useUnitList = (params: ListUnitsParams, enabled = true) =>
  useQuery({ ...unitListQueryOptions(params), enabled });

function useUnitMutation<Variables>(mutationFn: (variables: Variables) => Promise<UnitView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export const useCreateUnit = () => useUnitMutation(createUnit);
export const useRenameUnit = () => useUnitMutation(renameUnit);
export const useMoveUnit = () => useUnitMutation(moveUnit);
export const useDeactivateUnit = () => useUnitMutation(deactivateUnit);
export const useReactivateUnit = () => useUnitMutation(reactivateUnit);
