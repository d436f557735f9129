import type { Db } from '../../platform/database.ts';
import { checkRotatingCode } from '../../platform/rotating-code.ts';
import { checkInWindow, writeMark } from './attendance.ts';
import {
  selfCheckInRepository as repository,
  type CheckInIdentity,
  type CheckInSessionRow,
} from './self-check-in.repository.ts';

export type { CheckInIdentity } from './self-check-in.repository.ts';

/**
 * A participant who checks in more than this after the session's start is marked `late` (1 point)
 * instead of `present` (2 points). The moment counted is when she opened the page with the room's code
 * (or sent the typed code), not when she finished typing her enrolment code.
 */
export const LATE_AFTER_START_MS = 15 * 60 * 1000;

/** Codes from up to this many steps back (5 minutes) are "old" (a plain reason); older ones are just wrong. */
const OLD_CODE_STEPS = 20;

/** The subject of a session's rotating code; the room display and the check-in page must agree. */
export const checkInSubject = (sessionId: number) => `training-session:${sessionId}`;

export type SelfCheckInResult =
  | { outcome: 'recorded' | 'already'; status: string; classTitle: string; sessionTitle: string | null }
  /** The code belongs to a session whose check-in is not open at that moment. */
  | { outcome: 'outside_window'; opens: Date; closes: Date }
  /** The code was shown in a room a little while ago, not now. */
  | { outcome: 'old_code' }
  /** Wrong code, or a code and an identity that do not meet: the one generic answer. */
  | { outcome: 'not_matched' }
  /** The device has checked in as many people as it may (decided by the caller's throttle). */
  | { outcome: 'device_limit' };

export interface SelfCheckInInput {
  /** Six digits, already normalised. */
  roomCode: string;
  identity: CheckInIdentity;
  /** When she saw the code: the time the page with the scanned code was served, else now. */
  seenAt: Date;
  /**
   * Asked just before a new mark is written (never for a replay): whether this device may check in one
   * more person. The public page answers from its device throttle.
   */
  mayRecordAnother: () => Promise<boolean>;
  /** Counts the new mark against the device (after it is written). */
  recorded: () => Promise<void>;
}

/**
 * Self check-in on the public page (training.md "Attendance", way 2). The code decides the session (and
 * the plain reasons: old code, outside the window); the identity must then be an accepted participant
 * of that session's class, or the answer is the generic `not_matched`, whichever part was wrong.
 */
export function createSelfCheckInService(deps: { db: Db; codeKey: Buffer; clock: { now(): Date } }) {
  const { db, codeKey, clock } = deps;

  /** Sessions the code belongs to at `at`: current ones first, then the reason it is refused. */
  function matchCode(sessions: CheckInSessionRow[], code: string, at: Date) {
    const current: CheckInSessionRow[] = [];
    let old = false;
    for (const session of sessions) {
      const check = checkRotatingCode(codeKey, checkInSubject(session.id), code, at, {
        oldSteps: OLD_CODE_STEPS,
      });
      if (check === 'current') current.push(session);
      else if (check === 'old') old = true;
    }
    return { current, old };
  }

  return {
    async checkIn(input: SelfCheckInInput): Promise<SelfCheckInResult> {
      const at = input.seenAt;
      const sessions = await repository.sessionsAround(
        db,
        new Date(at.getTime() - 12 * 60 * 60 * 1000),
        new Date(at.getTime() + 12 * 60 * 60 * 1000),
      );
      const { current, old } = matchCode(sessions, input.roomCode, at);
      const open = current.filter((session) => {
        const window = checkInWindow(session);
        return window.opens <= at && at <= window.closes;
      });
      if (open.length === 0) {
        if (current.length > 0) return { outcome: 'outside_window', ...checkInWindow(current[0]!) };
        return old ? { outcome: 'old_code' } : { outcome: 'not_matched' };
      }
      // Two sessions sharing a code at one moment is a one-in-a-million chance: try each.
      for (const session of open) {
        const participantId = await repository.acceptedParticipant(db, session.class_id, input.identity);
        if (!participantId) continue;
        const status = at.getTime() - session.starts_at.getTime() > LATE_AFTER_START_MS ? 'late' : 'present';
        const names = { classTitle: session.class_title, sessionTitle: session.title };
        return db.transaction().execute(async (tx): Promise<SelfCheckInResult> => {
          const existing = await repository.markOf(tx, session.id, participantId);
          // A replay (Back and resend, a second scan) changes nothing, not even present → late. Only a
          // mark of `absent` (a roll call before she arrived) is corrected by her check-in.
          if (existing && existing.status !== 'absent')
            return { outcome: 'already', status: existing.status, ...names };
          if (!(await input.mayRecordAnother())) return { outcome: 'device_limit' };
          await writeMark(tx, {
            sessionId: session.id,
            participantId,
            status,
            via: 'self',
            recordedBy: null,
            at: clock.now(),
          });
          await input.recorded();
          return { outcome: 'recorded', status, ...names };
        });
      }
      return { outcome: 'not_matched' };
    },
  };
}

export type SelfCheckInService = ReturnType<typeof createSelfCheckInService>;

/** How long a served page keeps the moment its scanned code was seen (time to type the enrolment code). */
export const SEEN_CODE_TTL_MS = 10 * 60 * 1000;
