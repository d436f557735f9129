import { AppError } from '../../../shared/errors.ts';
import type {
  CreateMemberBody,
  ListMembersQuery,
  MemberDetail,
  MemberListItem,
  UpdateMemberBody,
} from '../../../shared/contracts/organisation.ts';
import type { AppointmentBasis, MemberStatus, PositionCategory } from '../../../shared/taxonomies.ts';
import { can, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import type { UnitRow, UnitsRepository } from '../units/units.repository.ts';
import type { MemberFilters, MemberRow, MembersRepository } from './members.repository.ts';

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      /^\d+$/.test(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 'Bad cursor', { fields: [{ path: 'cursor', message: 'invalid' }] });
}

/**
 * Levels at which members are registered: PSP and below (a member belongs to a workplace union). When
 * the configured levels have no PSP, the two lowest levels.
 */
export function memberLevels(levels: string[]): string[] {
  const psp = levels.indexOf('PSP');
  return psp >= 0 ? levels.slice(psp) : levels.slice(-2);
}

export function toListItem(row: MemberRow): MemberListItem {
  return {
    id: row.id,
    memberNumber: row.member_number,
    fullName: row.full_name,
    sex: row.sex,
    status: row.status as MemberStatus,
    unitId: row.home_unit_id,
    unitName: row.unit_name,
    joinedOn: row.joined_on,
  };
}

