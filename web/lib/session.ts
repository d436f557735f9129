import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OkResponse } from '../../shared/contracts/common.ts';
import type { SessionState, SessionView, updateMeBody } from '../../shared/contracts/auth.ts';
import { apiFetch, isApiError, resetCsrfToken } from './api.ts';

/**
 * The session is shared by every screen (guards, navigation, capabilities), so it lives here rather than
 * in a feature. `null` means "not logged in".
 */
export const sessionQueryKey = ['session'] as const;

export type UpdateMeBody = z.infer<typeof updateMeBody>;
export type Capability = keyof SessionView['capabilities'];

/**
 * The server answers a signed-out visitor with 200 `{ signedIn: false }`, so a signed-out page logs no
 * console error; a 401 (a server from before that change, or a proxy) still means "not logged in".
 */
export async function getSession(): Promise<SessionView | null> {
  try {
    const state = await apiFetch<SessionState>('/session');
    return state.signedIn === false ? null : state;
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) return null;
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionQueryKey, queryFn: getSession, staleTime: 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());

/** The logged-in (full stage) session; only call below a guard that guarantees one. */
export function useFullSession(): SessionView {
  const { data } = useSession();
  if (!data) throw new Error('useFullSession used outside a logged-in route');
  return data;
}

export const updateMe = (body: UpdateMeBody) => apiFetch<SessionView>('/me', { method: 'PATCH', body });

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (session) => queryClient.setQueryData(sessionQueryKey, session),
  });
}

/**
 * Whether the last session ended because the user logged out (rather than expiring). The route guard
 * then sends to the plain login page instead of "log in to come back to this page".
 */
let isEndedByUser = false;
export const wasSessionEndedByUser = (): boolean => isEndedByUser;
export function markSessionStarted(): void {
  isEndedByUser = false;
}

/** Forget everything cached for the previous user and mark the session as gone. */
export function clearSession(queryClient: QueryClient, { byUser = false }: { byUser?: boolean } = {}): void {
  isEndedByUser = byUser;
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
  queryClient.setQueryData(sessionQueryKey, null);
  resetCsrfToken();
}

export const logout = () => apiFetch<OkResponse>('/auth/logout', { method: 'POST' });
export const logoutEverywhere = () => apiFetch<OkResponse>('/auth/logout-all', { method: 'POST' });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => clearSession(queryClient, { byUser: true }),
  });
}

export function useLogoutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logoutEverywhere,
    onSuccess: () => clearSession(queryClient, { byUser: true }),
  });
}
