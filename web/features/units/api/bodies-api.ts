import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AppointBody,
  BodyView,
  createBodyBody,
  createPositionBody,
  endAppointmentBody,
  listBodiesResponse,
  updateBodyBody,
  updatePositionBody,
} from '../../../../shared/contracts/organisation.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListBodiesResponse = z.infer<typeof listBodiesResponse>;
export type CreateBodyBody = z.input<typeof createBodyBody>;
export type UpdateBodyBody = z.input<typeof updateBodyBody>;
export type CreatePositionBody = z.input<typeof createPositionBody>;
export type UpdatePositionBody = z.input<typeof updatePositionBody>;
export type EndAppointmentBody = z.infer<typeof endAppointmentBody>;

const bodiesKey = (unitId: number) => ['bodies', unitId] as const;

export const listBodies = (unitId: number, signal?: AbortSignal) =>
  apiFetch<ListBodiesResponse>(`/units/${unitId}/bodies`, { signal });
export const createBody = ({ unitId, ...body }: CreateBodyBody & { unitId: number }) =>
  apiFetch<BodyView>(`/units/${unitId}/bodies`, { method: 'POST', body });
export const updateBody = ({ id, ...body }: UpdateBodyBody & { id: number }) =>
  apiFetch<BodyView>(`/bodies/${id}`, { method: 'PATCH', body });
export const createPosition = ({ bodyId, ...body }: CreatePositionBody & { bodyId: number }) =>
  apiFetch<BodyView>(`/bodies/${bodyId}/positions`, { method: 'POST', body });
export const updatePosition = ({ id, ...body }: UpdatePositionBody & { id: number }) =>
  apiFetch<BodyView>(`/positions/${id}`, { method: 'PATCH', body });
export const appoint = ({ positionId, ...body }: AppointBody & { positionId: number }) =>
  apiFetch<BodyView>(`/positions/${positionId}/appointments`, { method: 'POST', body });
export const endAppointment = ({ id, ...body }: EndAppointmentBody & { id: string }) =>
  apiFetch<BodyView>(`/appointments/${encodeURIComponent(id)}/end`, { method: 'POST', body });

export const bodiesQueryOptions = (unitId: number) =>
  queryOptions({ queryKey: bodiesKey(unitId), queryFn: ({ signal }) => listBodies(unitId, signal) });
export const useBodies = (unitId: number) => useQuery(bodiesQueryOptions(unitId));

/** Every change answers with the whole body: put it in the unit's list in place. */
function useBodyMutation<Variables>(mutationFn: (variables: Variables) => Promise<BodyView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (body) => {
      queryClient.setQueryData(bodiesKey(body.unitId), (old: ListBodiesResponse | undefined) => {
        if (!old) return { items: [body] };
        const exists = old.items.some((item) => item.id === body.id);
        return {
          items: exists ? old.items.map((item) => (item.id === body.id ? body : item)) : [...old.items, body],
        };
      });
      // Member pages list the positions a member holds.
      await queryClient.invalidateQueries({ queryKey: ['members'] });
    },
  });
}

export const useCreateBody = () => useBodyMutation(createBody);
export const useUpdateBody = () => useBodyMutation(updateBody);
export const useCreatePosition = () => useBodyMutation(createPosition);
export const useUpdatePosition = () => useBodyMutation(updatePosition);
export const useAppoint = () => useBodyMutation(appoint);
export const useEndAppointment = () => useBodyMutation(endAppointment);
