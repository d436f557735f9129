import { randomUUID } from 'node:crypto';
import type { CaseForm, CaseState } from '../../../shared/case-taxonomy.ts';
import { rightsItems } from '../../../shared/case-taxonomy.ts';
import type { CheckinKind, RetaliationKind } from '../../../shared/case-checkins.ts';
import type {
  CaseCheckinsResponse,
  ContractRenewalBody,
  RecordCheckinBody,
} from '../../../shared/contracts/case-reminders.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { createCaseGate } from './case-gate.ts';
import { canReadCheckins, canRecordCheckin, contractCheckinDue, decideCheckin } from './case-checkins.ts';
import { allowedTargets } from './case-workflow.ts';
import { nextDeadline } from './case-deadlines.ts';
import type { CaseRemindersRepository } from './case-reminders.repository.ts';
import type { CaseRemindersService } from './case-reminders.service.ts';
import type { CaseSchedule } from './case-schedule.ts';
import type { CaseRecord, CasesRepository } from './cases.repository.ts';

const checkinKindsSet = new Set<string>(['checkin_30', 'checkin_90', 'checkin_180', 'checkin_contract']);

/**
 * Retaliation check-ins and the contract renewal date (case information: sealed, case team only). Same
 * rules as every case method: no role in the case → `not_found`; the change, its timeline entry and its
 * audit row commit together; reading a check-in note is logged as a read of `notes`.
 */
