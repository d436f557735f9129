import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import type { AssemblyDetail } from '../../../shared/contracts/organisation.ts';
import type { AssemblyKind } from '../../../shared/taxonomies.ts';
import { can, isWithin, memberIdentity, roleAllows, type Principal } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import type { MembersRepository } from '../members/members.repository.ts';
import type { UnitsRepository } from '../units/units.repository.ts';

/**
 * An assembly is visible to the quota and organisation roles (`assembly.read`) at its organising unit or
 * above, or below it (a DPD reads the Kongres its delegates go to). Case roles and trainers hold no such
 * grant, however high their unit. Allocations are managed by the organiser; delegates by the delegating
 * unit; credential decisions by the organiser (the congress committee's unit).
 */
export function canSeeAssembly(principal: Principal, assemblyUnitPath: string): boolean {
  return assemblyGrants(principal).some(
    (grant) => isWithin(assemblyUnitPath, grant.unitPath) || isWithin(grant.unitPath, assemblyUnitPath),
  );
}

const assemblyGrants = (principal: Principal) =>
  principal.grants.filter((grant) => roleAllows(grant.role, 'assembly.read'));

/** Assemblies (Kongres, Rakernas, Konferta…), delegation allocations per unit and category, delegates. */
export function createAssembliesService(deps: {
  db: Db;
  units: UnitsRepository;
  members: MembersRepository;
  clock: Clock;
}) {
  const { db, units, members, clock } = deps;

  async function loadAssembly(actor: Actor, id: number, handle: DbOrTx = db) {
    const row = await handle
      .selectFrom('assemblies as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select([
        'a.id',
        'a.unit_id',
        'u.name as unit_name',
        'u.path as unit_path',
        'a.kind',
        'a.name',
        'a.starts_on',
        'a.ends_on',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!row || !canSeeAssembly(actor.principal, row.unit_path)) throw new AppError('not_found');
    return row;
  }

  async function detail(actor: Actor, id: number, handle: DbOrTx = db): Promise<AssemblyDetail> {
    const assembly = await loadAssembly(actor, id, handle);
    const allocations = await handle
      .selectFrom('delegation_allocations as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select(['d.id', 'd.unit_id', 'u.name as unit_name', 'd.category', 'd.seats'])
      .where('d.assembly_id', '=', id)
      .orderBy('u.path')
      .orderBy('d.category')
      .execute();
    const delegates = allocations.length
      ? await handle
          .selectFrom('delegates as g')
          .innerJoin('members as m', 'm.id', 'g.member_id')
          .innerJoin('units as mu', 'mu.id', 'm.home_unit_id')
          .select([
            'g.id',
            'g.allocation_id',
            'g.member_id',
            'm.full_name',
            'm.member_number',
            'mu.path as member_unit_path',
            'm.sex',
            'g.credential_status',
            'g.note',
          ])
          .where(
            'g.allocation_id',
            'in',
            allocations.map((allocation) => allocation.id),
          )
          .orderBy('g.id')
          .execute()
      : [];
    return {
      id: assembly.id,
      unitId: assembly.unit_id,
      unitName: assembly.unit_name,
      kind: assembly.kind as AssemblyKind,
      name: assembly.name,
      startsOn: assembly.starts_on,
      endsOn: assembly.ends_on,
      allocations: allocations.map((allocation) => ({
        id: allocation.id,
        unitId: allocation.unit_id,
        unitName: allocation.unit_name,
        category: allocation.category as 'executive' | 'komite_perempuan',
        seats: allocation.seats,
        delegates: delegates
          .filter((delegate) => delegate.allocation_id === allocation.id)
          .map((delegate) => ({
            id: String(delegate.id),
            memberId: String(delegate.member_id),
            ...memberIdentity(actor.principal, {
              unitPath: delegate.member_unit_path,
              fullName: delegate.full_name,
              memberNumber: delegate.member_number,
            }),
            sex: delegate.sex as 'L' | 'P' | null,
            credentialStatus: delegate.credential_status as 'submitted' | 'returned' | 'accepted',
            note: delegate.note,
          })),
      })),
    };
  }

  const audit = actorAudit(clock);

  return {
    async listAssemblies(actor: Actor) {
      const rows = await db
        .selectFrom('assemblies as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select([
          'a.id',
          'a.unit_id',
          'u.name as unit_name',
          'u.path as unit_path',
          'a.kind',
          'a.name',
          'a.starts_on',
          'a.ends_on',
        ])
        .where((eb) =>
          eb.or(
            assemblyGrants(actor.principal).flatMap((grant) => [
              eb('u.path', 'like', `${grant.unitPath}%`),
              sql<boolean>`${grant.unitPath} LIKE u.path || '%'`,
            ]),
          ),
        )
        .orderBy('a.starts_on', 'desc')
        .limit(200)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        unitId: row.unit_id,
        unitName: row.unit_name,
        kind: row.kind as AssemblyKind,
        name: row.name,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
      }));
    },

    getAssembly: (actor: Actor, id: number) => detail(actor, id),

    async createAssembly(
      actor: Actor,
      input: { unitId: number; kind: AssemblyKind; name: string; startsOn: string; endsOn?: string | null },
    ) {
      const unit = await units.findById(db, input.unitId);
      if (!unit || !canSeeAssembly(actor.principal, unit.path)) throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', unit.path)) throw new AppError('forbidden');
      if (input.endsOn && input.endsOn < input.startsOn)
        throw new AppError('validation_failed', 'Ends before it starts', {
          fields: [{ path: 'endsOn', message: 'invalid' }],
        });
      return db.transaction().execute(async (tx) => {
        const { id } = await tx
          .insertInto('assemblies')
          .values({
            unit_id: unit.id,
            kind: input.kind,
            name: input.name,
            starts_on: input.startsOn,
            ends_on: input.endsOn ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'assembly.create', 'assembly', String(id), unit.id, { kind: input.kind });
        return detail(actor, id, tx);
      });
    },

    /** Seats per delegating unit (inside the organiser's subtree) and category. */
    async addAllocation(
      actor: Actor,
      assemblyId: number,
      input: { unitId: number; category: 'executive' | 'komite_perempuan'; seats: number },
    ) {
      const assembly = await loadAssembly(actor, assemblyId);
      if (!can(actor.principal, 'unit.manage', assembly.unit_path)) throw new AppError('forbidden');
      const unit = await units.findById(db, input.unitId);
      if (!unit || !isWithin(unit.path, assembly.unit_path))
        throw new AppError('validation_failed', 'Unit outside the assembly', {
          fields: [{ path: 'unitId', message: 'invalid' }],
        });
      return db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('delegation_allocations')
          .values({ assembly_id: assemblyId, unit_id: unit.id, category: input.category, seats: input.seats })
          .onConflict((conflict) =>
            conflict.columns(['assembly_id', 'unit_id', 'category']).doUpdateSet({ seats: input.seats }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'delegation.allocate', 'allocation', String(inserted.id), unit.id, {
          assemblyId,
          category: input.category,
          seats: input.seats,
        });
        return detail(actor, assemblyId, tx);
      });
    },

    /** The delegating unit submits a member of its own subtree, within its seats. */
    async addDelegate(actor: Actor, allocationId: number, memberId: string) {
      const allocation = await db
        .selectFrom('delegation_allocations as d')
        .innerJoin('units as u', 'u.id', 'd.unit_id')
        .select(['d.id', 'd.assembly_id', 'd.unit_id', 'd.seats', 'u.path as unit_path'])
        .where('d.id', '=', allocationId)
        .executeTakeFirst();
      if (!allocation || !canSeeAssembly(actor.principal, allocation.unit_path))
        throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', allocation.unit_path)) throw new AppError('forbidden');
      const member = await members.findById(db, memberId);
      if (
        !member ||
        !isWithin(member.unit_path, allocation.unit_path) ||
        !can(actor.principal, 'member.read', member.unit_path)
      ) {
        throw new AppError('validation_failed', 'Member is not in the delegating unit', {
          fields: [{ path: 'memberId', message: 'invalid' }],
        });
      }
      return db.transaction().execute(async (tx) => {
        await sql`SELECT id FROM delegation_allocations WHERE id = ${allocationId} FOR UPDATE`.execute(tx);
        // An accepted delegation is closed (credentials.service.ts): no more delegates.
        const credential = await tx
          .selectFrom('delegation_credentials')
          .select('status')
          .where('allocation_id', '=', allocationId)
          .executeTakeFirst();
        if (credential?.status === 'accepted') throw new AppError('credential_state');
        const taken = await tx
          .selectFrom('delegates')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('allocation_id', '=', allocationId)
          .where('credential_status', '!=', 'returned')
          .executeTakeFirstOrThrow();
        if (taken.n >= allocation.seats)
          throw new AppError('conflict', 'No seat left', {
            fields: [{ path: 'memberId', message: 'conflict' }],
          });
        const inserted = await tx
          .insertInto('delegates')
          .values({ allocation_id: allocationId, member_id: member.id })
          .onConflict((conflict) => conflict.columns(['allocation_id', 'member_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted)
          throw new AppError('conflict', 'Already a delegate', {
            fields: [{ path: 'memberId', message: 'conflict' }],
          });
        await audit(tx, actor, 'delegate.submit', 'delegate', String(inserted.id), allocation.unit_id, {
          allocationId,
        });
        return detail(actor, allocation.assembly_id, tx);
      });
    },

    /** Credential decision (submitted → accepted or returned) by the organiser. */
    async updateDelegate(
      actor: Actor,
      delegateId: string,
      input: { credentialStatus: 'submitted' | 'returned' | 'accepted'; note?: string | null },
    ) {
      const delegate = /^\d+$/.test(delegateId)
        ? await db
            .selectFrom('delegates as g')
            .innerJoin('delegation_allocations as d', 'd.id', 'g.allocation_id')
            .innerJoin('assemblies as a', 'a.id', 'd.assembly_id')
            .innerJoin('units as u', 'u.id', 'a.unit_id')
            .select(['g.id', 'd.assembly_id', 'a.unit_id', 'u.path as unit_path'])
            .where('g.id', '=', delegateId)
            .executeTakeFirst()
        : undefined;
      if (!delegate || !canSeeAssembly(actor.principal, delegate.unit_path)) throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', delegate.unit_path)) throw new AppError('forbidden');
      return db.transaction().execute(async (tx) => {
        await tx
          .updateTable('delegates')
          .set({
            credential_status: input.credentialStatus,
            note: input.note ?? null,
            updated_at: new Date(),
          })
          .where('id', '=', delegateId)
          .execute();
        await audit(tx, actor, 'delegate.credential', 'delegate', delegateId, delegate.unit_id, {
          credentialStatus: input.credentialStatus,
        });
        return detail(actor, delegate.assembly_id, tx);
      });
    },
  };
}

export type AssembliesService = ReturnType<typeof createAssembliesService>;
