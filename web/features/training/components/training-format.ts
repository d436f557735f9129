import { useMemo } from 'react';
import type { AttendanceStatus, ParticipantStatus } from '../../../../shared/training-taxonomies.ts';
import { appTimeZone, useFormatters } from '../../../lib/format.ts';

/** Sessions are held and shown in Asia/Jakarta (WIB), whatever the browser's own time zone is. */
export const trainingTimeZone = appTimeZone;

/** `2025-12-16` + `08:30` typed in WIB → `2025-12-16T08:30:00+07:00` (Jakarta keeps no summer time). */
export function jakartaInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date}T${time}:00+07:00`;
}

/**
 * Date and time of an instant in WIB with its label, in the UI language: the shared formatter of
 * `web/lib/format.ts`, so times read the same everywhere. `range` names the zone once:
 * `16 Des 2025, 08.30 – 12.00 WIB`.
 */
export function useJakartaFormat() {
  const format = useFormatters();
  return useMemo(
    () => ({
      dateTime: format.dateTime,
      time: format.time,
      range: (start: string, end: string) => `${format.dateTimeUnlabelled(start)} – ${format.time(end)}`,
    }),
    [format],
  );
}

/** A share 0…1 as a whole percent (`0.8` → `80%`); null shows a dash. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;

/**
 * Participant status colours for light badges. Only colours the theme gives an AA light variant (dark
 * shade-9 text on shade 0, or the dark brown of yellow and orange; `web/app/theme.ts`): Mantine's green
 * light badge is 3.8:1, so success is teal, as elsewhere in the app. The status is also written out.
 */
export const participantStatusColour: Record<ParticipantStatus, string> = {
  nominated: 'blue',
  accepted: 'teal',
  waitlisted: 'yellow',
  returned: 'orange',
  declined: 'red',
  completed: 'teal',
  not_completed: 'grape',
  no_show: 'gray',
  withdrawn: 'gray',
};

/**
 * Attendance mark colours of the roll call's filled buttons; the buttons take `autoContrast`, since white
 * on yellow-9 is 2.99:1 (the sweep caught it) while dark text on it passes.
 */
export const attendanceStatusColour: Record<AttendanceStatus, string> = {
  present: 'teal',
  late: 'yellow',
  excused: 'blue',
  absent: 'red',
};

/** Reads a string-valued problem code without widening the shared ErrorCode union from the web. */
export const problemCodeOf = (error: unknown): string | null =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : null;
