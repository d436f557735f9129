import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SetupBody, SetupResponse, setupStatusResponse } from '../../../../shared/contracts/auth.ts';
import { apiFetch } from '../../../lib/api.ts';

type SetupStatus = z.infer<typeof setupStatusResponse>;

export const getSetupStatus = () => apiFetch<SetupStatus>('/setup/status');
export const runSetup = (body: SetupBody) => apiFetch<SetupResponse>('/setup', { method: 'POST', body });

export const setupStatusQueryOptions = () =>
  queryOptions({ queryKey: ['setup', 'status'], queryFn: getSetupStatus, staleTime: 0 });

export const useSetupStatus = () => useQuery(setupStatusQueryOptions());

export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runSetup,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['setup'] }),
  });
}
