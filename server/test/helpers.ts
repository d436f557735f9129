import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, createServices } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Clock } from '../platform/context.ts';
import { createKeyring, generateMasterKey, type MasterKey } from '../platform/crypto.ts';
import type { Db } from '../platform/database.ts';
import { createMailer, type Mailer } from '../platform/mail.ts';
import { hashPassword } from '../platform/passwords.ts';
import { generateTotpCode } from '../platform/totp.ts';
import type { Role } from '../../shared/roles.ts';

export const TEST_PASSWORD = 'Tahan-Lama-Kuat-2026!';

export function testConfig(url: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    SETARA_JOBS: 'false',
    SETARA_DATA_DIR: '.tmp/test-data',
    ...overrides,
  });
}

/** A clock the test moves by hand, for expiries and delays. */
export function testClock(
  start = new Date('2026-11-22T08:00:00Z'),
): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (date) => {
      now = date.getTime();
    },
  };
}

export interface TestContext {
  config: Config;
  db: Db;
  databaseUrl: string;
  masterKey: MasterKey;
  mailer: Mailer;
  clock: ReturnType<typeof testClock>;
  services: ReturnType<typeof createServices>;
}

export function createTestContext(
  db: Db,
  url: string,
  options: { clock?: ReturnType<typeof testClock>; env?: Record<string, string> } = {},
): TestContext {
  const config = testConfig(url, options.env);
  const masterKey = generateMasterKey();
  const keyring = createKeyring(db, masterKey);
  const mailer = createMailer(db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const clock = options.clock ?? testClock();
  return {
    config,
    db,
    databaseUrl: url,
    masterKey,
    mailer,
    clock,
    services: createServices({ config, db, databaseUrl: url, keyring, mailer, clock }),
  };
}

export async function createTestApp(
  ctx: TestContext,
  options: { beforeReady?: (app: FastifyInstance) => void; webRoot?: string } = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    config: ctx.config,
    db: ctx.db,
    databaseUrl: ctx.databaseUrl,
    keyring: createKeyring(ctx.db, ctx.masterKey),
    masterKey: ctx.masterKey,
    mailer: ctx.mailer,
    clock: ctx.clock,
    webRoot: options.webRoot ?? '/nonexistent',
  });
  options.beforeReady?.(app);
  await app.ready();
  return app;
}

export interface Tree {
  root: number;
  dpdA: number;
  dpcA1: number;
  pspA1x: number;
  dpdB: number;
  dpcB1: number;
}

/** DPP → {DPD Jawa Barat → DPC Bogor → PSP Garmen, DPD Banten → DPC Serang}. */
export async function seedTree(ctx: TestContext): Promise<Tree> {
  const root = await ctx.services.unitsService.ensureRootUnit('DPP SPN');
  const insert = async (parentId: number, name: string, code: string, level: string) => {
    const parent = await ctx.db
      .selectFrom('units')
      .select(['path', 'depth'])
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow();
    const { id } = await ctx.db
      .insertInto('units')
      .values({ parent_id: parentId, path: `tmp-${code}`, depth: parent.depth + 1, name, code, level })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('units')
      .set({ path: `${parent.path}${id}/` })
      .where('id', '=', id)
      .execute();
    return id;
  };
  const dpdA = await insert(root.id, 'DPD Jawa Barat', 'DPD-32', 'DPD');
  const dpcA1 = await insert(dpdA, 'DPC Kabupaten Bogor', 'DPC-3201', 'DPC');
  const pspA1x = await insert(dpcA1, 'PSP PT Garmen Sejahtera', 'PSP-3201-001', 'PSP');
  const dpdB = await insert(root.id, 'DPD Banten', 'DPD-36', 'DPD');
  const dpcB1 = await insert(dpdB, 'DPC Kota Serang', 'DPC-3673', 'DPC');
  return { root: root.id, dpdA, dpcA1, pspA1x, dpdB, dpcB1 };
}

let passwordHash: Promise<string> | undefined;

/** Inserts an account with grants directly (factories skip the service to keep tests fast). */
export async function createUser(
  ctx: TestContext,
  options: {
    email: string;
    homeUnitId: number;
    grants?: { role: Role; unitId: number }[];
    language?: 'id' | 'en';
  },
): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const { id } = await ctx.db
    .insertInto('users')
    .values({
      email: options.email,
      display_name: options.email.split('@')[0] ?? 'user',
      language: options.language ?? 'id',
      home_unit_id: options.homeUnitId,
      password_hash: await passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const grant of options.grants ?? []) {
    await ctx.db
      .insertInto('role_grants')
      .values({ user_id: id, role: grant.role, unit_id: grant.unitId, granted_by: null })
      .execute();
  }
  return id;
}

