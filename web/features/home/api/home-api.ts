import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HomeWork } from '../../../../shared/contracts/home.ts';
import { apiFetch } from '../../../lib/api.ts';

export type { HomeWork };

export const getHomeWork = (signal?: AbortSignal) => apiFetch<HomeWork>('/home/work', { signal });

export const homeWorkQueryOptions = () =>
  queryOptions({ queryKey: ['home', 'work'], queryFn: ({ signal }) => getHomeWork(signal) });

/** What the signed-in user must act on now (counts only; each part only for its roles). */
export const useHomeWork = () => useQuery(homeWorkQueryOptions());
