import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfirmBody,
  LadderResponse,
  MemberStagesResponse,
  ProposalsResponse,
  RefreshBody,
  RefreshResponse,
  StageView,
  UpdateStageBody,
} from '../../../../shared/contracts/cadre.ts';
import { apiFetch } from '../../../lib/api.ts';

const cadreKey = ['cadre'] as const;
/** The member page keeps her stages under the members key; a decision here refreshes it there. */
const membersKey = ['members'] as const;

// ── Fetchers, one per endpoint (shared/contracts/cadre.ts) ───────────────────────────────────────────
export const getLadder = (signal?: AbortSignal) => apiFetch<LadderResponse>('/cadre/stages', { signal });
export const updateStage = ({ code, ...body }: UpdateStageBody & { code: string }) =>
  apiFetch<StageView>(`/cadre/stages/${encodeURIComponent(code)}`, { method: 'PUT', body });
export const listProposals = (signal?: AbortSignal) =>
  apiFetch<ProposalsResponse>('/cadre/proposals', { signal });
export const refreshProposals = (body: RefreshBody) =>
  apiFetch<RefreshResponse>('/cadre/proposals/refresh', { method: 'POST', body });
export const confirmProposal = ({ id, ...body }: ConfirmBody & { id: string }) =>
  apiFetch<MemberStagesResponse>(`/cadre/proposals/${encodeURIComponent(id)}/confirm`, {
    method: 'POST',
    body,
  });
export const declineProposal = ({ id, reason }: { id: string; reason: string }) =>
  apiFetch<{ ok: true }>(`/cadre/proposals/${encodeURIComponent(id)}/decline`, {
    method: 'POST',
    body: { reason },
  });

// ── Hooks ────────────────────────────────────────────────────────────────────────────────────────────
export const useLadder = () =>
  useQuery({ queryKey: [...cadreKey, 'ladder'], queryFn: ({ signal }) => getLadder(signal) });
export const useProposals = () =>
  useQuery({ queryKey: [...cadreKey, 'proposals'], queryFn: ({ signal }) => listProposals(signal) });

function useCadreMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: cadreKey }),
        queryClient.invalidateQueries({ queryKey: membersKey }),
      ]);
    },
  });
}
export const useUpdateStage = () => useCadreMutation(updateStage);
export const useRefreshProposals = () => useCadreMutation(refreshProposals);
export const useConfirmProposal = () => useCadreMutation(confirmProposal);
export const useDeclineProposal = () => useCadreMutation(declineProposal);
