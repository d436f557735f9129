import type { Role } from '../../../shared/roles.ts';
import { roleCompetencies } from '../../../shared/training-taxonomies.ts';
import type { DbOrTx } from '../../platform/database.ts';

/**
 * Competency gates (training.md, "The leadership pipeline"): the case roles need a completed class of
 * their track (`sop_kasus` for handlers and coordinators, `tkbh` for legal aid). Returns the tracks the
 * member has not completed for this role; empty when the role needs none or she has them all. The users
 * module decides what a gap means (a warning by default, a refusal when configured).
 */
export async function missingCompetencies(handle: DbOrTx, memberId: string, role: Role): Promise<string[]> {
  const needed = roleCompetencies[role] ?? [];
  if (needed.length === 0) return [];
  const done = await handle
    .selectFrom('training_participants as t')
    .innerJoin('training_classes as c', 'c.id', 't.class_id')
    .select('c.track')
    .where('t.member_id', '=', memberId)
    .where('t.status', '=', 'completed')
    .where('c.track', 'in', [...needed])
    .execute();
  const have = new Set(done.map((row) => row.track));
  return needed.filter((track) => !have.has(track));
}
