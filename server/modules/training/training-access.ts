import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { can, canAnywhere, isWithin, roleAllows, type Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/database.ts';

/**
 * The one door into a training class (issue 12, training.md "Roles"). Every staff route and every job
 * that reaches a class, its sessions, participants, attendance or certificates goes through `openClass`.
 *
 * - organise: `training.organise` (gender officers) over the program's organising unit.
 * - run: organisers, and trainers assigned to this class (the assignment is the grant; a trainer of
 *   DPD Jawa Barat sees nothing of a Banten class she is not assigned to).
 * - nominate: `training.nominate` over a unit that has seats in the call, or inside one. A nominator
 *   sees the class, its seats and only the participants from her own subtree.
 * Nobody else learns the class exists: 404.
 */
export type ClassRight = 'organise' | 'run' | 'nominate';

export interface ClassRow {
  id: number;
  program_id: number;
  program_name: string;
  program_unit_id: number;
  program_unit_path: string;
  track: string;
  level: string;
  title: string;
  seats: number;
  women_only: boolean;
  max_age: number | null;
  prerequisites: { track: string; level: string | null }[];
  min_attendance: string;
  min_post_score: string | null;
  starts_on: string;
  ends_on: string;
  hours: string | null;
  certificate_valid_years: number | null;
}

export interface OpenedClass {
  row: ClassRow;
  rights: ReadonlySet<ClassRight>;
  /** Subtree roots whose members this caller may nominate (and see) in this class. */
  nominationScope: string[];
}

/** Roots of `training.nominate` grants that meet a unit with seats (inside it, or above it). */
function nominationRoots(principal: Principal, allocationPaths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const grant of principal.grants) {
    if (!roleAllows(grant.role, 'training.nominate')) continue;
    for (const path of allocationPaths) {
      // A grant above the allocated unit nominates within that unit; a grant inside it within its own subtree.
      if (isWithin(path, grant.unitPath)) roots.push(path);
      else if (isWithin(grant.unitPath, path)) roots.push(grant.unitPath);
    }
  }
  const unique = [...new Set(roots)].sort((a, b) => a.length - b.length);
  return unique.filter(
    (candidate, index) => !unique.slice(0, index).some((root) => isWithin(candidate, root)),
  );
}

