import type { z } from 'zod';
import type { CaseDetail, measureBody, updateMeasureBody } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export type MeasureInput = z.input<typeof measureBody>;
export type UpdateMeasureInput = z.input<typeof updateMeasureBody>;

export const addMeasure = ({ id, ...body }: MeasureInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/measures`, { method: 'POST', body });
export const updateMeasure = ({ id, itemId, ...body }: UpdateMeasureInput & { id: string; itemId: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/measures/${encodeURIComponent(itemId)}`, { method: 'PATCH', body });

export const useAddMeasure = () => useCaseMutation(addMeasure);
export const useUpdateMeasure = () => useCaseMutation(updateMeasure);
