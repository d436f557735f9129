import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssemblyCredentialsView,
  DelegationView,
  EvaluateListBody,
  ListEvaluationView,
  ListQuotaRulesResponse,
  QuotaRuleBody,
  QuotaRuleView,
  SlateCheckBody,
  SlateCheckView,
  SubjectEvaluationView,
} from '../../../../shared/contracts/quota.ts';
import { apiFetch } from '../../../lib/api.ts';

const quotaKey = ['quota'] as const;

export const listRules = (signal?: AbortSignal) =>
  apiFetch<ListQuotaRulesResponse>('/quota/rules', { signal });
export const createRuleVersion = ({ ruleId, body }: { ruleId: number; body: QuotaRuleBody }) =>
  apiFetch<QuotaRuleView>(`/quota/rules/${ruleId}/versions`, { method: 'POST', body });
export const createRule = (body: { code: string; rule: QuotaRuleBody }) =>
  apiFetch<QuotaRuleView>('/quota/rules', { method: 'POST', body });
export const getBodyQuota = (bodyId: number, asOf: string | undefined, signal?: AbortSignal) =>
  apiFetch<SubjectEvaluationView>(`/bodies/${bodyId}/quota`, { query: { asOf }, signal });
export const checkSlate = ({ bodyId, body }: { bodyId: number; body: SlateCheckBody }) =>
  apiFetch<SlateCheckView>(`/bodies/${bodyId}/slate-check`, { method: 'POST', body });
export const evaluateList = (body: EvaluateListBody) =>
  apiFetch<ListEvaluationView>('/quota/evaluate-list', { method: 'POST', body });
export const getCredentials = (assemblyId: number, signal?: AbortSignal) =>
  apiFetch<AssemblyCredentialsView>(`/assemblies/${assemblyId}/credentials`, { signal });
export const decideDelegation = ({
  allocationId,
  decision,
  reason,
}: {
  allocationId: number;
  decision: 'accepted' | 'returned';
  reason: string | null;
}) =>
  apiFetch<DelegationView>(`/allocations/${allocationId}/credential-decisions`, {
    method: 'POST',
    body: { decision, reason },
  });
export const resubmitDelegation = ({
  allocationId,
  reason,
}: {
  allocationId: number;
  reason: string | null;
}) => apiFetch<DelegationView>(`/allocations/${allocationId}/resubmit`, { method: 'POST', body: { reason } });
export const withdrawDelegate = (delegateId: string) =>
  apiFetch<DelegationView>(`/delegates/${encodeURIComponent(delegateId)}`, { method: 'DELETE' });
export const addDelegate = ({ allocationId, memberId }: { allocationId: number; memberId: string }) =>
  apiFetch<unknown>(`/allocations/${allocationId}/delegates`, { method: 'POST', body: { memberId } });

export const rulesQueryOptions = () =>
  queryOptions({ queryKey: [...quotaKey, 'rules'], queryFn: ({ signal }) => listRules(signal) });
export const bodyQuotaQueryOptions = (bodyId: number, asOf?: string) =>
  queryOptions({
    queryKey: [...quotaKey, 'body', bodyId, asOf ?? null],
    queryFn: ({ signal }) => getBodyQuota(bodyId, asOf, signal),
  });
export const credentialsQueryOptions = (assemblyId: number) =>
  queryOptions({
    queryKey: [...quotaKey, 'credentials', assemblyId],
    queryFn: ({ signal }) => getCredentials(assemblyId, signal),
  });

export const useRules = () => useQuery(rulesQueryOptions());
export const useBodyQuota = (bodyId: number, asOf?: string) => useQuery(bodyQuotaQueryOptions(bodyId, asOf));
export const useCredentials = (assemblyId: number) => useQuery(credentialsQueryOptions(assemblyId));

function useQuotaMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: quotaKey });
      await queryClient.invalidateQueries({ queryKey: ['assemblies'] });
    },
  });
}

export const useCreateRuleVersion = () => useQuotaMutation(createRuleVersion);
export const useCreateRule = () => useQuotaMutation(createRule);
export const useDecideDelegation = () => useQuotaMutation(decideDelegation);
export const useResubmitDelegation = () => useQuotaMutation(resubmitDelegation);
export const useWithdrawDelegate = () => useQuotaMutation(withdrawDelegate);
export const useAddDelegate = () => useQuotaMutation(addDelegate);
export const useCheckSlate = () => useMutation({ mutationFn: checkSlate });
export const useEvaluateList = () => useMutation({ mutationFn: evaluateList });
