import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActivityDetail,
  ActivityTallyBody,
  CampaignDetail,
  CreateActivityBody,
  CreateCampaignBody,
  listActivityKindsResponse,
  listCampaignsResponse,
  UnitReachResponse,
  UpdateActivityBody,
  UpdateCampaignBody,
} from '../../../../shared/contracts/campaigns.ts';
import type { CampaignStatus } from '../../../../shared/campaign-taxonomies.ts';
import type { listMaterialsResponse } from '../../../../shared/contracts/materials.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

type ListActivityKindsResponse = z.infer<typeof listActivityKindsResponse>;
type ListCampaignsResponse = z.infer<typeof listCampaignsResponse>;

const campaignsKey = ['campaigns'] as const;

// ── Fetchers, one per endpoint (shared/contracts/campaigns.ts) ────────────────────────────────────────
export const listActivityKinds = (signal?: AbortSignal) =>
  apiFetch<ListActivityKindsResponse>('/campaigns/activity-kinds', { signal });
export const listCampaigns = (signal?: AbortSignal) =>
  apiFetch<ListCampaignsResponse>('/campaigns', { signal });
export const getCampaign = (id: number, signal?: AbortSignal) =>
  apiFetch<CampaignDetail>(`/campaigns/${id}`, { signal });
export const createCampaign = (body: CreateCampaignBody) =>
  apiFetch<CampaignDetail>('/campaigns', { method: 'POST', body });
export const updateCampaign = ({ campaignId, ...body }: UpdateCampaignBody & { campaignId: number }) =>
  apiFetch<CampaignDetail>(`/campaigns/${campaignId}`, { method: 'PATCH', body });
export const moveCampaign = ({ campaignId, status }: { campaignId: number; status: CampaignStatus }) =>
  apiFetch<CampaignDetail>(`/campaigns/${campaignId}/status`, { method: 'POST', body: { status } });
export const createActivity = ({ campaignId, ...body }: CreateActivityBody & { campaignId: number }) =>
  apiFetch<ActivityDetail>(`/campaigns/${campaignId}/activities`, { method: 'POST', body });
export const updateActivity = ({ activityId, ...body }: UpdateActivityBody & { activityId: number }) =>
  apiFetch<ActivityDetail>(`/campaign-activities/${activityId}`, { method: 'PUT', body });
export const getActivity = (id: number, signal?: AbortSignal) =>
  apiFetch<ActivityDetail>(`/campaign-activities/${id}`, { signal });
export const setTally = ({ activityId, ...body }: ActivityTallyBody & { activityId: number }) =>
  apiFetch<ActivityDetail>(`/campaign-activities/${activityId}/tally`, { method: 'PUT', body });
export const addAttendees = ({ activityId, memberIds }: { activityId: number; memberIds: string[] }) =>
  apiFetch<ActivityDetail>(`/campaign-activities/${activityId}/attendees`, {
    method: 'POST',
    body: { memberIds },
  });
export const removeAttendee = ({ activityId, memberId }: { activityId: number; memberId: string }) =>
  apiFetch<ActivityDetail>(`/campaign-activities/${activityId}/attendees/${encodeURIComponent(memberId)}`, {
    method: 'DELETE',
  });

export const getUnitReach = (signal?: AbortSignal) =>
  apiFetch<UnitReachResponse>('/campaigns/reach', { signal });

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────────
export const activityKindsQueryOptions = () =>
  queryOptions({
    queryKey: [...campaignsKey, 'kinds'],
    queryFn: ({ signal }) => listActivityKinds(signal),
    staleTime: 5 * 60_000,
  });
export const campaignListQueryOptions = () =>
  queryOptions({ queryKey: [...campaignsKey, 'list'], queryFn: ({ signal }) => listCampaigns(signal) });
export const campaignQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...campaignsKey, 'campaign', id],
    queryFn: ({ signal }) => getCampaign(id, signal),
  });
export const activityQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...campaignsKey, 'activity', id],
    queryFn: ({ signal }) => getActivity(id, signal),
  });

