import { z } from 'zod';
import { languageSchema } from './common.ts';

export const auditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  unitId: z.number().int().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const listAuditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  actorId: z.uuid().optional(),
  objectType: z.string().trim().max(50).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
export const listAuditResponse = z.object({
  items: z.array(auditEntryView),
  nextCursor: z.string().nullable(),
});

export const outboxMessageView = z.object({
  id: z.string(),
  createdAt: z.string(),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  /** The language the message is written in (its recipient's); null on messages older than that. */
  language: languageSchema.nullable(),
  status: z.enum(['queued', 'sent', 'failed', 'held']),
});
export const listOutboxResponse = z.object({ items: z.array(outboxMessageView) });
