import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/context.ts';
import type { Keyring, MasterKey } from './platform/crypto.ts';
import { hasPendingMigrations, type Db } from './platform/database.ts';
import {
  enforceRouteAccess,
  problem,
  registerErrorHandling,
  requestLanguage,
  SESSION_COOKIE,
  type RouteAccess,
} from './platform/http.ts';
import { languageFromHeader } from './platform/i18n.ts';
import { loggerOptions } from './platform/logger.ts';
import { validatorCompiler } from './platform/validation.ts';
import type { Mailer } from './platform/mail.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createUnitDetailsRepository, createUnitsRepository } from './modules/units/units.repository.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { createUnitsService } from './modules/units/units.service.ts';
import type { JobQueue } from './platform/jobs.ts';
import { createImportsRepository } from './modules/imports/imports.repository.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { createImportsService } from './modules/imports/imports.service.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { assembliesRoutes } from './modules/assemblies/assemblies.routes.ts';
import { createAssembliesService } from './modules/assemblies/assemblies.service.ts';
import { createBodiesRepository } from './modules/bodies/bodies.repository.ts';
import { bodiesRoutes } from './modules/bodies/bodies.routes.ts';
import { createBodiesService } from './modules/bodies/bodies.service.ts';
import { createMembersRepository } from './modules/members/members.repository.ts';
import { membersRoutes } from './modules/members/members.routes.ts';
import { createMembersService } from './modules/members/members.service.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { createCasesRepository } from './modules/cases/cases.repository.ts';
import { casesRoutes } from './modules/cases/cases.routes.ts';
import { createNotificationsRepository } from './modules/notifications/notifications.repository.ts';
import { createCasesService } from './modules/cases/cases.service.ts';
import { createCaseCoverageRepository } from './modules/cases/case-coverage.repository.ts';
import { createCaseCoverageService } from './modules/cases/case-coverage.service.ts';
import { createCaseRetentionRepository } from './modules/cases/case-retention.repository.ts';
import { caseRetentionRoutes } from './modules/cases/case-retention.routes.ts';
import { createCaseRetentionService } from './modules/cases/case-retention.service.ts';
import { defaultRetentionPeriods } from './modules/cases/case-retention.ts';
import { createEscrowRepository } from './modules/cases/escrow.repository.ts';
import { escrowRoutes } from './modules/cases/escrow.routes.ts';
import { createEscrowService } from './modules/cases/escrow.service.ts';
import { createCaseStatsRepository } from './modules/case-stats/case-stats.repository.ts';
import { caseStatsRoutes } from './modules/case-stats/case-stats.routes.ts';
import { createCaseStatsService } from './modules/case-stats/case-stats.service.ts';
import { publicRoutes } from './public/public.routes.ts';
import { createCaseRemindersWiring } from './modules/cases/case-reminders.wiring.ts';
import { caseCheckinsRoutes } from './modules/cases/case-checkins.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { createHomeRepository } from './modules/home/home.repository.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { createHomeService } from './modules/home/home.service.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { credentialsRoutes } from './modules/assemblies/credentials.routes.ts';
import { createCredentialsService } from './modules/assemblies/credentials.service.ts';
import { createQuotaRepository } from './modules/quota/quota.repository.ts';
import { quotaRoutes } from './modules/quota/quota.routes.ts';
import { createQuotaEvaluator, createQuotaService } from './modules/quota/quota.service.ts';
import { createTrainingRepository } from './modules/training/training.repository.ts';
import { createCadreRepository } from './modules/cadre/cadre.repository.ts';
import { cadreRoutes } from './modules/cadre/cadre.routes.ts';
import { createCadreService } from './modules/cadre/cadre.service.ts';
import { createCampaignsRepository } from './modules/campaigns/campaigns.repository.ts';
import { campaignsRoutes } from './modules/campaigns/campaigns.routes.ts';
import { createCampaignsService } from './modules/campaigns/campaigns.service.ts';
import { createMaterialsRepository } from './modules/materials/materials.repository.ts';
import { createAgreementsRepository } from './modules/agreements/agreements.repository.ts';
import { agreementsRoutes } from './modules/agreements/agreements.routes.ts';
import { createAgreementsService } from './modules/agreements/agreements.service.ts';
import { createCalendarRepository } from './modules/calendar/calendar.repository.ts';
import { materialsRoutes } from './modules/materials/materials.routes.ts';
import { createMaterialsService } from './modules/materials/materials.service.ts';
import { trainingRoutes } from './modules/training/training.routes.ts';
import { createParticipantReport } from './modules/training/participant-report.ts';
import { participantReportRoutes } from './modules/training/participant-report.routes.ts';
import { createTrainingService } from './modules/training/training.service.ts';
import { trainingTestsRoutes } from './modules/training/training-tests.routes.ts';
import { createTrainingTestsService } from './modules/training/training-tests.service.ts';
import { createPipelineRepository } from './modules/training/pipeline.repository.ts';
import { pipelineRoutes } from './modules/training/pipeline.routes.ts';
import { createPipelineService } from './modules/training/pipeline.service.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { createQuotaDashboardRepository } from './modules/quota-dashboard/quota-dashboard.repository.ts';
import { tableRuleSource } from './modules/quota-dashboard/quota-dashboard-rules.ts';
import { quotaDashboardRoutes } from './modules/quota-dashboard/quota-dashboard.routes.ts';
import { createQuotaDashboardService } from './modules/quota-dashboard/quota-dashboard.service.ts';
import { createQuotaSummaryRepository } from './modules/quota-dashboard/quota-summary.repository.ts';
import { createCertificateVerification } from './modules/training/certificate-lookup.ts';
import { roomCodeRoutes } from './modules/training/room-code.routes.ts';
import { createRoomCodeService } from './modules/training/room-code.service.ts';
import { createSelfCheckInService } from './modules/training/self-check-in.service.ts';
import { createTestTakingService } from './modules/training/test-taking.service.ts';
import { rotatingCodeKey } from './platform/rotating-code.ts';
import { createVerificationRegistry } from './public/verification.ts';
import { commitmentReceiptKey } from './modules/commitment/commitment-access.ts';
import { commitmentRoutes } from './modules/commitment/commitment.routes.ts';
import { createCommitmentVerification } from './modules/commitment/commitment-verification.ts';
import { createCommitmentService } from './modules/commitment/commitment.service.ts';

