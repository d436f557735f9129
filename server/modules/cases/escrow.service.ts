import type { CaseState } from '../../../shared/case-taxonomy.ts';
import type { CaseLinkItem } from '../../../shared/contracts/case-escrow.ts';
import type { ReportInput } from '../../../shared/contracts/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { createCaseGate } from './case-gate.ts';
import { computeDeadlines, nextDeadline, type DeadlineSettings } from './case-deadlines.ts';
import type { CaseRecord, CasesRepository } from './cases.repository.ts';
import {
  createMatchTokenizer,
  decideMatch,
  normaliseReporterContact,
  type MatchTokenizer,
  type TokenHolder,
} from './escrow.ts';
import type { EscrowRepository } from './escrow.repository.ts';

/** What the cases service calls while it creates a case and shows the reporter her case. */
export interface EscrowHooks {
  /** Seals the report when asked, stores its match tokens and opens every report it matches. */
  afterCreate(tx: DbOrTx, row: CaseRecord, input: ReportInput, actor: Actor | null): Promise<void>;
  /** Another report named the same person and the reports are linked. */
  isMatched(db: DbOrTx, caseId: string): Promise<boolean>;
}

/**
 * Escrow matching ("Lapor bersama", docs/escrow-matching.md). A sealed report is invisible to every case
 * team until a report from someone else names the same person; then every sealed report of the match
 * opens at DPP at once, linked to the others, and each reporter sees it on her follow-up page. Ordinary
 * cases and intakes that name a person carry tokens too, so a sealed report can meet an open case.
 */