export function createCaseCheckinsService(deps: {
  db: Db;
  cases: CasesRepository;
  reminders: CaseRemindersRepository;
  remindersService: CaseRemindersService;
  schedule: CaseSchedule;
  mailer: Mailer;
  clock: Clock;
}) {
  const { db, cases, reminders, schedule, clock } = deps;

  const gate = createCaseGate(cases);

  /** Through the gate (sealed and withdrawn reports 404, purged cases 410), then the check-in rule. */
  async function caseFor(handle: DbOrTx, actor: Actor, id: string, lock = false) {
    const { row, roles } = await gate.open(handle, actor, id, { lock });
    if (!canReadCheckins(roles)) throw new AppError('forbidden');
    return { row, roles };
  }

  const audit = (handle: DbOrTx, actor: Actor, action: string, row: CaseRecord, details: object) =>
    appendAudit(
      handle,
      {
        actorId: actor.userId,
        actorLabel: actor.label,
        action,
        objectType: 'case',
        objectId: row.id,
        unitId: row.handling_unit_id,
        requestId: actor.requestId,
        // Codes only: never content, dates of the survivor's contract or notes.
        details: { ...details },
      },
      clock.now(),
    );

  async function refreshNextDeadline(handle: DbOrTx, id: string) {
    const row = await cases.findCase(handle, id);
    if (!row) return;
    const next = nextDeadline(await schedule.deadlinesOf(handle, row, clock.now()));
    await reminders.setNextDeadline(handle, id, next);
  }

  async function view(actor: Actor, id: string): Promise<CaseCheckinsResponse> {
    const { row, roles } = await caseFor(db, actor, id);
    const now = clock.now();
    const contract = await reminders.contractFields(db, row.id);
    const contractRenewalOn = await cases.openCaseText(
      db,
      row,
      'contract_renewal',
      contract?.contract_renewal_sealed ?? null,
    );
    const deadlines = (await schedule.deadlinesOf(db, row, now)).filter((d) => checkinKindsSet.has(d.kind));
    const answers = row.outcome_at ? await reminders.checkins(db, row.id, row.outcome_at) : [];
    const items = [];
    for (const deadline of deadlines) {
      const answer = answers.find((entry) => entry.kind === deadline.kind);
      items.push({
        kind: deadline.kind as CheckinKind,
        dueAt: deadline.dueAt.toISOString(),
        done: deadline.done,
        late: deadline.late,
        recordedAt: answer?.recorded_at.toISOString() ?? null,
        recordedBy: answer ? (answer.display_name ?? '') : null,
        retaliation: answer ? answer.retaliation : null,
        retaliationKinds: (answer?.retaliation_kinds ?? []) as RetaliationKind[],
        note: answer
          ? await cases.openCaseText(db, row, `checkin_note:${answer.id}`, answer.note_sealed)
          : null,
        reopened: answer?.reopened ?? false,
      });
    }
    if (answers.some((answer) => answer.note_sealed) || contractRenewalOn)
      await cases.logAccess(db, row.id, actor.userId, ['notes'], now);
    return {
      outcomeAt: row.outcome_at?.toISOString() ?? null,
      contractRenewalOn,
      items,
      allowed: {
        record: canRecordCheckin(roles),
        setContractRenewal: canRecordCheckin(roles),
        reopen: allowedTargets(row.state as CaseState, roles).includes('handling') && row.state === 'closed',
      },
    };
  }

  return {
    /** The case's check-ins (scheduled after its outcome) with their answers, and the renewal date. */
    list: view,

    /** Records (or clears) the survivor's contract renewal date; the contract check-in follows it. */
    async setContractRenewal(actor: Actor, id: string, body: ContractRenewalBody) {
      await db.transaction().execute(async (tx) => {
        const { row } = await caseFor(tx, actor, id, true);
        const holidays = await schedule.holidays(tx);
        const now = clock.now();
        await reminders.setContract(
          tx,
          row.id,
          {
            sealed: await cases.sealCaseText(tx, row, 'contract_renewal', body.contractRenewalOn),
            checkinDueAt: body.contractRenewalOn
              ? contractCheckinDue(body.contractRenewalOn, holidays)
              : null,
          },
          now,
        );
        await cases.addEvent(tx, row, {
          at: now,
          actorId: actor.userId,
          actorKind: 'user',
          kind: 'contract_renewal',
          facts: { recorded: body.contractRenewalOn !== null },
        });
        await audit(tx, actor, 'case.contract_renewal', row, { recorded: body.contractRenewalOn !== null });
        await refreshNextDeadline(tx, row.id);
      });
      return view(actor, id);
    },

    /**
     * Records a check-in's answer. Retaliation adds RT01 and tells the coordinator at once; on a closed
     * case the coordinator may reopen it in the same step (case-checkins.ts decides).
     */
    async record(actor: Actor, id: string, kind: CheckinKind, body: RecordCheckinBody) {
      let notified = 0;
      await db.transaction().execute(async (tx) => {
        const { row, roles } = await caseFor(tx, actor, id, true);
        const now = clock.now();
        const decision = decideCheckin(
          {
            state: row.state as CaseState,
            forms: row.forms as CaseForm[],
            rightsReviewed: rightsItems.every((item) => row.rights[item] !== undefined),
          },
          roles,
          { retaliation: body.retaliation, reopen: body.reopen, reason: body.reason },
        );
        if (!decision.ok) throw new AppError(decision.code);
        const deadline = (await schedule.deadlinesOf(tx, row, now)).find((entry) => entry.kind === kind);
        if (!row.outcome_at || !deadline || deadline.done) throw new AppError('checkin_not_scheduled');
        const checkinId = randomUUID();
        const inserted = await reminders.insertCheckin(tx, {
          id: checkinId,
          case_id: row.id,
          outcome_at: row.outcome_at,
          kind,
          due_at: deadline.dueAt,
          recorded_at: now,
          recorded_by: actor.userId,
          retaliation: body.retaliation,
          retaliation_kinds: [...new Set(body.retaliationKinds)],
          note_sealed: await cases.sealCaseText(tx, row, `checkin_note:${checkinId}`, body.note),
          reopened: decision.reopen,
        });
        if (!inserted) throw new AppError('checkin_not_scheduled');
        const facts = {
          kind,
          retaliation: body.retaliation,
          ...(body.retaliation ? { retaliationKinds: body.retaliationKinds.join(',') } : {}),
        };
        await cases.addEvent(tx, row, {
          at: now,
          actorId: actor.userId,
          actorKind: 'user',
          kind: 'checkin',
          facts,
          text: null,
        });
        if (decision.addRetaliationForm) {
          await reminders.setForms(tx, row.id, [...row.forms, 'RT01'], now);
          await cases.addEvent(tx, row, {
            at: now,
            actorId: actor.userId,
            actorKind: 'user',
            kind: 'form_added',
            facts: { form: 'RT01', via: 'checkin' },
          });
        }
        if (decision.reopen) {
          // The workflow's own reopen (closed → handling), as casesService.transition writes it.
          await cases.updateCase(
            tx,
            row.id,
            { state: 'handling', closing_reason: null, closed_at: null, last_team_update_at: now },
            now,
          );
          await cases.addEvent(tx, row, {
            at: now,
            actorId: actor.userId,
            actorKind: 'user',
            kind: 'transition',
            facts: { from: 'closed', to: 'handling', via: 'checkin' },
            text: body.reason ?? null,
          });
          await audit(tx, actor, 'case.transition', row, { from: 'closed', to: 'handling', via: 'checkin' });
        }
        await audit(tx, actor, 'case.checkin', row, { ...facts, reopened: decision.reopen });
        if (body.retaliation)
          notified = await deps.remindersService.notifyTeam(
            tx,
            row,
            { deadlineKind: kind, dueAt: deadline.dueAt, reminderKind: 'retaliation' },
            // Not the one who recorded it: she knows.
            { role: 'coordinator', exceptUserId: actor.userId },
          );
        await refreshNextDeadline(tx, row.id);
      });
      if (notified > 0) await deps.mailer.deliverPending();
      return view(actor, id);
    },
  };
}

export type CaseCheckinsService = ReturnType<typeof createCaseCheckinsService>;
