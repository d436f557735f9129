import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api.ts';
import { sessionQueryKey } from '../lib/session.ts';

/**
 * One place reacts to "your session is gone" from any call: the cached session becomes null and the
 * route guard sends the user to the login page. The API client itself stays free of redirects.
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onApiError(error) }),
    mutationCache: new MutationCache({ onError: (error) => onApiError(error) }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not change by retrying; network and 5xx errors may.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });

  function onApiError(error: unknown): void {
    if (!(error instanceof ApiError)) return;
    if (error.code === 'unauthenticated') {
      queryClient.setQueryData(sessionQueryKey, null);
    } else if (error.code === 'mfa_required' || error.code === 'mfa_enrolment_required') {
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    }
  }

  return queryClient;
}
