import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ImportJobView,
  ImportUploadResponse,
  ListImportsResponse,
  validateImportResponse,
} from '../../../../shared/contracts/imports.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

export type ImportKind = 'members' | 'units';
export type ImportMode = 'all_or_nothing' | 'valid_only';
export type ImportMapping = Record<string, string>;
export type ValidateImportResponse = z.infer<typeof validateImportResponse>;

const importsKey = ['imports'] as const;

/** How often a running import is asked for its progress. */
export const pollIntervalMs = 1000;

export function uploadImport({ kind, file }: { kind: ImportKind; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<ImportUploadResponse>('/imports', { method: 'POST', query: { kind }, body: form });
}
export const validateImport = ({ id, mapping }: { id: string; mapping: ImportMapping }) =>
  apiFetch<ValidateImportResponse>(`/imports/${encodeURIComponent(id)}/validate`, {
    method: 'POST',
    body: { mapping },
  });
export const runImport = ({ id, mode }: { id: string; mode: ImportMode }) =>
  apiFetch<ImportJobView>(`/imports/${encodeURIComponent(id)}/run`, { method: 'POST', body: { mode } });
export const getImport = (id: string, signal?: AbortSignal) =>
  apiFetch<ImportJobView>(`/imports/${encodeURIComponent(id)}`, { signal });
export const listImports = (signal?: AbortSignal) => apiFetch<ListImportsResponse>('/imports', { signal });
/** The full error report, a plain GET the browser downloads. */
export const importErrorsUrl = (id: string) => buildUrl(`/imports/${encodeURIComponent(id)}/errors.csv`);

/** Asks again every second while the job runs; stops by itself once it is done or failed. */
export const importJobQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...importsKey, 'job', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : pollIntervalMs;
    },
  });
export const importListQueryOptions = () =>
  queryOptions({ queryKey: [...importsKey, 'list'], queryFn: ({ signal }) => listImports(signal) });

export const useImportJob = (id: string | null) =>
  useQuery({ ...importJobQueryOptions(id ?? ''), enabled: Boolean(id) });
export const useImportList = () => useQuery(importListQueryOptions());

export const useUploadImport = () => useMutation({ mutationFn: uploadImport });
export const useValidateImport = () => useMutation({ mutationFn: validateImport });
export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runImport,
    onSuccess: (job) => queryClient.setQueryData(importJobQueryOptions(job.id).queryKey, job),
  });
}

/** Once an import has finished, the lists it changed are stale. */
export function useRefreshAfterImport() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['members'] }),
      queryClient.invalidateQueries({ queryKey: ['units'] }),
      queryClient.invalidateQueries({ queryKey: [...importsKey, 'list'] }),
    ]);
}
