import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseLinksResponse } from '../../../../shared/contracts/case-escrow.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseRelatedKey, caseUrl } from './cases-api.ts';

export const getCaseLinks = (id: string, signal?: AbortSignal) =>
  apiFetch<CaseLinksResponse>(`${caseUrl(id)}/links`, { signal });

export const caseLinksQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...caseRelatedKey(id), 'links'],
    queryFn: ({ signal }) => getCaseLinks(id, signal),
  });

/** Cases linked to this one by escrow matching that the caller can also see (the server filters). */
export const useCaseLinks = (id: string) => useQuery(caseLinksQueryOptions(id));
