import { AppError } from '../../../shared/errors.ts';
import type {
  AssemblyCredentialsView,
  DelegationView,
  SubjectEvaluationView,
} from '../../../shared/contracts/quota.ts';
import { can, memberIdentity, type Principal } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import type { QuotaRule } from '../quota/quota-engine.ts';
import type { QuotaRepository } from '../quota/quota.repository.ts';
import { delegationEvaluation, type QuotaEvaluator } from '../quota/quota.service.ts';
import { canSeeAssembly } from './assemblies.service.ts';

type DelegationStatus = DelegationView['credentialStatus'];

/**
 * What the quota gates say about a delegation. SPN 2018: a delegation below 30% women is returned by the
 * congress committee (enforcement `return_delegation`); a `block` rule, or a gate rule that cannot be
 * judged because a delegate's sex is unknown, also keeps it from being accepted.
 */
export function credentialGate(evaluation: SubjectEvaluationView) {
  const gates = evaluation.evaluations.filter(
    (rule) => rule.enforcement === 'return_delegation' || rule.enforcement === 'block',
  );
  const mustReturn = gates.some(
    (rule) => rule.enforcement === 'return_delegation' && rule.status === 'non_compliant',
  );
  const blocksAcceptance = gates.some((rule) => rule.status === 'non_compliant' || rule.status === 'unknown');
  return { mustReturn, blocksAcceptance };
}

/** Who may do what on one delegation, given its state: the committee decides, the unit resubmits. */
export function delegationActions(
  principal: Principal,
  organiserPath: string,
  unitPath: string,
  status: DelegationStatus,
) {
  const isCommittee = can(principal, 'unit.manage', organiserPath);
  const isDelegatingUnit = can(principal, 'unit.manage', unitPath);
  return {
    decide: isCommittee && (status === 'open' || status === 'submitted'),
    resubmit: isDelegatingUnit && status === 'returned',
    editDelegates: isDelegatingUnit && status !== 'accepted',
  };
}

/**
 * Congress credentialing on top of the assemblies module: the committee (the organiser's unit officers,
 * `unit.manage` there, as for delegate credentials) accepts or returns each delegation with a reason; the
 * unit sees why, changes its delegates and resubmits. Every decision keeps the evaluation it was made on.
 */
