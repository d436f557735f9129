import { AppError } from '../../../shared/errors.ts';
import type {
  ListEvaluationView,
  QuotaRuleVersionView,
  QuotaRuleView,
  SlateCheckView,
  SubjectEvaluationView,
} from '../../../shared/contracts/quota.ts';
import type {
  QuotaEnforcement,
  QuotaMetric,
  QuotaRounding,
  QuotaSubjectKind,
} from '../../../shared/quota-taxonomies.ts';
import type { PositionCategory } from '../../../shared/taxonomies.ts';
import { can, memberIdentity, scopeOf, type Principal } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import {
  applicableRules,
  checkSlate,
  countSeats,
  evaluateAll,
  type DelegationCategory,
  type QuotaRule,
  type QuotaSubject,
  type Seat,
} from './quota-engine.ts';
import type { QuotaRepository, RuleVersionRow } from './quota.repository.ts';

/** A stored version as the engine sees it. */
export function toEngineRule(row: RuleVersionRow): QuotaRule {
  return {
    id: row.rule_id,
    version: row.version,
    name: row.name,
    scope: {
      subjectKinds: row.subject_kinds as QuotaSubjectKind[],
      levels: row.levels,
      delegationCategories: row.delegation_categories as DelegationCategory[],
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
    },
    metric: row.metric as QuotaMetric,
    thresholdBp: row.threshold_bp,
    rounding: row.rounding as QuotaRounding,
    minimum:
      row.minimum_women !== null
        ? { women: row.minimum_women, whenSeatsAtLeast: row.minimum_when_seats ?? 0 }
        : null,
    positional:
      row.positional_at_least !== null
        ? {
            titles: row.positional_titles,
            categories: row.positional_categories as PositionCategory[],
            atLeast: row.positional_at_least,
          }
        : null,
    proportionalityFactorBp: row.proportionality_factor_bp,
    enforcement: row.enforcement as QuotaEnforcement,
  };
}

function versionView(row: RuleVersionRow): QuotaRuleVersionView {
  const rule = toEngineRule(row);
  return {
    id: row.id,
    ruleId: row.rule_id,
    code: row.code,
    version: row.version,
    name: row.name,
    description: row.description,
    scope: {
      subjectKinds: [...rule.scope.subjectKinds],
      levels: [...rule.scope.levels],
      delegationCategories: [...rule.scope.delegationCategories],
      effectiveFrom: rule.scope.effectiveFrom,
      effectiveTo: rule.scope.effectiveTo,
    },
    metric: rule.metric,
    thresholdBp: rule.thresholdBp,
    rounding: rule.rounding,
    minimum: rule.minimum,
    positional: rule.positional
      ? {
          titles: [...rule.positional.titles],
          categories: [...rule.positional.categories],
          atLeast: rule.positional.atLeast,
        }
      : null,
    proportionalityFactorBp: rule.proportionalityFactorBp,
    enforcement: rule.enforcement,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
  };
}

type SeatWithName = Seat & { memberName: string | null };

function subjectView(
  subject: QuotaSubject & { id: string | null; name: string; unitId: number | null; unitName: string | null },
  seats: SeatWithName[],
  statutorySeats: number | null,
  rules: QuotaRule[],
  asOf: string,
): SubjectEvaluationView {
  const counts = countSeats(seats, statutorySeats);
  const { status, evaluations } = evaluateAll(rules, subject, counts, { asOf });
  return {
    subject: {
      kind: subject.kind,
      id: subject.id,
      name: subject.name,
      unitId: subject.unitId,
      unitName: subject.unitName,
      level: subject.level,
    },
    asOf,
    counts: {
      seats: counts.seats,
      filled: counts.filled,
      vacant: Math.max(0, counts.seats - counts.filled),
      women: counts.women,
      men: counts.men,
      unknown: counts.unknown,
      acting: counts.acting,
    },
    status,
    evaluations: evaluations.map((evaluation) => ({
      ...evaluation,
      hint: { ...evaluation.hint },
      reasons: evaluation.reasons.map((reason) => ({ ...reason })),
      positional: evaluation.positional ? { ...evaluation.positional } : null,
    })),
    seats: seats.map((seat) => ({
      positionTitle: seat.positionTitle,
      positionCategory: seat.positionCategory,
      filled: seat.filled,
      sex: seat.sex,
      acting: seat.acting,
      memberName: seat.memberName,
    })),
  };
}

