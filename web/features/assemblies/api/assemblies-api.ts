import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addDelegateBody,
  AssemblyDetail,
  createAllocationBody,
  createAssemblyBody,
  listAssembliesResponse,
  updateDelegateBody,
} from '../../../../shared/contracts/organisation.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListAssembliesResponse = z.infer<typeof listAssembliesResponse>;
export type CreateAssemblyBody = z.infer<typeof createAssemblyBody>;
export type CreateAllocationBody = z.infer<typeof createAllocationBody>;
export type AddDelegateBody = z.infer<typeof addDelegateBody>;
export type UpdateDelegateBody = z.infer<typeof updateDelegateBody>;

const assembliesKey = ['assemblies'] as const;

export const listAssemblies = (signal?: AbortSignal) =>
  apiFetch<ListAssembliesResponse>('/assemblies', { signal });
export const getAssembly = (id: number, signal?: AbortSignal) =>
  apiFetch<AssemblyDetail>(`/assemblies/${id}`, { signal });
export const createAssembly = (body: CreateAssemblyBody) =>
  apiFetch<AssemblyDetail>('/assemblies', { method: 'POST', body });
export const createAllocation = ({ assemblyId, ...body }: CreateAllocationBody & { assemblyId: number }) =>
  apiFetch<AssemblyDetail>(`/assemblies/${assemblyId}/allocations`, { method: 'POST', body });
export const addDelegate = ({ allocationId, ...body }: AddDelegateBody & { allocationId: number }) =>
  apiFetch<AssemblyDetail>(`/allocations/${allocationId}/delegates`, { method: 'POST', body });
export const updateDelegate = ({ id, ...body }: UpdateDelegateBody & { id: string }) =>
  apiFetch<AssemblyDetail>(`/delegates/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const assemblyListQueryOptions = () =>
  queryOptions({ queryKey: [...assembliesKey, 'list'], queryFn: ({ signal }) => listAssemblies(signal) });
export const assemblyQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...assembliesKey, 'detail', id],
    queryFn: ({ signal }) => getAssembly(id, signal),
  });

export const useAssemblyList = () => useQuery(assemblyListQueryOptions());
export const useAssembly = (id: number) => useQuery(assemblyQueryOptions(id));

function useAssemblyMutation<Variables>(mutationFn: (variables: Variables) => Promise<AssemblyDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (assembly) => {
      queryClient.setQueryData(assemblyQueryOptions(assembly.id).queryKey, assembly);
      await queryClient.invalidateQueries({ queryKey: [...assembliesKey, 'list'] });
    },
  });
}

export const useCreateAssembly = () => useAssemblyMutation(createAssembly);
export const useCreateAllocation = () => useAssemblyMutation(createAllocation);
export const useAddDelegate = () => useAssemblyMutation(addDelegate);
export const useUpdateDelegate = () => useAssemblyMutation(updateDelegate);
