import type { z } from 'zod';
import type { CaseDetail, consentBody } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export type ConsentInput = z.input<typeof consentBody>;

export const recordConsent = ({ id, ...body }: ConsentInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/consents`, { method: 'POST', body });

export const useRecordConsent = () => useCaseMutation(recordConsent);
