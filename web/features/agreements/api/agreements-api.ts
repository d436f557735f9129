import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AgreementDetail,
  ChecklistVersionView,
  CodeItemBody,
  CreateAgreementBody,
  CreateChecklistBody,
  listAgreementsResponse,
  listChecklistsResponse,
  UpdateAgreementBody,
} from '../../../../shared/contracts/agreements.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

type ListAgreementsResponse = z.infer<typeof listAgreementsResponse>;
type ListChecklistsResponse = z.infer<typeof listChecklistsResponse>;

const agreementsKey = ['agreements'] as const;

// ── Fetchers, one per endpoint (shared/contracts/agreements.ts) ───────────────────────────────────────
export const listAgreements = (signal?: AbortSignal) =>
  apiFetch<ListAgreementsResponse>('/agreements', { signal });
export const getAgreement = (id: number, signal?: AbortSignal) =>
  apiFetch<AgreementDetail>(`/agreements/${id}`, { signal });
export const createAgreement = (body: CreateAgreementBody) =>
  apiFetch<AgreementDetail>('/agreements', { method: 'POST', body });
export const updateAgreement = ({ agreementId, ...body }: UpdateAgreementBody & { agreementId: number }) =>
  apiFetch<AgreementDetail>(`/agreements/${agreementId}`, { method: 'PUT', body });
export const codeItem = ({ agreementId, ...body }: CodeItemBody & { agreementId: number }) =>
  apiFetch<AgreementDetail>(`/agreements/${agreementId}/codings`, { method: 'POST', body });
export function uploadDocument({ agreementId, file }: { agreementId: number; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<AgreementDetail>(`/agreements/${agreementId}/files`, { method: 'POST', body: form });
}
export const listChecklists = (signal?: AbortSignal) =>
  apiFetch<ListChecklistsResponse>('/agreement-checklists', { signal });
export const createChecklist = (body: CreateChecklistBody) =>
  apiFetch<ChecklistVersionView>('/agreement-checklists', { method: 'POST', body });
/** Downloads are plain GETs the browser saves; the session cookie goes along. */
export const fileUrl = (agreementId: number, fileId: number) =>
  buildUrl(`/agreements/${agreementId}/files/${fileId}`);
export const gapListUrl = (agreementId: number, format: 'xlsx' | 'pdf') =>
  buildUrl(`/agreements/${agreementId}/gaps/${format}`);

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────────
export const agreementListQueryOptions = () =>
  queryOptions({ queryKey: [...agreementsKey, 'list'], queryFn: ({ signal }) => listAgreements(signal) });
export const agreementQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...agreementsKey, 'agreement', id],
    queryFn: ({ signal }) => getAgreement(id, signal),
  });
export const checklistQueryOptions = () =>
  queryOptions({
    queryKey: [...agreementsKey, 'checklists'],
    queryFn: ({ signal }) => listChecklists(signal),
  });
export const useAgreements = () => useQuery(agreementListQueryOptions());
export const useAgreement = (id: number) => useQuery(agreementQueryOptions(id));
export const useChecklists = () => useQuery(checklistQueryOptions());

// ── Mutations ────────────────────────────────────────────────────────────────────────────────────────
/** An agreement mutation answers the whole agreement: it replaces the cached page; the list refreshes. */
function useAgreementMutation<Variables>(mutationFn: (variables: Variables) => Promise<AgreementDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(agreementQueryOptions(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: agreementListQueryOptions().queryKey });
    },
  });
}
export const useCreateAgreement = () => useAgreementMutation(createAgreement);
export const useUpdateAgreement = () => useAgreementMutation(updateAgreement);
export const useCodeItem = () => useAgreementMutation(codeItem);
export const useUploadDocument = () => useAgreementMutation(uploadDocument);
/** A new checklist version changes every agreement's sheet: everything under `agreements` refreshes. */
export function useCreateChecklist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createChecklist,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agreementsKey }),
  });
}
