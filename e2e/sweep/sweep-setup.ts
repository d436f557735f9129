import { execFileSync, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request, type APIRequestContext } from '@playwright/test';
import { sixteenDaysOf } from '../../shared/campaign-taxonomies.ts';
import { roles, type Role } from '../../shared/roles.ts';
import { createDatabase, dropDatabase, startServer } from '../server.ts';
import { repoRoot } from '../state.ts';
import { totpCode } from '../support.ts';
import { sweepDir, sweepStateFile, type SweepState } from './sweep-state.ts';

type ApiCall = <T>(method: string, url: string, data?: unknown) => Promise<T>;

/** The account lines `npm run demo` prints: role, unit, e-mail, password. */
const accountLine = /^\s+([a-z_]+)\s+(.+?)\s+(demo\.\S+@setara\.test)\s+(\S+)\s*$/gm;

/**
 * One server on one demo database for the whole sweep: `npm run demo` loads the synthetic union into a
 * fresh database (before the server starts, as the demo requires), then every demo role signs in once
 * (case roles enrol TOTP as at a first sign-in) and its session is kept for the sweep's browser contexts.
 */
export default async function sweepSetup(): Promise<void> {
  const adminDatabaseUrl = process.env.DATABASE_URL;
  if (!adminDatabaseUrl) throw new Error('The page sweep needs DATABASE_URL, a PostgreSQL server URL');
  execSync('npx vite build --logLevel warn', { cwd: repoRoot, stdio: 'inherit' });

  mkdirSync(sweepDir, { recursive: true });
  const databaseName = `setara_sweep_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await createDatabase(adminDatabaseUrl, databaseName);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-sweep-'));
  const env = { ...process.env, DATABASE_URL: databaseUrl, SETARA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  let demoOutput: string;
  try {
    demoOutput = execFileSync(process.execPath, ['--import', 'tsx', 'server/demo/run.ts'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    await dropDatabase(adminDatabaseUrl, databaseName);
    throw error;
  }
  const accounts = new Map<Role, { email: string; password: string }>();
  for (const match of demoOutput.matchAll(accountLine)) {
    const role = match[1] as Role;
    if (roles.includes(role) && !accounts.has(role) && match[3] && match[4])
      accounts.set(role, { email: match[3], password: match[4] });
  }
  const missing = roles.filter((role) => !accounts.has(role));
  if (missing.length > 0) throw new Error(`npm run demo printed no account for ${missing.join(', ')}`);

  const server = await startServer({
    databaseUrl,
    dataDir,
    logFile: path.join(sweepDir, 'server.log'),
    waitFor: /Setara is ready on/,
    timeoutMs: 90_000,
    env: { LOG_LEVEL: 'warn' },
  });

  const storage: Partial<Record<Role, string>> = {};
  const calls = new Map<Role, ApiCall>();
  const contexts: APIRequestContext[] = [];
  for (const [role, account] of accounts) {
    const api = await request.newContext({ baseURL: server.baseURL });
    contexts.push(api);
    const call: ApiCall = async <T>(method: string, url: string, data?: unknown): Promise<T> => {
      const csrf = (await (await api.get('/api/v1/csrf')).json()) as { token: string };
      const response = await api.fetch(`/api/v1${url}`, {
        method,
        data,
        headers: { 'x-csrf-token': csrf.token },
      });
      if (!response.ok())
        throw new Error(`${role}: ${method} ${url} answered ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    };
    calls.set(role, call);
    const login = await call<{ stage: string }>('POST', '/auth/login', account);
    if (login.stage === 'enrol') {
      const { secret } = await call<{ secret: string }>('POST', '/me/totp/start');
      await call('POST', '/me/totp/confirm', { code: totpCode(secret) });
    } else if (login.stage !== 'full') {
      throw new Error(`${role}: unexpected sign-in stage ${login.stage}`);
    }
    const file = path.join(sweepDir, `${role}.json`);
    await api.storageState({ path: file });
    storage[role] = file;
  }
  const certificates = await seedTraining(calls, accounts);
  await seedCampaigns(calls);
  await seedCommitment(calls);
  for (const api of contexts) await api.dispose();

  const state: SweepState = {
    baseURL: server.baseURL,
    serverPid: server.process.pid ?? 0,
    adminDatabaseUrl,
    databaseName,
    dataDir,
    storage,
    certificates,
  };
  writeFileSync(sweepStateFile, JSON.stringify(state, null, 2));
}

