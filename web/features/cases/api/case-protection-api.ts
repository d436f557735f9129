import type { z } from 'zod';
import type { CaseDetail, ethicsBody, rightsBody } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export type EthicsInput = z.input<typeof ethicsBody>;
export type RightsInput = z.input<typeof rightsBody>;

/** The union-internal ethics process; only when the case's `ethicsApplicable` is set. */
export const saveEthics = ({ id, ...body }: EthicsInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/ethics`, { method: 'PUT', body });
/** The rights checklist (UU TPKS Arts. 68–70). */
export const saveRights = ({ id, ...body }: RightsInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/rights`, { method: 'PUT', body });

export const useSaveEthics = () => useCaseMutation(saveEthics);
export const useSaveRights = () => useCaseMutation(saveRights);
