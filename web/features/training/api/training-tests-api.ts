import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PaperAnswersBody,
  TestItemBody,
  TestReport,
  TestSettingsBody,
  TestsView,
} from '../../../../shared/contracts/training-tests.ts';
import { apiFetch } from '../../../lib/api.ts';

const testsKey = (classId: number) => ['training', 'tests', classId] as const;
const reportKey = (classId: number) => ['training', 'tests', classId, 'report'] as const;

// ── Fetchers, one per endpoint (shared/contracts/training-tests.ts) ──────────────────────────────────
export const getTests = (classId: number, signal?: AbortSignal) =>
  apiFetch<TestsView>(`/training/classes/${classId}/tests`, { signal });
export const getTestReport = (classId: number, signal?: AbortSignal) =>
  apiFetch<TestReport>(`/training/classes/${classId}/tests/report`, { signal });
export const setTestSettings = ({ classId, ...body }: TestSettingsBody & { classId: number }) =>
  apiFetch<TestsView>(`/training/classes/${classId}/tests/settings`, { method: 'PUT', body });
export const addTestItem = ({ classId, ...body }: TestItemBody & { classId: number }) =>
  apiFetch<TestsView>(`/training/classes/${classId}/tests/items`, { method: 'POST', body });
export const updateTestItem = ({ itemId, ...body }: TestItemBody & { itemId: number }) =>
  apiFetch<TestsView>(`/training/test-items/${itemId}`, { method: 'PUT', body });
export const removeTestItem = (itemId: number) =>
  apiFetch<TestsView>(`/training/test-items/${itemId}`, { method: 'DELETE' });
export const enterPaperTest = ({
  participantId,
  phase,
  ...body
}: PaperAnswersBody & { participantId: string; phase: 'pre' | 'post' }) =>
  apiFetch<TestsView>(`/training/participants/${encodeURIComponent(participantId)}/tests/${phase}`, {
    method: 'PUT',
    body,
  });

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────────
export const testsQueryOptions = (classId: number) =>
  queryOptions({ queryKey: testsKey(classId), queryFn: ({ signal }) => getTests(classId, signal) });
export const testReportQueryOptions = (classId: number) =>
  queryOptions({ queryKey: reportKey(classId), queryFn: ({ signal }) => getTestReport(classId, signal) });

export const useTests = (classId: number, enabled = true) =>
  useQuery({ ...testsQueryOptions(classId), enabled });
export const useTestReport = (classId: number) => useQuery(testReportQueryOptions(classId));

// ── Mutations: each answers the whole tests view; the report is computed again ─────────────────────────
function useTestsMutation<Variables>(mutationFn: (variables: Variables) => Promise<TestsView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (view) => {
      queryClient.setQueryData(testsQueryOptions(view.classId).queryKey, view);
      await queryClient.invalidateQueries({ queryKey: reportKey(view.classId) });
    },
  });
}
export const useSetTestSettings = () => useTestsMutation(setTestSettings);
export const useAddTestItem = () => useTestsMutation(addTestItem);
export const useUpdateTestItem = () => useTestsMutation(updateTestItem);
export const useRemoveTestItem = () => useTestsMutation(removeTestItem);
export const useEnterPaperTest = () => useTestsMutation(enterPaperTest);
