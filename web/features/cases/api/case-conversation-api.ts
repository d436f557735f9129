import type { z } from 'zod';
import type { CaseDetail, messageBody, noteBody } from '../../../../shared/contracts/cases.ts';
import { apiFetch } from '../../../lib/api.ts';
import { caseUrl, useCaseMutation } from './cases-api.ts';

export type NoteInput = z.input<typeof noteBody>;
export type MessageInput = z.input<typeof messageBody>;

/** Internal notes of the case team; the reporter never sees them. */
export const addCaseNote = ({ id, ...body }: NoteInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/notes`, { method: 'POST', body });
/** A message the reporter reads on her follow-up page. */
export const sendCaseMessage = ({ id, ...body }: MessageInput & { id: string }) =>
  apiFetch<CaseDetail>(`${caseUrl(id)}/messages`, { method: 'POST', body });

export const useAddCaseNote = () => useCaseMutation(addCaseNote);
export const useSendCaseMessage = () => useCaseMutation(sendCaseMessage);
