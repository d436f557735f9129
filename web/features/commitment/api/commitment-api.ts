import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CoverageQuery,
  CoverageResponse,
  CreatedSignature,
  CreateSignatureBody,
  CreateVersionBody,
  DecideSignatureBody,
  listVersionsResponse,
  ListSignaturesQuery,
  ListSignaturesResponse,
  PaperListBody,
  PaperListDetail,
  PaperListResponse,
  SignatureDetail,
  VersionDetail,
} from '../../../../shared/contracts/commitment.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

type ListVersionsResponse = z.infer<typeof listVersionsResponse>;
const commitmentKey = ['commitment'] as const;

// ── Fetchers, one per endpoint (shared/contracts/commitment.ts) ───────────────────────────────────────
export const listVersions = (signal?: AbortSignal) =>
  apiFetch<ListVersionsResponse>('/commitment/versions', { signal });
export const getVersion = (id: number, signal?: AbortSignal) =>
  apiFetch<VersionDetail>(`/commitment/versions/${id}`, { signal });
export const createVersion = (body: CreateVersionBody) =>
  apiFetch<VersionDetail>('/commitment/versions', { method: 'POST', body });
export const activateVersion = (id: number) =>
  apiFetch<VersionDetail>(`/commitment/versions/${id}/activate`, { method: 'POST' });
export const listSignatures = (query: ListSignaturesQuery, signal?: AbortSignal) =>
  apiFetch<ListSignaturesResponse>('/commitment/signatures', {
    query: query as Record<string, string | number | undefined>,
    signal,
  });
export const getSignature = (id: string, signal?: AbortSignal) =>
  apiFetch<SignatureDetail>(`/commitment/signatures/${encodeURIComponent(id)}`, { signal });
export const createSignature = (body: CreateSignatureBody) =>
  apiFetch<CreatedSignature>('/commitment/signatures', { method: 'POST', body });
export const decideSignature = ({ id, ...body }: DecideSignatureBody & { id: string }) =>
  apiFetch<SignatureDetail>(`/commitment/signatures/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body,
  });

export const enterPaperList = (body: PaperListBody) =>
  apiFetch<PaperListResponse>('/commitment/paper-lists', { method: 'POST', body });
/** A photo (or scan) of the signed sheet, attached to the list just entered. */
export function uploadPaperListPhoto({ paperListId, file }: { paperListId: number; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<PaperListDetail>(`/commitment/paper-lists/${paperListId}/photos`, {
    method: 'POST',
    body: form,
  });
}
/** Downloads are plain GETs the browser saves; the session cookie goes along. */
export const paperListPhotoUrl = (paperListId: number, photoId: number) =>
  buildUrl(`/commitment/paper-lists/${paperListId}/photos/${photoId}`);
export const getCoverage = (query: CoverageQuery, signal?: AbortSignal) =>
  apiFetch<CoverageResponse>('/commitment/coverage', {
    query: query,
    signal,
  });

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────────
export const versionListQueryOptions = () =>
  queryOptions({ queryKey: [...commitmentKey, 'versions'], queryFn: ({ signal }) => listVersions(signal) });
export const versionQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...commitmentKey, 'version', id],
    queryFn: ({ signal }) => getVersion(id, signal),
  });
export const signatureListQueryOptions = (query: ListSignaturesQuery) =>
  queryOptions({
    queryKey: [...commitmentKey, 'signatures', query],
    queryFn: ({ signal }) => listSignatures(query, signal),
    placeholderData: keepPreviousData,
  });
export const signatureQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...commitmentKey, 'signature', id],
    queryFn: ({ signal }) => getSignature(id, signal),
  });

export const coverageQueryOptions = (query: CoverageQuery) =>
  queryOptions({
    queryKey: [...commitmentKey, 'coverage', query],
    queryFn: ({ signal }) => getCoverage(query, signal),
    placeholderData: keepPreviousData,
  });
export const useCoverage = (query: CoverageQuery) => useQuery(coverageQueryOptions(query));
export const useVersions = () => useQuery(versionListQueryOptions());
export const useVersion = (id: number) => useQuery(versionQueryOptions(id));
export const useSignatures = (query: ListSignaturesQuery) => useQuery(signatureListQueryOptions(query));
export const useSignature = (id: string | null) =>
  useQuery({ ...signatureQueryOptions(id ?? ''), enabled: id !== null });

// ── Mutations: every change refreshes the whole commitment cache (counts live on several screens) ────
function useCommitmentMutation<TBody, TResult>(fn: (body: TBody) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: commitmentKey }),
  });
}
export const useCreateVersion = () => useCommitmentMutation(createVersion);
export const useActivateVersion = () => useCommitmentMutation(activateVersion);
export const useCreateSignature = () => useCommitmentMutation(createSignature);
export const useDecideSignature = () => useCommitmentMutation(decideSignature);
export const useEnterPaperList = () => useCommitmentMutation(enterPaperList);
export const useUploadPaperListPhoto = () => useCommitmentMutation(uploadPaperListPhoto);
