import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { OkResponse } from '../../../../shared/contracts/common.ts';
import type {
  CreateUserBody,
  GrantRoleBody,
  GrantRoleResponse,
  listPendingGrantsResponse,
  listUsersResponse,
  PendingGrantView,
  UpdateUserBody,
  UserView,
} from '../../../../shared/contracts/users.ts';
import { apiFetch } from '../../../lib/api.ts';
import { sessionQueryKey } from '../../../lib/session.ts';

type ListUsersResponse = z.infer<typeof listUsersResponse>;
type ListPendingGrantsResponse = z.infer<typeof listPendingGrantsResponse>;

const usersKey = ['users'] as const;
const pageSize = 50;

export const listUsers = (q: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiFetch<ListUsersResponse>('/users', { query: { q: q || undefined, cursor, limit: pageSize }, signal });
export const getUser = (id: string, signal?: AbortSignal) =>
  apiFetch<UserView>(`/users/${encodeURIComponent(id)}`, { signal });
export const createUser = (body: CreateUserBody) => apiFetch<UserView>('/users', { method: 'POST', body });
export const updateUser = ({ id, ...body }: UpdateUserBody & { id: string }) =>
  apiFetch<UserView>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const resetUserPassword = (id: string) =>
  apiFetch<OkResponse>(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' });
export const grantRole = ({ userId, ...body }: GrantRoleBody & { userId: string }) =>
  apiFetch<GrantRoleResponse>(`/users/${encodeURIComponent(userId)}/grants`, { method: 'POST', body });
export const revokeGrant = ({ userId, grantId }: { userId: string; grantId: string }) =>
  apiFetch<UserView>(`/users/${encodeURIComponent(userId)}/grants/${encodeURIComponent(grantId)}`, {
    method: 'DELETE',
  });

export const userListQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: [...usersKey, 'list', q],
    queryFn: ({ pageParam, signal }) => listUsers(q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
export const userQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...usersKey, 'detail', id], queryFn: ({ signal }) => getUser(id, signal) });

export const useUserList = (q: string) => useInfiniteQuery(userListQueryOptions(q));
export const useUser = (id: string) => useQuery(userQueryOptions(id));

/** A change to one user answers with the new UserView: put it in the cache and refresh the lists. */
function useUserMutation<Variables, Result extends UserView = UserView>(
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (user) => {
      queryClient.setQueryData(userQueryOptions(user.id).queryKey, user);
      // The changed user may be the one logged in (own grants, own name): refresh the session too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...usersKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
      ]);
    },
  });
}

export const useCreateUser = () => useUserMutation(createUser);
export const useUpdateUser = () => useUserMutation(updateUser);
export const useGrantRole = () => useUserMutation(grantRole);
export const useRevokeGrant = () => useUserMutation(revokeGrant);
export const useResetUserPassword = () => useMutation({ mutationFn: resetUserPassword });

/** Case roles waiting for a second person (issue 17): the confirmation page and the user page. */
const confirmationsKey = ['role-confirmations'] as const;
export const listRoleConfirmations = (signal?: AbortSignal) =>
  apiFetch<ListPendingGrantsResponse>('/role-confirmations', { signal });
export const confirmRole = (id: string) =>
  apiFetch<PendingGrantView>(`/role-confirmations/${encodeURIComponent(id)}/confirm`, { method: 'POST' });
export const withdrawRole = (id: string) =>
  apiFetch<null>(`/role-confirmations/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const useRoleConfirmations = () =>
  useQuery({ queryKey: confirmationsKey, queryFn: ({ signal }) => listRoleConfirmations(signal) });

/** Confirming or withdrawing changes the grantee's account view and the confirmation list. */
function useConfirmationMutation<Result>(mutationFn: (id: string) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: confirmationsKey }),
        queryClient.invalidateQueries({ queryKey: usersKey }),
      ]),
  });
}
export const useConfirmRole = () => useConfirmationMutation(confirmRole);
export const useWithdrawRole = () => useConfirmationMutation(withdrawRole);
