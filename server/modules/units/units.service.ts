import { AppError } from '../../../shared/errors.ts';
import type { CreateUnitBody, UnitView } from '../../../shared/contracts/units.ts';
import { can, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import type { UnitRow, UnitsRepository } from './units.repository.ts';

export function toUnitView(row: UnitRow): UnitView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    code: row.code,
    level: row.level,
    depth: row.depth,
    active: row.active,
    childCount: row.child_count,
  };
}

/** Unit tree use cases. Every method checks access first; list queries filter by scope in SQL. */
export function createUnitsService(deps: { db: Db; units: UnitsRepository; clock: Clock; levels: string[] }) {
  const { db, units, clock } = deps;

  async function loadVisible(
    actor: Actor,
    id: number,
    action: 'unit.read' | 'unit.manage',
  ): Promise<UnitRow> {
    const unit = await units.findById(db, id);
    // Out of scope looks exactly like missing: a unit's existence is not disclosed.
    if (!unit || !can(actor.principal, 'unit.read', unit.path)) throw new AppError('not_found');
    if (!can(actor.principal, action, unit.path)) throw new AppError('forbidden');
    return unit;
  }

  return {
    levels: (): string[] => deps.levels,

    /** Creates the top unit when the tree is empty (first start). Idempotent. */
    async ensureRootUnit(name: string): Promise<UnitRow> {
      return db.transaction().execute(async (tx) => {
        await units.lockTree(tx);
        const existing = await units.findRoot(tx);
        if (existing) return existing;
        const level = deps.levels[0] ?? 'DPP';
        const id = await units.insert(tx, {
          parentId: null,
          parentPath: '/',
          depth: 0,
          name,
          code: level,
          level,
        });
        await appendAudit(
          tx,
          {
            actorId: null,
            actorLabel: 'system',
            action: 'unit.create',
            objectType: 'unit',
            objectId: String(id),
            unitId: id,
          },
          clock.now(),
        );
        const root = await units.findById(tx, id);
        if (!root) throw new Error('root unit vanished');
        return root;
      });
    },

    /** Children of a unit, or the caller's top units (where its grants sit) when no parent is given. */
    async listUnits(
      actor: Actor,
      query: { parentId?: number; q?: string; includeInactive: boolean },
    ): Promise<UnitView[]> {
      const scope = scopeOf(actor.principal, 'unit.read');
      if (query.q) return (await units.search(db, query.q, scope, query.includeInactive)).map(toUnitView);
      if (query.parentId !== undefined) {
        await loadVisible(actor, query.parentId, 'unit.read');
        return (await units.listChildren(db, query.parentId, query.includeInactive)).map(toUnitView);
      }
      const tops = await units.findByIds(db, [
        ...new Set(
          actor.principal.grants
            .filter((grant) => scope.includes(grant.unitPath))
            .map((grant) => grant.unitId),
        ),
      ]);
      return tops.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name)).map(toUnitView);
    },

    async getUnit(actor: Actor, id: number): Promise<UnitView> {
      return toUnitView(await loadVisible(actor, id, 'unit.read'));
    },

    async createUnit(actor: Actor, body: CreateUnitBody): Promise<UnitView> {
      const parent = await loadVisible(actor, body.parentId, 'unit.manage');
      if (!deps.levels.includes(body.level)) {
        throw new AppError('validation_failed', 'Unknown level', {
          fields: [{ path: 'level', message: 'invalid_option' }],
        });
      }
      // A child sits strictly below its parent's level (a DPC under a DPD, never a DPD under a DPC).
      if (deps.levels.indexOf(body.level) <= deps.levels.indexOf(parent.level)) {
        throw new AppError('validation_failed', 'Level must be below the parent level', {
          fields: [{ path: 'level', message: 'invalid_option' }],
        });
      }
      return db.transaction().execute(async (tx) => {
        await units.lockTree(tx);
        if (await units.codeExists(tx, body.code)) {
          throw new AppError('conflict', 'Unit code taken', {
            fields: [{ path: 'code', message: 'conflict' }],
          });
        }
        const id = await units.insert(tx, {
          parentId: parent.id,
          parentPath: parent.path,
          depth: parent.depth + 1,
          name: body.name,
          code: body.code,
          level: body.level,
        });
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'unit.create',
            objectType: 'unit',
            objectId: String(id),
            unitId: id,
            requestId: actor.requestId,
            details: { parentId: parent.id, level: body.level },
          },
          clock.now(),
        );
        const created = await units.findById(tx, id);
        if (!created) throw new Error('created unit vanished');
        return toUnitView(created);
      });
    },

    async renameUnit(actor: Actor, id: number, name: string): Promise<UnitView> {
      const unit = await loadVisible(actor, id, 'unit.manage');
      return db.transaction().execute(async (tx) => {
        await units.rename(tx, id, name);
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'unit.rename',
            objectType: 'unit',
            objectId: String(id),
            unitId: id,
            requestId: actor.requestId,
            details: { from: unit.name, to: name },
          },
          clock.now(),
        );
        return toUnitView({ ...unit, name });
      });
    },

    /** Moves a unit with its whole subtree; the actor must manage both the unit and the new parent. */
    async moveUnit(actor: Actor, id: number, parentId: number): Promise<UnitView> {
      await loadVisible(actor, id, 'unit.manage');
      await loadVisible(actor, parentId, 'unit.manage');
      return db.transaction().execute(async (tx) => {
        await units.lockTree(tx);
        // Re-read under the lock: a concurrent move may have changed the paths.
        const unit = await units.findById(tx, id);
        const parent = await units.findById(tx, parentId);
        if (!unit || !parent) throw new AppError('not_found');
        if (unit.parent_id === null) throw new AppError('unit_is_root');
        if (parent.path.startsWith(unit.path)) throw new AppError('unit_cycle');
        if (unit.parent_id !== parent.id) {
          await units.moveSubtree(tx, unit, parent);
          await appendAudit(
            tx,
            {
              actorId: actor.userId,
              actorLabel: actor.label,
              action: 'unit.move',
              objectType: 'unit',
              objectId: String(id),
              unitId: id,
              requestId: actor.requestId,
              details: { fromParentId: unit.parent_id, toParentId: parent.id },
            },
            clock.now(),
          );
        }
        const moved = await units.findById(tx, id);
        if (!moved) throw new Error('moved unit vanished');
        return toUnitView(moved);
      });
    },

    async setUnitActive(actor: Actor, id: number, active: boolean): Promise<UnitView> {
      const unit = await loadVisible(actor, id, 'unit.manage');
      if (unit.parent_id === null) throw new AppError('unit_is_root');
      return db.transaction().execute(async (tx) => {
        await units.lockTree(tx);
        if (!active && (await units.countActiveChildren(tx, id)) > 0) throw new AppError('unit_has_children');
        if (active) {
          const parent = unit.parent_id === null ? undefined : await units.findById(tx, unit.parent_id);
          if (parent && !parent.active)
            throw new AppError('validation_failed', 'Parent is inactive', {
              fields: [{ path: 'parentId', message: 'invalid' }],
            });
        }
        await units.setActive(tx, id, active);
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: active ? 'unit.reactivate' : 'unit.deactivate',
            objectType: 'unit',
            objectId: String(id),
            unitId: id,
            requestId: actor.requestId,
          },
          clock.now(),
        );
        return toUnitView({ ...unit, active });
      });
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
