import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { listOutboxResponse } from '../../../../shared/contracts/audit.ts';
import { apiFetch } from '../../../lib/api.ts';

type ListOutboxResponse = z.infer<typeof listOutboxResponse>;
export type OutboxMessage = ListOutboxResponse['items'][number];

export const listOutbox = (signal?: AbortSignal) => apiFetch<ListOutboxResponse>('/outbox', { signal });

export const outboxQueryOptions = () =>
  queryOptions({ queryKey: ['outbox'], queryFn: ({ signal }) => listOutbox(signal) });

export const useOutbox = () => useQuery(outboxQueryOptions());
