import { AppError } from '../../../shared/errors.ts';
import type {
  ConfirmBody,
  EvidenceView,
  LadderResponse,
  MemberStagesResponse,
  ProposalView,
  RecordStageBody,
  RefreshResponse,
  StageView,
  UpdateStageInput,
} from '../../../shared/contracts/cadre.ts';
import {
  attendanceStatuses,
  type AttendanceStatus,
  type ClassLevel,
} from '../../../shared/training-taxonomies.ts';
import { can, scopeOf, type Principal } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { weightedAttendance, type AttendanceWeights } from '../training/training-rules.ts';
import {
  confirmingUnitOf,
  currentStageOf,
  evaluateStage,
  nextStageOf,
  proposalFor,
  sameEvidence,
  type CadreFacts,
  type StageEvidence,
  type StageRule,
} from './cadre-rules.ts';
import type { CadreRepository } from './cadre.repository.ts';

/** Evidence as stored (jsonb) with a proposal and its record: the rule's evidence and each class's attendance. */
interface StoredEvidence extends StageEvidence {
  attendance: Record<string, number | null>;
}

type LadderRow = Awaited<ReturnType<CadreRepository['ladder']>>[number];
const ruleOf = (row: LadderRow): StageRule => ({
  code: row.code,
  rank: row.rank,
  active: row.active,
  minCompletedClasses: row.min_completed_classes,
  requiredTracks: row.required_tracks,
  minLevel: row.min_level as ClassLevel | null,
  minAttendance: row.min_attendance === null ? null : Number(row.min_attendance),
  minMonthsSincePrevious: row.min_months_since_previous,
  minFacilitatedClasses: row.min_facilitated_classes,
});
const stageViewOf = (row: LadderRow): StageView => {
  const rule = ruleOf(row);
  return {
    code: rule.code,
    rank: rule.rank,
    labels: { id: row.label_id, en: row.label_en },
    minCompletedClasses: rule.minCompletedClasses,
    requiredTracks: [...rule.requiredTracks],
    minLevel: rule.minLevel,
    minAttendance: rule.minAttendance,
    minMonthsSincePrevious: rule.minMonthsSincePrevious,
    minFacilitatedClasses: rule.minFacilitatedClasses,
    active: rule.active,
  };
};
const iso = (value: Date | string) => new Date(value).toISOString();
const BATCH = 500;

/**
 * Cadre stages (issue 12, training.md "Cadre stages"): the ladder as data, proposals when a member meets
 * her next stage's rule, confirmation by an officer of the level above (cadre-rules.ts confirmingUnitOf),
 * dated records with evidence, manual records and withdrawals. Every change is audited in its transaction.
 */
