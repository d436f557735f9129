import type { z } from 'zod';
import type { CaseDetail, routingBody, transitionBody } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export type TransitionInput = z.input<typeof transitionBody>;
export type RoutingInput = z.input<typeof routingBody>;

export const transitionCase = ({ id, ...body }: TransitionInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/transitions`, { method: 'POST', body });
export const rerouteCase = ({ id, ...body }: RoutingInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/routing`, { method: 'PATCH', body });

export const useTransitionCase = () => useCaseMutation(transitionCase);
export const useRerouteCase = () => useCaseMutation(rerouteCase);
