import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export function uploadCaseFile({ id, file }: { id: string; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<CaseDetail>(`${caseUrl(id)}/files`, { method: 'POST', body: form });
}
/** The download is a plain GET the browser saves; the session cookie goes along. */
export const caseFileUrl = (id: string, itemId: string) =>
  buildUrl(`${caseUrl(id)}/files/${encodeURIComponent(itemId)}`);

export const useUploadCaseFile = () => useCaseMutation(uploadCaseFile);