/** Members with gender data and dated status history; contact data only for roles that need it. */
export function createMembersService(deps: {
  db: Db;
  members: MembersRepository;
  units: UnitsRepository;
  clock: Clock;
  levels: string[];
}) {
  const { db, members, units, clock } = deps;
  const allowedLevels = memberLevels(deps.levels);
  const today = () => isoDateIn(clock.now());

  async function loadReadable(actor: Actor, id: string): Promise<MemberRow> {
    if (!/^\d+$/.test(id)) throw new AppError('not_found');
    const member = await members.findById(db, id);
    // Outside the caller's subtree looks exactly like missing.
    if (!member || !can(actor.principal, 'member.read', member.unit_path)) throw new AppError('not_found');
    return member;
  }

  async function loadManageable(actor: Actor, id: string): Promise<MemberRow> {
    const member = await loadReadable(actor, id);
    if (!can(actor.principal, 'member.manage', member.unit_path)) throw new AppError('forbidden');
    return member;
  }

  /** A unit a member may be registered at, managed by the actor. */
  async function loadMemberUnit(actor: Actor, unitId: number, handle: DbOrTx = db): Promise<UnitRow> {
    const unit = await units.findById(handle, unitId);
    if (!unit || !can(actor.principal, 'unit.read', unit.path)) {
      throw new AppError('validation_failed', 'Unknown unit', {
        fields: [{ path: 'unitId', message: 'invalid' }],
      });
    }
    if (!can(actor.principal, 'member.manage', unit.path)) throw new AppError('forbidden');
    if (!unit.active || !allowedLevels.includes(unit.level)) {
      throw new AppError('validation_failed', 'Members belong to an active workplace unit', {
        fields: [{ path: 'unitId', message: 'invalid_option' }],
      });
    }
    return unit;
  }

  async function detail(actor: Actor, member: MemberRow, handle: DbOrTx = db): Promise<MemberDetail> {
    const [history, appointments] = await Promise.all([
      members.history(handle, member.id),
      members.appointments(handle, member.id),
    ]);
    const seesContact = can(actor.principal, 'member.contact.read', member.unit_path);
    return {
      ...toListItem(member),
      genderSelf: member.gender_self,
      birthYear: member.birth_year,
      employer: member.employer,
      jobTitle: member.job_title,
      contact: seesContact ? { phone: member.phone, email: member.email } : null,
      history: history.map((row) => ({
        id: String(row.id),
        status: row.status as MemberStatus,
        unitId: row.unit_id,
        unitName: row.unit_name,
        validFrom: row.valid_from,
        reason: row.reason,
      })),
      appointments: appointments.map((row) => ({
        id: String(row.id),
        positionId: row.position_id,
        positionTitle: row.title,
        category: row.category as PositionCategory,
        bodyId: row.body_id,
        bodyName: row.body_name,
        unitId: row.unit_id,
        unitName: row.unit_name,
        termStart: row.term_start,
        termEnd: row.term_end,
        basis: row.basis as AppointmentBasis,
        decreeNumber: row.decree_number,
      })),
    };
  }

  /** Re-derives the current status and unit from the history (a backdated change may not be the latest). */
  async function syncCurrentState(handle: DbOrTx, memberId: string): Promise<void> {
    const state = await members.stateOn(handle, memberId, today());
    if (state) await members.update(handle, memberId, { status: state.status, home_unit_id: state.unit_id });
  }

  const audit = (
    handle: DbOrTx,
    actor: Actor,
    action: string,
    member: { id: string; unitId: number },
    details?: Record<string, unknown>,
  ) =>
    appendAudit(
      handle,
      {
        actorId: actor.userId,
        actorLabel: actor.label,
        action,
        objectType: 'member',
        objectId: member.id,
        unitId: member.unitId,
        requestId: actor.requestId,
        details,
      },
      clock.now(),
    );

  async function resolveFilters(
    actor: Actor,
    query: Omit<ListMembersQuery, 'cursor' | 'limit' | 'sort' | 'direction'>,
  ): Promise<MemberFilters> {
    let unitPath: string | undefined;
    if (query.unitId !== undefined) {
      const unit = await units.findById(db, query.unitId);
      if (!unit || !can(actor.principal, 'member.read', unit.path)) throw new AppError('not_found');
      unitPath = unit.path;
    }
    return {
      scopePaths: scopeOf(actor.principal, 'member.read'),
      q: query.q || undefined,
      unitPath,
      sex: query.sex,
      status: query.status,
      positionCategory: query.positionCategory,
      today: today(),
    };
  }

  return {
    memberLevels: () => allowedLevels,

    async listMembers(
      actor: Actor,
      query: ListMembersQuery,
    ): Promise<{ items: MemberListItem[]; nextCursor: string | null; total?: number }> {
      const filters = await resolveFilters(actor, query);
      // The total is counted once, for the first page: later pages only follow the cursor.
      const [rows, total] = await Promise.all([
        members.list(db, filters, {
          sort: query.sort ?? (filters.q ? 'relevance' : 'name'),
          direction: query.direction,
          after: query.cursor ? decodeCursor(query.cursor) : undefined,
          limit: query.limit + 1,
        }),
        query.cursor ? undefined : members.count(db, filters),
      ]);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toListItem),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_value, last.id) : null,
        ...(total === undefined ? {} : { total }),
      };
    },

    /** Rows for an export, in batches, scoped; the export itself is audited before the first row. */
    async exportMembers(
      actor: Actor,
      query: Omit<ListMembersQuery, 'cursor' | 'limit' | 'sort' | 'direction'>,
      format: 'csv' | 'xlsx',
    ) {
      const filters = await resolveFilters(actor, query);
      await db.transaction().execute((tx) =>
        appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'member.export',
            objectType: 'member',
            requestId: actor.requestId,
            details: { format, filters: { ...query, q: query.q ? '[search]' : undefined } },
          },
          clock.now(),
        ),
      );
      const principal = actor.principal;
      return (async function* () {
        for await (const batch of members.iterate(db, filters)) {
          yield batch.map((row) => ({
            ...toListItem(row),
            seesContact: can(principal, 'member.contact.read', row.unit_path),
            row,
          }));
        }
      })();
    },

    async getMember(actor: Actor, id: string): Promise<MemberDetail> {
      return detail(actor, await loadReadable(actor, id));
    },

    async createMember(actor: Actor, body: CreateMemberBody): Promise<MemberDetail> {
      const unit = await loadMemberUnit(actor, body.unitId);
      const id = await db.transaction().execute(async (tx) => {
        if (await members.numberExists(tx, body.memberNumber)) {
          throw new AppError('conflict', 'Member number taken', {
            fields: [{ path: 'memberNumber', message: 'conflict' }],
          });
        }
        const memberId = await members.insert(tx, {
          member_number: body.memberNumber,
          full_name: body.fullName,
          sex: body.sex,
          gender_self: body.genderSelf ?? null,
          birth_year: body.birthYear ?? null,
          phone: body.phone ?? null,
          email: body.email ?? null,
          home_unit_id: unit.id,
          employer: body.employer ?? null,
          job_title: body.jobTitle ?? null,
          joined_on: body.joinedOn ?? null,
          status: body.status,
        });
        await members.addHistory(tx, {
          memberId,
          status: body.status,
          unitId: unit.id,
          validFrom: body.joinedOn ?? today(),
          reason: null,
          recordedBy: actor.userId,
        });
        await audit(tx, actor, 'member.create', { id: memberId, unitId: unit.id });
        return memberId;
      });
      return this.getMember(actor, id);
    },

    async updateMember(actor: Actor, id: string, body: UpdateMemberBody): Promise<MemberDetail> {
      const member = await loadManageable(actor, id);
      const columnOf: Record<keyof UpdateMemberBody, string> = {
        fullName: 'full_name',
        sex: 'sex',
        genderSelf: 'gender_self',
        birthYear: 'birth_year',
        phone: 'phone',
        email: 'email',
        employer: 'employer',
        jobTitle: 'job_title',
        joinedOn: 'joined_on',
      };
      const changes = Object.fromEntries(
        Object.entries(body)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [columnOf[key as keyof UpdateMemberBody], value]),
      );
      await db.transaction().execute(async (tx) => {
        await members.update(tx, id, changes);
        // Which fields changed, never their values (audit rows carry no personal data).
        await audit(
          tx,
          actor,
          'member.update',
          { id, unitId: member.home_unit_id },
          { fields: Object.keys(changes) },
        );
      });
      return this.getMember(actor, id);
    },

    /** Records a dated status change (calon, aktif, non_aktif, keluar, phk, meninggal) with its reason. */
    async changeStatus(
      actor: Actor,
      id: string,
      input: { status: MemberStatus; validFrom: string; reason?: string | null },
    ): Promise<MemberDetail> {
      const member = await loadManageable(actor, id);
      await db.transaction().execute(async (tx) => {
        const state = await members.stateOn(tx, id, input.validFrom);
        await members.addHistory(tx, {
          memberId: id,
          status: input.status,
          unitId: state?.unit_id ?? member.home_unit_id,
          validFrom: input.validFrom,
          reason: input.reason ?? null,
          recordedBy: actor.userId,
        });
        await syncCurrentState(tx, id);
        await audit(
          tx,
          actor,
          'member.status',
          { id, unitId: member.home_unit_id },
          { status: input.status, validFrom: input.validFrom },
        );
      });
      return this.getMember(actor, id);
    },

    /** Moves a member to another workplace unit from a date; both units must be managed by the actor. */
    async transferMember(
      actor: Actor,
      id: string,
      input: { unitId: number; validFrom: string; reason?: string | null },
    ): Promise<MemberDetail> {
      const member = await loadManageable(actor, id);
      const unit = await loadMemberUnit(actor, input.unitId);
      await db.transaction().execute(async (tx) => {
        const state = await members.stateOn(tx, id, input.validFrom);
        await members.addHistory(tx, {
          memberId: id,
          status: state?.status ?? member.status,
          unitId: unit.id,
          validFrom: input.validFrom,
          reason: input.reason ?? null,
          recordedBy: actor.userId,
        });
        await syncCurrentState(tx, id);
        await audit(
          tx,
          actor,
          'member.transfer',
          { id, unitId: unit.id },
          { fromUnitId: member.home_unit_id, toUnitId: unit.id, validFrom: input.validFrom },
        );
      });
      return this.getMember(actor, id);
    },

    /** Counts by status and sex as of a date (default today), under a unit (default the caller's scope). */
    async countMembers(actor: Actor, query: { unitId?: number; asOf?: string }) {
      const asOf = query.asOf ?? today();
      const scopePaths = scopeOf(actor.principal, 'member.read');
      let unitPath = '/';
      if (query.unitId !== undefined) {
        const unit = await units.findById(db, query.unitId);
        if (!unit || !can(actor.principal, 'member.read', unit.path)) throw new AppError('not_found');
        unitPath = unit.path;
      }
      const rows = await members.countsAsOf(db, { asOf, unitPath, scopePaths });
      const byStatus: Record<string, { L: number; P: number; unknown: number }> = {};
      for (const row of rows) {
        const bucket = (byStatus[row.status] ??= { L: 0, P: 0, unknown: 0 });
        bucket[row.sex === 'L' || row.sex === 'P' ? row.sex : 'unknown'] += row.n;
      }
      return { asOf, byStatus };
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
