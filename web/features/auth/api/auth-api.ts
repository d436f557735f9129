import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  LoginBody,
  loginResponse,
  ResetPasswordBody,
  TotpVerifyBody,
} from '../../../../shared/contracts/auth.ts';
import type { OkResponse } from '../../../../shared/contracts/common.ts';
import { apiFetch, resetCsrfToken } from '../../../lib/api.ts';
import { markSessionStarted, sessionQueryKey } from '../../../lib/session.ts';

type LoginResponse = z.infer<typeof loginResponse>;

export const login = (body: LoginBody) => apiFetch<LoginResponse>('/auth/login', { method: 'POST', body });
export const verifyTotp = (body: TotpVerifyBody) =>
  apiFetch<LoginResponse>('/auth/totp', { method: 'POST', body });
export const resetPassword = (body: ResetPasswordBody) =>
  apiFetch<OkResponse>('/auth/reset', { method: 'POST', body });

/** After each login step the session changed on the server: read it again to learn the next step. */
function useRefreshSessionAfter<Body, Result>(mutationFn: (body: Body) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      // A new session may come with a new CSRF secret.
      resetCsrfToken();
      markSessionStarted();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}

export const useLogin = () => useRefreshSessionAfter(login);
export const useVerifyTotp = () => useRefreshSessionAfter(verifyTotp);
export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
