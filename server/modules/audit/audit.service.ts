import { sql } from 'kysely';
import type { AuditEntryView, ListAuditQuery } from '../../../shared/contracts/audit.ts';
import { AppError } from '../../../shared/errors.ts';
import { canAnywhere, isRootAdmin, scopeOf } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import { isLanguage } from '../../platform/i18n.ts';

/**
 * Reading the audit log (admins only). A root administrator sees everything; an administrator lower in
 * the tree sees rows about units in its subtree. The filter runs in SQL.
 */
export function createAuditService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async listAudit(
      actor: Actor,
      query: ListAuditQuery,
    ): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
      if (!canAnywhere(actor.principal, 'audit.read')) throw new AppError('forbidden');
      let select = db
        .selectFrom('audit_log')
        .leftJoin('units', 'units.id', 'audit_log.unit_id')
        .select([
          'audit_log.id',
          'audit_log.at',
          'audit_log.actor_id',
          'audit_log.actor_label',
          'audit_log.action',
          'audit_log.object_type',
          'audit_log.object_id',
          'audit_log.unit_id',
          'audit_log.request_id',
          'audit_log.details',
        ]);
      // Case rows stay in the chain (its integrity covers them) but are not browsable here: who worked on
      // which case, and when, is case information; the case team sees it on the case's timeline.
      select = select.where('audit_log.object_type', '!=', 'case');
      if (!isRootAdmin(actor.principal)) {
        const scope = scopeOf(actor.principal, 'audit.read');
        select = select.where((eb) => eb.or(scope.map((root) => eb('units.path', 'like', `${root}%`))));
      }
      if (query.action)
        select = select.where(
          'audit_log.action',
          'like',
          `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        );
      if (query.actorId) select = select.where('audit_log.actor_id', '=', query.actorId);
      if (query.objectType) select = select.where('audit_log.object_type', '=', query.objectType);
      if (query.objectId) select = select.where('audit_log.object_id', '=', query.objectId);
      if (query.from) select = select.where('audit_log.at', '>=', new Date(query.from));
      if (query.to) select = select.where('audit_log.at', '<', new Date(query.to));
      if (query.cursor) select = select.where(sql<boolean>`audit_log.id < ${query.cursor}::bigint`);
      const rows = await select
        .orderBy('audit_log.id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((row) => ({
          id: String(row.id),
          at: row.at.toISOString(),
          actorId: row.actor_id,
          actorLabel: row.actor_label,
          action: row.action,
          objectType: row.object_type,
          objectId: row.object_id,
          unitId: row.unit_id,
          requestId: row.request_id,
          details: row.details,
        })),
        nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
      };
    },

    /** Messages held because no SMTP server is configured, and recent deliveries (admins only). */
    async listOutbox(actor: Actor) {
      if (!isRootAdmin(actor.principal)) throw new AppError('forbidden');
      const rows = await db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(200).execute();
      return {
        items: rows.map((row) => ({
          id: String(row.id),
          createdAt: row.created_at.toISOString(),
          recipient: row.recipient,
          subject: row.subject,
          body: row.body_text,
          language: isLanguage(row.language) ? row.language : null,
          status: row.status as 'queued' | 'sent' | 'failed' | 'held',
        })),
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
