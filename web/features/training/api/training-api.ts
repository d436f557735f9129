import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addTrainerBody,
  AddFacilitatorBody,
  AttendanceResponse,
  CertificateView,
  ClassDetail,
  CompletionResponse,
  CreateClassBody,
  CreateProgramBody,
  CreateSessionBody,
  DecideBody,
  listProgramsResponse,
  listTracksResponse,
  ProgramDetail,
  RecordAttendanceBody,
  revokeBody,
  RoomCodeResponse,
  setAllocationBody,
  tallyBody,
} from '../../../../shared/contracts/training.ts';
import { apiFetch, buildUrl } from '../../../lib/api.ts';

type ListTracksResponse = z.infer<typeof listTracksResponse>;
type ListProgramsResponse = z.infer<typeof listProgramsResponse>;
export type SetAllocationBody = z.infer<typeof setAllocationBody>;
export type AddTrainerBody = z.infer<typeof addTrainerBody>;
export type TallyBody = z.infer<typeof tallyBody>;
export type RevokeBody = z.infer<typeof revokeBody>;

const trainingKey = ['training'] as const;
const classKey = (id: number) => [...trainingKey, 'class', id] as const;

// ── Fetchers, one per endpoint (shared/contracts/training.ts) ─────────────────────────────────────────
export const listTracks = (signal?: AbortSignal) =>
  apiFetch<ListTracksResponse>('/training/tracks', { signal });
export const listPrograms = (signal?: AbortSignal) =>
  apiFetch<ListProgramsResponse>('/training/programs', { signal });
export const getProgram = (id: number, signal?: AbortSignal) =>
  apiFetch<ProgramDetail>(`/training/programs/${id}`, { signal });
export const createProgram = (body: CreateProgramBody) =>
  apiFetch<ProgramDetail>('/training/programs', { method: 'POST', body });
export const createClass = ({ programId, ...body }: CreateClassBody & { programId: number }) =>
  apiFetch<ClassDetail>(`/training/programs/${programId}/classes`, { method: 'POST', body });
export const getClass = (id: number, signal?: AbortSignal) =>
  apiFetch<ClassDetail>(`/training/classes/${id}`, { signal });
export const createSession = ({ classId, ...body }: CreateSessionBody & { classId: number }) =>
  apiFetch<ClassDetail>(`/training/classes/${classId}/sessions`, { method: 'POST', body });
export const setAllocation = ({ classId, ...body }: SetAllocationBody & { classId: number }) =>
  apiFetch<ClassDetail>(`/training/classes/${classId}/allocations`, { method: 'PUT', body });
export const addTrainer = ({ classId, ...body }: AddTrainerBody & { classId: number }) =>
  apiFetch<ClassDetail>(`/training/classes/${classId}/trainers`, { method: 'POST', body });
export const addFacilitator = ({ classId, body }: { classId: number; body: AddFacilitatorBody }) =>
  apiFetch<ClassDetail>(`/training/classes/${classId}/facilitators`, { method: 'POST', body });
export const nominate = ({ classId, memberId }: { classId: number; memberId: string }) =>
  apiFetch<ClassDetail>(`/training/classes/${classId}/nominations`, { method: 'POST', body: { memberId } });
export const returnUnit = ({
  classId,
  unitId,
  reason,
}: {
  classId: number;
  unitId: number;
  reason: string;
}) =>
  apiFetch<ClassDetail>(`/training/classes/${classId}/allocations/${unitId}/return`, {
    method: 'POST',
    body: { reason },
  });
export const decide = ({ participantId, ...body }: DecideBody & { participantId: string }) =>
  apiFetch<ClassDetail>(`/training/participants/${encodeURIComponent(participantId)}/decision`, {
    method: 'POST',
    body,
  });
export const runCompletion = (classId: number) =>
  apiFetch<CompletionResponse>(`/training/classes/${classId}/completion`, { method: 'POST' });
export const issueCertificate = (participantId: string) =>
  apiFetch<CertificateView>(`/training/participants/${encodeURIComponent(participantId)}/certificate`, {
    method: 'POST',
  });
export const revokeCertificate = ({ code, ...body }: RevokeBody & { code: string }) =>
  apiFetch<CertificateView>(`/training/certificates/${encodeURIComponent(code)}/revoke`, {
    method: 'POST',
    body,
  });
export const reissueCertificate = (code: string) =>
  apiFetch<CertificateView>(`/training/certificates/${encodeURIComponent(code)}/reissue`, {
    method: 'POST',
  });
export const getAttendance = (sessionId: number, signal?: AbortSignal) =>
  apiFetch<AttendanceResponse>(`/training/sessions/${sessionId}/attendance`, { signal });
export const recordAttendance = ({ sessionId, ...body }: RecordAttendanceBody & { sessionId: number }) =>
  apiFetch<AttendanceResponse>(`/training/sessions/${sessionId}/attendance`, { method: 'PUT', body });