export function createEscrowService(deps: {
  db: Db;
  cases: CasesRepository;
  escrow: EscrowRepository;
  units: UnitsRepository;
  keyring: Keyring;
  clock: Clock;
  deadlines: DeadlineSettings;
  /** For the "a case at your unit needs attention" notice; none in tests that do not look at mail. */
  mailer?: Mailer;
  /** Where the staff app is, for the link in the coordinators' email (the case list). */
  publicUrl?: string;
}) {
  const { db, cases, escrow, units, clock } = deps;
  // The match key is a purpose secret wrapped by the master key: a database dump alone cannot use it.
  let tokenizer: Promise<MatchTokenizer> | undefined;
  const tokens = () => (tokenizer ??= deps.keyring.secretFor('escrow-match').then(createMatchTokenizer));

  const audit = (
    handle: DbOrTx,
    actor: Actor | null,
    action: string,
    row: { id: string; handling_unit_id: number },
    details: Record<string, string | number | boolean>,
  ) =>
    appendAudit(
      handle,
      {
        actorId: actor?.userId ?? null,
        actorLabel: actor?.label ?? 'system',
        action,
        objectType: 'case',
        objectId: row.id,
        unitId: row.handling_unit_id,
        requestId: actor?.requestId ?? null,
        // Codes and counts only: never a name, number or token.
        details,
      },
      clock.now(),
    );

  /** Same rule as the cases service: deadlines of an opened escrow report count from its opening. */
  async function refreshDeadline(handle: DbOrTx, id: string): Promise<void> {
    const row = await cases.findCase(handle, id);
    if (!row) return;
    const next = nextDeadline(
      computeDeadlines(
        {
          state: row.state as CaseState,
          receivedAt: row.escrow_opened_at ?? row.received_at,
          firstContactAt: row.first_contact_at,
          firstConsentAt: row.first_consent_at,
          lastTeamUpdateAt: row.last_team_update_at,
          outcomeAt: row.outcome_at,
        },
        deps.deadlines,
        clock.now(),
      ),
    );
    await cases.updateCase(
      handle,
      id,
      { next_deadline_kind: next?.kind ?? null, next_deadline_at: next?.dueAt ?? null },
      clock.now(),
    );
  }

  /**
   * Brings one case of a match to the DPP case team. A sealed report opens (its deadlines start now); an
   * ordinary case that is still open moves to DPP coordination and keeps its handlers, so the survivor
   * keeps her contact person; a closed one stays where it is, linked.
   */
  async function bringToDpp(tx: DbOrTx, holder: TokenHolder, rootId: number, linked: number) {
    const row = await cases.lockCase(tx, holder.caseId);
    if (!row) return false;
    const now = clock.now();
    if (row.escrow === 'sealed') {
      await cases.updateCase(
        tx,
        row.id,
        { escrow: 'opened', escrow_opened_at: now, handling_unit_id: rootId, routing_reason: 'escrow_match' },
        now,
      );
      await cases.addEvent(tx, row, {
        at: now,
        actorId: null,
        actorKind: 'system',
        kind: 'escrow_opened',
        facts: { handlingUnitId: rootId, routing: 'escrow_match', linked },
      });
      await refreshDeadline(tx, row.id);
      await audit(tx, null, 'case.escrow_open', { id: row.id, handling_unit_id: rootId }, { linked });
      return true;
    }
    if (row.escrow === null && row.state !== 'closed' && row.handling_unit_id !== rootId) {
      await cases.updateCase(tx, row.id, { handling_unit_id: rootId, routing_reason: 'escrow_match' }, now);
      await cases.addEvent(tx, row, {
        at: now,
        actorId: null,
        actorKind: 'system',
        kind: 'routing',
        facts: { handlingUnitId: rootId, routing: 'escrow_match', moved: true },
      });
      await audit(
        tx,
        null,
        'case.escrow_link',
        { id: row.id, handling_unit_id: rootId },
        { moved: true, linked },
      );
      return true;
    }
    await audit(tx, null, 'case.escrow_link', row, { moved: false, linked });
    return false;
  }

  /** "A case at your unit needs attention": no reference, no content, nothing about the match. */
  async function notifyCoordinators(tx: DbOrTx, unitId: number) {
    if (!deps.mailer) return;
    for (const coordinator of await escrow.coordinatorsAt(tx, unitId)) {
      await deps.mailer.enqueue(tx, {
        to: coordinator.email,
        ...renderEmail('caseAttention', coordinator.language, { link: `${deps.publicUrl ?? ''}/cases` }),
      });
    }
  }

  // Staff reach a case, and see a linked one, only through the gate (case-gate.ts), never a copy of it.
  const gate = createCaseGate(cases);

  const hooks: EscrowHooks = {
    async afterCreate(tx, row, input, actor) {
      // Sealing is the reporter's own choice on the public form; a staff intake is never sealed.
      const sealed = actor === null && input.sealUntilMatch === true;
      const tokenizer = await tokens();
      const own = tokenizer.tokens({
        name: input.namedName,
        workplace: input.namedWorkplace,
        phone: input.namedPhone,
        employeeNumber: input.namedEmployeeNumber,
      });
      if (sealed && own.length === 0)
        throw new AppError('validation_failed', 'Nothing to match on', {
          fields: [{ path: 'namedName', message: 'escrow_identifiers' }],
        });
      const now = clock.now();
      if (sealed)
        // Sealed: no deadline, so no reminder or late badge tells anyone it exists.
        await cases.updateCase(
          tx,
          row.id,
          { escrow: 'sealed', next_deadline_kind: null, next_deadline_at: null },
          now,
        );
      if (own.length === 0) return;
      await escrow.lockMatching(tx);
      const reporterToken = tokenizer.reporterToken(
        normaliseReporterContact(input.contactMethod, input.contactValue),
      );
      await escrow.insertTokens(tx, row.id, own, reporterToken);
      const incoming: TokenHolder = { caseId: row.id, reporterToken, kind: sealed ? 'sealed' : 'ordinary' };
      const decision = decideMatch(incoming, await escrow.holdersOf(tx, row.id, own));
      if (decision.matched.length === 0) return;
      const root = await units.findRoot(tx);
      if (!root) throw new AppError('unavailable');
      for (const other of decision.matched) await escrow.link(tx, row.id, other.caseId, now);
      const participants = [incoming, ...decision.matched];
      let moved = false;
      for (const holder of participants)
        if (await bringToDpp(tx, holder, root.id, participants.length - 1)) moved = true;
      if (moved) await notifyCoordinators(tx, root.id);
    },

    isMatched: (handle, caseId) => escrow.isLinked(handle, caseId),
  };

  return {
    hooks,

    /**
     * The reporter withdraws her sealed report from the follow-up page. It never matches again: its
     * tokens are deleted; the case closes as withdrawn by the survivor and stays invisible to staff.
     * Only a sealed report can be withdrawn this way: once opened, a team is already handling it.
     */
    async withdraw(caseId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await escrow.lockMatching(tx);
        const row = await cases.lockCase(tx, caseId);
        if (!row) throw new AppError('not_found');
        if (row.escrow !== 'sealed') throw new AppError('conflict');
        const now = clock.now();
        await escrow.deleteTokens(tx, row.id);
        await cases.updateCase(
          tx,
          row.id,
          {
            escrow: 'withdrawn',
            state: 'closed',
            closing_reason: 'ditarik_korban',
            closed_at: now,
            next_deadline_kind: null,
            next_deadline_at: null,
          },
          now,
        );
        await cases.addEvent(tx, row, {
          at: now,
          actorId: null,
          actorKind: 'reporter',
          kind: 'escrow_withdrawn',
        });
        await appendAudit(
          tx,
          {
            actorId: null,
            actorLabel: 'reporter',
            action: 'case.escrow_withdraw',
            objectType: 'case',
            objectId: row.id,
            unitId: row.handling_unit_id,
            requestId: null,
            details: {},
          },
          now,
        );
      });
    },

    /**
     * Cases linked to this one by a match, each shown only when the caller can see it too: a linked case
     * outside her reach is left out, as if there were none.
     */
    async linkedCases(actor: Actor, id: string): Promise<CaseLinkItem[]> {
      await gate.open(db, actor, id);
      const items: CaseLinkItem[] = [];
      for (const link of await escrow.linkedCases(db, id)) {
        const other = await cases.findCase(db, link.id);
        if (!other || (await gate.rolesIn(db, actor.principal, other)).length === 0) continue;
        items.push({
          id: other.id,
          reference: other.reference,
          state: other.state as CaseState,
          handlingUnit: { id: other.handling_unit_id, name: other.handling_unit_name },
          reason: link.reason as CaseLinkItem['reason'],
          linkedAt: link.linked_at.toISOString(),
        });
      }
      return items;
    },
  };
}

export type EscrowService = ReturnType<typeof createEscrowService>;
