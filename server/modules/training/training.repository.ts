import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';
import { seatHoldingStatuses, spentNominationStatuses } from '../../../shared/training-taxonomies.ts';

/** SQL of capacity building; the rules are in training.service.ts and training-rules.ts. */
export function createTrainingRepository() {
  return {
    tracks(handle: DbOrTx) {
      return handle.selectFrom('training_tracks').selectAll().orderBy('sort_order').orderBy('code').execute();
    },

    track(handle: DbOrTx, code: string) {
      return handle.selectFrom('training_tracks').selectAll().where('code', '=', code).executeTakeFirst();
    },

    weights(handle: DbOrTx) {
      return handle.selectFrom('training_attendance_weights').selectAll().execute();
    },

    unit(handle: DbOrTx, id: number) {
      return handle
        .selectFrom('units')
        .select(['id', 'name', 'path', 'level'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Programs whose unit lies in one of `roots`, or that hold one of `classIds`. */
    programs(handle: DbOrTx, roots: readonly string[], classIds: ReturnType<typeof sql<number>>) {
      return handle
        .selectFrom('training_programs as p')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .select([
          'p.id',
          'p.unit_id',
          'u.name as unit_name',
          'u.path as unit_path',
          'p.name',
          'p.partners',
          'p.venue',
          'p.funding',
          'p.starts_on',
          'p.ends_on',
          sql<number>`(SELECT count(*)::int FROM training_classes c WHERE c.program_id = p.id)`.as(
            'class_count',
          ),
        ])
        .where((eb) =>
          eb.or([
            sql<boolean>`u.path LIKE ANY (SELECT r || '%' FROM unnest(${[...roots]}::text[]) r)`,
            eb(
              'p.id',
              'in',
              eb.selectFrom('training_classes as c').select('c.program_id').where('c.id', 'in', classIds),
            ),
          ]),
        )
        .orderBy('p.starts_on', 'desc')
        .orderBy('p.id', 'desc')
        .execute();
    },

    program(handle: DbOrTx, id: number) {
      return handle
        .selectFrom('training_programs as p')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .select([
          'p.id',
          'p.unit_id',
          'u.name as unit_name',
          'u.path as unit_path',
          'p.name',
          'p.partners',
          'p.venue',
          'p.funding',
          'p.starts_on',
          'p.ends_on',
          sql<number>`(SELECT count(*)::int FROM training_classes c WHERE c.program_id = p.id)`.as(
            'class_count',
          ),
        ])
        .where('p.id', '=', id)
        .executeTakeFirst();
    },

    /** Class summaries of a program, restricted to `classIds` when given. */
    classesOf(
      handle: DbOrTx,
      programId: number,
      classIds?: ReturnType<typeof sql<number>> | readonly number[],
    ) {
      let query = handle
        .selectFrom('training_classes as c')
        .select([
          'c.id',
          'c.program_id',
          'c.track',
          'c.level',
          'c.title',
          'c.seats',
          'c.women_only',
          'c.starts_on',
          'c.ends_on',
          sql<number>`(SELECT count(*)::int FROM training_participants t WHERE t.class_id = c.id
            AND t.status = ANY(${[...seatHoldingStatuses]}::text[]))`.as('seats_taken'),
          sql<number>`(SELECT count(*)::int FROM training_participants t WHERE t.class_id = c.id
            AND t.status IN ('nominated', 'waitlisted'))`.as('nominated'),
        ])
        .where('c.program_id', '=', programId);
      if (classIds) query = query.where('c.id', 'in', classIds as readonly number[]);
      return query.orderBy('c.starts_on').orderBy('c.id').execute();
    },

    sessions(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_sessions as s')
        .leftJoin('training_session_tallies as y', 'y.session_id', 's.id')
        .select([
          's.id',
          's.class_id',
          's.title',
          's.starts_at',
          's.ends_at',
          's.venue',
          's.online',
          'y.women',
          'y.men',
          'y.unknown',
          sql<number>`(SELECT count(*)::int FROM training_attendance a WHERE a.session_id = s.id)`.as(
            'marked',
          ),
        ])
        .where('s.class_id', '=', classId)
        .orderBy('s.starts_at')
        .orderBy('s.id')
        .execute();
    },

    allocations(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_seat_allocations as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select([
          'a.unit_id',
          'u.name as unit_name',
          'u.path as unit_path',
          'u.level as unit_level',
          'a.seats',
          sql<number>`(SELECT count(*)::int FROM training_participants t WHERE t.class_id = a.class_id
            AND t.nominating_unit_id = a.unit_id
            AND t.status <> ALL(${[...spentNominationStatuses]}::text[]))`.as('nominated'),
        ])
        .where('a.class_id', '=', classId)
        .orderBy('u.path')
        .execute();
    },

    /** Sex of every live nomination of the class (not returned, declined or withdrawn), by unit. */
    nomineeSexes(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_participants as t')
        .leftJoin('members as m', 'm.id', 't.member_id')
        .leftJoin('training_external_persons as e', 'e.id', 't.external_person_id')
        .select(['t.nominating_unit_id', sql<string | null>`coalesce(m.sex, e.sex)`.as('sex')])
        .where('t.class_id', '=', classId)
        .where('t.status', 'not in', [...spentNominationStatuses])
        .execute();
    },

    trainers(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_class_trainers as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['t.user_id', 'u.email'])
        .where('t.class_id', '=', classId)
        .orderBy('u.email')
        .execute();
    },

    facilitators(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_facilitators as f')
        .leftJoin('members as m', 'm.id', 'f.member_id')
        .leftJoin('training_external_persons as e', 'e.id', 'f.external_person_id')
        .select([
          'f.id',
          'f.member_id',
          sql<string>`coalesce(m.full_name, e.full_name)`.as('name'),
          'e.organisation',
          sql<string | null>`coalesce(m.sex, e.sex)`.as('sex'),
        ])
        .where('f.class_id', '=', classId)
        .orderBy('f.id')
        .execute();
    },

    /** Participants of a class, all or only those whose member's home unit lies under `roots`. */
    participants(handle: DbOrTx, classId: number, roots: readonly string[] | 'all') {
      let query = handle
        .selectFrom('training_participants as t')
        .leftJoin('members as m', 'm.id', 't.member_id')
        .leftJoin('units as mu', 'mu.id', 'm.home_unit_id')
        .leftJoin('training_external_persons as e', 'e.id', 't.external_person_id')
        .leftJoin('units as nu', 'nu.id', 't.nominating_unit_id')
        .select([
          't.id',
          't.member_id',
          'm.member_number',
          sql<string>`coalesce(m.full_name, e.full_name)`.as('name'),
          sql<string | null>`coalesce(m.sex, e.sex)`.as('sex'),
          'mu.name as unit_name',
          'mu.path as unit_path',
          't.nominating_unit_id',
          'nu.name as nominating_unit_name',
          't.status',
          't.reason',
          't.enrolment_code',
        ])
        .where('t.class_id', '=', classId);
      if (roots !== 'all')
        query = query.where(
          sql<boolean>`mu.path LIKE ANY (SELECT r || '%' FROM unnest(${[...roots]}::text[]) r)`,
        );
      return query
        .orderBy(sql`lower(coalesce(m.full_name, e.full_name))`)
        .orderBy('t.id')
        .execute();
    },

    events(handle: DbOrTx, participantIds: readonly string[]) {
      if (participantIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('training_participant_events as v')
        .leftJoin('users as u', 'u.id', 'v.actor_id')
        .select(['v.participant_id', 'v.status', 'v.reason', 'u.email as actor', 'v.at'])
        .where('v.participant_id', 'in', [...participantIds])
        .orderBy('v.id', 'desc')
        .execute();
    },

    marksOfClass(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_attendance as a')
        .innerJoin('training_sessions as s', 's.id', 'a.session_id')
        .select(['a.participant_id', 'a.status'])
        .where('s.class_id', '=', classId)
        .execute();
    },

    latestCertificates(handle: DbOrTx, participantIds: readonly string[]) {
      if (participantIds.length === 0) return Promise.resolve([]);
      return (
        handle
          .selectFrom('training_certificates as c')
          .selectAll('c')
          .where('c.participant_id', 'in', [...participantIds])
          // Newest first: a certificate another one replaces comes after it, whatever the clock says.
          .orderBy(sql`EXISTS (SELECT 1 FROM training_certificates n WHERE n.replaces = c.code)`)
          .orderBy('c.issued_at', 'desc')
          .execute()
      );
    },

    certificate(handle: DbOrTx, code: string) {
      return handle
        .selectFrom('training_certificates')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** The member as the eligibility rules need her on `date`: status from the dated history. */
    memberAsOf(handle: DbOrTx, memberId: string, date: string) {
      return handle
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select([
          'm.id',
          'm.full_name',
          'm.email',
          'm.sex',
          'm.birth_year',
          'm.home_unit_id',
          'u.path as unit_path',
          sql<string | null>`coalesce((
            SELECT h.status FROM member_status_history h
            WHERE h.member_id = m.id AND h.valid_from <= ${date}::date
            ORDER BY h.valid_from DESC, h.id DESC LIMIT 1
          ), CASE WHEN NOT EXISTS (SELECT 1 FROM member_status_history h WHERE h.member_id = m.id)
            THEN m.status END)`.as('status_on'),
        ])
        .where('m.id', '=', memberId)
        .executeTakeFirst();
    },

    /** Classes the member completed that ended before `before`. */
    completedClasses(handle: DbOrTx, memberId: string, before: string) {
      return handle
        .selectFrom('training_participants as t')
        .innerJoin('training_classes as c', 'c.id', 't.class_id')
        .select(['c.track', 'c.level'])
        .where('t.member_id', '=', memberId)
        .where('t.status', '=', 'completed')
        .where('c.ends_on', '<', before)
        .execute();
    },

    /** Every class a member took part in, newest first, with its track labels. */
    historyOf(handle: DbOrTx, memberId: string) {
      return handle
        .selectFrom('training_participants as t')
        .innerJoin('training_classes as c', 'c.id', 't.class_id')
        .innerJoin('training_programs as p', 'p.id', 'c.program_id')
        .innerJoin('training_tracks as k', 'k.code', 'c.track')
        .select([
          't.id',
          'c.title',
          'c.track',
          'k.label_id',
          'k.label_en',
          'c.level',
          'p.name as program_name',
          'c.starts_on',
          'c.ends_on',
          't.status',
        ])
        .where('t.member_id', '=', memberId)
        .orderBy('c.starts_on', 'desc')
        .orderBy('t.id', 'desc')
        .execute();
    },

    /** Sexes of the participants holding a seat in a class (for the quota engine). */
    seatHolders(handle: DbOrTx, classId: number) {
      return handle
        .selectFrom('training_participants as t')
        .leftJoin('members as m', 'm.id', 't.member_id')
        .leftJoin('training_external_persons as e', 'e.id', 't.external_person_id')
        .select(['t.id', sql<string | null>`coalesce(m.sex, e.sex)`.as('sex')])
        .where('t.class_id', '=', classId)
        .where('t.status', 'in', [...seatHoldingStatuses])
        .execute();
    },
  };
}
export type TrainingRepository = ReturnType<typeof createTrainingRepository>;