export function createCredentialsService(deps: {
  db: Db;
  quota: QuotaRepository;
  evaluator: QuotaEvaluator;
  clock: Clock;
}) {
  const { db, quota, evaluator, clock } = deps;

  type AllocationRow = NonNullable<Awaited<ReturnType<QuotaRepository['findAllocation']>>>;

  /** Views of several delegations from three batched queries (rows, delegates, decisions) and the rules. */
  async function delegationViews(
    actor: Actor,
    allocations: AllocationRow[],
    handle: DbOrTx = db,
    rules?: QuotaRule[],
  ): Promise<DelegationView[]> {
    const ids = allocations.map((allocation) => allocation.id);
    const [allDelegates, allDecisions, ruleSet] = await Promise.all([
      quota.delegatesOfMany(handle, ids),
      quota.decisionsOf(handle, ids),
      rules ? Promise.resolve(rules) : evaluator.loadRules(handle),
    ]);
    return allocations.map((allocation) => {
      const delegates = allDelegates.filter((delegate) => delegate.allocation_id === allocation.id);
      const decisions = allDecisions.filter((decision) => decision.allocation_id === allocation.id);
      const evaluation = delegationEvaluation(allocation, delegates, ruleSet, actor.principal);
      const status = (allocation.credential_status ?? 'open') as DelegationStatus;
      return {
        allocationId: allocation.id,
        unitId: allocation.unit_id,
        unitName: allocation.unit_name,
        category: allocation.category as 'executive' | 'komite_perempuan',
        seats: allocation.seats,
        credentialStatus: status,
        evaluation,
        mustReturn: credentialGate(evaluation).mustReturn,
        delegates: delegates.map((delegate) => ({
          id: String(delegate.id),
          ...memberIdentity(actor.principal, {
            unitPath: delegate.member_unit_path,
            fullName: delegate.full_name,
            memberNumber: delegate.member_number,
          }),
          sex: delegate.sex as 'L' | 'P' | null,
          credentialStatus: delegate.credential_status as 'submitted' | 'returned' | 'accepted',
        })),
        decisions: decisions.map((decision) => {
          const snapshot = decision.evaluation as SubjectEvaluationView;
          const gate =
            snapshot.evaluations.find((rule) => rule.enforcement === 'return_delegation') ??
            snapshot.evaluations[0];
          return {
            id: String(decision.id),
            decision: decision.decision as 'accepted' | 'returned' | 'resubmitted',
            reason: decision.reason,
            decidedBy: decision.display_name,
            decidedAt: new Date(decision.decided_at).toISOString(),
            status: snapshot.status,
            women: snapshot.counts.women,
            filled: snapshot.counts.filled,
            requiredWomen: gate?.requiredWomen ?? 0,
            ruleVersions: snapshot.evaluations.map((rule) => ({
              ruleId: rule.ruleId,
              version: rule.ruleVersion,
            })),
          };
        }),
        allowed: delegationActions(actor.principal, allocation.organiser_path, allocation.unit_path, status),
      };
    });
  }

  async function delegation(
    actor: Actor,
    allocationId: number,
    handle: DbOrTx = db,
  ): Promise<DelegationView> {
    const allocation = await quota.findAllocation(handle, allocationId);
    if (!allocation) throw new AppError('not_found');
    const [view] = await delegationViews(actor, [allocation], handle);
    return view!;
  }

  async function record(
    tx: DbOrTx,
    actor: Actor,
    allocation: NonNullable<Awaited<ReturnType<QuotaRepository['findAllocation']>>>,
    decision: 'accepted' | 'returned' | 'resubmitted',
    reason: string | null,
    evaluation: SubjectEvaluationView,
  ) {
    const status = decision === 'resubmitted' ? 'submitted' : decision;
    await tx
      .insertInto('delegation_credentials')
      .values({ allocation_id: allocation.id, status, updated_at: clock.now() })
      .onConflict((conflict) =>
        conflict.column('allocation_id').doUpdateSet({ status, updated_at: clock.now() }),
      )
      .execute();
    const versions = await tx
      .selectFrom('quota_rule_versions')
      .select(['id', 'rule_id', 'version'])
      .where(
        'rule_id',
        'in',
        evaluation.evaluations.length ? evaluation.evaluations.map((rule) => rule.ruleId) : [-1],
      )
      .execute();
    await tx
      .insertInto('delegation_credential_decisions')
      .values({
        allocation_id: allocation.id,
        decision,
        reason,
        decided_by: actor.userId,
        decided_at: clock.now(),
        evaluation: JSON.stringify(evaluation),
        rule_version_ids: versions
          .filter((row) =>
            evaluation.evaluations.some(
              (rule) => rule.ruleId === row.rule_id && rule.ruleVersion === row.version,
            ),
          )
          .map((row) => row.id),
      })
      .execute();
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: `delegation.${decision}`,
        objectType: 'allocation',
        objectId: String(allocation.id),
        unitId: allocation.unit_id,
        requestId: actor.requestId,
        details: {
          status: evaluation.status,
          women: evaluation.counts.women,
          filled: evaluation.counts.filled,
        },
      },
      clock.now(),
    );
  }

  /** Locks the allocation and loads it with its current state (decisions are serialised per delegation). */
  async function lockAllocation(tx: DbOrTx, allocationId: number) {
    await tx
      .selectFrom('delegation_allocations')
      .select('id')
      .where('id', '=', allocationId)
      .forUpdate()
      .execute();
    return quota.findAllocation(tx, allocationId);
  }

  return {
    /** Every delegation of an assembly the caller can see, with quota status and decision history. */
    async listCredentials(actor: Actor, assemblyId: number): Promise<AssemblyCredentialsView> {
      const assembly = await db
        .selectFrom('assemblies as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select(['a.id', 'a.name', 'a.starts_on', 'u.name as unit_name', 'u.path as unit_path'])
        .where('a.id', '=', assemblyId)
        .executeTakeFirst();
      if (!assembly || !canSeeAssembly(actor.principal, assembly.unit_path)) throw new AppError('not_found');
      const isOrganiser = can(actor.principal, 'assembly.read', assembly.unit_path);
      // The committee sees every delegation; a delegating unit only its own subtree's.
      const allocations = (await quota.allocationRowsOf(db, assemblyId)).filter(
        (allocation) => isOrganiser || can(actor.principal, 'assembly.read', allocation.unit_path),
      );
      const delegations = await delegationViews(actor, allocations);
      return {
        assemblyId: assembly.id,
        assemblyName: assembly.name,
        unitName: assembly.unit_name,
        startsOn: assembly.starts_on,
        delegations,
      };
    },

    getDelegation: async (actor: Actor, allocationId: number) => {
      const allocation = await quota.findAllocation(db, allocationId);
      if (
        !allocation ||
        (!can(actor.principal, 'assembly.read', allocation.organiser_path) &&
          !can(actor.principal, 'assembly.read', allocation.unit_path))
      )
        throw new AppError('not_found');
      return delegation(actor, allocationId);
    },

    /**
     * The committee accepts or returns a delegation. A delegation the `return_delegation` rule finds below
     * quota can only be returned (SPN 2018); returning always needs a reason, unless the rule gives it.
     */
    async decide(
      actor: Actor,
      allocationId: number,
      input: { decision: 'accepted' | 'returned'; reason: string | null },
    ) {
      const found = await quota.findAllocation(db, allocationId);
      if (
        !found ||
        (!can(actor.principal, 'assembly.read', found.organiser_path) &&
          !can(actor.principal, 'assembly.read', found.unit_path))
      )
        throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', found.organiser_path)) throw new AppError('forbidden');
      await db.transaction().execute(async (tx) => {
        const allocation = (await lockAllocation(tx, allocationId))!;
        const status = (allocation.credential_status ?? 'open') as DelegationStatus;
        if (status !== 'open' && status !== 'submitted') throw new AppError('credential_state');
        const evaluation = (await evaluator.evaluateDelegation(allocationId, 'internal', undefined, tx))!;
        const gate = credentialGate(evaluation);
        if (input.decision === 'accepted' && gate.blocksAcceptance)
          throw new AppError('delegation_below_quota', 'Delegation must be returned', {
            status: evaluation.status,
          });
        if (input.decision === 'returned' && !input.reason && !gate.mustReturn)
          throw new AppError('validation_failed', 'A reason is required', {
            fields: [{ path: 'reason', message: 'required' }],
          });
        await record(tx, actor, allocation, input.decision, input.reason, evaluation);
        if (input.decision === 'accepted')
          await tx
            .updateTable('delegates')
            .set({ credential_status: 'accepted', updated_at: clock.now() })
            .where('allocation_id', '=', allocationId)
            .where('credential_status', '=', 'submitted')
            .execute();
      });
      return delegation(actor, allocationId);
    },

    /** The delegating unit resubmits a returned delegation after changing its delegates. */
    async resubmit(actor: Actor, allocationId: number, input: { reason: string | null }) {
      const found = await quota.findAllocation(db, allocationId);
      if (!found || !can(actor.principal, 'assembly.read', found.unit_path)) throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', found.unit_path)) throw new AppError('forbidden');
      await db.transaction().execute(async (tx) => {
        const allocation = (await lockAllocation(tx, allocationId))!;
        if (allocation.credential_status !== 'returned') throw new AppError('credential_state');
        const evaluation = (await evaluator.evaluateDelegation(allocationId, 'internal', undefined, tx))!;
        await record(tx, actor, allocation, 'resubmitted', input.reason, evaluation);
      });
      return delegation(actor, allocationId);
    },

    /** The delegating unit withdraws a delegate (to replace her or him) while the delegation is not accepted. */
    async withdrawDelegate(actor: Actor, delegateId: string) {
      const row = /^\d{1,18}$/.test(delegateId)
        ? await db
            .selectFrom('delegates')
            .select(['id', 'allocation_id'])
            .where('id', '=', delegateId)
            .executeTakeFirst()
        : undefined;
      const found = row ? await quota.findAllocation(db, row.allocation_id) : undefined;
      if (!row || !found || !can(actor.principal, 'assembly.read', found.unit_path))
        throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', found.unit_path)) throw new AppError('forbidden');
      await db.transaction().execute(async (tx) => {
        const allocation = (await lockAllocation(tx, row.allocation_id))!;
        if (allocation.credential_status === 'accepted') throw new AppError('credential_state');
        await tx.deleteFrom('delegates').where('id', '=', delegateId).execute();
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'delegate.withdraw',
            objectType: 'delegate',
            objectId: delegateId,
            unitId: allocation.unit_id,
            requestId: actor.requestId,
            details: { allocationId: allocation.id },
          },
          clock.now(),
        );
      });
      return delegation(actor, row.allocation_id);
    },
  };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
