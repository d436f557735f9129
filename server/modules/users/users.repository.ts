import { sql } from 'kysely';
import type { Role } from '../../../shared/roles.ts';
import type { DbOrTx } from '../../platform/database.ts';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  language: string;
  password_hash: string | null;
  active: boolean;
  home_unit_id: number;
  totp_secret_sealed: string | null;
  totp_pending_secret_sealed: string | null;
  totp_last_counter: string | null;
  member_id: string | null;
  created_at: Date;
  last_login_at: Date | null;
}

/** The member record an account is linked to, as the user views show it. */
export interface LinkedMemberRow {
  id: string;
  member_number: string;
  full_name: string;
  sex: 'L' | 'P' | null;
}

/** A member looked up for linking: where it belongs and which account (if any) already holds it. */
export interface LinkableMemberRow extends LinkedMemberRow {
  home_unit_id: number;
  unit_path: string;
  linked_user_id: string | null;
}

export interface GrantRow {
  id: string;
  user_id: string;
  role: Role;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  unit_level: string;
}

/** A case role waiting for a second person, with what the confirmation screens show of it. */
export interface PendingGrantRow {
  id: string;
  user_id: string;
  role: Role;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  unit_level: string;
  requested_by: string;
  requested_at: Date;
  grantee_name: string;
  grantee_email: string;
  grantee_active: boolean;
  requester_name: string;
}

/** Someone to tell about a change of a unit's case team. */
export interface TeamContactRow {
  id: string;
  email: string;
  language: string;
  /** Holds a case role at the unit or coordinates above it (told by email too), not only an administrator. */
  case_team: boolean;
}

