import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type {
  ParticipantReportQuery,
  ParticipantReportResponse,
} from '../../../../shared/contracts/training-reports.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

/** The participant report (shared/contracts/training-reports.ts): on screen and as files. */
export const participantReportQueryOptions = (query: ParticipantReportQuery) =>
  queryOptions({
    queryKey: ['training', 'report', 'participants', query] as const,
    queryFn: ({ signal }) =>
      apiFetch<ParticipantReportResponse>('/training/reports/participants', { query, signal }),
    placeholderData: keepPreviousData,
  });
export const useParticipantReport = (query: ParticipantReportQuery) =>
  useQuery(participantReportQueryOptions(query));

export const participantReportFileUrl = (format: 'xlsx' | 'pdf', query: ParticipantReportQuery) =>
  buildUrl('/training/reports/participants/export', { ...query, format });
