import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddLinkVersionBody,
  CreateMaterialBody,
  listMaterialsResponse,
  MaterialDetail,
} from '../../../../shared/contracts/materials.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

type ListMaterialsResponse = z.infer<typeof listMaterialsResponse>;

const materialsKey = ['materials'] as const;

// ── Fetchers, one per endpoint (shared/contracts/materials.ts) ────────────────────────────────────────
export const listMaterials = (signal?: AbortSignal) =>
  apiFetch<ListMaterialsResponse>('/materials', { signal });
export const getMaterial = (id: number, signal?: AbortSignal) =>
  apiFetch<MaterialDetail>(`/materials/${id}`, { signal });
export const createMaterial = (body: CreateMaterialBody) =>
  apiFetch<MaterialDetail>('/materials', { method: 'POST', body });
export const publishMaterial = ({ materialId, published }: { materialId: number; published: boolean }) =>
  apiFetch<MaterialDetail>(`/materials/${materialId}/publication`, { method: 'POST', body: { published } });
export const addLinkVersion = ({ materialId, ...body }: AddLinkVersionBody & { materialId: number }) =>
  apiFetch<MaterialDetail>(`/materials/${materialId}/link-versions`, { method: 'POST', body });
export function addFileVersion({ materialId, file, note }: { materialId: number; file: File; note: string }) {
  const form = new FormData();
  // The note first: the server reads the parts in order and the file last.
  if (note.trim()) form.append('note', note.trim());
  form.append('file', file, file.name);
  return apiFetch<MaterialDetail>(`/materials/${materialId}/versions`, { method: 'POST', body: form });
}
/** Downloads are plain GETs the browser saves; the session cookie goes along (staff downloads are not counted). */
export const fileUrl = (materialId: number, fileId: number) =>
  buildUrl(`/materials/${materialId}/files/${fileId}`);
/** The public page of a published material, outside the staff app. */
export const publicPageUrl = (slug: string) => `/materi/${slug}`;

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────────
export const materialListQueryOptions = () =>
  queryOptions({ queryKey: [...materialsKey, 'list'], queryFn: ({ signal }) => listMaterials(signal) });
export const materialQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...materialsKey, 'material', id],
    queryFn: ({ signal }) => getMaterial(id, signal),
  });
export const useMaterials = () => useQuery(materialListQueryOptions());
export const useMaterial = (id: number) => useQuery(materialQueryOptions(id));

// ── Mutations ────────────────────────────────────────────────────────────────────────────────────────
/** A material mutation answers the whole material: it replaces the cached page; the list refreshes. */
function useMaterialMutation<Variables>(mutationFn: (variables: Variables) => Promise<MaterialDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(materialQueryOptions(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: materialListQueryOptions().queryKey });
    },
  });
}
export const useCreateMaterial = () => useMaterialMutation(createMaterial);
export const usePublishMaterial = () => useMaterialMutation(publishMaterial);
export const useAddFileVersion = () => useMaterialMutation(addFileVersion);
export const useAddLinkVersion = () => useMaterialMutation(addLinkVersion);
