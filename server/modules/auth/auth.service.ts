import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import type { SessionView } from '../../../shared/contracts/auth.ts';
import { isCaseRole, type Language } from '../../../shared/roles.ts';
import { canAnywhere, confirmsCaseRoles, isRootAdmin, type Principal } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/context.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import {
  assertPasswordAcceptable,
  decoyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../platform/passwords.ts';
import { generateToken, hashToken } from '../../platform/tokens.ts';
import {
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  matchTotpCode,
  totpQrSvg,
  totpUri,
} from '../../platform/totp.ts';
import type { UnitsService } from '../units/units.service.ts';
import type { GrantRow, UserRow, UsersRepository } from '../users/users.repository.ts';
import type { AuthRepository, SessionRow, SessionStage } from './auth.repository.ts';

export interface AuthSettings {
  idleMinutes: number;
  absoluteHours: number;
  accountFreeFailures: number;
  addressMaxFailures: number;
  publicUrl: string;
  rootUnitName: string;
}

/** A resolved, valid session with everything access decisions need. */
export interface SessionContext {
  idHash: Buffer;
  session: SessionRow;
  user: UserRow;
  grants: GrantRow[];
  principal: Principal;
  /** The stage that applies now: a full session of an account that must enrol TOTP acts as `enrol`. */
  stage: SessionStage;
}

const ADDRESS_WINDOW_MINUTES = 15;
const ACCOUNT_WINDOW_MINUTES = 24 * 60;
const MAX_ACCOUNT_DELAY_SECONDS = 15 * 60;
const SETUP_TOKEN_HOURS = 24;
export const INVITE_TOKEN_HOURS = 72;
export const RESET_TOKEN_HOURS = 24;

/** Each failure beyond the free ones doubles the wait, from 30 s up to 15 min: delayed, never locked. */
export function accountDelaySeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(30 * 2 ** (failures - freeFailures), MAX_ACCOUNT_DELAY_SECONDS);
}

/** Source addresses are kept only as a hash in the throttle table. */
export function addressKey(address: string): string {
  return `address:${createHash('sha256').update(address).digest('hex').slice(0, 32)}`;
}
const accountKey = (email: string) => `account:${email.toLowerCase()}`;
/**
 * Failed passwords for one account from one address (issue 17: a stranger's failures kept case staff
 * waiting wherever they signed in). The delay grows here; the account as a whole waits only past
 * `ACCOUNT_CEILING_FACTOR` times the free failures, from many addresses at once.
 */
const accountAtKey = (email: string, address: string) => `account-at:${email.toLowerCase()}|${address}`;
const ACCOUNT_CEILING_FACTOR = 4;

export function principalOf(userId: string, grants: GrantRow[]): Principal {
  return {
    userId,
    grants: grants.map((grant) => ({ role: grant.role, unitId: grant.unit_id, unitPath: grant.unit_path })),
  };
}

export const holdsCaseRole = (grants: GrantRow[]): boolean => grants.some((grant) => isCaseRole(grant.role));

