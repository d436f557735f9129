import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ChangePasswordBody,
  totpDisableBody,
  totpEnrolConfirmBody,
  totpEnrolConfirmResponse,
  totpEnrolStartResponse,
} from '../../../../shared/contracts/auth.ts';
import type { OkResponse } from '../../../../shared/contracts/common.ts';
import { apiFetch } from '../../../lib/api.ts';
import { sessionQueryKey } from '../../../lib/session.ts';

export type TotpEnrolStart = z.infer<typeof totpEnrolStartResponse>;
export type TotpEnrolConfirmBody = z.infer<typeof totpEnrolConfirmBody>;
export type TotpEnrolConfirm = z.infer<typeof totpEnrolConfirmResponse>;
export type TotpDisableBody = z.infer<typeof totpDisableBody>;

export const changePassword = (body: ChangePasswordBody) =>
  apiFetch<OkResponse>('/auth/password', { method: 'POST', body });
export const startTotpEnrolment = () => apiFetch<TotpEnrolStart>('/me/totp/start', { method: 'POST' });
export const confirmTotpEnrolment = (body: TotpEnrolConfirmBody) =>
  apiFetch<TotpEnrolConfirm>('/me/totp/confirm', { method: 'POST', body });
export const disableTotp = (body: TotpDisableBody) =>
  apiFetch<OkResponse>('/me/totp/disable', { method: 'POST', body });

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
export const useStartTotpEnrolment = () => useMutation({ mutationFn: startTotpEnrolment });
/**
 * Confirming does not refresh the session on purpose: on the forced enrolment screen that would move the
 * user on before the recovery codes are saved. The enrolment component refreshes it when the user is done.
 */
export const useConfirmTotpEnrolment = () => useMutation({ mutationFn: confirmTotpEnrolment });

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