/**
 * A delegation (one allocation) from rows already loaded: delegates not individually returned fill seats.
 * The 30% rule counts executive delegates; Komite Perempuan delegates sit in addition and get their own
 * (usually no) rules.
 */
export function delegationEvaluation(
  allocation: {
    id: number;
    seats: number;
    category: string;
    level: string;
    unit_id: number;
    unit_name: string;
    assembly_name: string;
    starts_on: string;
  },
  allDelegates: {
    credential_status: string;
    sex: string | null;
    full_name: string;
    member_number: string;
    member_unit_path: string;
  }[],
  rules: QuotaRule[],
  /** Whose view it is: seat names follow memberIdentity; 'internal' (a stored snapshot) keeps them. */
  viewer: Principal | 'internal',
  asOf?: string,
): SubjectEvaluationView {
  const delegates = allDelegates.filter((delegate) => delegate.credential_status !== 'returned');
  const seats: SeatWithName[] = delegates.map((delegate) => ({
    positionTitle: null,
    positionCategory: null,
    filled: true,
    sex: delegate.sex as 'L' | 'P' | null,
    acting: false,
    memberName:
      viewer === 'internal'
        ? delegate.full_name
        : memberIdentity(viewer, {
            unitPath: delegate.member_unit_path,
            fullName: delegate.full_name,
            memberNumber: delegate.member_number,
          }).memberName,
  }));
  for (let index = delegates.length; index < allocation.seats; index++)
    seats.push({
      positionTitle: null,
      positionCategory: null,
      filled: false,
      sex: null,
      acting: false,
      memberName: null,
    });
  return subjectView(
    {
      kind: 'delegation',
      level: allocation.level,
      delegationCategory: allocation.category as DelegationCategory,
      id: String(allocation.id),
      name: `${allocation.assembly_name} — ${allocation.unit_name}`,
      unitId: allocation.unit_id,
      unitName: allocation.unit_name,
    },
    seats,
    allocation.seats,
    rules,
    asOf ?? allocation.starts_on,
  );
}

/**
 * Evaluations without access checks, for other modules that checked access already (credentialing,
 * dashboards): `evaluateBody(bodyId, asOf)`, `evaluateDelegation(allocationId, asOf)`.
 */
export function createQuotaEvaluator(deps: { db: Db; quota: QuotaRepository }) {
  const { db, quota } = deps;
  const rulesOf = async (handle: DbOrTx) => (await quota.ruleVersions(handle)).map(toEngineRule);

  return {
    /** Every rule version, as the engine sees them (for callers evaluating many subjects at once). */
    loadRules: rulesOf,

    /** A body on a date: appointments whose term covers the date, member sex as recorded; null if none. */
    async evaluateBody(bodyId: number, asOf: string, handle: DbOrTx = db, rules?: QuotaRule[]) {
      const body = await quota.findBody(handle, bodyId);
      if (!body) return null;
      const { positions, holders } = await quota.bodySeats(handle, bodyId, asOf);
      const seats: SeatWithName[] = [];
      for (const position of positions) {
        const own = holders.filter((holder) => holder.position_id === position.id);
        for (let index = 0; index < Math.max(position.seats, own.length); index++) {
          const holder = own[index];
          // A holder who has left the union by then sits for no one: the seat is vacant (issue 10).
          const sitting = holder && !holder.left_on ? holder : undefined;
          seats.push({
            positionTitle: position.title,
            positionCategory: position.category as PositionCategory,
            filled: Boolean(sitting),
            sex: (sitting?.sex as 'L' | 'P' | null | undefined) ?? null,
            acting: sitting?.basis === 'acting',
            memberName: sitting?.full_name ?? null,
            holderLeftOn: holder?.left_on ?? null,
          });
        }
      }
      return subjectView(
        {
          kind: body.kind as QuotaSubjectKind,
          level: body.level,
          id: String(body.id),
          name: body.name,
          unitId: body.unit_id,
          unitName: body.unit_name,
        },
        seats,
        body.statutory_seats,
        rules ?? (await rulesOf(handle)),
        asOf,
      );
    },

    /**
     * A delegation (one allocation): delegates not individually returned fill seats. The 30% rule counts
     * executive delegates; Komite Perempuan delegates sit in addition and get their own (usually empty) rules.
     */
    async evaluateDelegation(
      allocationId: number,
      viewer: Principal | 'internal',
      asOf?: string,
      handle: DbOrTx = db,
      rules?: QuotaRule[],
    ) {
      const allocation = await quota.findAllocation(handle, allocationId);
      if (!allocation) return null;
      const delegates = await quota.delegatesOf(handle, allocationId);
      return delegationEvaluation(allocation, delegates, rules ?? (await rulesOf(handle)), viewer, asOf);
    },

    delegationEvaluation,

    /**
     * A list another module assembles (a training class's participant list, issue 12), judged as one
     * subject with the same rule records and enforcement levels; `statutorySeats` counts unfilled seats.
     */
    async evaluateSeats(
      subject: QuotaSubject & {
        id: string | null;
        name: string;
        unitId: number | null;
        unitName: string | null;
      },
      seats: SeatWithName[],
      statutorySeats: number | null,
      asOf: string,
      handle: DbOrTx = db,
    ) {
      const rules = await rulesOf(handle);
      return { view: subjectView(subject, seats, statutorySeats, rules, asOf), rules };
    },
  };
}
export type QuotaEvaluator = ReturnType<typeof createQuotaEvaluator>;

