/**
 * Retaliation check-ins after an outcome (UU TPKS Arts. 69(f), 70; domain/cases.md): at 30, 90 and 180
 * days and before the survivor's contract renewal, the handler records whether retaliation happened.
 * Codes are stable and stay in clear; labels live in `caseReminders.retaliationKinds.<code>`.
 */
export const checkinKinds = ['checkin_30', 'checkin_90', 'checkin_180', 'checkin_contract'] as const;
export type CheckinKind = (typeof checkinKinds)[number];

/** What the retaliation was: job loss, transfer, shift change, threats, something else. */
export const retaliationKinds = [
  'kehilangan_pekerjaan',
  'mutasi',
  'perubahan_shift',
  'ancaman',
  'lainnya',
] as const;
export type RetaliationKind = (typeof retaliationKinds)[number];

/**
 * Kinds of staff notifications; each says only "a case at your unit needs attention" and links it, or
 * that the unit's case team is changing (a case role asked for, or confirmed by a second person).
 */
export const notificationKinds = [
  'case_received',
  'case_deadline_near',
  'case_deadline_missed',
  'case_retaliation',
  'case_role_requested',
  'case_role_confirmed',
] as const;
export const isRoleNotification = (kind: NotificationKind): boolean => kind.startsWith('case_role_');
export type NotificationKind = (typeof notificationKinds)[number];

/** Kinds of holidays in the working-day calendar (SKB 3 Menteri: libur nasional and cuti bersama). */
export const holidayKinds = ['libur_nasional', 'cuti_bersama', 'lainnya'] as const;
export type HolidayKind = (typeof holidayKinds)[number];
