import type { Role } from '../../shared/roles.ts';
import type { Actor } from '../platform/context.ts';
import type { Db } from '../platform/database.ts';

/**
 * The demo's national staff account of a role as an Actor, so demo data goes through the services'
 * own rules (scope, gates, audit) rather than around them. Undefined when the demo has no such account.
 */
export async function nationalActor(db: Db, role: Role): Promise<Actor | undefined> {
  const officer = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('units as n', 'n.id', 'g.unit_id')
    .select(['u.id', 'u.email', 'g.unit_id', 'n.path'])
    .where('g.role', '=', role)
    .where('n.parent_id', 'is', null)
    .orderBy('u.email')
    .executeTakeFirst();
  if (!officer) return undefined;
  return {
    userId: officer.id,
    label: officer.email,
    principal: { userId: officer.id, grants: [{ role, unitId: officer.unit_id, unitPath: officer.path }] },
    requestId: 'demo',
    language: 'id',
  };
}
