import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CheckinKind } from '../../../../shared/case-checkins.ts';
import type {
  CaseCheckinsResponse,
  contractRenewalBody,
  recordCheckinBody,
} from '../../../../shared/contracts/case-reminders.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseQueryOptions, caseRelatedKey, casesKey, caseUrl } from './cases-api.ts';

export type RecordCheckinInput = z.input<typeof recordCheckinBody>;
export type ContractRenewalInput = z.input<typeof contractRenewalBody>;

export const getCheckins = (id: string, signal?: AbortSignal) =>
  apiFetch<CaseCheckinsResponse>(`${caseUrl(id)}/checkins`, { signal });
export const setContractRenewal = ({ id, ...body }: ContractRenewalInput & { id: string }) =>
  apiFetch<CaseCheckinsResponse>(`${caseUrl(id)}/contract-renewal`, { method: 'PUT', body });
export const recordCheckin = ({
  id,
  kind,
  ...body
}: RecordCheckinInput & { id: string; kind: CheckinKind }) =>
  apiFetch<CaseCheckinsResponse>(`${caseUrl(id)}/checkins/${kind}`, { method: 'POST', body });

export const checkinsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...caseRelatedKey(id), 'checkins'],
    queryFn: ({ signal }) => getCheckins(id, signal),
  });
export const useCheckins = (id: string, enabled: boolean) =>
  useQuery({ ...checkinsQueryOptions(id), enabled });

/** A check-in can reopen the case and adds RT01: the case itself and the lists are read again. */
function useCheckinMutation<Variables extends { id: string }>(
  mutationFn: (variables: Variables) => Promise<CaseCheckinsResponse>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (data, variables) => {
      queryClient.setQueryData(checkinsQueryOptions(variables.id).queryKey, data);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseQueryOptions(variables.id).queryKey }),
        queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] }),
      ]);
    },
  });
}
export const useSetContractRenewal = () => useCheckinMutation(setContractRenewal);
export const useRecordCheckin = () => useCheckinMutation(recordCheckin);
