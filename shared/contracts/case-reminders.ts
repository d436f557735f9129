import { z } from 'zod';
import { checkinKinds, holidayKinds, notificationKinds, retaliationKinds } from '../case-checkins.ts';

const isoDate = z.iso.date();

// ── Notifications (staff inbox) ─────────────────────────────────────────────────────────────────────
/** A notification carries no case content: a kind code, a link into the staff app and when. */
export const notificationView = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  link: z.string(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const listNotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;
export const listNotificationsResponse = z.object({
  items: z.array(notificationView),
  unread: z.number().int(),
});
export const unreadCountResponse = z.object({ unread: z.number().int() });
export const notificationIdParams = z.object({ id: z.uuid() });

// ── Retaliation check-ins ───────────────────────────────────────────────────────────────────────────
export const checkinView = z.object({
  kind: z.enum(checkinKinds),
  dueAt: z.iso.datetime(),
  done: z.boolean(),
  late: z.boolean(),
  recordedAt: z.iso.datetime().nullable(),
  recordedBy: z.string().nullable(),
  retaliation: z.boolean().nullable(),
  retaliationKinds: z.array(z.enum(retaliationKinds)),
  /** Sealed with the case key; shown to the case team only. */
  note: z.string().nullable(),
  reopened: z.boolean(),
});
export type CheckinView = z.infer<typeof checkinView>;

export const caseCheckinsResponse = z.object({
  /** Null until the case has an outcome: check-ins follow the outcome. */
  outcomeAt: z.iso.datetime().nullable(),
  contractRenewalOn: isoDate.nullable(),
  items: z.array(checkinView),
  allowed: z.object({ record: z.boolean(), setContractRenewal: z.boolean(), reopen: z.boolean() }),
});
export type CaseCheckinsResponse = z.infer<typeof caseCheckinsResponse>;

export const checkinParams = z.object({ id: z.uuid(), kind: z.enum(checkinKinds) });

export const recordCheckinBody = z
  .object({
    retaliation: z.boolean(),
    retaliationKinds: z.array(z.enum(retaliationKinds)).max(retaliationKinds.length).default([]),
    note: z
      .string()
      .trim()
      .max(5000)
      .transform((value) => (value === '' ? null : value))
      .nullable()
      .optional(),
    /** Closed case and retaliation found: reopen it (closed → handling), coordinator only. */
    reopen: z.boolean().default(false),
    /** Reason for the reopen, written to the timeline (sealed). */
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((body) => body.retaliation || body.retaliationKinds.length === 0, {
    path: ['retaliationKinds'],
    message: 'invalid',
  })
  .refine((body) => !body.retaliation || body.retaliationKinds.length > 0, {
    path: ['retaliationKinds'],
    message: 'too_small',
  });
export type RecordCheckinBody = z.infer<typeof recordCheckinBody>;

export const contractRenewalBody = z.object({ contractRenewalOn: isoDate.nullable() });
export type ContractRenewalBody = z.infer<typeof contractRenewalBody>;

// ── Working-day calendar ────────────────────────────────────────────────────────────────────────────
export const holidayView = z.object({
  date: isoDate,
  name: z.string(),
  kind: z.enum(holidayKinds),
  source: z.string().nullable(),
});
export type HolidayView = z.infer<typeof holidayView>;
export const listHolidaysQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const listHolidaysResponse = z.object({ year: z.number().int(), items: z.array(holidayView) });
export type ListHolidaysResponse = z.infer<typeof listHolidaysResponse>;
export const addHolidayBody = z.object({
  date: isoDate,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(holidayKinds).default('libur_nasional'),
});
export type AddHolidayBody = z.infer<typeof addHolidayBody>;
export const holidayDateParams = z.object({ date: isoDate });
