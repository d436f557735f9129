import QRCode from 'qrcode';
import type { RoomCodeResponse } from '../../../shared/contracts/training.ts';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import { ROTATING_CODE_STEP_MS, rotatingCodeAt } from '../../platform/rotating-code.ts';
import { checkInWindow } from './attendance.ts';
import { checkInSubject } from './self-check-in.service.ts';
import { openSession } from './training-access.ts';

/**
 * The room display of self check-in: the session's current rotating code, the public address that
 * carries it (what the QR code encodes) and the QR code itself. Only those who run the class (its
 * organisers and assigned trainers) may show it; everyone else gets what the class gate answers.
 */
export function createRoomCodeService(deps: {
  db: Db;
  /** The rotating-code key (derived from the master key; the check-in page uses the same). */
  codeKey: Buffer;
  clock: { now(): Date };
  /** Public address of the install, without a trailing slash. */
  publicUrl: string;
}) {
  const { db, codeKey, clock, publicUrl } = deps;
  return {
    /** The code to show now for session `sessionId` (refresh at `validUntil`). */
    async roomCode(actor: Actor, sessionId: number): Promise<RoomCodeResponse> {
      const { session } = await openSession(db, actor.principal, sessionId, 'run');
      const now = clock.now();
      const current = rotatingCodeAt(codeKey, checkInSubject(session.id), now);
      const url = `${publicUrl}/hadir?k=${current.code}`;
      const window = checkInWindow(session);
      return {
        sessionId: session.id,
        code: current.code,
        url,
        // Error correction M and a 2-module margin: readable from the back of a room on a projector.
        qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
        stepSeconds: ROTATING_CODE_STEP_MS / 1000,
        validUntil: current.validUntil.toISOString(),
        window: {
          opens: window.opens.toISOString(),
          closes: window.closes.toISOString(),
          open: window.opens <= now && now <= window.closes,
        },
      };
    },
  };
}

export type RoomCodeService = ReturnType<typeof createRoomCodeService>;
