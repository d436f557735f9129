import type { z } from 'zod';
import type { CaseDetail, referralBody, updateReferralBody } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export type ReferralInput = z.input<typeof referralBody>;
export type UpdateReferralInput = z.input<typeof updateReferralBody>;

const referralUrl = (id: string, itemId: string) => `${caseUrl(id)}/referrals/${encodeURIComponent(itemId)}`;

export const addReferral = ({ id, ...body }: ReferralInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/referrals`, { method: 'POST', body });
export const updateReferral = ({
  id,
  itemId,
  ...body
}: UpdateReferralInput & { id: string; itemId: string }) =>
  apiFetch<CaseDetail>(referralUrl(id, itemId), { method: 'PATCH', body });
/** The coordinator marks an emergency referral made without consent as reviewed. */
export const reviewReferral = ({ id, itemId }: { id: string; itemId: string }) =>
  apiFetch<CaseDetail>(`${referralUrl(id, itemId)}/review`, { method: 'POST' });

export const useAddReferral = () => useCaseMutation(addReferral);
export const useUpdateReferral = () => useCaseMutation(updateReferral);
export const useReviewReferral = () => useCaseMutation(reviewReferral);
