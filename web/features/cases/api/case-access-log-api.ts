import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { accessLogResponse } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseRelatedKey, caseUrl } from './cases-api.ts';

export type AccessLogResponse = z.infer<typeof accessLogResponse>;

export const getAccessLog = (id: string, signal?: AbortSignal) =>
  apiFetch<AccessLogResponse>(`${caseUrl(id)}/access-log`, { signal });

export const accessLogQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...caseRelatedKey(id), 'access-log'],
    queryFn: ({ signal }) => getAccessLog(id, signal),
  });

/** Fetched only when the access-log tab is open: reading it is itself logged. */
export const useAccessLog = (id: string) => useQuery(accessLogQueryOptions(id));