export interface AppDependencies {
  config: Config;
  db: Db;
  /** Connection string of `db` (DATABASE_URL or the embedded cluster), for raw clients such as COPY. */
  databaseUrl: string;
  keyring: Keyring;
  masterKey: MasterKey;
  mailer: Mailer;
  clock?: Clock;
  /** Folder of the built staff app; defaults to dist/web. */
  webRoot?: string;
  /** The job queue (pg-boss): imports run on it. Without it (tests, CLI) imports run in-process. */
  jobQueue?: JobQueue;
}

export interface ApiRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its declared access rule (tests check each one). */
    apiRoutes: ApiRoute[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the matched route (not the raw URL) is an API route; unmatched requests have no route url. */
const isApiRoute = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/api/v1') === true;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Wires repositories and services; used by the app, the CLI and tests alike. */
export function createServices(deps: Omit<AppDependencies, 'webRoot' | 'masterKey'>) {
  const { config, db, keyring, mailer } = deps;
  const clock = deps.clock ?? systemClock;
  const unitsRepository = createUnitsRepository();
  const usersRepository = createUsersRepository();
  const authRepository = createAuthRepository();
  const unitsService = createUnitsService({
    db,
    units: unitsRepository,
    details: createUnitDetailsRepository(),
    clock,
    levels: config.SETARA_UNIT_LEVELS,
  });
  const authService = createAuthService({
    db,
    auth: authRepository,
    users: usersRepository,
    units: unitsService,
    keyring,
    mailer,
    clock,
    settings: {
      idleMinutes: config.SESSION_IDLE_MINUTES,
      absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      accountFreeFailures: config.LOGIN_ACCOUNT_FREE_FAILURES,
      addressMaxFailures: config.LOGIN_ADDRESS_MAX_FAILURES,
      publicUrl: config.publicUrl,
      rootUnitName: config.SETARA_ROOT_UNIT_NAME,
    },
  });
  const usersService = createUsersService({
    db,
    users: usersRepository,
    units: unitsRepository,
    auth: authRepository,
    notifications: createNotificationsRepository(),
    mailer,
    clock,
    publicUrl: config.publicUrl,
    competencyGate: config.SETARA_COMPETENCY_GATE,
  });
  const auditService = createAuditService({ db });
  const membersRepository = createMembersRepository();
  const membersService = createMembersService({
    db,
    members: membersRepository,
    units: unitsRepository,
    clock,
    levels: config.SETARA_UNIT_LEVELS,
  });
  const bodiesService = createBodiesService({
    db,
    bodies: createBodiesRepository(),
    units: unitsRepository,
    members: membersRepository,
    clock,
  });
  const assembliesService = createAssembliesService({
    db,
    units: unitsRepository,
    members: membersRepository,
    clock,
  });
  const importsService = createImportsService({
    db,
    imports: createImportsRepository(),
    clock,
    levels: config.SETARA_UNIT_LEVELS,
    // COPY needs a raw pg client on the same database the Kysely pool uses.
    connectionString: () => deps.databaseUrl,
    enqueueRun: deps.jobQueue ? (importId) => deps.jobQueue!.enqueueImportRun(importId) : undefined,
  });
  const casesRepository = createCasesRepository(keyring);
  const caseDeadlines = {
    firstContactHours: config.CASE_FIRST_CONTACT_HOURS,
    consentDays: config.CASE_CONSENT_DAYS,
    updateDays: config.CASE_UPDATE_DAYS,
    outcomeDays: config.CASE_OUTCOME_DAYS,
  };
  // Escrow matching ("Lapor bersama") hooks into case creation; its own service answers the rest.
  const escrowService = createEscrowService({
    db,
    cases: casesRepository,
    escrow: createEscrowRepository(),
    units: unitsRepository,
    keyring,
    clock,
    deadlines: caseDeadlines,
    mailer,
    publicUrl: config.publicUrl,
  });
  const caseCoverageService = createCaseCoverageService({
    db,
    coverage: createCaseCoverageRepository(),
    notifications: createNotificationsRepository(),
    mailer,
    clock,
    publicUrl: config.publicUrl,
  });
  const casesService = createCasesService({
    db,
    cases: casesRepository,
    units: unitsRepository,
    keyring,
    clock,
    deadlines: caseDeadlines,
    maxFileBytes: config.CASE_FILE_MAX_MB * 1024 * 1024,
    escrow: escrowService.hooks,
    coverage: caseCoverageService.hooks,
  });
  const caseRetentionService = createCaseRetentionService({
    db,
    retention: createCaseRetentionRepository(),
    cases: casesRepository,
    clock,
    defaults: defaultRetentionPeriods({
      years: config.CASE_RETAIN_YEARS,
      withdrawnYears: config.CASE_RETAIN_WITHDRAWN_YEARS,
      duplicateYears: config.CASE_RETAIN_DUPLICATE_YEARS,
    }),
  });
  const caseStatsService = createCaseStatsService({
    db,
    stats: createCaseStatsRepository(),
    clock,
    settings: {
      firstContactHours: config.CASE_FIRST_CONTACT_HOURS,
      consentDays: config.CASE_CONSENT_DAYS,
      outcomeDays: config.CASE_OUTCOME_DAYS,
    },
  });
  const reminders = createCaseRemindersWiring({ config, db, keyring, mailer, clock, units: unitsRepository });
  const quotaRepository = createQuotaRepository();
  const quotaEvaluator = createQuotaEvaluator({ db, quota: quotaRepository });
  const quotaService = createQuotaService({ db, quota: quotaRepository, evaluator: quotaEvaluator, clock });
  const cadreService = createCadreService({ db, cadre: createCadreRepository(), clock });
  const campaignsService = createCampaignsService({
    db,
    campaigns: createCampaignsRepository(),
    clock,
    maxPhotoBytes: config.CAMPAIGN_PHOTO_MAX_MB * 1024 * 1024,
  });
  const materialsService = createMaterialsService({
    db,
    materials: createMaterialsRepository(),
    clock,
    maxFileBytes: config.MATERIAL_FILE_MAX_MB * 1024 * 1024,
  });
  const agreementsService = createAgreementsService({
    db,
    agreements: createAgreementsRepository(),
    clock,
    maxFileBytes: config.AGREEMENT_FILE_MAX_MB * 1024 * 1024,
    mailer,
    holidays: (handle) => createCalendarRepository().holidaySet(handle),
    publicUrl: config.publicUrl,
  });
  const trainingService = createTrainingService({
    db,
    training: createTrainingRepository(),
    cadre: cadreService,
    evaluator: quotaEvaluator,
    mailer,
    clock,
    publicUrl: config.publicUrl,
    maxPhotoBytes: config.TRAINING_PHOTO_MAX_MB * 1024 * 1024,
  });
  const participantReport = createParticipantReport({ db, clock });
  const trainingTestsService = createTrainingTestsService({
    db,
    training: createTrainingRepository(),
    clock,
  });
  const credentialsService = createCredentialsService({
    db,
    quota: quotaRepository,
    evaluator: quotaEvaluator,
    clock,
  });
  const quotaDashboardService = createQuotaDashboardService({
    db,
    summary: createQuotaSummaryRepository(),
    dashboard: createQuotaDashboardRepository(),
    rules: tableRuleSource(quotaEvaluator),
    clock,
    policy: {
      quietSeconds: config.QUOTA_SUMMARY_QUIET_SECONDS,
      maxWaitSeconds: config.QUOTA_SUMMARY_MAX_WAIT_SECONDS,
      periodMinutes: config.QUOTA_SUMMARY_PERIOD_MINUTES,
    },
    proportionalityKBp: config.QUOTA_PROPORTIONALITY_K_BP,
  });
  const pipelineService = createPipelineService({
    db,
    pipeline: createPipelineRepository(),
    units: createQuotaDashboardRepository(),
    clock,
  });
  const homeService = createHomeService({
    db,
    home: createHomeRepository(),
    coverage: caseCoverageService,
    clock,
  });
  return {
    ...reminders,
    homeService,
    quotaDashboardService,
    casesService,
    caseCoverageService,
    caseRetentionService,
    escrowService,
    caseStatsService,
    authService,
    unitsService,
    usersService,
    auditService,
    membersService,
    bodiesService,
    assembliesService,
    importsService,
    quotaEvaluator,
    quotaService,
    credentialsService,
    trainingService,
    campaignsService,
    materialsService,
    agreementsService,
    participantReport,
    cadreService,
    trainingTestsService,
    pipelineService,
  };
}

/** Builds the Fastify app. Plugins are registered in an explicit order (fastify/demo habit). */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, db } = deps;
  const services = createServices(deps);
  // Self check-in: the room display and the public page derive the same rotating-code key.
  const checkInCodeKey = rotatingCodeKey(deps.masterKey.key);
  const clock = deps.clock ?? systemClock;
  const roomCodeService = createRoomCodeService({
    db,
    codeKey: checkInCodeKey,
    clock,
    publicUrl: config.publicUrl,
  });
  // The Joint Commitment: receipts are compared as an HMAC under a key derived from the master key.
  const commitmentService = createCommitmentService({
    db,
    clock,
    receiptKey: commitmentReceiptKey(deps.masterKey.key),
    maxPhotoBytes: config.COMMITMENT_PHOTO_MAX_MB * 1024 * 1024,
  });
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    genReqId: () => randomUUID(),
    // X-Forwarded-* only from the configured proxy addresses (proxy-addr walks the header from the
    // right and stops at the first untrusted hop), never from whoever writes the header.
    trustProxy: config.SETARA_TRUSTED_PROXIES,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // 1. Every /api route must say how it is guarded; a route without a declaration fails start-up.
  const routeTable: ApiRoute[] = [];
  app.decorate('apiRoutes', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (access === undefined)
      throw new Error(`Route ${[route.method].flat().join(',')} ${route.url} declares no access rule`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
  });

  // 2. Compression (brotli, else gzip) of answers above 1 KB, for phones on weak mobile data. Brotli at
  // quality 4: nearly gzip's speed with a smaller result. Built assets are served pre-compressed (step 10).
  // Answers that carry a secret beside text the sender chose (the public POST pages: a receipt or a token
  // next to the reporter's own answers; the CSRF token) are sent uncompressed, so their length cannot be
  // used to guess the secret (BREACH); docs/features/reporting.md.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });

  // 3. Security headers (DESIGN: strict CSP without inline script, no framing, no referrer).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.SETARA_BEHIND_TLS_PROXY ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.SETARA_BEHIND_TLS_PROXY
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  });

  // 4. Cookies (signing secret derived from the master key, so every instance agrees), forms, CSRF.
  const cookieSecret = createHmac('sha256', deps.masterKey.key).update('setara-cookie-secret').digest('hex');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    cookieKey: 'setara_csrf',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: config.SETARA_BEHIND_TLS_PROXY,
    },
  });

  // 5. Session and language on every request; access rule, then CSRF, before each handler.
  app.decorateRequest('session', null);
  app.decorateRequest('language', 'id');
  // Decisions use the route the router matched (`routeOptions.url`, the declared pattern), never the raw
  // URL: `/%61pi/v1/…` reaches the same handler as `/api/v1/…` but does not start with that string.
  app.addHook('onRequest', async (request) => {
    request.language = languageFromHeader(request.headers['accept-language']);
    if (isApiRoute(request)) {
      request.session = await services.authService.resolveSession(request.cookies[SESSION_COOKIE]);
      request.language = requestLanguage(request);
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    await enforceRouteAccess(request);
    // CSRF on every unsafe request, whatever its path, except the public pages, whose forms carry
    // their own signed tokens (server/public/tokens.ts) because they set no cookie.
    // (A request no route matched reaches only the not-found answer.)
    if (
      !SAFE_METHODS.has(request.method) &&
      request.routeOptions.url !== undefined &&
      request.routeOptions.config.csrf !== 'form-token'
    ) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
  });

  registerErrorHandling(app);

  // 6. OpenAPI from the zod schemas.
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Setara API',
        version: '0.1.0',
        description: 'REST API of Setara. Errors are problem+json with a stable `code`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: false },
  });

  // 7. Operations.
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      if (await hasPendingMigrations(db)) return reply.status(503).send({ status: 'migrations_pending' });
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });

  // 8. API modules.
  await app.register(
    async (api) => {
      await api.register(authRoutes, {
        authService: services.authService,
        secureCookies: config.SETARA_BEHIND_TLS_PROXY,
        absoluteHours: config.SESSION_ABSOLUTE_HOURS,
        proposeFirstCoordinator: (adminId, coordinator, requestId) =>
          services.usersService.proposeFirstCoordinator(adminId, coordinator, requestId),
      });
      await api.register(unitsRoutes, { unitsService: services.unitsService });
      await api.register(usersRoutes, { usersService: services.usersService });
      await api.register(auditRoutes, { auditService: services.auditService });
      await api.register(membersRoutes, { membersService: services.membersService });
      await api.register(bodiesRoutes, { bodiesService: services.bodiesService });
      await api.register(assembliesRoutes, { assembliesService: services.assembliesService });
      await api.register(trainingRoutes, {
        trainingService: services.trainingService,
        maxPhotoBytes: config.TRAINING_PHOTO_MAX_MB * 1024 * 1024,
      });
      await api.register(campaignsRoutes, {
        campaignsService: services.campaignsService,
        maxPhotoBytes: config.CAMPAIGN_PHOTO_MAX_MB * 1024 * 1024,
      });
      await api.register(materialsRoutes, {
        materialsService: services.materialsService,
        maxFileBytes: config.MATERIAL_FILE_MAX_MB * 1024 * 1024,
      });
      await api.register(agreementsRoutes, {
        agreementsService: services.agreementsService,
        maxFileBytes: config.AGREEMENT_FILE_MAX_MB * 1024 * 1024,
      });
      await api.register(participantReportRoutes, { participantReport: services.participantReport });
      await api.register(cadreRoutes, { cadreService: services.cadreService });
      await api.register(trainingTestsRoutes, { trainingTestsService: services.trainingTestsService });
      await api.register(pipelineRoutes, { pipelineService: services.pipelineService });
      await api.register(importsRoutes, {
        importsService: services.importsService,
        maxMegabytes: config.IMPORT_MAX_MB,
      });
      await api.register(quotaDashboardRoutes, {
        quotaDashboardService: services.quotaDashboardService,
        clock: deps.clock ?? systemClock,
      });
      await api.register(casesRoutes, {
        casesService: services.casesService,
        maxFileBytes: config.CASE_FILE_MAX_MB * 1024 * 1024,
      });
      await api.register(caseRetentionRoutes, { caseRetentionService: services.caseRetentionService });
      await api.register(escrowRoutes, { escrowService: services.escrowService });
      await api.register(caseStatsRoutes, { caseStatsService: services.caseStatsService });
      await api.register(caseCheckinsRoutes, { checkinsService: services.caseCheckinsService });
      await api.register(notificationsRoutes, { notificationsService: services.notificationsService });
      await api.register(homeRoutes, { homeService: services.homeService });
      await api.register(calendarRoutes, { calendarService: services.calendarService });
      await api.register(quotaRoutes, { quotaService: services.quotaService });
      await api.register(credentialsRoutes, { credentialsService: services.credentialsService });
      await api.register(roomCodeRoutes, { roomCodeService });
      await api.register(commitmentRoutes, {
        commitmentService,
        maxPhotoBytes: config.COMMITMENT_PHOTO_MAX_MB * 1024 * 1024,
      });
    },
    { prefix: '/api/v1' },
  );

  // 9. The public reporting pages (server-rendered, no JavaScript needed, no cookies).
  await app.register(publicRoutes, {
    casesService: services.casesService,
    escrowService: services.escrowService,
    reportingChannel: services.caseCoverageService,
    masterKey: deps.masterKey,
    db,
    clock: deps.clock,
    selfCheckIn: createSelfCheckInService({ db, codeKey: checkInCodeKey, clock }),
    testTaking: createTestTakingService({ db, clock }),
    // Each module with publicly verifiable codes registers its kind here (Joint Commitment: issue 13).
    verification: createVerificationRegistry([
      createCertificateVerification(db),
      createCommitmentVerification(db),
    ]),
    commitment: commitmentService,
    materials: services.materialsService,
  });

  // 10. The staff app (built SPA), with index.html for client-side routes.
  const webRoot = deps.webRoot ?? path.join(repoRoot, 'dist', 'web');
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset (scripts/compress-assets.mjs).
      preCompressed: true,
      // Our own cache header below; the library's default (max-age=0) would replace it.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // HEAD too: an uptime monitor asks for a page's headers and must not be told the app is gone.
    const isPageRequest =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0] ?? '');
    if (isPageRequest && hasWeb) {
      void reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send(problem('route_not_found', request.language, { requestId: request.id }));
  });

  return app;
}
