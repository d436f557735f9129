import type { AttendanceStatus, AttendanceWay } from '../../../shared/training-taxonomies.ts';
import type { DbOrTx } from '../../platform/database.ts';

export interface Mark {
  sessionId: number;
  participantId: string;
  status: AttendanceStatus;
  via: AttendanceWay;
  recordedBy: string | null;
  at: Date;
}

/**
 * The only writer of attendance marks: roll call, self check-in and paper sheets all end here (training.md
 * "Attendance"). Idempotent per (session, participant): the same status again changes nothing; another
 * status is a correction and the earlier value goes to the history. Returns what happened.
 */
export async function writeMark(handle: DbOrTx, mark: Mark): Promise<'recorded' | 'unchanged' | 'corrected'> {
  const existing = await handle
    .selectFrom('training_attendance')
    .selectAll()
    .where('session_id', '=', mark.sessionId)
    .where('participant_id', '=', mark.participantId)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) {
    const inserted = await handle
      .insertInto('training_attendance')
      .values({
        session_id: mark.sessionId,
        participant_id: mark.participantId,
        status: mark.status,
        via: mark.via,
        recorded_by: mark.recordedBy,
        recorded_at: mark.at,
      })
      .onConflict((conflict) => conflict.columns(['session_id', 'participant_id']).doNothing())
      .returning('session_id')
      .executeTakeFirst();
    // Two check-ins of the same person at the same instant: the other one won, which is the same mark.
    if (inserted) return 'recorded';
    return writeMark(handle, mark);
  }
  if (existing.status === mark.status) return 'unchanged';
  await handle
    .insertInto('training_attendance_history')
    .values({
      session_id: existing.session_id,
      participant_id: existing.participant_id,
      status: existing.status,
      via: existing.via,
      recorded_by: existing.recorded_by,
      recorded_at: existing.recorded_at,
      replaced_by: mark.recordedBy,
      replaced_at: mark.at,
    })
    .execute();
  await handle
    .updateTable('training_attendance')
    .set({ status: mark.status, via: mark.via, recorded_by: mark.recordedBy, recorded_at: mark.at })
    .where('session_id', '=', mark.sessionId)
    .where('participant_id', '=', mark.participantId)
    .execute();
  return 'corrected';
}

/** Self check-in window (training.md): from 30 minutes before the start to 60 minutes after the end. */
export const checkInOpensBeforeMs = 30 * 60 * 1000;
export const checkInClosesAfterMs = 60 * 60 * 1000;
export function checkInWindow(session: { starts_at: Date; ends_at: Date }): { opens: Date; closes: Date } {
  return {
    opens: new Date(new Date(session.starts_at).getTime() - checkInOpensBeforeMs),
    closes: new Date(new Date(session.ends_at).getTime() + checkInClosesAfterMs),
  };
}
