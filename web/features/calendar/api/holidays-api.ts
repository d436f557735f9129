import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { addHolidayBody, ListHolidaysResponse } from '../../../../shared/contracts/case-reminders.ts';
import { apiFetch } from '../../../lib/api.ts';

export type AddHolidayInput = z.input<typeof addHolidayBody>;
const holidaysKey = ['holidays'] as const;

export const listHolidays = (year: number, signal?: AbortSignal) =>
  apiFetch<ListHolidaysResponse>('/calendar/holidays', { query: { year }, signal });
export const addHoliday = (body: AddHolidayInput) =>
  apiFetch<ListHolidaysResponse>('/calendar/holidays', { method: 'POST', body });
export const removeHoliday = (date: string) =>
  apiFetch<ListHolidaysResponse>(`/calendar/holidays/${encodeURIComponent(date)}`, { method: 'DELETE' });

export const holidaysQueryOptions = (year: number) =>
  queryOptions({ queryKey: [...holidaysKey, year], queryFn: ({ signal }) => listHolidays(year, signal) });
export const useHolidays = (year: number) => useQuery(holidaysQueryOptions(year));

function useHolidayMutation<Variables>(mutationFn: (variables: Variables) => Promise<ListHolidaysResponse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (data) => {
      queryClient.setQueryData(holidaysQueryOptions(data.year).queryKey, data);
      // Deadlines counted in working days move with the calendar.
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
export const useAddHoliday = () => useHolidayMutation(addHoliday);
export const useRemoveHoliday = () => useHolidayMutation(removeHoliday);