interface ClassDetailSlice {
  id: number;
  sessions: { id: number }[];
  participants: { id: string; certificate: { code: string; state: string } | null }[];
}

/**
 * Training records the demo lacks, made through the API as the staff app would: a program of today with a
 * mixed class, seats for one DPD, a session running now (so the room display shows an open check-in
 * window), an accepted participant, and the demo trainer assigned to it, so the trainer's sweep reaches the
 * class, attendance and room pages like any organiser's. Answers a valid and a revoked certificate code of
 * the demo's Capacity Building for the public verification pages.
 */
async function seedTraining(
  calls: Map<Role, ApiCall>,
  accounts: Map<Role, { email: string; password: string }>,
): Promise<SweepState['certificates']> {
  const organiser = calls.get('gender_officer');
  const nominator = calls.get('org_admin');
  const trainer = accounts.get('trainer');
  if (!organiser || !nominator || !trainer)
    throw new Error('the sweep needs a gender officer, org admin, trainer');
  const top = await organiser<{ items: { id: number; parentId: number | null }[] }>('GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0];
  if (!root) throw new Error('the gender officer sees no unit');
  const children = await organiser<{ items: { id: number; level: string }[] }>(
    'GET',
    `/units?parentId=${root.id}`,
  );
  const dpd = children.items.find((unit) => unit.level === 'DPD');
  if (!dpd) throw new Error('the demo has no DPD below the top unit');

  const today = new Date().toISOString().slice(0, 10);
  const program = await organiser<{ id: number }>('POST', '/training/programs', {
    unitId: root.id,
    name: 'Pelatihan Sapuan Halaman',
    partners: ['KSPI'],
    venue: 'Sekretariat DPP',
    startsOn: today,
    endsOn: today,
  });
  const created = await organiser<{ id: number }>('POST', `/training/programs/${program.id}/classes`, {
    track: 'laskar',
    level: 'dasar',
    title: 'Kelas Laskar Sapuan',
    seats: 4,
    startsOn: today,
    endsOn: today,
  });
  await organiser('PUT', `/training/classes/${created.id}/allocations`, { unitId: dpd.id, seats: 4 });
  const now = Date.now();
  await organiser('POST', `/training/classes/${created.id}/sessions`, {
    title: 'Sesi pembuka',
    startsAt: new Date(now - 10 * 60_000).toISOString(),
    endsAt: new Date(now + 4 * 3600_000).toISOString(),
    venue: 'Sekretariat DPP',
  });
  await organiser('POST', `/training/classes/${created.id}/trainers`, { email: trainer.email });
  // Pre/post tests: two items and the pre-test open, so the class's tests page shows its sections.
  for (const stemId of ['Berapa kuota perempuan dalam kepengurusan?', 'Apa kepanjangan PSP?'])
    await organiser('POST', `/training/classes/${created.id}/tests/items`, {
      stemId,
      options: [{ id: '30%' }, { id: '10%' }],
      correct: 0,
    });
  await organiser('PUT', `/training/classes/${created.id}/tests/settings`, { openPhase: 'pre' });
  const members = await nominator<{ items: { id: string }[] }>(
    'GET',
    `/members?unitId=${dpd.id}&sex=P&status=aktif&limit=1`,
  );
  const member = members.items[0];
  if (!member) throw new Error('no active woman member in the demo DPD');
  const nominated = await nominator<ClassDetailSlice>('POST', `/training/classes/${created.id}/nominations`, {
    memberId: member.id,
  });
  const participant =
    nominated.participants[0] ??
    (await organiser<ClassDetailSlice>('GET', `/training/classes/${created.id}`)).participants[0];
  if (!participant) throw new Error('the nomination made no participant');
  await organiser('POST', `/training/participants/${participant.id}/decision`, { status: 'accepted' });

  // Certificates of the demo's Capacity Building, for /verifikasi/<code>.
  const programs = await organiser<{ items: { id: number; name: string }[] }>('GET', '/training/programs');
  const found: SweepState['certificates'] = { valid: '', revoked: '' };
  for (const item of programs.items) {
    const detail = await organiser<{ classes: { id: number }[] }>('GET', `/training/programs/${item.id}`);
    for (const summary of detail.classes) {
      const row = await organiser<ClassDetailSlice>('GET', `/training/classes/${summary.id}`);
      for (const { certificate } of row.participants) {
        if (certificate?.state === 'valid' && !found.valid) found.valid = certificate.code;
        if (certificate?.state === 'revoked' && !found.revoked) found.revoked = certificate.code;
      }
    }
  }
  if (!found.valid || !found.revoked) throw new Error('the demo has no valid and revoked certificate');
  // Cadre stages (/cadre): judge the demo's graduates so the proposals queue has rows to show.
  await organiser('POST', '/cadre/proposals/refresh', { unitId: root.id });
  return found;
}

/**
 * A campaign the demo lacks, made through the API as the staff app would: the national 16 Days campaign
 * from the template, with a tally activity at a DPD and a roll-call one, so the gender officer's sweep
 * reaches the campaign and activity pages (with the reach chart).
 */
async function seedCampaigns(calls: Map<Role, ApiCall>): Promise<void> {
  const officer = calls.get('gender_officer');
  if (!officer) throw new Error('the sweep needs a gender officer');
  const top = await officer<{ items: { id: number; parentId: number | null }[] }>('GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0];
  if (!root) throw new Error('the gender officer sees no unit');
  const children = await officer<{ items: { id: number; level: string }[] }>(
    'GET',
    `/units?parentId=${root.id}`,
  );
  const dpd = children.items.find((unit) => unit.level === 'DPD') ?? root;
  const year = new Date().getFullYear();
  const template = sixteenDaysOf(year);
  const campaign = await officer<{ id: number }>('POST', '/campaigns', {
    ownerUnitId: root.id,
    title: `16 Hari Anti Kekerasan ${year}`,
    theme: 'Tempat kerja bebas kekerasan dan pelecehan',
    template: 'sixteen_days',
    startsOn: template.startsOn,
    endsOn: template.endsOn,
    goalWomen: 5000,
    goalMen: 2000,
    goalUnits: 7,
    days: template.days.map((day) => ({ date: day.date, theme: day.theme.id })),
  });
  await officer('POST', `/campaigns/${campaign.id}/status`, { status: 'active' });
  const tally = await officer<{ id: number }>('POST', `/campaigns/${campaign.id}/activities`, {
    kind: 'workplace_socialisation',
    hostUnitId: dpd.id,
    heldOn: template.startsOn,
    title: 'Sosialisasi anti-kekerasan di tempat kerja',
    materials: 'Leaflet Konvensi ILO 190',
    facilitators: [{ name: 'Rina Marlina', organisation: 'LBH Bandung' }],
  });
  await officer('PUT', `/campaign-activities/${tally.id}/tally`, { women: 22, men: 98, unknown: 3 });
  await officer('POST', `/campaigns/${campaign.id}/activities`, {
    kind: 'workshop',
    hostUnitId: dpd.id,
    heldOn: template.endsOn,
    title: 'Lokakarya Satgas PPKS',
    reachMode: 'named',
  });
}

/**
 * Joint Commitment records for its staff pages: version 1, its adoptions and member signatures come with
 * the demo; a person outside the membership, entered by the gender officer, gives the signatures
 * list a staff-entered row.
 */
async function seedCommitment(calls: Map<Role, ApiCall>): Promise<void> {
  const officer = calls.get('gender_officer');
  if (!officer) throw new Error('the sweep needs a gender officer');
  const top = await officer<{ items: { id: number; parentId: number | null; level: string }[] }>(
    'GET',
    '/units',
  );
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0];
  if (!root) throw new Error('the gender officer sees no unit');
  const today = new Date().toISOString().slice(0, 10);
  await officer('POST', '/commitment/signatures', {
    kind: 'person',
    name: 'Tamu Lokakarya',
    organisation: 'KSPI',
    sex: 'P',
    unitId: root.id,
    signedOn: today,
  });
}
