import { AppError } from '../../../shared/errors.ts';
import type {
  CreateUserBody,
  GrantRoleBody,
  PendingGrantView,
  UpdateUserBody,
  UserView,
} from '../../../shared/contracts/users.ts';
import type { Language } from '../../../shared/roles.ts';
import { can, canConfirmCaseRole, canGrant, needsSecondPerson, scopeOf } from '../../platform/access.ts';
import { missingCompetencies } from '../training/competency.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isLanguage, webTranslator } from '../../platform/i18n.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import { generateToken, hashToken } from '../../platform/tokens.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import { INVITE_TOKEN_HOURS, principalOf, RESET_TOKEN_HOURS } from '../auth/auth.service.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type {
  GrantRow,
  LinkedMemberRow,
  PendingGrantRow,
  UserRow,
  UsersRepository,
} from './users.repository.ts';

/** Where a pending case role is confirmed (the staff app's confirmation page). */
export const roleConfirmationsLink = '/role-confirmations';

function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('validation_failed', 'Bad cursor', {
      fields: [{ path: 'cursor', message: 'invalid' }],
    });
  }
  return { createdAt, id };
}

/** Account administration: admins manage accounts whose home unit is in their subtree. */
export function createUsersService(deps: {
  db: Db;
  users: UsersRepository;
  units: UnitsRepository;
  auth: AuthRepository;
  notifications: NotificationsRepository;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  /** What a grant of a case role to a member without its class does (training.md, competency gates). */
  competencyGate?: 'warn' | 'refuse';
}) {
  const { db, users, units, auth, mailer, clock } = deps;
  const competencyGate = deps.competencyGate ?? 'warn';

  /** What the caller may do with a pending case role: confirm it (a second person) or withdraw it. */
  function pendingView(actor: Actor, row: PendingGrantRow): PendingGrantView {
    return {
      id: row.id,
      userId: row.user_id,
      userName: row.grantee_name,
      userEmail: row.grantee_email,
      role: row.role as PendingGrantView['role'],
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitLevel: row.unit_level,
      requestedBy: { id: row.requested_by, name: row.requester_name },
      requestedAt: row.requested_at.toISOString(),
      canConfirm: canConfirmCaseRole(actor.principal, pendingFacts(row)),
      canWithdraw: row.requested_by === actor.userId || canGrant(actor.principal, row.role, row.unit_path),
    };
  }

  const pendingFacts = (row: PendingGrantRow) => ({
    granteeId: row.user_id,
    requestedBy: row.requested_by,
    unitPath: row.unit_path,
  });

  function toView(
    actor: Actor,
    user: UserRow,
    homeUnitName: string,
    grants: GrantRow[],
    members: LinkedMemberRow[],
    pending: PendingGrantRow[],
  ): UserView {
    const member = user.member_id ? members.find((row) => row.id === user.member_id) : undefined;
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      language: user.language as Language,
      active: user.active,
      totpEnabled: Boolean(user.totp_secret_sealed),
      homeUnitId: user.home_unit_id,
      homeUnitName,
      createdAt: user.created_at.toISOString(),
      lastLoginAt: user.last_login_at?.toISOString() ?? null,
      grants: grants
        .filter((grant) => grant.user_id === user.id)
        .map((grant) => ({
          id: grant.id,
          role: grant.role,
          unitId: grant.unit_id,
          unitName: grant.unit_name,
          unitLevel: grant.unit_level,
        })),
      pendingGrants: pending.filter((row) => row.user_id === user.id).map((row) => pendingView(actor, row)),
      member: member
        ? { id: member.id, number: member.member_number, name: member.full_name, sex: member.sex }
        : null,
    };
  }

  const linkedMembersOf = (handle: DbOrTx, rows: UserRow[]) =>
    users.linkedMembers(
      handle,
      rows.flatMap((row) => (row.member_id ? [row.member_id] : [])),
    );

  /** Loads a user the actor may manage; anything else is reported as not found. */
  async function loadManaged(actor: Actor, id: string, handle: DbOrTx = db) {
    const home = await users.homeUnitOf(handle, id);
    const user = home ? await users.findById(handle, id) : undefined;
    if (!home || !user || !can(actor.principal, 'user.manage', home.path)) throw new AppError('not_found');
    return { user, home };
  }

  async function view(actor: Actor, id: string, handle: DbOrTx = db): Promise<UserView> {
    const { user, home } = await loadManaged(actor, id, handle);
    return toView(
      actor,
      user,
      home.name,
      await users.grantsOf(handle, [id]),
      await linkedMembersOf(handle, [user]),
      await users.pendingGrants(handle, { userIds: [id] }),
    );
  }

  async function issueLink(handle: DbOrTx, user: UserRow, purpose: 'invite' | 'reset'): Promise<void> {
    const token = generateToken();
    const hours = purpose === 'invite' ? INVITE_TOKEN_HOURS : RESET_TOKEN_HOURS;
    await auth.revokeTokens(handle, purpose, user.id);
    await auth.insertToken(handle, {
      idHash: hashToken(token),
      purpose,
      userId: user.id,
      expiresAt: new Date(clock.now().getTime() + hours * 3_600_000),
    });
    // The token travels in the fragment: browsers never send it to the server or in a Referer.
    const link = `${deps.publicUrl}/reset-password#token=${token}`;
    await mailer.enqueue(handle, {
      to: user.email,
      ...renderEmail(purpose, user.language, { name: user.display_name, link, hours }),
    });
  }

  const audit = (
    handle: DbOrTx,
    actor: Actor,
    action: string,
    objectId: string,
    unitId: number | null,
    details?: Record<string, unknown>,
  ) =>
    appendAudit(
      handle,
      {
        actorId: actor.userId,
        actorLabel: actor.label,
        action,
        objectType: 'user',
        objectId,
        unitId,
        requestId: actor.requestId,
        details,
      },
      clock.now(),
    );

  /**
   * Links the account to the member with `memberNumber`, or unlinks it (null). The member must belong to
   * a unit inside the actor's `user.manage` scope; a member elsewhere is reported exactly like an unknown
   * number, so the answer never tells whether a member exists outside the actor's area. A member holds
   * at most one account. Re-linking the same member, or unlinking an unlinked account, changes nothing.
   */
  async function changeMemberLink(
    tx: DbOrTx,
    actor: Actor,
    userId: string,
    homeUnitId: number,
    memberNumber: string | null,
  ): Promise<void> {
    const current = await users.findById(tx, userId);
    if (!current) throw new AppError('not_found');
    if (memberNumber === null) {
      if (!current.member_id) return;
      await users.update(tx, userId, { member_id: null });
      // The member's name stays out of the audit trail: the id is enough to trace the link.
      await audit(tx, actor, 'user.unlink_member', userId, homeUnitId, { memberId: current.member_id });
      return;
    }
    const member = await users.findMemberForLink(tx, memberNumber);
    if (!member || !can(actor.principal, 'user.manage', member.unit_path)) {
      throw new AppError('validation_failed', 'Unknown member number', {
        fields: [{ path: 'memberNumber', message: 'invalid' }],
      });
    }
    if (member.linked_user_id === userId) return;
    if (member.linked_user_id) {
      throw new AppError('conflict', 'Member already linked to another account', {
        fields: [{ path: 'memberNumber', message: 'conflict' }],
      });
    }
    await users.update(tx, userId, { member_id: member.id });
    await audit(tx, actor, 'user.link_member', userId, homeUnitId, {
      memberId: member.id,
      ...(current.member_id ? { previousMemberId: current.member_id } : {}),
    });
  }

  /**
   * A pending case role, locked for the caller's transaction. Anyone who may neither confirm nor withdraw
   * it (nor is its grantee, told `second_person_required` elsewhere) learns nothing: not_found.
   */
  async function lockPending(tx: DbOrTx, actor: Actor, pendingId: string): Promise<PendingGrantRow> {
    const [row] = await users.pendingGrants(tx, { id: pendingId, lock: true });
    if (!row) throw new AppError('not_found');
    const item = pendingView(actor, row);
    if (!item.canConfirm && !item.canWithdraw && row.user_id !== actor.userId)
      throw new AppError('not_found');
    return row;
  }

  /**
   * Tells the unit's case team (by email and in the inbox) and the administrators who may confirm (in the
   * inbox) that a case role was asked for or took effect there. Nobody is told about their own act, and
   * the grantee is not told here (she sees the role when she signs in). No case content: a unit, a role
   * and a name of a colleague.
   */
  async function tellCaseTeam(
    tx: DbOrTx,
    event: 'requested' | 'confirmed',
    change: { unitPath: string; unitName: string; role: string; granteeName: string; leaveOut: string[] },
  ): Promise<void> {
    const contacts = (await users.teamContactsAt(tx, change.unitPath)).filter(
      (contact) => !change.leaveOut.includes(contact.id),
    );
    for (const contact of contacts) {
      if (event === 'requested' || contact.case_team)
        await deps.notifications.insert(tx, {
          userId: contact.id,
          kind: event === 'requested' ? 'case_role_requested' : 'case_role_confirmed',
          caseId: null,
          link: roleConfirmationsLink,
          at: clock.now(),
        });
      if (!contact.case_team) continue;
      await mailer.enqueue(tx, {
        to: contact.email,
        ...renderEmail(event === 'requested' ? 'caseRoleRequested' : 'caseRoleConfirmed', contact.language, {
          name: change.granteeName,
          role: webTranslator(isLanguage(contact.language) ? contact.language : 'id')(`roles.${change.role}`),
          unit: change.unitName,
          link: `${deps.publicUrl}${roleConfirmationsLink}`,
        }),
      });
    }
  }

  return {
    async listUsers(actor: Actor, query: { q?: string; cursor?: string; limit: number }) {
      const rows = await users.list(db, {
        scopePaths: scopeOf(actor.principal, 'user.manage'),
        q: query.q,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const grants = await users.grantsOf(
        db,
        page.map((row) => row.id),
      );
      const members = await linkedMembersOf(db, page);
      const pending = await users.pendingGrants(db, { userIds: page.map((row) => row.id) });
      const last = page.at(-1);
      return {
        items: page.map((row) => toView(actor, row, row.home_unit_name, grants, members, pending)),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    getUser: (actor: Actor, id: string) => view(actor, id),

    /** Creates an account without a password and emails an invitation link to choose one. */
    async createUser(actor: Actor, body: CreateUserBody): Promise<UserView> {
      const home = await units.findById(db, body.homeUnitId);
      if (!home || !can(actor.principal, 'user.manage', home.path)) {
        throw new AppError('forbidden', 'Home unit outside scope', {
          fields: [{ path: 'homeUnitId', message: 'forbidden' }],
        });
      }
      const created = await db.transaction().execute(async (tx) => {
        if (await users.emailExists(tx, body.email))
          throw new AppError('conflict', 'Email taken', { fields: [{ path: 'email', message: 'conflict' }] });
        const id = await users.insert(tx, {
          email: body.email,
          displayName: body.displayName,
          language: body.language,
          homeUnitId: home.id,
          passwordHash: null,
        });
        const user = await users.findById(tx, id);
        if (!user) throw new Error('created user vanished');
        await issueLink(tx, user, 'invite');
        await audit(tx, actor, 'user.create', id, home.id);
        return view(actor, id, tx);
      });
      void mailer.deliverPending().catch(() => undefined);
      return created;
    },

    /**
     * Renames, deactivates or reactivates an account, and links it to its member record or unlinks it
     * (`memberNumber: null`). Each kind of change writes its own audit row in the same transaction.
     */
    async updateUser(actor: Actor, id: string, changes: UpdateUserBody): Promise<UserView> {
      const { user, home } = await loadManaged(actor, id);
      if (changes.active === false && id === actor.userId)
        throw new AppError('forbidden', 'Cannot deactivate yourself');
      const { memberNumber, ...accountChanges } = changes;
      const accountFields = Object.entries(accountChanges)
        .filter(([, value]) => value !== undefined)
        .map(([field]) => field);
      return db.transaction().execute(async (tx) => {
        if (accountFields.length > 0) {
          await users.update(tx, id, {
            ...(accountChanges.displayName ? { display_name: accountChanges.displayName } : {}),
            ...(accountChanges.active !== undefined ? { active: accountChanges.active } : {}),
          });
          if (accountChanges.active === false) await auth.deleteSessionsOf(tx, id);
          await audit(
            tx,
            actor,
            accountChanges.active === false
              ? 'user.deactivate'
              : accountChanges.active === true && !user.active
                ? 'user.reactivate'
                : 'user.update',
            id,
            home.id,
            { fields: accountFields },
          );
        }
        if (memberNumber !== undefined) await changeMemberLink(tx, actor, id, home.id, memberNumber);
        return view(actor, id, tx);
      });
    },

    /** Administrator-initiated reset: the old password stops working, sessions end, a link is emailed. */
    async resetPassword(actor: Actor, id: string): Promise<void> {
      const { user, home } = await loadManaged(actor, id);
      await db.transaction().execute(async (tx) => {
        await users.update(tx, id, { password_hash: null });
        await auth.deleteSessionsOf(tx, id);
        await issueLink(tx, user, 'reset');
        await audit(tx, actor, 'user.password_reset', id, home.id);
      });
      void mailer.deliverPending().catch(() => undefined);
    },

    /**
     * Grants a role at a unit. A case role does not take effect here: it waits for a second person
     * (`confirmPendingGrant`), and the unit's case team and its confirmers are told at once.
     */
    async grantRole(
      actor: Actor,
      id: string,
      body: GrantRoleBody,
    ): Promise<
      UserView & {
        outcome: 'granted' | 'pending';
        warnings: { code: 'competency_missing'; tracks: string[] }[];
      }
    > {
      const managed = await loadManaged(actor, id);
      // An administrator of a unit could otherwise make herself its case coordinator and read its cases.
      if (id === actor.userId) throw new AppError('self_grant');
      const unit = await units.findById(db, body.unitId);
      if (!unit || !canGrant(actor.principal, body.role, unit.path)) throw new AppError('grant_not_allowed');
      const memberId = managed.user.member_id;
      const missing = memberId ? await missingCompetencies(db, memberId, body.role) : [];
      if (missing.length && competencyGate === 'refuse')
        throw new AppError('competency_missing', undefined, { public: { tracks: missing } });
      const warnings = missing.length ? [{ code: 'competency_missing' as const, tracks: missing }] : [];
      const result = await db.transaction().execute(async (tx) => {
        const held = (await users.grantsOf(tx, [id])).some(
          (grant) => grant.role === body.role && grant.unit_id === unit.id,
        );
        if (needsSecondPerson(body.role) && !held) {
          const requested = await users.insertPendingGrant(tx, {
            userId: id,
            role: body.role,
            unitId: unit.id,
            requestedBy: actor.userId,
            at: clock.now(),
          });
          if (requested) {
            await audit(tx, actor, 'role.grant_requested', id, unit.id, {
              role: body.role,
              pendingId: requested.id,
              ...(missing.length ? { competencyMissing: missing } : {}),
            });
            await tellCaseTeam(tx, 'requested', {
              unitPath: unit.path,
              unitName: unit.name,
              role: body.role,
              granteeName: managed.user.display_name,
              leaveOut: [id, actor.userId],
            });
          }
          return { ...(await view(actor, id, tx)), outcome: 'pending' as const, warnings };
        }
        const inserted = await users.insertGrant(tx, {
          userId: id,
          role: body.role,
          unitId: unit.id,
          grantedBy: actor.userId,
        });
        if (inserted)
          await audit(tx, actor, 'role.grant', id, unit.id, {
            role: body.role,
            grantId: inserted.id,
            ...(missing.length ? { competencyMissing: missing } : {}),
          });
        return { ...(await view(actor, id, tx)), outcome: 'granted' as const, warnings };
      });
      void mailer.deliverPending().catch(() => undefined);
      return result;
    },

    /**
     * First-run setup names the top unit's case coordinator (issue 18): the first administrator invites
     * her and puts her forward as case coordinator at the top unit, like every other grant; the role waits
     * for a second person (a second administrator) like every case role.
     */
    async proposeFirstCoordinator(
      firstAdminId: string,
      coordinator: { email: string; displayName: string; language: Language },
      requestId: string,
    ): Promise<void> {
      const grants = await users.grantsOf(db, [firstAdminId]);
      const root = grants.find((grant) => grant.role === 'admin');
      if (!root) throw new AppError('forbidden');
      const actor: Actor = {
        userId: firstAdminId,
        label: 'setup',
        requestId,
        language: coordinator.language,
        principal: principalOf(firstAdminId, grants),
      };
      const created = await this.createUser(actor, { ...coordinator, homeUnitId: root.unit_id });
      await this.grantRole(actor, created.id, { role: 'case_coordinator', unitId: root.unit_id });
    },

    /** The pending case roles the caller may confirm or withdraw, oldest first. */
    async listPendingGrants(actor: Actor): Promise<{ items: PendingGrantView[] }> {
      const rows = await users.pendingGrants(db, { all: true });
      return {
        items: rows
          .map((row) => pendingView(actor, row))
          .filter((item) => item.canConfirm || item.canWithdraw),
      };
    },

    /**
     * The second person's confirmation: the case role takes effect (a role_grants row naming who asked
     * and who confirmed), the pending row goes, and the unit's case team is told.
     */
    async confirmPendingGrant(actor: Actor, pendingId: string): Promise<PendingGrantView> {
      const result = await db.transaction().execute(async (tx) => {
        const row = await lockPending(tx, actor, pendingId);
        if (!canConfirmCaseRole(actor.principal, pendingFacts(row)))
          throw new AppError('second_person_required');
        if (!row.grantee_active) throw new AppError('conflict', 'Account inactive');
        const view = pendingView(actor, row);
        const inserted = await users.insertGrant(tx, {
          userId: row.user_id,
          role: row.role,
          unitId: row.unit_id,
          grantedBy: row.requested_by,
          confirmedBy: actor.userId,
        });
        await users.deletePendingGrant(tx, row.id);
        if (inserted) {
          await audit(tx, actor, 'role.grant', row.user_id, row.unit_id, {
            role: row.role,
            grantId: inserted.id,
            requestedBy: row.requested_by,
            confirmedBy: actor.userId,
          });
          await tellCaseTeam(tx, 'confirmed', {
            unitPath: row.unit_path,
            unitName: row.unit_name,
            role: row.role,
            granteeName: row.grantee_name,
            leaveOut: [row.user_id, actor.userId],
          });
        }
        return view;
      });
      void mailer.deliverPending().catch(() => undefined);
      return result;
    },

    /** Withdraws (the one who asked, an administrator over the unit) or declines (a confirmer) a request. */
    async withdrawPendingGrant(actor: Actor, pendingId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const row = await lockPending(tx, actor, pendingId);
        const item = pendingView(actor, row);
        if (!item.canWithdraw && !item.canConfirm) throw new AppError('not_found');
        await users.deletePendingGrant(tx, row.id);
        await audit(tx, actor, 'role.grant_withdrawn', row.user_id, row.unit_id, {
          role: row.role,
          pendingId: row.id,
          requestedBy: row.requested_by,
        });
      });
    },

    async revokeGrant(actor: Actor, id: string, grantId: string): Promise<UserView> {
      await loadManaged(actor, id);
      const grant = (await users.grantsOf(db, [id])).find((row) => row.id === grantId);
      if (!grant) throw new AppError('not_found');
      if (!canGrant(actor.principal, grant.role, grant.unit_path)) throw new AppError('grant_not_allowed');
      return db.transaction().execute(async (tx) => {
        await users.deleteGrant(tx, id, grantId);
        // Never leave the platform without an active administrator.
        if (grant.role === 'admin' && !(await users.hasAnyAdmin(tx)))
          throw new AppError('conflict', 'Last administrator');
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'role.revoke',
            objectType: 'user',
            objectId: id,
            unitId: grant.unit_id,
            requestId: actor.requestId,
            details: { role: grant.role, grantId },
          },
          clock.now(),
        );
        return view(actor, id, tx);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