export function createCadreService(deps: { db: Db; cadre: CadreRepository; clock: Clock }) {
  const { db, cadre, clock } = deps;
  const today = () => isoDateIn(clock.now());

  const audit = actorAudit(clock);

  async function weightsOf(handle: DbOrTx): Promise<AttendanceWeights> {
    const weights = Object.fromEntries(attendanceStatuses.map((status) => [status, 0])) as Record<
      AttendanceStatus,
      number
    >;
    for (const row of await cadre.weights(handle))
      weights[row.status as AttendanceStatus] = Number(row.points);
    return weights;
  }

  /** The facts each stage rule is judged on, for many members at once. */
  async function factsOf(handle: DbOrTx, memberIds: readonly string[]): Promise<Map<string, CadreFacts>> {
    const [members, completed, facilitated, records, weights] = await Promise.all([
      cadre.joinedOn(handle, memberIds),
      cadre.completed(handle, memberIds),
      cadre.facilitated(handle, memberIds),
      cadre.heldRecords(handle, memberIds),
      weightsOf(handle),
    ]);
    const facts = new Map<string, CadreFacts>();
    for (const member of members)
      facts.set(member.id, { joinedOn: member.joined_on, completed: [], facilitated: [], records: [] });
    for (const row of completed)
      (facts.get(row.member_id!)!.completed as CadreFacts['completed'][number][]).push({
        participantId: row.id,
        track: row.track,
        level: row.level as ClassLevel,
        attendance: weightedAttendance(weights, row.session_count, row.marks as AttendanceStatus[]),
        completedOn: row.ends_on,
      });
    for (const row of facilitated)
      (facts.get(row.member_id!)!.facilitated as CadreFacts['facilitated'][number][]).push({
        classId: row.class_id,
        endsOn: row.ends_on,
      });
    for (const row of records)
      (facts.get(row.member_id)!.records as CadreFacts['records'][number][]).push({
        stage: row.stage,
        achievedOn: row.achieved_on,
      });
    return facts;
  }

  const stored = (evidence: StageEvidence, facts: CadreFacts): StoredEvidence => ({
    ...evidence,
    attendance: Object.fromEntries(
      facts.completed
        .filter((done) => evidence.participantIds.includes(done.participantId))
        .map((done) => [done.participantId, done.attendance]),
    ),
  });

  /**
   * Proposes each member's next stage where she meets its rule today. Idempotent: an open proposal is
   * never made twice (partial unique index), and a declined one is not made again on the same evidence.
   * Runs in the caller's transaction (training completion calls it). Returns the number of new proposals.
   */
  async function proposeFor(handle: DbOrTx, memberIds: readonly string[]): Promise<number> {
    const ids = [...new Set(memberIds)];
    if (ids.length === 0) return 0;
    const ladder = (await cadre.ladder(handle)).map(ruleOf);
    const asOf = today();
    let proposed = 0;
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const [facts, declined, statuses] = await Promise.all([
        factsOf(handle, batch),
        cadre.latestDeclined(handle, batch),
        cadre.joinedOn(handle, batch),
      ]);
      const active = new Set(statuses.filter((row) => row.status === 'aktif').map((row) => row.id));
      for (const [memberId, memberFacts] of facts) {
        if (!active.has(memberId)) continue;
        const proposal = proposalFor(ladder, memberFacts, asOf);
        if (!proposal) continue;
        const previous = declined.find((row) => row.member_id === memberId && row.stage === proposal.stage);
        if (previous && sameEvidence(previous.evidence as StageEvidence, proposal.evidence)) continue;
        const id = await cadre.insertProposal(handle, {
          memberId,
          stage: proposal.stage,
          evidence: stored(proposal.evidence, memberFacts),
          at: clock.now(),
        });
        if (id) proposed += 1;
      }
    }
    return proposed;
  }

  /** Evidence as shown, for many stored evidence objects at once (two queries, whatever their number). */
  async function evidenceViews(handle: DbOrTx, raws: readonly unknown[]): Promise<EvidenceView[]> {
    const all = raws.map((raw) => (raw ?? {}) as Partial<StoredEvidence>);
    const [classes, facilitated] = await Promise.all([
      cadre.evidenceClasses(handle, [...new Set(all.flatMap((evidence) => evidence.participantIds ?? []))]),
      cadre.classTitles(handle, [...new Set(all.flatMap((evidence) => evidence.facilitatedClassIds ?? []))]),
    ]);
    return all.map((evidence) => ({
      classes: classes
        .filter((row) => (evidence.participantIds ?? []).includes(row.id))
        .map((row) => ({
          participantId: row.id,
          classTitle: row.title,
          track: row.track,
          level: row.level as ClassLevel,
          endsOn: row.ends_on,
          attendance: evidence.attendance?.[row.id] ?? null,
        })),
      facilitated: facilitated
        .filter((row) => (evidence.facilitatedClassIds ?? []).includes(row.id))
        .map((row) => ({ classId: row.id, classTitle: row.title, endsOn: row.ends_on })),
      previousStage: evidence.previousStage ?? null,
      previousAchievedOn: evidence.previousAchievedOn ?? null,
    }));
  }

  /**
   * The member and the unit the caller decides for her from. Not readable at all: 404 (as for the member);
   * readable but not an officer of the level above (e.g. of her own unit): 403.
   */
  async function memberForDecision(handle: DbOrTx, principal: Principal, memberId: string) {
    const member = await cadre.member(handle, memberId);
    if (!member) throw new AppError('not_found');
    const unitId = confirmingUnitOf(principal, member.unit_path);
    if (unitId === null) {
      const sees =
        can(principal, 'member.read', member.unit_path) || can(principal, 'cadre.confirm', member.unit_path);
      throw new AppError(sees ? 'forbidden' : 'not_found');
    }
    return { member, unitId };
  }

  /** Dates keep the ladder's order: not ahead of today, not before a lower stage held, not after a higher one. */
  function checkOrder(ladder: readonly StageRule[], facts: CadreFacts, stage: StageRule, achievedOn: string) {
    if (achievedOn > today()) throw new AppError('stage_order');
    const rankOf = new Map(ladder.map((rule) => [rule.code, rule.rank]));
    for (const record of facts.records) {
      const rank = rankOf.get(record.stage) ?? 0;
      if (rank < stage.rank && record.achievedOn > achievedOn) throw new AppError('stage_order');
      if (rank > stage.rank && record.achievedOn < achievedOn) throw new AppError('stage_order');
    }
    if (stage.rank > 0 && facts.joinedOn !== null && achievedOn < facts.joinedOn)
      throw new AppError('stage_order');
  }

  async function insertRecord(
    tx: DbOrTx,
    actor: Actor,
    row: {
      memberId: string;
      stage: string;
      achievedOn: string;
      proposalId: string | null;
      unitId: number;
      evidence: StoredEvidence;
      evidenceNote: string | null;
    },
  ) {
    const inserted = await tx
      .insertInto('cadre_stage_records')
      .values({
        member_id: row.memberId,
        stage: row.stage,
        achieved_on: row.achievedOn,
        proposal_id: row.proposalId,
        confirmed_by: actor.userId,
        confirmed_unit_id: row.unitId,
        confirmed_at: clock.now(),
        evidence: JSON.stringify(row.evidence),
        evidence_note: row.evidenceNote,
      })
      .onConflict((conflict) =>
        conflict.columns(['member_id', 'stage']).where('withdrawn_at', 'is', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('conflict');
    return inserted.id;
  }

  /**
   * Her stages for the member page: whoever reads her record (member.read over her unit) sees them,
   * as she sees her training there; anyone else 404.
   */
  async function memberStages(actor: Actor, memberId: string): Promise<MemberStagesResponse> {
    const member = await cadre.member(db, memberId);
    if (!member || !can(actor.principal, 'member.read', member.unit_path)) throw new AppError('not_found');
    const [rows, facts, records, open] = await Promise.all([
      cadre.ladder(db),
      factsOf(db, [member.id]),
      cadre.recordsOf(db, member.id),
      cadre.openProposalOf(db, member.id),
    ]);
    const ladder = rows.map(ruleOf);
    const labelsOf = (code: string) => {
      const row = rows.find((stage) => stage.code === code)!;
      return { id: row.label_id, en: row.label_en };
    };
    const memberFacts = facts.get(member.id)!;
    const current = currentStageOf(ladder, memberFacts);
    const next = nextStageOf(ladder, memberFacts);
    const evaluation = next ? evaluateStage(ladder, memberFacts, next.code, today()) : null;
    const canDecide = confirmingUnitOf(actor.principal, member.unit_path) !== null;
    const held = new Set(memberFacts.records.map((record) => record.stage));
    return {
      current: {
        stage: current.stage.code,
        stageLabels: labelsOf(current.stage.code),
        achievedOn: current.stage.rank === 0 ? member.joined_on : current.achievedOn,
      },
      next:
        next && evaluation
          ? {
              stage: next.code,
              stageLabels: labelsOf(next.code),
              met: evaluation.met,
              failures: evaluation.failures,
            }
          : null,
      openProposal: open ? { id: open.id, stage: open.stage } : null,
      records: (
        await evidenceViews(
          db,
          records.map((row) => row.evidence),
        )
      ).map((evidence, index) => {
        const row = records[index]!;
        return {
          id: row.id,
          stage: row.stage,
          stageLabels: { id: row.label_id, en: row.label_en },
          achievedOn: row.achieved_on,
          manual: row.proposal_id === null,
          confirmedBy: row.confirmed_by_name,
          confirmedUnitName: row.confirmed_unit_name,
          confirmedAt: iso(row.confirmed_at),
          evidence,
          evidenceNote: row.evidence_note,
          withdrawnAt: row.withdrawn_at ? iso(row.withdrawn_at) : null,
          withdrawnBy: row.withdrawn_by_name,
          withdrawnReason: row.withdrawn_reason,
        };
      }),
      canDecide,
      recordable: canDecide
        ? rows
            .filter((row) => row.active && row.rank > 0 && !held.has(row.code))
            .map((row) => ({ code: row.code, labels: { id: row.label_id, en: row.label_en } }))
        : [],
    };
  }

  return {
    proposeFor,
    memberStages,

    /** The ladder with its rules; `canEdit` for national (top-unit) gender officers and org admins. */
    async ladder(actor: Actor): Promise<LadderResponse> {
      const [rows, root] = await Promise.all([cadre.ladder(db), cadre.rootUnit(db)]);
      return {
        items: rows.map(stageViewOf),
        canEdit: root !== undefined && can(actor.principal, 'cadre.confirm', root.path),
      };
    },

    /** Edits one stage's labels and rule (national officers only). The bottom stage has no rule. */
    async updateStage(actor: Actor, code: string, input: UpdateStageInput): Promise<StageView> {
      return db.transaction().execute(async (tx) => {
        const root = await cadre.rootUnit(tx);
        if (!root || !can(actor.principal, 'cadre.confirm', root.path)) throw new AppError('forbidden');
        const before = (await cadre.ladder(tx)).find((row) => row.code === code);
        if (!before) throw new AppError('not_found');
        const fields: { path: string; message: string }[] = [];
        const tracks = new Set(await cadre.trackCodes(tx));
        if (input.requiredTracks.some((track) => !tracks.has(track)))
          fields.push({ path: 'requiredTracks', message: 'invalid_value' });
        if (before.rank === 0) {
          const hasRule =
            input.minCompletedClasses > 0 ||
            input.requiredTracks.length > 0 ||
            input.minLevel !== null ||
            input.minAttendance !== null ||
            input.minMonthsSincePrevious > 0 ||
            input.minFacilitatedClasses > 0;
          // The bottom stage is every member's: it has no rule and is always in use.
          if (hasRule) fields.push({ path: 'minCompletedClasses', message: 'invalid_value' });
          if (!input.active) fields.push({ path: 'active', message: 'invalid_value' });
        }
        if (fields.length) throw new AppError('validation_failed', undefined, { fields });
        const values = {
          label_id: input.labels.id,
          label_en: input.labels.en,
          min_completed_classes: input.minCompletedClasses,
          required_tracks: [...new Set(input.requiredTracks)],
          min_level: input.minLevel,
          min_attendance: input.minAttendance,
          min_months_since_previous: input.minMonthsSincePrevious,
          min_facilitated_classes: input.minFacilitatedClasses,
          active: input.active,
        };
        await tx.updateTable('cadre_stages').set(values).where('code', '=', code).execute();
        const after = (await cadre.ladder(tx)).find((row) => row.code === code)!;
        await audit(tx, actor, 'cadre.stage_rule_update', 'cadre_stage', code, root.id, {
          before: stageViewOf(before),
          after: stageViewOf(after),
        });
        return stageViewOf(after);
      });
    },

    /**
     * Judges every active member of the unit's subtree who completed or facilitated a class and proposes
     * her next stage where she meets its rule. Needs `cadre.confirm` over the unit.
     */
    async refresh(actor: Actor, unitId: number): Promise<RefreshResponse> {
      const unit = await cadre.unit(db, unitId);
      if (!unit || !can(actor.principal, 'cadre.confirm', unit.path)) throw new AppError('not_found');
      return db.transaction().execute(async (tx) => {
        const candidates = await cadre.candidates(tx, unit.path);
        const proposed = await proposeFor(
          tx,
          candidates.map((row) => row.id),
        );
        await audit(tx, actor, 'cadre.proposals_refresh', 'unit', String(unit.id), unit.id, {
          members: candidates.length,
          proposed,
        });
        return { members: candidates.length, proposed };
      });
    },

    /** Open proposals the caller decides: members whose home unit's parent lies in her `cadre.confirm` scope. */
    async listProposals(actor: Actor): Promise<ProposalView[]> {
      const roots = scopeOf(actor.principal, 'cadre.confirm');
      if (roots.length === 0) return [];
      const rows = await cadre.openProposals(db, roots);
      const evidence = await evidenceViews(
        db,
        rows.map((row) => row.evidence),
      );
      return rows.map((row, index) => ({
        id: row.id,
        memberId: row.member_id,
        memberName: row.full_name,
        memberNumber: row.member_number,
        unitName: row.unit_name,
        stage: row.stage,
        stageLabels: { id: row.label_id, en: row.label_en },
        proposedAt: iso(row.proposed_at),
        evidence: evidence[index]!,
      }));
    },

    /**
     * Confirms an open proposal: the rule is judged again today (a withdrawn record below, say, stops it),
     * and a dated record is made with the evidence, who confirmed it and from which unit.
     */
    async confirm(actor: Actor, proposalId: string, input: ConfirmBody): Promise<MemberStagesResponse> {
      const memberId = await db.transaction().execute(async (tx) => {
        const proposal = await cadre.proposal(tx, proposalId, true);
        if (!proposal) throw new AppError('not_found');
        const { member, unitId } = await memberForDecision(tx, actor.principal, proposal.member_id);
        if (proposal.status !== 'open') throw new AppError('conflict');
        const ladder = (await cadre.ladder(tx)).map(ruleOf);
        const facts = (await factsOf(tx, [member.id])).get(member.id)!;
        const evaluation = evaluateStage(ladder, facts, proposal.stage, today());
        if (!evaluation.met)
          throw new AppError('stage_rule_not_met', undefined, { public: { failures: evaluation.failures } });
        const achievedOn = input.achievedOn ?? today();
        checkOrder(
          ladder,
          facts,
          ladder.find((rule) => rule.code === proposal.stage)!,
          achievedOn,
        );
        const evidenceNote = input.evidenceNote?.trim() || null;
        const recordId = await insertRecord(tx, actor, {
          memberId: member.id,
          stage: proposal.stage,
          achievedOn,
          proposalId,
          unitId,
          evidence: stored(evaluation.evidence, facts),
          evidenceNote,
        });
        await tx
          .updateTable('cadre_stage_proposals')
          .set({ status: 'confirmed', decided_by: actor.userId, decided_at: clock.now() })
          .where('id', '=', proposalId)
          .execute();
        await audit(tx, actor, 'cadre.stage_confirm', 'cadre_stage_record', recordId, member.home_unit_id, {
          memberId: member.id,
          stage: proposal.stage,
          achievedOn,
          proposalId,
          confirmedUnitId: unitId,
          hasNote: evidenceNote !== null,
        });
        return member.id;
      });
      return memberStages(actor, memberId);
    },

    async decline(actor: Actor, proposalId: string, reason: string): Promise<{ ok: true }> {
      return db.transaction().execute(async (tx) => {
        const proposal = await cadre.proposal(tx, proposalId, true);
        if (!proposal) throw new AppError('not_found');
        const { member } = await memberForDecision(tx, actor.principal, proposal.member_id);
        if (proposal.status !== 'open') throw new AppError('conflict');
        await tx
          .updateTable('cadre_stage_proposals')
          .set({
            status: 'declined',
            decided_by: actor.userId,
            decided_at: clock.now(),
            decision_reason: reason,
          })
          .where('id', '=', proposalId)
          .execute();
        await audit(
          tx,
          actor,
          'cadre.stage_decline',
          'cadre_stage_proposal',
          proposalId,
          member.home_unit_id,
          {
            memberId: member.id,
            stage: proposal.stage,
            reason,
          },
        );
        return { ok: true as const };
      });
    },

    /**
     * A stage recorded by hand (e.g. a cadre trained before Setara), standing on the officer's evidence
     * note: same authority and date order as a confirmation, but the ladder's rule is not required. An
     * open proposal for the same stage is closed by it.
     */
    async recordStage(actor: Actor, memberId: string, input: RecordStageBody): Promise<MemberStagesResponse> {
      await db.transaction().execute(async (tx) => {
        const { member, unitId } = await memberForDecision(tx, actor.principal, memberId);
        const ladder = (await cadre.ladder(tx)).map(ruleOf);
        const stage = ladder.find((rule) => rule.code === input.stage);
        if (!stage || !stage.active || stage.rank === 0)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'stage', message: 'invalid_value' }],
          });
        const facts = (await factsOf(tx, [member.id])).get(member.id)!;
        if (facts.records.some((record) => record.stage === stage.code)) throw new AppError('conflict');
        checkOrder(ladder, facts, stage, input.achievedOn);
        const evaluation = evaluateStage(ladder, facts, stage.code, input.achievedOn);
        const open = await cadre.openProposalOf(tx, member.id);
        const proposalId = open?.stage === stage.code ? open.id : null;
        // A manual record links no proposal (that is what marks it manual); an open one is closed by it.
        const recordId = await insertRecord(tx, actor, {
          memberId: member.id,
          stage: stage.code,
          achievedOn: input.achievedOn,
          proposalId: null,
          unitId,
          evidence: stored(evaluation.evidence, facts),
          evidenceNote: input.evidenceNote.trim(),
        });
        if (proposalId)
          await tx
            .updateTable('cadre_stage_proposals')
            .set({ status: 'confirmed', decided_by: actor.userId, decided_at: clock.now() })
            .where('id', '=', proposalId)
            .execute();
        await audit(tx, actor, 'cadre.stage_record', 'cadre_stage_record', recordId, member.home_unit_id, {
          memberId: member.id,
          stage: stage.code,
          achievedOn: input.achievedOn,
          confirmedUnitId: unitId,
          manual: true,
        });
      });
      return memberStages(actor, memberId);
    },

    /** Withdraws a record with a reason (same authority); it stays in her history, marked withdrawn. */
    async withdraw(actor: Actor, recordId: string, reason: string): Promise<MemberStagesResponse> {
      const memberId = await db.transaction().execute(async (tx) => {
        const record = await cadre.record(tx, recordId, true);
        if (!record) throw new AppError('not_found');
        const { member } = await memberForDecision(tx, actor.principal, record.member_id);
        if (record.withdrawn_at) throw new AppError('conflict');
        await tx
          .updateTable('cadre_stage_records')
          .set({ withdrawn_at: clock.now(), withdrawn_by: actor.userId, withdrawn_reason: reason })
          .where('id', '=', recordId)
          .execute();
        await audit(tx, actor, 'cadre.stage_withdraw', 'cadre_stage_record', recordId, member.home_unit_id, {
          memberId: member.id,
          stage: record.stage,
          reason,
        });
        return member.id;
      });
      return memberStages(actor, memberId);
    },
  };
}

export type CadreService = ReturnType<typeof createCadreService>;