export function createAuthService(deps: {
  db: Db;
  auth: AuthRepository;
  users: UsersRepository;
  units: UnitsService;
  keyring: Keyring;
  mailer: Mailer;
  clock: Clock;
  settings: AuthSettings;
}) {
  const { db, auth, users, keyring, mailer, clock, settings } = deps;
  const totpContext = (userId: string) => `users.totp_secret:${userId}`;

  async function openSession(handle: DbOrTx, userId: string, stage: SessionStage): Promise<string> {
    const token = generateToken();
    const now = clock.now();
    await auth.insertSession(handle, {
      id_hash: hashToken(token),
      user_id: userId,
      stage,
      created_at: now,
      last_seen_at: now,
      absolute_expires_at: new Date(now.getTime() + settings.absoluteHours * 3_600_000),
    });
    return token;
  }

  async function promote(ctx: SessionContext, stage: SessionStage, handle: DbOrTx = db): Promise<string> {
    const token = generateToken();
    if (!(await auth.promoteSession(handle, ctx.idHash, hashToken(token), stage, clock.now()))) {
      throw new AppError('unauthenticated');
    }
    return token;
  }

  async function assertNotThrottled(keys: string[]): Promise<void> {
    const now = clock.now();
    const blocked = (await auth.findThrottles(db, keys)).filter(
      (row) => row.blocked_until && row.blocked_until > now,
    );
    if (blocked.length > 0) {
      const until = Math.max(...blocked.map((row) => row.blocked_until?.getTime() ?? 0));
      const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
      throw new AppError('rate_limited', 'Too many attempts', { retryAfterSeconds });
    }
  }

  /** Counts a failed attempt against the account and the address; tells the owner at the first delay. */
  async function recordFailedAttempt(
    user: UserRow | undefined,
    email: string,
    address: string,
    requestId: string,
    reason: string,
  ) {
    const now = clock.now();
    await db.transaction().execute(async (tx) => {
      const account = await auth.recordFailure(tx, accountKey(email), now, ACCOUNT_WINDOW_MINUTES);
      const here = await auth.recordFailure(tx, accountAtKey(email, address), now, ACCOUNT_WINDOW_MINUTES);
      // From this address, each failure beyond the free ones doubles the wait for this account.
      const delay = accountDelaySeconds(here.failures, settings.accountFreeFailures);
      if (delay > 0) await auth.setBlockedUntil(tx, here.key, new Date(now.getTime() + delay * 1000));
      // Everywhere: only when failures come from many addresses (a distributed guess). An administrator's
      // password reset clears it (resetPasswordWithToken), the owner's recovery step.
      const ceiling = settings.accountFreeFailures * ACCOUNT_CEILING_FACTOR;
      const accountDelay = accountDelaySeconds(account.failures, ceiling);
      if (accountDelay > 0)
        await auth.setBlockedUntil(tx, account.key, new Date(now.getTime() + accountDelay * 1000));
      if (delay > 0 || accountDelay > 0) {
        const shouldNotify =
          user &&
          (!account.owner_notified_at ||
            now.getTime() - account.owner_notified_at.getTime() > 24 * 3_600_000);
        if (shouldNotify) await auth.markOwnerNotified(tx, account.key, now);
        if (user && shouldNotify) {
          const language = user.language as Language;
          await mailer.enqueue(tx, {
            to: user.email,
            ...renderEmail('loginDelayed', language, {
              name: user.display_name,
              count: account.failures,
              minutes: Math.ceil(Math.max(delay, accountDelay) / 60),
            }),
          });
        }
      }
      const byAddress = await auth.recordFailure(tx, address, now, ADDRESS_WINDOW_MINUTES);
      if (byAddress.failures >= settings.addressMaxFailures) {
        await auth.setBlockedUntil(tx, address, new Date(now.getTime() + ADDRESS_WINDOW_MINUTES * 60_000));
      }
      await appendAudit(
        tx,
        {
          actorId: user?.id ?? null,
          actorLabel: user?.email ?? 'anonymous',
          action: 'auth.login_failed',
          objectType: 'user',
          objectId: user?.id ?? null,
          requestId,
          details: { reason, failures: account.failures },
        },
        now,
      );
    });
    void mailer.deliverPending().catch(() => undefined);
  }

  async function loadGrants(handle: DbOrTx, userId: string) {
    return users.grantsOf(handle, [userId]);
  }

  async function resolveSession(token: string | undefined): Promise<SessionContext | null> {
    if (!token || token.length > 200) return null;
    const idHash = hashToken(token);
    const session = await auth.findSession(db, idHash);
    if (!session) return null;
    const now = clock.now();
    const idleDeadline = session.last_seen_at.getTime() + settings.idleMinutes * 60_000;
    if (now >= session.absolute_expires_at || now.getTime() >= idleDeadline) {
      await auth.deleteSession(db, idHash);
      return null;
    }
    const user = await users.findById(db, session.user_id);
    if (!user || !user.active) {
      await auth.deleteSession(db, idHash);
      return null;
    }
    // Touch at most once a minute: the idle timer needs minute precision, not a write per request.
    if (now.getTime() - session.last_seen_at.getTime() > 60_000) await auth.touchSession(db, idHash, now);
    const grants = await loadGrants(db, user.id);
    const stage =
      session.stage === 'full' && !user.totp_secret_sealed && holdsCaseRole(grants) ? 'enrol' : session.stage;
    return { idHash, session, user, grants, principal: principalOf(user.id, grants), stage };
  }

  async function checkTotp(user: UserRow, code: string, handle: DbOrTx = db): Promise<boolean> {
    if (!user.totp_secret_sealed) return false;
    const secret = await keyring.openText(user.totp_secret_sealed, totpContext(user.id), handle);
    const counter = matchTotpCode(secret, code, clock.now());
    return counter !== null && (await users.claimTotpCounter(handle, user.id, counter));
  }

  function audit(
    handle: DbOrTx,
    ctx: { user: UserRow },
    action: string,
    requestId: string,
    details?: Record<string, unknown>,
  ) {
    return appendAudit(
      handle,
      {
        actorId: ctx.user.id,
        actorLabel: ctx.user.email,
        action,
        objectType: 'user',
        objectId: ctx.user.id,
        requestId,
        details,
      },
      clock.now(),
    );
  }

  async function setPassword(handle: DbOrTx, user: UserRow, password: string): Promise<void> {
    assertPasswordAcceptable(password, { email: user.email });
    await users.update(handle, user.id, {
      password_hash: await hashPassword(password),
      password_changed_at: clock.now(),
    });
  }

  return {
    resolveSession,

    sessionView(ctx: SessionContext): SessionView {
      return {
        signedIn: true,
        stage: ctx.stage,
        user: {
          id: ctx.user.id,
          email: ctx.user.email,
          displayName: ctx.user.display_name,
          language: ctx.user.language as Language,
          totpEnabled: Boolean(ctx.user.totp_secret_sealed),
          totpRequired: holdsCaseRole(ctx.grants),
        },
        grants: ctx.grants.map((grant) => ({
          id: grant.id,
          role: grant.role,
          unitId: grant.unit_id,
          unitName: grant.unit_name,
          unitLevel: grant.unit_level,
        })),
        capabilities: {
          manageUsers: canAnywhere(ctx.principal, 'user.manage'),
          manageUnits: canAnywhere(ctx.principal, 'unit.manage'),
          readAudit: canAnywhere(ctx.principal, 'audit.read'),
          // Held mail can carry other people's reset links: only the top administrator reads it.
          readOutbox: isRootAdmin(ctx.principal),
          readMembers: canAnywhere(ctx.principal, 'member.read'),
          manageMembers: canAnywhere(ctx.principal, 'member.manage'),
          workCases: canAnywhere(ctx.principal, 'case.work'),
          intakeCases: canAnywhere(ctx.principal, 'case.intake'),
          readCaseStatistics: canAnywhere(ctx.principal, 'case.statistics.read'),
          manageCalendar: canAnywhere(ctx.principal, 'settings.manage'),
          readDashboards: canAnywhere(ctx.principal, 'dashboard.read'),
          readAssemblies: canAnywhere(ctx.principal, 'assembly.read'),
          training:
            canAnywhere(ctx.principal, 'training.organise') ||
            canAnywhere(ctx.principal, 'training.nominate') ||
            canAnywhere(ctx.principal, 'training.manage'),
          cadreStages: canAnywhere(ctx.principal, 'cadre.confirm'),
          campaigns: canAnywhere(ctx.principal, 'campaign.manage'),
          commitment: canAnywhere(ctx.principal, 'commitment.manage'),
          confirmCaseRoles: confirmsCaseRoles(ctx.principal),
          agreements: canAnywhere(ctx.principal, 'agreement.manage'),
        },
      };
    },

    /** Password step. Returns a new session token and the stage it is in. */
    async login(input: {
      email: string;
      password: string;
      address: string;
      requestId: string;
    }): Promise<{ token: string; stage: SessionStage }> {
      const email = input.email.toLowerCase();
      const address = addressKey(input.address);
      await assertNotThrottled([accountKey(email), accountAtKey(email, address), address]);
      const user = await users.findByEmail(db, email);
      // Verify against a decoy hash for unknown accounts so timing does not reveal which emails exist.
      const passwordOk = await verifyPassword(
        user?.password_hash ?? (await decoyPasswordHash()),
        input.password,
      );
      if (!user || !user.active || !user.password_hash || !passwordOk) {
        await recordFailedAttempt(
          user,
          email,
          address,
          input.requestId,
          !user ? 'unknown_account' : !user.active ? 'inactive' : 'bad_password',
        );
        throw new AppError('invalid_credentials');
      }
      return db.transaction().execute(async (tx) => {
        await auth.clearThrottle(tx, accountKey(email));
        await auth.clearThrottle(tx, accountAtKey(email, address));
        const grants = await loadGrants(tx, user.id);
        const stage: SessionStage = user.totp_secret_sealed
          ? 'mfa'
          : holdsCaseRole(grants)
            ? 'enrol'
            : 'full';
        const token = await openSession(tx, user.id, stage);
        if (stage !== 'mfa') await users.update(tx, user.id, { last_login_at: clock.now() });
        await audit(tx, { user }, stage === 'mfa' ? 'auth.password_ok' : 'auth.login', input.requestId);
        return { token, stage };
      });
    },

    /** Second step: a TOTP code or a one-time recovery code. Returns the new (rotated) session token. */
    async verifySecondFactor(
      ctx: SessionContext,
      input: { code?: string; recoveryCode?: string; requestId: string },
    ): Promise<string> {
      if (ctx.stage !== 'mfa') throw new AppError('forbidden');
      await assertNotThrottled([accountKey(ctx.user.email)]);
      const ok = input.code
        ? await checkTotp(ctx.user, input.code)
        : input.recoveryCode
          ? await users.useRecoveryCode(db, ctx.user.id, hashRecoveryCode(input.recoveryCode))
          : false;
      if (!ok) {
        await db.transaction().execute(async (tx) => {
          const account = await auth.recordFailure(
            tx,
            accountKey(ctx.user.email),
            clock.now(),
            ACCOUNT_WINDOW_MINUTES,
          );
          const delay = accountDelaySeconds(account.failures, settings.accountFreeFailures);
          if (delay > 0)
            await auth.setBlockedUntil(tx, account.key, new Date(clock.now().getTime() + delay * 1000));
          await audit(tx, ctx, 'auth.totp_failed', input.requestId);
        });
        throw new AppError('invalid_totp');
      }
      return db.transaction().execute(async (tx) => {
        await auth.clearThrottle(tx, accountKey(ctx.user.email));
        await users.update(tx, ctx.user.id, { last_login_at: clock.now() });
        await audit(tx, ctx, input.recoveryCode ? 'auth.login_recovery_code' : 'auth.login', input.requestId);
        return promote(ctx, 'full', tx);
      });
    },

    async logout(ctx: SessionContext, requestId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await auth.deleteSession(tx, ctx.idHash);
        await audit(tx, ctx, 'auth.logout', requestId);
      });
    },

    async logoutEverywhere(ctx: SessionContext, requestId: string): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const ended = await auth.deleteSessionsOf(tx, ctx.user.id);
        await audit(tx, ctx, 'auth.logout_all', requestId, { sessions: ended });
        return ended;
      });
    },

    /** Changes the password and ends every other session of the account. */
    async changePassword(
      ctx: SessionContext,
      input: { currentPassword: string; newPassword: string; requestId: string },
    ): Promise<void> {
      if (!(await verifyPassword(ctx.user.password_hash, input.currentPassword)))
        throw new AppError('wrong_password');
      await db.transaction().execute(async (tx) => {
        await setPassword(tx, ctx.user, input.newPassword);
        await auth.deleteSessionsOf(tx, ctx.user.id, ctx.idHash);
        await mailer.enqueue(tx, {
          to: ctx.user.email,
          ...renderEmail('passwordChanged', ctx.user.language, { name: ctx.user.display_name }),
        });
        await audit(tx, ctx, 'auth.password_change', input.requestId);
      });
      void mailer.deliverPending().catch(() => undefined);
    },

    async updateMe(
      ctx: SessionContext,
      input: { language?: Language; displayName?: string; requestId: string },
    ): Promise<SessionContext> {
      await db.transaction().execute(async (tx) => {
        await users.update(tx, ctx.user.id, {
          ...(input.language ? { language: input.language } : {}),
          ...(input.displayName ? { display_name: input.displayName } : {}),
        });
        await audit(tx, ctx, 'user.update_self', input.requestId, {
          fields: Object.keys(input).filter((key) => key !== 'requestId'),
        });
      });
      return {
        ...ctx,
        user: {
          ...ctx.user,
          language: input.language ?? ctx.user.language,
          display_name: input.displayName ?? ctx.user.display_name,
        },
      };
    },

    /** Starts TOTP enrolment: a new secret is kept sealed as pending until a code confirms it. */
    async startTotpEnrolment(ctx: SessionContext, requestId: string) {
      const secret = generateTotpSecret();
      const sealed = await keyring.seal(
        await keyring.platformKeyId(),
        secret,
        `users.totp_pending:${ctx.user.id}`,
      );
      await db.transaction().execute(async (tx) => {
        await users.update(tx, ctx.user.id, { totp_pending_secret_sealed: sealed });
        await audit(tx, ctx, 'auth.totp_enrol_start', requestId);
      });
      const otpauthUrl = totpUri(secret, ctx.user.email);
      return { secret, otpauthUrl, qrSvg: await totpQrSvg(otpauthUrl) };
    },

    /** Confirms enrolment with a code; returns recovery codes (shown once) and a rotated session token. */
    async confirmTotpEnrolment(ctx: SessionContext, input: { code: string; requestId: string }) {
      const user = await users.findById(db, ctx.user.id);
      if (!user?.totp_pending_secret_sealed) throw new AppError('invalid_totp');
      const secret = await keyring.openText(user.totp_pending_secret_sealed, `users.totp_pending:${user.id}`);
      const counter = matchTotpCode(secret, input.code, clock.now());
      if (counter === null) throw new AppError('invalid_totp');
      const recoveryCodes = generateRecoveryCodes();
      const sealed = await keyring.seal(await keyring.platformKeyId(), secret, totpContext(user.id));
      const token = await db.transaction().execute(async (tx) => {
        await users.update(tx, user.id, {
          totp_secret_sealed: sealed,
          totp_pending_secret_sealed: null,
          totp_last_counter: counter,
        });
        await users.replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
        // Other sessions were opened without the second factor: end them.
        await auth.deleteSessionsOf(tx, user.id, ctx.idHash);
        await audit(tx, ctx, 'auth.totp_enrol', input.requestId);
        return promote(ctx, 'full', tx);
      });
      return { recoveryCodes, token };
    },

    async disableTotp(ctx: SessionContext, input: { password: string; requestId: string }): Promise<void> {
      if (holdsCaseRole(ctx.grants)) throw new AppError('mfa_mandatory');
      if (!(await verifyPassword(ctx.user.password_hash, input.password)))
        throw new AppError('wrong_password');
      await db.transaction().execute(async (tx) => {
        await users.update(tx, ctx.user.id, {
          totp_secret_sealed: null,
          totp_pending_secret_sealed: null,
          totp_last_counter: null,
        });
        await users.replaceRecoveryCodes(tx, ctx.user.id, []);
        await audit(tx, ctx, 'auth.totp_disable', input.requestId);
      });
    },

    /** Sets a password from an invitation or reset link; the link works once. */
    async resetPasswordWithToken(input: {
      token: string;
      newPassword: string;
      requestId: string;
    }): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const consumed = await auth.consumeToken(
          tx,
          hashToken(input.token),
          ['reset', 'invite'],
          clock.now(),
        );
        if (!consumed?.user_id) throw new AppError('token_invalid');
        const user = await users.findById(tx, consumed.user_id);
        if (!user || !user.active) throw new AppError('token_invalid');
        await setPassword(tx, user, input.newPassword);
        await auth.deleteSessionsOf(tx, user.id);
        await auth.clearThrottle(tx, accountKey(user.email));
        await auth.clearThrottlesWithPrefix(tx, accountAtKey(user.email, ''));
        await audit(
          tx,
          { user },
          consumed.purpose === 'invite' ? 'auth.invite_accept' : 'auth.password_reset',
          input.requestId,
        );
      });
    },

    async isSetupNeeded(): Promise<boolean> {
      return !(await users.hasAnyAdmin(db));
    },

    /** Issues the one-time first-run setup token (earlier unused ones stop working). */
    async issueSetupToken(): Promise<string> {
      const token = generateToken();
      await db.transaction().execute(async (tx) => {
        await auth.revokeTokens(tx, 'setup');
        await auth.insertToken(tx, {
          idHash: hashToken(token),
          purpose: 'setup',
          userId: null,
          expiresAt: new Date(clock.now().getTime() + SETUP_TOKEN_HOURS * 3_600_000),
        });
      });
      return token;
    },

    /**
     * Creates the first administrator (admin and org_admin at the root unit, so they can build the
     * structure). With `token` (web setup) the one-time token must match; the CLI passes none.
     */
    async createFirstAdmin(input: {
      token?: string;
      email: string;
      displayName: string;
      password: string;
      language: Language;
      requestId: string;
      via: 'setup' | 'cli';
    }): Promise<string> {
      assertPasswordAcceptable(input.password, { email: input.email });
      const root = await deps.units.ensureRootUnit(settings.rootUnitName);
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext('setara.first-admin'))`.execute(tx);
        if (input.via === 'setup') {
          if (await users.hasAnyAdmin(tx)) throw new AppError('setup_unavailable');
          const consumed = await auth.consumeToken(tx, hashToken(input.token ?? ''), ['setup'], clock.now());
          if (!consumed) throw new AppError('setup_unavailable');
        }
        if (await users.emailExists(tx, input.email))
          throw new AppError('conflict', 'Email taken', { fields: [{ path: 'email', message: 'conflict' }] });
        const userId = await users.insert(tx, {
          email: input.email,
          displayName: input.displayName,
          language: input.language,
          homeUnitId: root.id,
          passwordHash,
        });
        await users.insertGrant(tx, { userId, role: 'admin', unitId: root.id, grantedBy: null });
        await users.insertGrant(tx, { userId, role: 'org_admin', unitId: root.id, grantedBy: null });
        await auth.revokeTokens(tx, 'setup');
        await appendAudit(
          tx,
          {
            actorId: userId,
            actorLabel: input.via,
            action: 'setup.first_admin',
            objectType: 'user',
            objectId: userId,
            unitId: root.id,
            requestId: input.requestId,
          },
          clock.now(),
        );
        return userId;
      });
    },

    async isSetupTokenUsable(token: string): Promise<boolean> {
      return auth.isTokenUsable(db, hashToken(token), 'setup', clock.now());
    },

    /** Scheduled clean-up: expired sessions, expired one-time tokens, stale throttle rows. */
    async purgeExpired(): Promise<{ sessions: number; tokens: number; throttles: number }> {
      const now = clock.now();
      return {
        sessions: await auth.deleteExpiredSessions(db, now, settings.idleMinutes),
        tokens: await auth.deleteExpiredTokens(db, now),
        throttles: await auth.deleteStaleThrottles(
          db,
          new Date(now.getTime() - ACCOUNT_WINDOW_MINUTES * 60_000),
        ),
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
