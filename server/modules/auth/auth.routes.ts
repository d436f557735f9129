import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changePasswordBody,
  csrfResponse,
  loginBody,
  loginResponse,
  resetPasswordBody,
  sessionState,
  sessionView,
  setupBody,
  setupResponse,
  setupStatusResponse,
  totpDisableBody,
  totpEnrolConfirmBody,
  totpEnrolConfirmResponse,
  totpEnrolStartResponse,
  totpVerifyBody,
  updateMeBody,
} from '../../../shared/contracts/auth.ts';
import { okResponse } from '../../../shared/contracts/common.ts';
import { SESSION_COOKIE, sessionOf } from '../../platform/http.ts';
import type { AuthService } from './auth.service.ts';

export interface AuthRoutesOptions {
  authService: AuthService;
  secureCookies: boolean;
  absoluteHours: number;
  /** Setup's optional first coordinator is invited and put forward through the accounts service. */
  proposeFirstCoordinator?: (
    firstAdminId: string,
    coordinator: { email: string; displayName: string; language: 'id' | 'en' },
    requestId: string,
  ) => Promise<void>;
}

/** Sign-in, second factor, sessions, own account and first-run setup. */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const { authService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  function setSessionCookie(reply: FastifyReply, token: string) {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      maxAge: options.absoluteHours * 3600,
    });
  }
  const clearSessionCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
    });

  api.get('/csrf', {
    // A secret token, uncompressed (BREACH), though nothing of the caller's is reflected beside it.
    compress: false,
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Issue a CSRF token to send as x-csrf-token on state-changing requests',
      response: { 200: csrfResponse },
    },
    handler: async (_request, reply) => ({ token: reply.generateCsrf() }),
  });

  api.get('/session', {
    // Public: a signed-out visitor is told so with 200 `{ signedIn: false }` rather than a 401, which
    // the browser would log as a console error on every signed-out page (issue 18).
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The current session, its stage, grants and capabilities; `signedIn: false` without one',
      response: { 200: sessionState },
    },
    handler: async (request) =>
      request.session ? authService.sessionView(request.session) : { signedIn: false as const },
  });

  api.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Password step of signing in',
      body: loginBody,
      response: { 200: loginResponse },
    },
    handler: async (request, reply) => {
      const { token, stage } = await authService.login({
        ...request.body,
        address: request.ip,
        requestId: request.id,
      });
      setSessionCookie(reply, token);
      return { stage };
    },
  });

  api.post('/auth/totp', {
    config: { access: 'mfa' },
    schema: {
      tags,
      summary: 'Second factor: TOTP code or one-time recovery code',
      body: totpVerifyBody,
      response: { 200: loginResponse },
    },
    handler: async (request, reply) => {
      const token = await authService.verifySecondFactor(sessionOf(request), {
        ...request.body,
        requestId: request.id,
      });
      setSessionCookie(reply, token);
      return { stage: 'full' as const };
    },
  });

  api.post('/auth/logout', {
    config: { access: 'session' },
    schema: { tags, summary: 'End this session', response: { 200: okResponse } },
    handler: async (request, reply) => {
      await authService.logout(sessionOf(request), request.id);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  api.post('/auth/logout-all', {
    config: { access: 'enrolment' },
    schema: {
      tags,
      summary: 'End every session of this account, here and on other devices',
      response: { 200: okResponse },
    },
    handler: async (request, reply) => {
      await authService.logoutEverywhere(sessionOf(request), request.id);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  api.post('/auth/password', {
    config: { access: 'enrolment' },
    schema: {
      tags,
      summary: 'Change own password (ends other sessions)',
      body: changePasswordBody,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await authService.changePassword(sessionOf(request), { ...request.body, requestId: request.id });
      return { ok: true as const };
    },
  });

  api.post('/auth/reset', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Choose a password with an invitation or reset link token',
      body: resetPasswordBody,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await authService.resetPasswordWithToken({ ...request.body, requestId: request.id });
      return { ok: true as const };
    },
  });

  api.patch('/me', {
    config: { access: 'enrolment' },
    schema: {
      tags,
      summary: 'Update own language or display name',
      body: updateMeBody,
      response: { 200: sessionView },
    },
    handler: async (request) => {
      const updated = await authService.updateMe(sessionOf(request), {
        ...request.body,
        requestId: request.id,
      });
      return authService.sessionView(updated);
    },
  });

  api.post('/me/totp/start', {
    config: { access: 'enrolment' },
    schema: {
      tags,
      summary: 'Start TOTP enrolment: a new secret and its QR code',
      response: { 200: totpEnrolStartResponse },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return authService.startTotpEnrolment(sessionOf(request), request.id);
    },
  });

  api.post('/me/totp/confirm', {
    config: { access: 'enrolment' },
    schema: {
      tags,
      summary: 'Confirm TOTP enrolment with a code; returns recovery codes once',
      body: totpEnrolConfirmBody,
      response: { 200: totpEnrolConfirmResponse },
    },
    handler: async (request, reply) => {
      const { recoveryCodes, token } = await authService.confirmTotpEnrolment(sessionOf(request), {
        ...request.body,
        requestId: request.id,
      });
      setSessionCookie(reply, token);
      void reply.header('cache-control', 'no-store');
      return { recoveryCodes };
    },
  });

  api.post('/me/totp/disable', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Turn TOTP off (refused while the account holds a case role)',
      body: totpDisableBody,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await authService.disableTotp(sessionOf(request), { ...request.body, requestId: request.id });
      return { ok: true as const };
    },
  });

  api.get('/setup/status', {
    config: { access: 'public' },
    schema: {
      tags: ['setup'],
      summary: 'Whether first-run setup is still needed',
      response: { 200: setupStatusResponse },
    },
    handler: async () => ({ needed: await authService.isSetupNeeded() }),
  });

  api.post('/setup', {
    config: { access: 'public' },
    schema: {
      tags: ['setup'],
      summary: 'Create the first administrator with the one-time setup token',
      body: setupBody,
      response: { 201: setupResponse },
    },
    handler: async (request, reply) => {
      const { coordinator, ...admin } = request.body;
      const adminId = await authService.createFirstAdmin({ ...admin, requestId: request.id, via: 'setup' });
      let coordinatorInvited = false;
      if (coordinator && options.proposeFirstCoordinator) {
        // Setup is done either way: a failure here leaves the home page's "no coordinator" warning,
        // from which the administrator grants the role by hand.
        try {
          await options.proposeFirstCoordinator(
            adminId,
            { ...coordinator, language: admin.language },
            request.id,
          );
          coordinatorInvited = true;
        } catch (error) {
          request.log.warn({ err: error }, 'setup: inviting the first case coordinator failed');
        }
      }
      return reply.status(201).send({ ok: true as const, coordinatorInvited });
    },
  });
}