export const unitReachQueryOptions = () =>
  queryOptions({ queryKey: [...campaignsKey, 'unit-reach'], queryFn: ({ signal }) => getUnitReach(signal) });
export const useUnitReach = () => useQuery(unitReachQueryOptions());
export const useActivityKinds = () => useQuery(activityKindsQueryOptions());
export const useCampaigns = () => useQuery(campaignListQueryOptions());
export const useCampaign = (id: number) => useQuery(campaignQueryOptions(id));
export const useActivity = (id: number) => useQuery(activityQueryOptions(id));

// ── Mutations ────────────────────────────────────────────────────────────────────────────────────────
/** A campaign mutation answers the whole campaign: it replaces the cached page; lists and parents refresh. */
function useCampaignMutation<Variables>(mutationFn: (variables: Variables) => Promise<CampaignDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(campaignQueryOptions(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: campaignListQueryOptions().queryKey });
      if (detail.parentId !== null)
        await queryClient.invalidateQueries({ queryKey: campaignQueryOptions(detail.parentId).queryKey });
    },
  });
}
export const useCreateCampaign = () => useCampaignMutation(createCampaign);
export const useUpdateCampaign = () => useCampaignMutation(updateCampaign);
export const useMoveCampaign = () => useCampaignMutation(moveCampaign);

/** An activity mutation answers the activity; its campaign's activities and reach refresh. */
function useActivityMutation<Variables>(mutationFn: (variables: Variables) => Promise<ActivityDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(activityQueryOptions(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: [...campaignsKey, 'campaign'] });
    },
  });
}
export const deleteActivity = (activityId: number) =>
  apiFetch<undefined>(`/campaign-activities/${activityId}`, { method: 'DELETE' });
/** Removing an activity drops its cached page; its campaign's list and reach refresh. */
export function useDeleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteActivity,
    onSuccess: async (_, activityId) => {
      queryClient.removeQueries({ queryKey: activityQueryOptions(activityId).queryKey });
      await queryClient.invalidateQueries({ queryKey: [...campaignsKey, 'campaign'] });
    },
  });
}
export const useCreateActivity = () => useActivityMutation(createActivity);
export const useUpdateActivity = () => useActivityMutation(updateActivity);
export const useSetTally = () => useActivityMutation(setTally);
export const useAddAttendees = () => useActivityMutation(addAttendees);
export const useRemoveAttendee = () => useActivityMutation(removeAttendee);

export function uploadPhoto({ activityId, file }: { activityId: number; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<ActivityDetail>(`/campaign-activities/${activityId}/photos`, {
    method: 'POST',
    body: form,
  });
}
/** Downloads are plain GETs the browser saves; the session cookie goes along. */
export const photoUrl = (activityId: number, photoId: number) =>
  buildUrl(`/campaign-activities/${activityId}/photos/${photoId}`);
export const useUploadPhoto = () => useActivityMutation(uploadPhoto);

// ── The materials library, as an activity uses it (the library's own screens are features/materials) ──
type ListMaterialsResponse = z.infer<typeof listMaterialsResponse>;
export const listLibraryMaterials = (signal?: AbortSignal) =>
  apiFetch<ListMaterialsResponse>('/materials', { signal });
export const libraryMaterialsQueryOptions = () =>
  queryOptions({
    queryKey: [...campaignsKey, 'library-materials'],
    queryFn: ({ signal }) => listLibraryMaterials(signal),
  });
export const useLibraryMaterials = (enabled: boolean) =>
  useQuery({ ...libraryMaterialsQueryOptions(), enabled });
export const linkLibraryMaterial = ({ materialId, activityId }: { materialId: number; activityId: number }) =>
  apiFetch<unknown>(`/materials/${materialId}/activities`, {
    method: 'POST',
    body: { activityId, versionNumber: null },
  });
/** Recording that the activity used a material's newest version; the activity page refreshes. */
export function useLinkLibraryMaterial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: linkLibraryMaterial,
    onSuccess: async (_, { activityId }) => {
      await queryClient.invalidateQueries({ queryKey: activityQueryOptions(activityId).queryKey });
    },
  });
}
