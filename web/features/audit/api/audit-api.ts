import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { listAuditResponse } from '../../../../shared/contracts/audit.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListAuditResponse = z.infer<typeof listAuditResponse>;

/** Filters as the API takes them (ISO instants for the date range); empty values are left out. */
export interface AuditFilters {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

const pageSize = 50;

export const listAudit = (filters: AuditFilters, cursor: string | undefined, signal?: AbortSignal) =>
  apiFetch<ListAuditResponse>('/audit', { query: { ...filters, cursor, limit: pageSize }, signal });

export const auditQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) => listAudit(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useAudit = (filters: AuditFilters) => useInfiniteQuery(auditQueryOptions(filters));
