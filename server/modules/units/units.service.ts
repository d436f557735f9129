import { AppError } from '../../../shared/errors.ts';
import type { CreateUnitBody, UnitView } from '../../../shared/contracts/units.ts';
import type {
  RegionView,
  UnitDetailsView,
  UpdateUnitDetailsBody,
} from '../../../shared/contracts/organisation.ts';
import type { Sector } from '../../../shared/taxonomies.ts';
import { can, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import type { UnitDetailsRepository, UnitRow, UnitsRepository } from './units.repository.ts';

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

type UnitEventKind =
  'created' | 'renamed' | 'moved' | 'merged' | 'absorbed' | 'deactivated' | 'reactivated' | 'updated';

/**
 * Unit tree use cases. Every method checks access first; list queries filter by scope in SQL. Each
 * structural change writes an audit row and a dated unit event (the unit's own history) in its transaction.
 */
export function createUnitsService(deps: {
  db: Db;
  units: UnitsRepository;
  details: UnitDetailsRepository;
  clock: Clock;
  levels: string[];
}) {
  const { db, units, details, clock } = deps;
  const today = () => isoDateIn(clock.now());

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

  async function record(
    handle: DbOrTx,
    actor: Actor | null,
    change: {
      action: string;
      unitId: number;
      event: UnitEventKind;
      details?: Record<string, unknown>;
      occurredOn?: string;
    },
  ): Promise<void> {
    await appendAudit(
      handle,
      {
        actorId: actor?.userId ?? null,
        actorLabel: actor?.label ?? 'system',
        action: change.action,
        objectType: 'unit',
        objectId: String(change.unitId),
        unitId: change.unitId,
        requestId: actor?.requestId ?? null,
        details: change.details,
      },
      clock.now(),
    );
    await details.addEvent(handle, {
      unitId: change.unitId,
      kind: change.event,
      occurredOn: change.occurredOn ?? today(),
      details: change.details,
      recordedBy: actor?.userId ?? null,
    });
  }

  const levelIndex = (level: string) => deps.levels.indexOf(level);
  const isWorkplaceLevel = (level: string) => {
    const psp = levelIndex('PSP');
    return psp >= 0 ? levelIndex(level) >= psp : levelIndex(level) >= deps.levels.length - 2;
  };

  async function reload(handle: DbOrTx, id: number): Promise<UnitView> {
    const row = await units.findById(handle, id);
    if (!row) throw new AppError('not_found');
    return toUnitView(row);
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
        await record(tx, null, { action: 'unit.create', unitId: id, event: 'created' });
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
      if (levelIndex(body.level) <= levelIndex(parent.level)) {
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
        await record(tx, actor, {
          action: 'unit.create',
          unitId: id,
          event: 'created',
          details: { parentId: parent.id, level: body.level },
        });
        return reload(tx, id);
      });
    },

    async renameUnit(actor: Actor, id: number, name: string): Promise<UnitView> {
      const unit = await loadVisible(actor, id, 'unit.manage');
      return db.transaction().execute(async (tx) => {
        await units.rename(tx, id, name);
        await record(tx, actor, {
          action: 'unit.rename',
          unitId: id,
          event: 'renamed',
          details: { from: unit.name, to: name },
        });
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
        // The level order holds on a move as on creation (issue 17: a DPC could end up under a PA).
        if (levelIndex(unit.level) <= levelIndex(parent.level)) {
          throw new AppError('validation_failed', 'Level must be below the parent level', {
            fields: [{ path: 'parentId', message: 'invalid_option' }],
          });
        }
        if (unit.parent_id !== parent.id) {
          await units.moveSubtree(tx, unit, parent);
          await record(tx, actor, {
            action: 'unit.move',
            unitId: id,
            event: 'moved',
            details: { fromParentId: unit.parent_id, toParentId: parent.id },
          });
        }
        return reload(tx, id);
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
          if (parent && !parent.active) {
            throw new AppError('validation_failed', 'Parent is inactive', {
              fields: [{ path: 'parentId', message: 'invalid' }],
            });
          }
        }
        await units.setActive(tx, id, active);
        await record(tx, actor, {
          action: active ? 'unit.reactivate' : 'unit.deactivate',
          unitId: id,
          event: active ? 'reactivated' : 'deactivated',
        });
        return toUnitView({ ...unit, active });
      });
    },

    async getUnitDetails(actor: Actor, id: number): Promise<UnitDetailsView> {
      await loadVisible(actor, id, 'unit.read');
      const row = await details.details(db, id);
      if (!row) throw new AppError('not_found');
      return {
        id: row.id,
        regionCode: row.region_code,
        regionName: row.region_name,
        companyName: row.company_name,
        sector: row.sector as Sector | null,
        disnakerNumber: row.disnaker_number,
        foundedOn: row.founded_on,
        dissolvedOn: row.dissolved_on,
        mergedIntoId: row.merged_into_id,
        memberCount: row.member_count,
      };
    },

    /**
     * Region, company, sector, Disnaker number and founding date. A DPD's region is a province, a DPC's a
     * regency or city (Kemendagri codes); company and sector belong to workplace units (PSP and below).
     */
    async updateUnitDetails(actor: Actor, id: number, body: UpdateUnitDetailsBody): Promise<UnitDetailsView> {
      const unit = await loadVisible(actor, id, 'unit.manage');
      const fields: { path: string; message: string }[] = [];
      if (body.regionCode) {
        const region = await details.findRegion(db, body.regionCode);
        const expectedKind =
          levelIndex(unit.level) === 1 ? 'province' : levelIndex(unit.level) === 2 ? 'regency' : undefined;
        if (!region || (expectedKind && region.kind !== expectedKind))
          fields.push({ path: 'regionCode', message: 'invalid_option' });
      }
      if ((body.sector || body.companyName) && !isWorkplaceLevel(unit.level)) {
        fields.push({ path: body.sector ? 'sector' : 'companyName', message: 'invalid' });
      }
      if (fields.length > 0) throw new AppError('validation_failed', 'Invalid unit details', { fields });
      const columnOf: Record<keyof UpdateUnitDetailsBody, string> = {
        regionCode: 'region_code',
        companyName: 'company_name',
        sector: 'sector',
        disnakerNumber: 'disnaker_number',
        foundedOn: 'founded_on',
      };
      const changes = Object.fromEntries(
        Object.entries(body)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [columnOf[key as keyof UpdateUnitDetailsBody], value === '' ? null : value]),
      );
      await db.transaction().execute(async (tx) => {
        await details.updateDetails(tx, id, changes);
        await record(tx, actor, {
          action: 'unit.update',
          unitId: id,
          event: 'updated',
          details: { fields: Object.keys(changes) },
        });
      });
      return this.getUnitDetails(actor, id);
    },

    /**
     * Merges a unit into another from a date: its children move under the target, its members move with a
     * dated history row each, its bodies close, and it stays in the tree as inactive with `merged_into`,
     * so history before the merge still adds up.
     */
    async mergeUnit(actor: Actor, id: number, targetId: number, effectiveOn: string): Promise<UnitView> {
      await loadVisible(actor, id, 'unit.manage');
      await loadVisible(actor, targetId, 'unit.manage');
      return db.transaction().execute(async (tx) => {
        await units.lockTree(tx);
        const source = await units.findById(tx, id);
        const target = await units.findById(tx, targetId);
        if (!source || !target) throw new AppError('not_found');
        if (source.parent_id === null) throw new AppError('unit_is_root');
        if (source.id === target.id || target.path.startsWith(source.path)) throw new AppError('unit_cycle');
        // Merging joins two units of the same level (two PSPs, two DPCs); anything else is a move.
        if (source.level !== target.level) {
          throw new AppError('validation_failed', 'Units of different levels', {
            fields: [{ path: 'targetId', message: 'invalid_option' }],
          });
        }
        if (!target.active || !source.active) {
          throw new AppError('validation_failed', 'Both units must be active', {
            fields: [{ path: 'targetId', message: 'invalid' }],
          });
        }
        for (const child of await units.listChildren(tx, source.id, true)) {
          const fresh = await units.findById(tx, child.id);
          if (fresh) await units.moveSubtree(tx, fresh, target);
        }
        const moved = await details.moveMembers(tx, source.id, target.id, effectiveOn, actor.userId);
        await details.deactivateBodies(tx, source.id);
        await details.markMerged(tx, source.id, target.id, effectiveOn);
        await record(tx, actor, {
          action: 'unit.merge',
          unitId: source.id,
          event: 'merged',
          occurredOn: effectiveOn,
          details: { intoUnitId: target.id, members: moved },
        });
        await details.addEvent(tx, {
          unitId: target.id,
          kind: 'absorbed',
          occurredOn: effectiveOn,
          details: { fromUnitId: source.id, members: moved },
          recordedBy: actor.userId,
        });
        return reload(tx, source.id);
      });
    },

    async unitHistory(actor: Actor, id: number) {
      await loadVisible(actor, id, 'unit.read');
      const rows = await details.events(db, id);
      return {
        items: rows.map((row) => ({
          id: String(row.id),
          kind: row.kind,
          occurredOn: row.occurred_on,
          details: row.details,
        })),
      };
    },

    async listRegions(query: {
      q?: string;
      kind?: 'province' | 'regency';
      provinceCode?: string;
    }): Promise<RegionView[]> {
      const rows = await details.listRegions(db, query);
      return rows.map((row) => ({
        code: row.code,
        kind: row.kind as 'province' | 'regency',
        provinceCode: row.province_code,
        name: row.name,
      }));
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
