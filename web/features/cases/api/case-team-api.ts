import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignBody,
  assignableResponse,
  CaseDetail,
  recuseBody,
} from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseRelatedKey, caseUrl, useCaseMutation } from './cases-api.ts';

export type AssignableResponse = z.infer<typeof assignableResponse>;
export type AssignableCandidate = AssignableResponse['items'][number];
export type RecuseInput = z.input<typeof recuseBody>;

export const getAssignable = (id: string, signal?: AbortSignal) =>
  apiFetch<AssignableResponse>(`${caseUrl(id)}/assignable`, { signal });
export const assignToCase = ({ id, ...body }: AssignBody & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/assignments`, { method: 'POST', body });
export const endAssignment = ({ id, itemId }: { id: string; itemId: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/assignments/${encodeURIComponent(itemId)}/end`, { method: 'POST' });
export const recuseFromCase = ({ id, ...body }: RecuseInput & { id: string }) =>
  apiFetch<undefined>(`${caseUrl(id)}/recusal`, { method: 'POST', body });

export const assignableQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...caseRelatedKey(id), 'assignable'],
    queryFn: ({ signal }) => getAssignable(id, signal),
  });

export const useAssignable = (id: string) => useQuery(assignableQueryOptions(id));
export const useAssignToCase = () => useCaseMutation(assignToCase);
export const useEndAssignment = () => useCaseMutation(endAssignment);

/** After recusal the case no longer exists for this user: the screen leaves it and calls `forgetCase`. */
export const useRecuseFromCase = () => useMutation({ mutationFn: recuseFromCase });
