import type { Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import type { CaseCoverageRepository } from './case-coverage.repository.ts';
import { caseLink } from './case-reminders.ts';
import type { StaffedRoutingDecision } from './case-routing.ts';
import { isHiddenFromStaff } from './escrow.ts';

/** What case creation asks of coverage: who can act where, and what to tell once a case is routed. */
export interface RoutingCoverage {
  staffedUnits(handle: DbOrTx, unitIds: readonly number[]): Promise<Set<number>>;
  /** Inside the creating transaction, after escrow sealing: tells the team, or the administrators. */
  afterRouted(
    handle: DbOrTx,
    row: { id: string; handling_unit_id: number; escrow: string | null },
    decision: Pick<StaffedRoutingDecision, 'unstaffed'>,
  ): Promise<void>;
}

/**
 * issue 18, "a report can reach nobody". A new case is announced at once to the coordinators of the unit
 * it was routed to (inbox and email, "a case at your unit needs attention", never content); a case that
 * reached no coordinator at all — none at the unit chosen nor above it, DPP included — is announced to
 * the top unit's administrators instead, who must appoint one (they learn that a report waits, nothing
 * about it). The same facts feed /lapor (it promises the first-contact deadline only when a team exists)
 * and the administrators' home page.
 */
export function createCaseCoverageService(deps: {
  db: Db;
  coverage: CaseCoverageRepository;
  notifications: NotificationsRepository;
  mailer?: Mailer;
  clock: Clock;
  publicUrl: string;
}) {
  const { coverage, notifications, clock } = deps;

  const mail = async (
    handle: DbOrTx,
    to: { email: string; language: string },
    key: 'caseAttention' | 'caseWithoutTeam' | 'publicChannelBusy',
    link: string,
    values: Record<string, string> = {},
  ) => {
    if (!deps.mailer) return;
    await deps.mailer.enqueue(handle, {
      to: to.email,
      ...renderEmail(key, to.language, { ...values, link: `${deps.publicUrl}${link}` }),
    });
  };

  const hooks: RoutingCoverage = {
    staffedUnits: (handle, unitIds) => coverage.staffedUnits(handle, unitIds),

    async afterRouted(handle, row, decision) {
      // A sealed "Lapor bersama" report exists for nobody until a match opens it (escrow.ts).
      if (isHiddenFromStaff(row.escrow)) return;
      if (decision.unstaffed) {
        for (const admin of await coverage.topAdministrators(handle))
          await mail(handle, admin, 'caseWithoutTeam', '/');
        return;
      }
      const link = caseLink(row.id);
      for (const coordinator of await coverage.coordinatorsAt(handle, row.handling_unit_id)) {
        await notifications.insert(handle, {
          userId: coordinator.id,
          kind: 'case_received',
          caseId: row.id,
          link,
          at: clock.now(),
        });
        await mail(handle, coordinator, 'caseAttention', link);
      }
    },
  };

  return {
    hooks,

    /**
     * Whether every report now has a team: the top unit has an active coordinator, so whatever the
     * routing chooses, the fallback ends at someone. /lapor promises the first-contact deadline only then.
     */
    async everyReportHasATeam(handle: DbOrTx = deps.db): Promise<boolean> {
      return (await coverage.summary(handle)).topUnitStaffed;
    },

    /**
     * A public page spent its global cap (issue 17: one client could close the channel): it now lets a
     * trickle through and asks the others for a short wait; the top unit's administrators are told by
     * email which page and when, never an address.
     */
    async publicChannelBusy(purpose: string, handle: DbOrTx = deps.db): Promise<void> {
      const at = clock.now().toISOString().slice(0, 16).replace('T', ' ');
      for (const admin of await coverage.topAdministrators(handle))
        await mail(handle, admin, 'publicChannelBusy', '/', { purpose, at: `${at} UTC` });
    },

    /** For the administrators' home page: counts only, no case content. */
    async adminWarnings(handle: DbOrTx = deps.db) {
      const [summary, casesWithoutTeam] = await Promise.all([
        coverage.summary(handle),
        coverage.casesWithoutTeam(handle),
      ]);
      return { ...summary, casesWithoutTeam };
    },
  };
}

export type CaseCoverageService = ReturnType<typeof createCaseCoverageService>;