/** SQL for accounts and role grants. */
export function createUsersRepository() {
  const userColumns = [
    'users.id',
    'users.email',
    'users.display_name',
    'users.language',
    'users.password_hash',
    'users.active',
    'users.home_unit_id',
    'users.totp_secret_sealed',
    'users.totp_pending_secret_sealed',
    'users.totp_last_counter',
    'users.member_id',
    'users.created_at',
    'users.last_login_at',
  ] as const;

  return {
    async findById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').select(userColumns).where('users.id', '=', id).executeTakeFirst();
    },
    async findByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
      return db
        .selectFrom('users')
        .select(userColumns)
        .where('users.email', '=', email.toLowerCase())
        .executeTakeFirst();
    },
    async emailExists(db: DbOrTx, email: string): Promise<boolean> {
      return Boolean(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());
    },
    async insert(
      db: DbOrTx,
      user: {
        email: string;
        displayName: string;
        language: string;
        homeUnitId: number;
        passwordHash: string | null;
      },
    ): Promise<string> {
      const row = await db
        .insertInto('users')
        .values({
          email: user.email,
          display_name: user.displayName,
          language: user.language,
          home_unit_id: user.homeUnitId,
          password_hash: user.passwordHash,
          password_changed_at: user.passwordHash ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(
      db: DbOrTx,
      id: string,
      changes: Partial<{
        display_name: string;
        language: string;
        active: boolean;
        password_hash: string | null;
        password_changed_at: Date;
        totp_secret_sealed: string | null;
        totp_pending_secret_sealed: string | null;
        totp_last_counter: number | null;
        last_login_at: Date;
        member_id: string | null;
      }>,
    ): Promise<void> {
      // An empty patch (PATCH /me with `{}`) changes nothing; `UPDATE … SET` with no column is not SQL.
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      if (Object.keys(defined).length === 0) return;
      await db
        .updateTable('users')
        .set(defined as typeof changes)
        .where('id', '=', id)
        .execute();
    },
    /** Claims a TOTP time step; false when it (or a later one) was already used: no replays. */
    async claimTotpCounter(db: DbOrTx, id: string, counter: number): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ totp_last_counter: counter })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', String(counter))]),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async grantsOf(db: DbOrTx, userIds: string[]): Promise<GrantRow[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('role_grants')
        .innerJoin('units', 'units.id', 'role_grants.unit_id')
        .select([
          'role_grants.id',
          'role_grants.user_id',
          'role_grants.role',
          'role_grants.unit_id',
          'units.path as unit_path',
          'units.name as unit_name',
          'units.level as unit_level',
        ])
        .where('role_grants.user_id', 'in', userIds)
        .orderBy('units.depth')
        .orderBy('role_grants.role')
        .execute();
      return rows as GrantRow[];
    },
    async insertGrant(
      db: DbOrTx,
      grant: {
        userId: string;
        role: Role;
        unitId: number;
        grantedBy: string | null;
        confirmedBy?: string;
      },
    ) {
      return db
        .insertInto('role_grants')
        .values({
          user_id: grant.userId,
          role: grant.role,
          unit_id: grant.unitId,
          granted_by: grant.grantedBy,
          ...(grant.confirmedBy ? { confirmed_by: grant.confirmedBy } : {}),
        })
        .onConflict((conflict) => conflict.columns(['user_id', 'role', 'unit_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
    },
    async deleteGrant(db: DbOrTx, userId: string, grantId: string): Promise<void> {
      await db.deleteFrom('role_grants').where('id', '=', grantId).where('user_id', '=', userId).execute();
    },
    async insertPendingGrant(
      db: DbOrTx,
      pending: { userId: string; role: Role; unitId: number; requestedBy: string; at: Date },
    ) {
      return db
        .insertInto('pending_role_grants')
        .values({
          user_id: pending.userId,
          role: pending.role,
          unit_id: pending.unitId,
          requested_by: pending.requestedBy,
          requested_at: pending.at,
        })
        .onConflict((conflict) => conflict.columns(['user_id', 'role', 'unit_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
    },
    /**
     * Pending case roles: of the given accounts, or one by id (locked for the confirming transaction), or
     * all of them (few at any time: each waits for one confirmation), oldest first.
     */
    async pendingGrants(
      db: DbOrTx,
      filter: { userIds: string[] } | { id: string; lock?: boolean } | { all: true },
    ): Promise<PendingGrantRow[]> {
      if ('userIds' in filter && filter.userIds.length === 0) return [];
      let query = db
        .selectFrom('pending_role_grants as p')
        .innerJoin('units', 'units.id', 'p.unit_id')
        .innerJoin('users as grantee', 'grantee.id', 'p.user_id')
        .innerJoin('users as requester', 'requester.id', 'p.requested_by')
        .select([
          'p.id',
          'p.user_id',
          'p.role',
          'p.unit_id',
          'units.path as unit_path',
          'units.name as unit_name',
          'units.level as unit_level',
          'p.requested_by',
          'p.requested_at',
          'grantee.display_name as grantee_name',
          'grantee.email as grantee_email',
          'grantee.active as grantee_active',
          'requester.display_name as requester_name',
        ]);
      if ('userIds' in filter) query = query.where('p.user_id', 'in', filter.userIds);
      if ('id' in filter) query = query.where('p.id', '=', filter.id);
      if ('id' in filter && filter.lock) query = query.forUpdate('p');
      const rows = await query.orderBy('p.requested_at').orderBy('p.id').execute();
      return rows as PendingGrantRow[];
    },
    async deletePendingGrant(db: DbOrTx, id: string): Promise<void> {
      await db.deleteFrom('pending_role_grants').where('id', '=', id).execute();
    },
    /**
     * Whom to tell when the case team of the unit at `unitPath` changes: the active holders of a case
     * role at that unit and the coordinators of the units above it (the case team), and the active
     * administrators whose grant covers it (who may confirm). Each account once.
     */
    async teamContactsAt(db: DbOrTx, unitPath: string): Promise<TeamContactRow[]> {
      const rows = await db
        .selectFrom('role_grants')
        .innerJoin('units', 'units.id', 'role_grants.unit_id')
        .innerJoin('users', 'users.id', 'role_grants.user_id')
        .select(['users.id', 'users.email', 'users.language'])
        .select(
          sql<boolean>`bool_or(
            (units.path = ${unitPath} AND role_grants.role IN ('case_coordinator', 'case_handler', 'legal_aid'))
            OR (units.path <> ${unitPath} AND role_grants.role = 'case_coordinator'))`.as('case_team'),
        )
        .where('users.active', '=', true)
        .where(sql<boolean>`${unitPath} LIKE units.path || '%'`)
        .where((eb) =>
          eb.or([
            eb('role_grants.role', '=', 'admin'),
            eb('role_grants.role', '=', 'case_coordinator'),
            eb.and([
              eb('units.path', '=', unitPath),
              eb('role_grants.role', 'in', ['case_handler', 'legal_aid']),
            ]),
          ]),
        )
        .groupBy(['users.id', 'users.email', 'users.language'])
        .orderBy('users.id')
        .execute();
      return rows;
    },
    async hasAnyAdmin(db: DbOrTx): Promise<boolean> {
      const row = await db
        .selectFrom('role_grants')
        .innerJoin('users', 'users.id', 'role_grants.user_id')
        .select('role_grants.id')
        .where('role_grants.role', '=', 'admin')
        .where('users.active', '=', true)
        .executeTakeFirst();
      return Boolean(row);
    },
    /**
     * Users whose home unit lies in one of the scope subtrees, newest first, keyset-paginated on
     * (created_at, id).
     */
    async list(
      db: DbOrTx,
      options: { scopePaths: string[]; q?: string; after?: { createdAt: Date; id: string }; limit: number },
    ): Promise<(UserRow & { home_unit_name: string })[]> {
      if (options.scopePaths.length === 0) return [];
      let query = db
        .selectFrom('users')
        .innerJoin('units', 'units.id', 'users.home_unit_id')
        .select([...userColumns, 'units.name as home_unit_name'])
        .where((eb) => eb.or(options.scopePaths.map((root) => eb('units.path', 'like', `${root}%`))));
      if (options.q) {
        const pattern = `%${options.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
        query = query.where((eb) =>
          eb.or([eb('users.email', 'like', pattern), eb(sql`lower(users.display_name)`, 'like', pattern)]),
        );
      }
      if (options.after) {
        const { createdAt, id } = options.after;
        query = query.where(sql<boolean>`(users.created_at, users.id) < (${createdAt}, ${id}::uuid)`);
      }
      return query
        .orderBy('users.created_at', 'desc')
        .orderBy('users.id', 'desc')
        .limit(options.limit)
        .execute();
    },
    /** The linked member records for these ids (the `member_id`s of some user rows). */
    async linkedMembers(db: DbOrTx, memberIds: string[]): Promise<LinkedMemberRow[]> {
      if (memberIds.length === 0) return [];
      const rows = await db
        .selectFrom('members')
        .select(['id', 'member_number', 'full_name', 'sex'])
        .where('id', 'in', memberIds)
        .execute();
      return rows as LinkedMemberRow[];
    },
    /**
     * The member with this number, locked until the transaction ends so that two administrators cannot
     * link it to two accounts at once (the UNIQUE constraint on users.member_id is the last line).
     */
    async findMemberForLink(db: DbOrTx, memberNumber: string): Promise<LinkableMemberRow | undefined> {
      const member = await db
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(['m.id', 'm.member_number', 'm.full_name', 'm.sex', 'm.home_unit_id', 'u.path as unit_path'])
        .where('m.member_number', '=', memberNumber)
        .forUpdate('m')
        .executeTakeFirst();
      if (!member) return undefined;
      const holder = await db
        .selectFrom('users')
        .select('id')
        .where('member_id', '=', member.id)
        .executeTakeFirst();
      return { ...(member as Omit<LinkableMemberRow, 'linked_user_id'>), linked_user_id: holder?.id ?? null };
    },
    async homeUnitOf(db: DbOrTx, userId: string) {
      return db
        .selectFrom('users')
        .innerJoin('units', 'units.id', 'users.home_unit_id')
        .select(['units.id', 'units.path', 'units.name'])
        .where('users.id', '=', userId)
        .executeTakeFirst();
    },
    async replaceRecoveryCodes(db: DbOrTx, userId: string, codeHashes: string[]): Promise<void> {
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await db
        .insertInto('recovery_codes')
        .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
        .execute();
    },
    /** Marks a recovery code used; false when no unused code matches. */
    async useRecoveryCode(db: DbOrTx, userId: string, codeHash: string): Promise<boolean> {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: new Date() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