export interface RuleInput {
  name: string;
  description: string | null;
  scope: {
    subjectKinds: QuotaSubjectKind[];
    levels: string[];
    delegationCategories: DelegationCategory[];
    effectiveFrom: string | null;
    effectiveTo: string | null;
  };
  metric: QuotaMetric;
  thresholdBp: number;
  rounding: QuotaRounding;
  minimum: { women: number; whenSeatsAtLeast: number } | null;
  positional: { titles: string[]; categories: PositionCategory[]; atLeast: number } | null;
  proportionalityFactorBp: number | null;
  enforcement: QuotaEnforcement;
}

/** Quota rules as data (versioned), evaluations of bodies, delegations and lists, and slate checks. */
export function createQuotaService(deps: {
  db: Db;
  quota: QuotaRepository;
  evaluator: QuotaEvaluator;
  clock: Clock;
}) {
  const { db, quota, evaluator, clock } = deps;
  const today = () => isoDateIn(clock.now());

  /** Rules are the union's policy: edited only by a gender officer at the top unit (DPP). */
  async function canEditRules(actor: Actor, handle: DbOrTx = db) {
    const root = await quota.rootUnitPath(handle);
    return root !== null && can(actor.principal, 'quota.manage', root);
  }

  const ruleViews = (rows: RuleVersionRow[]): QuotaRuleView[] => {
    const byRule = new Map<number, RuleVersionRow[]>();
    for (const row of rows) byRule.set(row.rule_id, [...(byRule.get(row.rule_id) ?? []), row]);
    return [...byRule.values()].map((versions) => {
      const current = versions.find((row) => row.version === row.current_version) ?? versions.at(-1)!;
      return {
        id: current.rule_id,
        code: current.code,
        currentVersion: current.version,
        current: versionView(current),
        versions: versions.map(versionView).reverse(),
      };
    });
  };

  const versionRow = (ruleId: number, version: number, input: RuleInput, actor: Actor) => ({
    rule_id: ruleId,
    version,
    name: input.name,
    description: input.description,
    subject_kinds: [...new Set(input.scope.subjectKinds)],
    levels: [...new Set(input.scope.levels)],
    delegation_categories: [...new Set(input.scope.delegationCategories)],
    effective_from: input.scope.effectiveFrom,
    effective_to: input.scope.effectiveTo,
    metric: input.metric,
    threshold_bp: input.thresholdBp,
    rounding: input.rounding,
    minimum_women: input.minimum?.women ?? null,
    minimum_when_seats: input.minimum?.whenSeatsAtLeast ?? null,
    positional_titles: input.positional?.titles ?? [],
    positional_categories: input.positional?.categories ?? [],
    positional_at_least: input.positional?.atLeast ?? null,
    proportionality_factor_bp: input.proportionalityFactorBp,
    enforcement: input.enforcement,
    created_by: actor.userId,
  });

  const audit = (
    handle: DbOrTx,
    actor: Actor,
    action: string,
    objectId: string,
    details: Record<string, unknown>,
  ) =>
    appendAudit(
      handle,
      {
        actorId: actor.userId,
        actorLabel: actor.label,
        action,
        objectType: 'quota_rule',
        objectId,
        unitId: null,
        requestId: actor.requestId,
        details,
      },
      clock.now(),
    );

  async function readableUnit(actor: Actor, unitPath: string) {
    if (!can(actor.principal, 'unit.read', unitPath)) throw new AppError('not_found');
  }

  return {
    canEditRules,

    /** Every rule with its versions (newest first). Rules are policy: any staff member may read them. */
    async listRules(actor: Actor) {
      return { items: ruleViews(await quota.ruleVersions(db)), canEdit: await canEditRules(actor) };
    },

    async getRule(_actor: Actor, ruleId: number) {
      const [view] = ruleViews(await quota.ruleVersions(db, ruleId));
      if (!view) throw new AppError('not_found');
      return view;
    },

    /** A new rule (version 1). Only the DPP gender officer. */
    async createRule(actor: Actor, code: string, input: RuleInput) {
      if (!(await canEditRules(actor))) throw new AppError('forbidden');
      return db.transaction().execute(async (tx) => {
        const inserted = await quota.insertRule(tx, code);
        if (!inserted)
          throw new AppError('conflict', 'Rule code taken', {
            fields: [{ path: 'code', message: 'conflict' }],
          });
        await quota.insertVersion(tx, versionRow(inserted.id, 1, input, actor));
        await audit(tx, actor, 'quota_rule.create', String(inserted.id), { code, version: 1 });
        const [view] = ruleViews(await quota.ruleVersions(tx, inserted.id));
        return view!;
      });
    },

    /** Editing a rule writes a new version; earlier versions stay for past evaluations and decisions. */
    async createVersion(actor: Actor, ruleId: number, input: RuleInput) {
      if (!(await canEditRules(actor))) throw new AppError('forbidden');
      return db.transaction().execute(async (tx) => {
        const rule = await quota.lockRule(tx, ruleId);
        if (!rule) throw new AppError('not_found');
        const versions = await quota.ruleVersions(tx, ruleId);
        const next = Math.max(...versions.map((row) => row.version)) + 1;
        await quota.insertVersion(tx, versionRow(ruleId, next, input, actor));
        await audit(tx, actor, 'quota_rule.version', String(ruleId), {
          version: next,
          thresholdBp: input.thresholdBp,
          enforcement: input.enforcement,
        });
        const [view] = ruleViews(await quota.ruleVersions(tx, ruleId));
        return view!;
      });
    },

    /** A body's quota status on a date (default today) for the caller who can read its unit. */
    async evaluateBody(actor: Actor, bodyId: number, asOf?: string) {
      const body = await quota.findBody(db, bodyId);
      if (!body) throw new AppError('not_found');
      await readableUnit(actor, body.unit_path);
      return (await evaluator.evaluateBody(bodyId, asOf ?? today()))!;
    },

    /** A delegation's quota status; visible to the delegating unit's readers and to the organiser's. */
    async evaluateDelegation(actor: Actor, allocationId: number, asOf?: string) {
      const allocation = await quota.findAllocation(db, allocationId);
      if (!allocation) throw new AppError('not_found');
      if (
        !can(actor.principal, 'assembly.read', allocation.unit_path) &&
        !can(actor.principal, 'assembly.read', allocation.organiser_path)
      )
        throw new AppError('not_found');
      return (await evaluator.evaluateDelegation(allocationId, actor.principal, asOf))!;
    },

    /** A pasted or picked list (invitees, a committee, a class), among members the caller may read. */
    async evaluateList(
      actor: Actor,
      input: {
        kind: 'invitation_list' | 'committee' | 'training_class';
        name: string;
        unitId: number | null;
        memberNumbers: string[];
        memberIds: string[];
        asOf?: string;
      },
    ): Promise<ListEvaluationView> {
      const scope = scopeOf(actor.principal, 'member.read');
      if (scope.length === 0) throw new AppError('forbidden');
      let unit: Awaited<ReturnType<QuotaRepository['findUnit']>> = undefined;
      if (input.unitId !== null) {
        unit = await quota.findUnit(db, input.unitId);
        if (!unit || !can(actor.principal, 'unit.read', unit.path)) throw new AppError('not_found');
      }
      const numbers = [...new Set(input.memberNumbers)];
      const ids = [...new Set(input.memberIds)];
      const found = await quota.membersIn(db, scope, numbers, ids);
      const unique = new Map(found.map((member) => [member.id, member]));
      const matched = new Set(found.map((member) => member.member_number));
      const seats: SeatWithName[] = [...unique.values()].map((member) => ({
        positionTitle: null,
        positionCategory: null,
        filled: true,
        sex: member.sex as 'L' | 'P' | null,
        acting: false,
        memberName: member.full_name,
      }));
      const asOf = input.asOf ?? today();
      return {
        ...subjectView(
          {
            kind: input.kind,
            level: unit?.level ?? null,
            id: null,
            name: input.name,
            unitId: unit?.id ?? null,
            unitName: unit?.name ?? null,
          },
          seats,
          null,
          await evaluator.loadRules(db),
          asOf,
        ),
        unmatched: numbers.filter((number) => !matched.has(number)),
      };
    },

    /** Before an election: could the slate's result comply, and which seats must go to women. */
    async checkSlate(
      actor: Actor,
      bodyId: number,
      input: {
        seats: {
          positionTitle: string;
          positionCategory: PositionCategory | null;
          candidates: ({ memberNumber: string } | { memberId: string })[];
        }[];
        asOf?: string;
      },
    ): Promise<SlateCheckView> {
      const body = await quota.findBody(db, bodyId);
      if (!body) throw new AppError('not_found');
      await readableUnit(actor, body.unit_path);
      const asOf = input.asOf ?? today();
      const numbers = input.seats.flatMap((seat) =>
        seat.candidates.flatMap((candidate) => ('memberNumber' in candidate ? [candidate.memberNumber] : [])),
      );
      const ids = input.seats.flatMap((seat) =>
        seat.candidates.flatMap((candidate) => ('memberId' in candidate ? [candidate.memberId] : [])),
      );
      const found = await quota.membersIn(db, scopeOf(actor.principal, 'member.read'), numbers, ids);
      const lookup = (candidate: { memberNumber: string } | { memberId: string }) =>
        'memberNumber' in candidate
          ? found.find((member) => member.member_number === candidate.memberNumber)
          : found.find((member) => member.id === candidate.memberId);
      const resolved = input.seats.map((seat) => ({
        positionTitle: seat.positionTitle,
        positionCategory: seat.positionCategory,
        candidates: seat.candidates.map((candidate) => {
          const member = lookup(candidate);
          return {
            label: member
              ? `${member.full_name} (${member.member_number})`
              : 'memberNumber' in candidate
                ? candidate.memberNumber
                : candidate.memberId,
            sex: (member?.sex as 'L' | 'P' | null | undefined) ?? null,
            found: Boolean(member),
          };
        }),
      }));
      const rules = await evaluator.loadRules(db);
      const applicable = applicableRules(
        rules,
        { kind: body.kind as QuotaSubjectKind, level: body.level },
        asOf,
      );
      const results = checkSlate(
        applicable,
        resolved.map((seat) => ({
          positionTitle: seat.positionTitle,
          positionCategory: seat.positionCategory,
          candidates: seat.candidates.map((candidate) => candidate.sex),
        })),
      );
      const binding = results.filter((result) => result.enforcement !== 'info');
      const must = new Set(binding.flatMap((result) => result.mustGoToWomen));
      return {
        bodyId,
        asOf,
        couldComply: binding.every((result) => result.couldComply),
        seats: resolved.map((seat, index) => ({
          positionTitle: seat.positionTitle,
          candidates: seat.candidates,
          mustGoToWoman: must.has(index),
        })),
        results: results.map((result) => ({
          ...result,
          messages: result.messages.map((message) => ({ ...message })),
        })),
      };
    },
  };
}

export type QuotaService = ReturnType<typeof createQuotaService>;