/** A browser-like client for inject(): keeps cookies and sends the CSRF header on unsafe methods. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf?: string;
  constructor(
    private readonly app: FastifyInstance,
    private readonly language = 'id',
  ) {}

  private absorb(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async ensureCsrf(): Promise<string> {
    if (!this.csrf) {
      const response = await this.app.inject({
        method: 'GET',
        url: '/api/v1/csrf',
        headers: { cookie: this.cookieHeader() },
      });
      this.absorb(response);
      this.csrf = (response.json() as { token: string }).token;
    }
    return this.csrf;
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), 'accept-language': this.language };
    if (method !== 'GET' && options.csrf !== false) headers['x-csrf-token'] = await this.ensureCsrf();
    headers.cookie = this.cookieHeader();
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    this.absorb(response);
    return response;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  async login(email: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/v1/auth/login', { email, password });
  }
}

/** Inserts a member at a unit with one history row (factories skip the service to keep tests fast). */
export async function createMember(
  ctx: TestContext,
  options: {
    number: string;
    name: string;
    unitId: number;
    sex?: 'L' | 'P' | null;
    status?: string;
    validFrom?: string;
  },
): Promise<string> {
  const { id } = await ctx.db
    .insertInto('members')
    .values({
      member_number: options.number,
      full_name: options.name,
      sex: options.sex === undefined ? 'P' : options.sex,
      gender_self: null,
      birth_year: 1990,
      phone: '0812000000',
      email: null,
      home_unit_id: options.unitId,
      employer: null,
      job_title: null,
      joined_on: options.validFrom ?? '2020-01-01',
      status: options.status ?? 'aktif',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('member_status_history')
    .values({
      member_id: id,
      status: options.status ?? 'aktif',
      unit_id: options.unitId,
      valid_from: options.validFrom ?? '2020-01-01',
      reason: null,
      recorded_by: null,
    })
    .execute();
  return id;
}

/** A member at the PSP, a board with a Sekretaris at DPC Bogor holding her, a Kongres with a delegate. */
export async function seedOrganisation(ctx: TestContext, tree: Tree) {
  const memberId = await createMember(ctx, { number: 'SPN-0001', name: 'Siti Rahayu', unitId: tree.pspA1x });
  const { id: bodyId } = await ctx.db
    .insertInto('bodies')
    .values({ unit_id: tree.dpcA1, kind: 'executive', name: 'Pengurus DPC', statutory_seats: 7 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: positionId } = await ctx.db
    .insertInto('positions')
    .values({ body_id: bodyId, title: 'Sekretaris', category: 'administrative', seats: 1, sort_order: 3 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: appointmentId } = await ctx.db
    .insertInto('appointments')
    .values({
      position_id: positionId,
      member_id: memberId,
      term_start: '2025-01-01',
      term_end: null,
      basis: 'elected',
      decree_number: 'SK/001/DPC/2025',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: assemblyId } = await ctx.db
    .insertInto('assemblies')
    .values({
      unit_id: tree.root,
      kind: 'kongres',
      name: 'Kongres VI',
      starts_on: '2026-06-01',
      ends_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: allocationId } = await ctx.db
    .insertInto('delegation_allocations')
    .values({ assembly_id: assemblyId, unit_id: tree.dpdA, category: 'executive', seats: 3 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: delegateId } = await ctx.db
    .insertInto('delegates')
    .values({ allocation_id: allocationId, member_id: memberId, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    memberId,
    bodyId,
    positionId,
    appointmentId: String(appointmentId),
    assemblyId,
    allocationId,
    delegateId: String(delegateId),
  };
}

/**
 * A training program at the root with one class (a seat for DPD Jawa Barat in the call), one session,
 * one accepted participant and a certificate, for route tables and access tests. Rows are written
 * directly; the service's rules are tested in the training module.
 */
export async function seedTraining(ctx: TestContext, tree: Tree, memberId: string) {
  const { id: programId } = await ctx.db
    .insertInto('training_programs')
    .values({
      unit_id: tree.root,
      name: 'Capacity Building SPN–KSPI',
      starts_on: '2025-12-16',
      ends_on: '2025-12-18',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: classId } = await ctx.db
    .insertInto('training_classes')
    .values({
      program_id: programId,
      track: 'media',
      level: 'dasar',
      title: 'Kelas Media',
      seats: 20,
      women_only: false,
      starts_on: '2025-12-16',
      ends_on: '2025-12-18',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('training_seat_allocations')
    .values({ class_id: classId, unit_id: tree.dpdA, seats: 4 })
    .execute();
  const { id: sessionId } = await ctx.db
    .insertInto('training_sessions')
    .values({ class_id: classId, starts_at: '2025-12-16T01:00:00Z', ends_at: '2025-12-16T05:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: participantId } = await ctx.db
    .insertInto('training_participants')
    .values({
      class_id: classId,
      member_id: memberId,
      nominating_unit_id: tree.dpdA,
      status: 'completed',
      enrolment_code: 'ABCDEFG0',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const certificateCode = '0123456789AB';
  await ctx.db
    .insertInto('training_certificates')
    .values({ code: certificateCode, participant_id: participantId })
    .execute();
  return { programId, classId, sessionId, participantId: String(participantId), certificateCode };
}

/**
 * Signs in an account that holds a case role: password, then TOTP enrolment (start + confirm), which
 * leaves a full session. Each account can do this once per test clock step (TOTP codes are single use).
 */
export async function signInCaseWorker(
  app: FastifyInstance,
  ctx: TestContext,
  email: string,
): Promise<TestClient> {
  const client = new TestClient(app);
  await client.login(email);
  const { secret } = (await client.post('/api/v1/me/totp/start')).json() as { secret: string };
  const confirmed = await client.post('/api/v1/me/totp/confirm', {
    code: generateTotpCode(secret, ctx.clock.now()),
  });
  if (confirmed.statusCode !== 200) throw new Error(`TOTP enrolment failed for ${email}: ${confirmed.body}`);
  return client;
}