export const recordTally = ({ sessionId, ...body }: TallyBody & { sessionId: number }) =>
  apiFetch<AttendanceResponse>(`/training/sessions/${sessionId}/tally`, { method: 'PUT', body });
export const getRoomCode = (sessionId: number, signal?: AbortSignal) =>
  apiFetch<RoomCodeResponse>(`/training/sessions/${sessionId}/room-code`, { signal });

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────────
export const tracksQueryOptions = () =>
  queryOptions({
    queryKey: [...trainingKey, 'tracks'],
    queryFn: ({ signal }) => listTracks(signal),
    staleTime: 5 * 60_000,
  });
export const programListQueryOptions = () =>
  queryOptions({ queryKey: [...trainingKey, 'programs'], queryFn: ({ signal }) => listPrograms(signal) });
export const programQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...trainingKey, 'program', id],
    queryFn: ({ signal }) => getProgram(id, signal),
  });
export const classQueryOptions = (id: number) =>
  queryOptions({ queryKey: classKey(id), queryFn: ({ signal }) => getClass(id, signal) });
export const attendanceQueryOptions = (sessionId: number) =>
  queryOptions({
    queryKey: [...trainingKey, 'attendance', sessionId],
    queryFn: ({ signal }) => getAttendance(sessionId, signal),
  });
export const roomCodeQueryOptions = (sessionId: number) =>
  queryOptions({
    queryKey: [...trainingKey, 'room-code', sessionId],
    queryFn: ({ signal }) => getRoomCode(sessionId, signal),
    // The room display asks again when the code's validUntil passes (room-display-page.tsx).
    staleTime: Infinity,
    gcTime: 0,
  });

export const useTracks = () => useQuery(tracksQueryOptions());
export const usePrograms = () => useQuery(programListQueryOptions());
export const useProgram = (id: number) => useQuery(programQueryOptions(id));
export const useClass = (id: number) => useQuery(classQueryOptions(id));
export const useAttendance = (sessionId: number) => useQuery(attendanceQueryOptions(sessionId));

// ── Mutations ────────────────────────────────────────────────────────────────────────────────────────
export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProgram,
    onSuccess: async (program) => {
      queryClient.setQueryData(programQueryOptions(program.id).queryKey, program);
      await queryClient.invalidateQueries({ queryKey: programListQueryOptions().queryKey });
    },
  });
}

/** Every class mutation answers the whole class: it replaces the cached page, and the program's counts refresh. */
function useClassMutation<Variables>(mutationFn: (variables: Variables) => Promise<ClassDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(classQueryOptions(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: programQueryOptions(detail.programId).queryKey });
    },
  });
}

export const useCreateClass = () => useClassMutation(createClass);
export const useCreateSession = () => useClassMutation(createSession);
export const useSetAllocation = () => useClassMutation(setAllocation);
export const useAddTrainer = () => useClassMutation(addTrainer);
export const useAddFacilitator = () => useClassMutation(addFacilitator);
export const useNominate = () => useClassMutation(nominate);
export const useDecide = () => useClassMutation(decide);
export const useReturnUnit = () => useClassMutation(returnUnit);

/** Completion and certificates answer something else than the class: refetch the class page. */
function useClassRefreshingMutation<Variables, Result>(
  classId: number,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: classKey(classId) }),
  });
}

export const useRunCompletion = (classId: number) =>
  useClassRefreshingMutation(classId, () => runCompletion(classId));
export const useIssueCertificate = (classId: number) => useClassRefreshingMutation(classId, issueCertificate);
export const useRevokeCertificate = (classId: number) =>
  useClassRefreshingMutation(classId, revokeCertificate);
export const useReissueCertificate = (classId: number) =>
  useClassRefreshingMutation(classId, reissueCertificate);

function useAttendanceMutation<Variables>(mutationFn: (variables: Variables) => Promise<AttendanceResponse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (attendance) =>
      queryClient.setQueryData(attendanceQueryOptions(attendance.session.id).queryKey, attendance),
  });
}

export function uploadSheetPhoto({ sessionId, file }: { sessionId: number; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<AttendanceResponse>(`/training/sessions/${sessionId}/sheet-photos`, {
    method: 'POST',
    body: form,
  });
}
/** Downloads are plain GETs the browser saves; the session cookie goes along. */
export const sheetPhotoUrl = (sessionId: number, photoId: number) =>
  buildUrl(`/training/sessions/${sessionId}/sheet-photos/${photoId}`);
export const signInSheetUrl = (sessionId: number) =>
  buildUrl(`/training/sessions/${sessionId}/sign-in-sheet`);
export const certificatePdfUrl = (code: string) => buildUrl(`/training/certificates/${code}/pdf`);
export const useUploadSheetPhoto = () => useAttendanceMutation(uploadSheetPhoto);

export const useRecordAttendance = () => useAttendanceMutation(recordAttendance);
export const useRecordTally = () => useAttendanceMutation(recordTally);
