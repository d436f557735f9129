import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type {
  PipelineProportionalityResponse,
  PipelineResponse,
  ReadyPoolResponse,
} from '../../../../shared/contracts/training-pipeline.ts';
import { apiFetch } from '../../../lib/api.ts';

/** The leadership pipeline: funnel, ready pool, proportionality (one fetcher + query options each). */
const key = ['training', 'pipeline'] as const;

export interface PipelineFilter {
  unitId: number | undefined;
  track: string;
  year: number | undefined;
}

export const getPipeline = (filter: PipelineFilter, signal?: AbortSignal) =>
  apiFetch<PipelineResponse>('/training/pipeline', { query: { ...filter }, signal });
export const getReadyPool = (
  query: { unitId: number | undefined; months: number; offset: number },
  signal?: AbortSignal,
) => apiFetch<ReadyPoolResponse>('/training/pipeline/ready-pool', { query, signal });
export const getPipelineProportionality = (unitId: number | undefined, signal?: AbortSignal) =>
  apiFetch<PipelineProportionalityResponse>('/training/pipeline/proportionality', {
    query: { unitId },
    signal,
  });

export const pipelineQueryOptions = (filter: PipelineFilter) =>
  queryOptions({
    queryKey: [...key, 'funnel', filter.unitId ?? 'scope', filter.track, filter.year ?? 'latest'],
    queryFn: ({ signal }) => getPipeline(filter, signal),
    placeholderData: keepPreviousData,
  });
export const readyPoolQueryOptions = (unitId: number | undefined, months: number, offset: number) =>
  queryOptions({
    queryKey: [...key, 'ready-pool', unitId ?? 'scope', months, offset],
    queryFn: ({ signal }) => getReadyPool({ unitId, months, offset }, signal),
    placeholderData: keepPreviousData,
    // A 403 (a viewer) is an answer, not a glitch to retry.
    retry: false,
  });
export const pipelineProportionalityQueryOptions = (unitId: number | undefined) =>
  queryOptions({
    queryKey: [...key, 'proportionality', unitId ?? 'scope'],
    queryFn: ({ signal }) => getPipelineProportionality(unitId, signal),
    placeholderData: keepPreviousData,
  });

export const usePipeline = (filter: PipelineFilter) => useQuery(pipelineQueryOptions(filter));
export const useReadyPool = (unitId: number | undefined, months: number, offset: number, enabled: boolean) =>
  useQuery({ ...readyPoolQueryOptions(unitId, months, offset), enabled });
export const usePipelineProportionality = (unitId: number | undefined) =>
  useQuery(pipelineProportionalityQueryOptions(unitId));