export async function rightsIn(
  handle: DbOrTx,
  principal: Principal,
  row: Pick<ClassRow, 'id' | 'program_unit_path'>,
): Promise<{ rights: Set<ClassRight>; nominationScope: string[] }> {
  const rights = new Set<ClassRight>();
  if (can(principal, 'training.organise', row.program_unit_path)) {
    rights.add('organise');
    rights.add('run');
  }
  if (!rights.has('run') && canAnywhere(principal, 'training.manage')) {
    const assigned = await handle
      .selectFrom('training_class_trainers')
      .select('class_id')
      .where('class_id', '=', row.id)
      .where('user_id', '=', principal.userId)
      .executeTakeFirst();
    if (assigned) rights.add('run');
  }
  let nominationScope: string[] = [];
  if (canAnywhere(principal, 'training.nominate')) {
    const allocations = await handle
      .selectFrom('training_seat_allocations as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('u.path')
      .where('a.class_id', '=', row.id)
      .execute();
    nominationScope = nominationRoots(
      principal,
      allocations.map((allocation) => allocation.path),
    );
    if (nominationScope.length) rights.add('nominate');
  }
  return { rights, nominationScope };
}

const classColumns = [
  'c.id',
  'c.program_id',
  'p.name as program_name',
  'p.unit_id as program_unit_id',
  'u.path as program_unit_path',
  'c.track',
  'c.level',
  'c.title',
  'c.seats',
  'c.women_only',
  'c.max_age',
  'c.prerequisites',
  'c.min_attendance',
  'c.min_post_score',
  'c.starts_on',
  'c.ends_on',
  'c.hours',
  'c.certificate_valid_years',
] as const;

/**
 * Loads (or, with `lock`, locks for the rest of the transaction) the class and checks that the caller
 * holds `need` in it. Unknown class, or no right at all: 404 `not_found`; some right but not this one:
 * 403 `forbidden`. `'see'` asks only for some right (any part in the class).
 */
export async function openClass(
  handle: DbOrTx,
  principal: Principal,
  classId: number,
  need: ClassRight | 'see',
  options: { lock?: boolean } = {},
): Promise<OpenedClass> {
  let query = handle
    .selectFrom('training_classes as c')
    .innerJoin('training_programs as p', 'p.id', 'c.program_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(classColumns)
    .where('c.id', '=', classId);
  if (options.lock) query = query.forUpdate('c');
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('not_found');
  const { rights, nominationScope } = await rightsIn(handle, principal, row);
  if (rights.size === 0) throw new AppError('not_found');
  if (need !== 'see' && !rights.has(need)) throw new AppError('forbidden');
  return { row, rights, nominationScope };
}

/** The class a session belongs to, through the same door. */
export async function openSession(
  handle: DbOrTx,
  principal: Principal,
  sessionId: number,
  need: ClassRight | 'see',
  options: { lock?: boolean } = {},
) {
  const session = await handle
    .selectFrom('training_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw new AppError('not_found');
  const opened = await openClass(handle, principal, session.class_id, need, options);
  return { ...opened, session };
}

/** The class a participant belongs to, through the same door; a nominator reaches only her own. */
export async function openParticipant(
  handle: DbOrTx,
  principal: Principal,
  participantId: string,
  need: ClassRight | 'see',
  options: { lock?: boolean } = {},
) {
  const participant = await handle
    .selectFrom('training_participants as t')
    .leftJoin('members as m', 'm.id', 't.member_id')
    .leftJoin('units as mu', 'mu.id', 'm.home_unit_id')
    .select([
      't.id',
      't.class_id',
      't.member_id',
      't.external_person_id',
      't.nominating_unit_id',
      't.status',
      't.reason',
      't.enrolment_code',
      'mu.path as member_unit_path',
    ])
    .where('t.id', '=', participantId)
    .executeTakeFirst();
  if (!participant) throw new AppError('not_found');
  const opened = await openClass(handle, principal, participant.class_id, 'see', options);
  const own =
    participant.member_unit_path !== null &&
    opened.nominationScope.some((root) => isWithin(participant.member_unit_path!, root));
  if (!opened.rights.has('run') && !own) throw new AppError('not_found');
  if (need !== 'see' && !opened.rights.has(need)) throw new AppError('forbidden');
  return { ...opened, participant };
}

/** Classes the caller may see at all, as SQL (for lists): organiser scope, assignment, or seats in the call. */
export function visibleClassIds(principal: Principal) {
  const organiseRoots = principal.grants
    .filter((grant) => roleAllows(grant.role, 'training.organise'))
    .map((grant) => grant.unitPath);
  const nominateRoots = principal.grants
    .filter((grant) => roleAllows(grant.role, 'training.nominate'))
    .map((grant) => grant.unitPath);
  const trainer = canAnywhere(principal, 'training.manage');
  return sql<number>`(
    SELECT c.id FROM training_classes c
    JOIN training_programs p ON p.id = c.program_id
    JOIN units pu ON pu.id = p.unit_id
    WHERE pu.path LIKE ANY (SELECT r || '%' FROM unnest(${organiseRoots}::text[]) r)
    UNION
    SELECT t.class_id FROM training_class_trainers t WHERE ${trainer} AND t.user_id = ${principal.userId}::uuid
    UNION
    SELECT a.class_id FROM training_seat_allocations a JOIN units au ON au.id = a.unit_id
    WHERE EXISTS (
      SELECT 1 FROM unnest(${nominateRoots}::text[]) r
      WHERE au.path LIKE r || '%' OR r LIKE au.path || '%'
    )
  )`;
}
