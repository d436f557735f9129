import type { DbOrTx } from '../../platform/database.ts';

/** SQL of the public self check-in (self-check-in.service.ts); plain rows. */

export interface CheckInSessionRow {
  id: number;
  class_id: number;
  starts_at: Date;
  ends_at: Date;
  title: string | null;
  class_title: string;
}

/** How a participant names herself on the page: her enrolment code, or member number and birth year. */
export type CheckInIdentity = { enrolmentCode: string } | { memberNumber: string; birthYear: number };

export const selfCheckInRepository = {
  /** Sessions whose check-in window meets [from, to] (windows reach 30 min before and 60 min after). */
  async sessionsAround(handle: DbOrTx, from: Date, to: Date): Promise<CheckInSessionRow[]> {
    return handle
      .selectFrom('training_sessions as s')
      .innerJoin('training_classes as c', 'c.id', 's.class_id')
      .select(['s.id', 's.class_id', 's.starts_at', 's.ends_at', 's.title', 'c.title as class_title'])
      .where('s.starts_at', '<', new Date(to.getTime() + 30 * 60 * 1000))
      .where('s.ends_at', '>', new Date(from.getTime() - 60 * 60 * 1000))
      .orderBy('s.id')
      .execute();
  },

  /** The accepted participant of the class this identity names, or undefined (any mismatch alike). */
  async acceptedParticipant(
    handle: DbOrTx,
    classId: number,
    identity: CheckInIdentity,
  ): Promise<string | undefined> {
    let query = handle
      .selectFrom('training_participants as t')
      .select('t.id')
      .where('t.class_id', '=', classId)
      .where('t.status', '=', 'accepted');
    if ('enrolmentCode' in identity) query = query.where('t.enrolment_code', '=', identity.enrolmentCode);
    else {
      // Member numbers are stored as the union prints them; people type them in either case.
      const typed = identity.memberNumber;
      query = query
        .innerJoin('members as m', 'm.id', 't.member_id')
        .where('m.member_number', 'in', [...new Set([typed, typed.toUpperCase()])])
        .where('m.birth_year', '=', identity.birthYear);
    }
    const row = await query.executeTakeFirst();
    return row?.id;
  },

  /** The participant's mark for the session, locked for the rest of the transaction. */
  async markOf(handle: DbOrTx, sessionId: number, participantId: string) {
    return handle
      .selectFrom('training_attendance')
      .select(['status', 'via'])
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId)
      .forUpdate()
      .executeTakeFirst();
  },
};
