import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, type Action } from './platform/access.ts';
import type { RouteAccess } from './platform/http.ts';
import { generateTotpCode } from './platform/totp.ts';
import { createTestDatabase, type TestDatabase } from './test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedOrganisation,
  seedTraining,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from './test/helpers.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let targetUserId: string;
/** Ids of organisation records seeded for the route table. */
const org = {
  memberId: '',
  bodyId: 0,
  positionId: 0,
  appointmentId: '',
  assemblyId: 0,
  allocationId: 0,
  delegateId: '',
};
/** Ids of training records seeded for the route table. */
const training = { programId: 0, classId: 0, sessionId: 0, participantId: '', certificateCode: '' };
const anyTraining = ['training.organise', 'training.nominate', 'training.manage'] as const;
const runClass = ['training.organise', 'training.manage'] as const;
/** A route's guard as the list of actions it accepts (empty for the non-action guards). */
const actionsOf = (access: RouteAccess): readonly string[] =>
  typeof access !== 'string'
    ? access
    : ['public', 'session', 'mfa', 'enrolment', 'authenticated'].includes(access)
      ? []
      : [access];
const guardKind = (access: RouteAccess): string => (typeof access === 'string' ? access : 'actions');

/** Every API route, its expected guard, and a request that reaches it. Written out by hand on purpose. */
const routes: {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  access: RouteAccess;
  path: () => string;
  body?: () => unknown;
}[] = [
  { method: 'GET', url: '/api/v1/csrf', access: 'public', path: () => '/api/v1/csrf' },
  { method: 'GET', url: '/api/v1/session', access: 'public', path: () => '/api/v1/session' },
  {
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    path: () => '/api/v1/auth/login',
    body: () => ({ email: 'x@y.test', password: 'whatever-long' }),
  },
  {
    method: 'POST',
    url: '/api/v1/auth/totp',
    access: 'mfa',
    path: () => '/api/v1/auth/totp',
    body: () => ({ code: '123456' }),
  },
  { method: 'POST', url: '/api/v1/auth/logout', access: 'session', path: () => '/api/v1/auth/logout' },
  {
    method: 'POST',
    url: '/api/v1/auth/logout-all',
    access: 'enrolment',
    path: () => '/api/v1/auth/logout-all',
  },
  {
    method: 'POST',
    url: '/api/v1/auth/password',
    access: 'enrolment',
    path: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: 'wrong-wrong-1', newPassword: 'Another-Good-One-1' }),
  },
  {
    method: 'POST',
    url: '/api/v1/auth/reset',
    access: 'public',
    path: () => '/api/v1/auth/reset',
    body: () => ({ token: 'x'.repeat(43), newPassword: 'Another-Good-One-1' }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/me',
    access: 'enrolment',
    path: () => '/api/v1/me',
    body: () => ({ language: 'en' }),
  },
  { method: 'POST', url: '/api/v1/me/totp/start', access: 'enrolment', path: () => '/api/v1/me/totp/start' },
  {
    method: 'POST',
    url: '/api/v1/me/totp/confirm',
    access: 'enrolment',
    path: () => '/api/v1/me/totp/confirm',
    body: () => ({ code: '000000' }),
  },
  {
    method: 'POST',
    url: '/api/v1/me/totp/disable',
    access: 'authenticated',
    path: () => '/api/v1/me/totp/disable',
    body: () => ({ password: 'wrong-wrong-1' }),
  },
  { method: 'GET', url: '/api/v1/setup/status', access: 'public', path: () => '/api/v1/setup/status' },
  {
    method: 'POST',
    url: '/api/v1/setup',
    access: 'public',
    path: () => '/api/v1/setup',
    body: () => ({
      token: 'x'.repeat(43),
      email: 'a@b.test',
      displayName: 'A',
      password: 'Another-Good-One-1',
    }),
  },
  { method: 'GET', url: '/api/v1/units/levels', access: 'unit.read', path: () => '/api/v1/units/levels' },
  { method: 'GET', url: '/api/v1/units', access: 'unit.read', path: () => '/api/v1/units' },
  { method: 'GET', url: '/api/v1/units/:id', access: 'unit.read', path: () => `/api/v1/units/${tree.dpdA}` },
  {
    method: 'POST',
    url: '/api/v1/units',
    access: 'unit.manage',
    path: () => '/api/v1/units',
    body: () => ({
      parentId: tree.dpdA,
      name: 'DPC Baru',
      code: `DPC-${Math.random().toString(36).slice(2, 8)}`,
      level: 'DPC',
    }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/units/:id',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpcB1}`,
    body: () => ({ name: 'DPC Kota Serang' }),
  },
  {
    method: 'POST',
    url: '/api/v1/units/:id/move',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpcB1}/move`,
    body: () => ({ parentId: tree.dpdB }),
  },
  {
    method: 'POST',
    url: '/api/v1/units/:id/deactivate',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpcB1}/deactivate`,
  },
  {
    method: 'POST',
    url: '/api/v1/units/:id/reactivate',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpcB1}/reactivate`,
  },
  { method: 'GET', url: '/api/v1/users', access: 'user.manage', path: () => '/api/v1/users' },
  {
    method: 'POST',
    url: '/api/v1/users',
    access: 'user.manage',
    path: () => '/api/v1/users',
    body: () => ({
      email: `new${Math.random().toString(36).slice(2, 8)}@spn.test`,
      displayName: 'Baru',
      homeUnitId: tree.dpdA,
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/users/:id',
    access: 'user.manage',
    path: () => `/api/v1/users/${targetUserId}`,
  },
  {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    access: 'user.manage',
    path: () => `/api/v1/users/${targetUserId}`,
    body: () => ({ displayName: 'Nama' }),
  },
  {
    method: 'POST',
    url: '/api/v1/users/:id/reset-password',
    access: 'user.manage',
    path: () => `/api/v1/users/${targetUserId}/reset-password`,
  },
  {
    method: 'POST',
    url: '/api/v1/users/:id/grants',
    access: 'role.grant',
    path: () => `/api/v1/users/${targetUserId}/grants`,
    body: () => ({ role: 'viewer', unitId: tree.dpdA }),
  },
  {
    method: 'DELETE',
    url: '/api/v1/users/:id/grants/:grantId',
    access: 'role.grant',
    path: () => `/api/v1/users/${targetUserId}/grants/00000000-0000-4000-8000-000000000000`,
  },
  {
    method: 'GET',
    url: '/api/v1/role-confirmations',
    access: ['role.grant', 'case.intake'],
    path: () => '/api/v1/role-confirmations',
  },
  {
    method: 'POST',
    url: '/api/v1/role-confirmations/:id/confirm',
    access: ['role.grant', 'case.intake'],
    path: () => '/api/v1/role-confirmations/00000000-0000-4000-8000-000000000000/confirm',
  },
  {
    method: 'DELETE',
    url: '/api/v1/role-confirmations/:id',
    access: ['role.grant', 'case.intake'],
    path: () => '/api/v1/role-confirmations/00000000-0000-4000-8000-000000000000',
  },
  { method: 'GET', url: '/api/v1/audit', access: 'audit.read', path: () => '/api/v1/audit' },
  { method: 'GET', url: '/api/v1/outbox', access: 'outbox.read', path: () => '/api/v1/outbox' },
  {
    method: 'GET',
    url: '/api/v1/units/:id/details',
    access: 'unit.read',
    path: () => `/api/v1/units/${tree.dpdA}/details`,
  },
  {
    method: 'PATCH',
    url: '/api/v1/units/:id/details',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpdA}/details`,
    body: () => ({ regionCode: '32' }),
  },
  {
    method: 'POST',
    url: '/api/v1/units/:id/merge',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpcB1}/merge`,
    body: () => ({ targetId: tree.dpcA1, effectiveOn: '2026-01-01' }),
  },
  {
    method: 'GET',
    url: '/api/v1/units/:id/history',
    access: 'unit.read',
    path: () => `/api/v1/units/${tree.dpdA}/history`,
  },
  { method: 'GET', url: '/api/v1/regions', access: 'unit.read', path: () => '/api/v1/regions?q=bogor' },
  { method: 'GET', url: '/api/v1/members', access: 'member.read', path: () => '/api/v1/members' },
  {
    method: 'GET',
    url: '/api/v1/members/counts',
    access: 'member.read',
    path: () => '/api/v1/members/counts',
  },
  {
    method: 'GET',
    url: '/api/v1/members/export',
    access: 'member.read',
    path: () => '/api/v1/members/export?format=csv',
  },
  {
    method: 'GET',
    url: '/api/v1/members/:id',
    access: 'member.read',
    path: () => `/api/v1/members/${org.memberId}`,
  },
  {
    method: 'POST',
    url: '/api/v1/members',
    access: 'member.manage',
    path: () => '/api/v1/members',
    body: () => ({
      memberNumber: `R-${Math.random().toString(36).slice(2, 8)}`,
      fullName: 'Baru',
      sex: 'P',
      unitId: tree.pspA1x,
    }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/members/:id',
    access: 'member.manage',
    path: () => `/api/v1/members/${org.memberId}`,
    body: () => ({ jobTitle: 'Operator' }),
  },
  {
    method: 'POST',
    url: '/api/v1/members/:id/status',
    access: 'member.manage',
    path: () => `/api/v1/members/${org.memberId}/status`,
    body: () => ({ status: 'aktif', validFrom: '2026-01-01' }),
  },
  {
    method: 'POST',
    url: '/api/v1/members/:id/transfer',
    access: 'member.manage',
    path: () => `/api/v1/members/${org.memberId}/transfer`,
    body: () => ({ unitId: tree.pspA1x, validFrom: '2026-01-01' }),
  },
  {
    method: 'GET',
    url: '/api/v1/units/:id/bodies',
    access: 'unit.read',
    path: () => `/api/v1/units/${tree.dpcA1}/bodies`,
  },
  {
    method: 'POST',
    url: '/api/v1/units/:id/bodies',
    access: 'unit.manage',
    path: () => `/api/v1/units/${tree.dpcA1}/bodies`,
    body: () => ({ kind: 'laskar', name: 'Laskar' }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/bodies/:id',
    access: 'unit.manage',
    path: () => `/api/v1/bodies/${org.bodyId}`,
    body: () => ({ statutorySeats: 9 }),
  },
  {
    method: 'POST',
    url: '/api/v1/bodies/:id/positions',
    access: 'unit.manage',
    path: () => `/api/v1/bodies/${org.bodyId}/positions`,
    body: () => ({ title: 'Bendahara', category: 'administrative' }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/positions/:id',
    access: 'unit.manage',
    path: () => `/api/v1/positions/${org.positionId}`,
    body: () => ({ seats: 2 }),
  },
  {
    method: 'POST',
    url: '/api/v1/positions/:id/appointments',
    access: 'unit.manage',
    path: () => `/api/v1/positions/${org.positionId}/appointments`,
    body: () => ({ memberId: org.memberId, termStart: '2026-01-01', basis: 'elected' }),
  },
  {
    method: 'POST',
    url: '/api/v1/appointments/:id/end',
    access: 'unit.manage',
    path: () => `/api/v1/appointments/${org.appointmentId}/end`,
    body: () => ({ termEnd: '2026-12-31' }),
  },
  { method: 'GET', url: '/api/v1/assemblies', access: 'assembly.read', path: () => '/api/v1/assemblies' },
  {
    method: 'POST',
    url: '/api/v1/assemblies',
    access: 'unit.manage',
    path: () => '/api/v1/assemblies',
    body: () => ({ unitId: tree.root, kind: 'rakernas', name: 'Rakernas', startsOn: '2026-03-01' }),
  },
  {
    method: 'GET',
    url: '/api/v1/assemblies/:id',
    access: 'assembly.read',
    path: () => `/api/v1/assemblies/${org.assemblyId}`,
  },
  {
    method: 'POST',
    url: '/api/v1/assemblies/:id/allocations',
    access: 'unit.manage',
    path: () => `/api/v1/assemblies/${org.assemblyId}/allocations`,
    body: () => ({ unitId: tree.dpdB, category: 'executive', seats: 2 }),
  },
  {
    method: 'POST',
    url: '/api/v1/allocations/:id/delegates',
    access: 'unit.manage',
    path: () => `/api/v1/allocations/${org.allocationId}/delegates`,
    body: () => ({ memberId: org.memberId }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/delegates/:id',
    access: 'unit.manage',
    path: () => `/api/v1/delegates/${org.delegateId}`,
    body: () => ({ credentialStatus: 'accepted' }),
  },
  // Capacity building (training module): the class gate decides per class behind these guards.
  {
    method: 'GET',
    url: '/api/v1/training/reports/participants',
    access: 'dashboard.read',
    path: () => '/api/v1/training/reports/participants',
  },
  {
    method: 'GET',
    url: '/api/v1/training/reports/participants/export',
    access: 'dashboard.read',
    // A unit that does not exist: the guard passes, the answer is JSON (a report would be binary).
    path: () => '/api/v1/training/reports/participants/export?format=xlsx&unitId=999999',
  },
  {
    method: 'GET',
    url: '/api/v1/training/tracks',
    access: anyTraining,
    path: () => '/api/v1/training/tracks',
  },
  {
    method: 'GET',
    url: '/api/v1/training/members/:id',
    access: 'member.read',
    path: () => `/api/v1/training/members/${org.memberId}`,
  },
  {
    method: 'GET',
    url: '/api/v1/training/programs',
    access: anyTraining,
    path: () => '/api/v1/training/programs',
  },
  {
    method: 'POST',
    url: '/api/v1/training/programs',
    access: 'training.organise',
    path: () => '/api/v1/training/programs',
    body: () => ({ unitId: tree.root, name: 'Program', startsOn: '2026-01-05', endsOn: '2026-01-06' }),
  },
  {
    method: 'GET',
    url: '/api/v1/training/programs/:id',
    access: anyTraining,
    path: () => `/api/v1/training/programs/${training.programId}`,
  },
  {
    method: 'POST',
    url: '/api/v1/training/programs/:id/classes',
    access: 'training.organise',
    path: () => `/api/v1/training/programs/${training.programId}/classes`,
    body: () => ({
      track: 'laskar',
      level: 'dasar',
      title: 'Kelas Laskar',
      seats: 10,
      startsOn: '2025-12-16',
      endsOn: '2025-12-17',
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/training/classes/:id',
    access: anyTraining,
    path: () => `/api/v1/training/classes/${training.classId}`,
  },
  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/sessions',
    access: runClass,
    path: () => `/api/v1/training/classes/${training.classId}/sessions`,
    body: () => ({ startsAt: '2025-12-17T01:00:00+07:00', endsAt: '2025-12-17T04:00:00+07:00' }),
  },
  {
    method: 'PUT',
    url: '/api/v1/training/classes/:id/allocations',
    access: 'training.organise',
    path: () => `/api/v1/training/classes/${training.classId}/allocations`,
    body: () => ({ unitId: tree.dpdB, seats: 3 }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/allocations/:unitId/return',
    access: 'training.organise',
    path: () => `/api/v1/training/classes/${training.classId}/allocations/999999/return`,
    body: () => ({ reason: 'Kurang dari 30% perempuan' }),
  },

  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/trainers',
    access: 'training.organise',
    path: () => `/api/v1/training/classes/${training.classId}/trainers`,
    body: () => ({ email: 'super@spn.test' }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/facilitators',
    access: 'training.organise',
    path: () => `/api/v1/training/classes/${training.classId}/facilitators`,
    body: () => ({ external: { fullName: 'Fasilitator KSPI', organisation: 'KSPI', sex: 'P' } }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/nominations',
    access: ['training.nominate', 'training.organise'],
    path: () => `/api/v1/training/classes/${training.classId}/nominations`,
    body: () => ({ memberId: org.memberId }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/completion',
    access: runClass,
    path: () => `/api/v1/training/classes/${training.classId}/completion`,
  },
  {
    method: 'POST',
    url: '/api/v1/training/participants/:id/decision',
    access: 'training.organise',
    path: () => `/api/v1/training/participants/${training.participantId}/decision`,
    body: () => ({ status: 'not_completed' }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/participants/:id/certificate',
    access: runClass,
    path: () => `/api/v1/training/participants/${training.participantId}/certificate`,
  },
  {
    method: 'GET',
    url: '/api/v1/training/certificates/:code/pdf',
    access: runClass,
    path: () => `/api/v1/training/certificates/${training.certificateCode}/pdf`,
  },
  {
    method: 'POST',
    url: '/api/v1/training/certificates/:code/revoke',
    access: 'training.organise',
    path: () => `/api/v1/training/certificates/${training.certificateCode}/revoke`,
    body: () => ({ reason: 'Salah nama' }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/certificates/:code/reissue',
    access: 'training.organise',
    path: () => `/api/v1/training/certificates/${training.certificateCode}/reissue`,
  },
  {
    method: 'GET',
    url: '/api/v1/training/sessions/:id/sign-in-sheet',
    access: runClass,
    path: () => `/api/v1/training/sessions/${training.sessionId}/sign-in-sheet`,
  },
  {
    method: 'POST',
    url: '/api/v1/training/sessions/:id/sheet-photos',
    access: runClass,
    path: () => `/api/v1/training/sessions/${training.sessionId}/sheet-photos`,
  },
  {
    method: 'GET',
    url: '/api/v1/training/sessions/:id/sheet-photos/:photoId',
    access: runClass,
    path: () => `/api/v1/training/sessions/${training.sessionId}/sheet-photos/1`,
  },
  {
    method: 'GET',
    url: '/api/v1/training/sessions/:id/attendance',
    access: runClass,
    path: () => `/api/v1/training/sessions/${training.sessionId}/attendance`,
  },
  {
    method: 'PUT',
    url: '/api/v1/training/sessions/:id/attendance',
    access: runClass,
    path: () => `/api/v1/training/sessions/${training.sessionId}/attendance`,
    body: () => ({ via: 'roll_call', marks: [{ participantId: training.participantId, status: 'present' }] }),
  },
  {
    method: 'PUT',
    url: '/api/v1/training/sessions/:id/tally',
    access: runClass,
    path: () => `/api/v1/training/sessions/${training.sessionId}/tally`,
    body: () => ({ women: 3, men: 2, unknown: 0 }),
  },
  // Cadre stages (cadre module): who decides for which member is settled per member (level above).
  {
    method: 'GET',
    url: '/api/v1/cadre/stages',
    access: ['member.read', 'cadre.confirm'],
    path: () => '/api/v1/cadre/stages',
  },
  {
    method: 'PUT',
    url: '/api/v1/cadre/stages/:code',
    access: 'cadre.confirm',
    path: () => '/api/v1/cadre/stages/kader_dasar',
    body: () => ({
      labels: { id: 'Kader Dasar', en: 'Basic cadre' },
      minCompletedClasses: 1,
      requiredTracks: [],
      minLevel: 'dasar',
      minAttendance: 0.8,
      minMonthsSincePrevious: 0,
      minFacilitatedClasses: 0,
      active: true,
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/cadre/proposals',
    access: 'cadre.confirm',
    path: () => '/api/v1/cadre/proposals',
  },
  {
    method: 'POST',
    url: '/api/v1/cadre/proposals/refresh',
    access: 'cadre.confirm',
    path: () => '/api/v1/cadre/proposals/refresh',
    body: () => ({ unitId: tree.dpdA }),
  },
  {
    method: 'POST',
    url: '/api/v1/cadre/proposals/:id/confirm',
    access: 'cadre.confirm',
    path: () => '/api/v1/cadre/proposals/999999/confirm',
    body: () => ({}),
  },
  {
    method: 'POST',
    url: '/api/v1/cadre/proposals/:id/decline',
    access: 'cadre.confirm',
    path: () => '/api/v1/cadre/proposals/999999/decline',
    body: () => ({ reason: 'Belum' }),
  },
  {
    method: 'GET',
    url: '/api/v1/cadre/members/:id',
    access: 'member.read',
    path: () => `/api/v1/cadre/members/${org.memberId}`,
  },
  {
    method: 'POST',
    url: '/api/v1/cadre/members/:id/records',
    access: 'cadre.confirm',
    path: () => `/api/v1/cadre/members/${org.memberId}/records`,
    body: () => ({ stage: 'kader_dasar', achievedOn: '2024-01-10', evidenceNote: 'Pendidikan dasar 2019' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cadre/records/:id/withdraw',
    access: 'cadre.confirm',
    path: () => '/api/v1/cadre/records/999999/withdraw',
    body: () => ({ reason: 'Salah catat' }),
  },
  // Pre/post tests (training-tests.routes.ts): the class door decides per class behind these guards.
  {
    method: 'GET',
    url: '/api/v1/training/classes/:id/tests',
    access: runClass,
    path: () => `/api/v1/training/classes/${training.classId}/tests`,
  },
  {
    method: 'PUT',
    url: '/api/v1/training/classes/:id/tests/settings',
    access: runClass,
    path: () => `/api/v1/training/classes/${training.classId}/tests/settings`,
    body: () => ({ parallelForms: false }),
  },
  {
    method: 'POST',
    url: '/api/v1/training/classes/:id/tests/items',
    access: runClass,
    path: () => `/api/v1/training/classes/${training.classId}/tests/items`,
    body: () => ({ stemId: 'Soal', options: [{ id: 'Ya' }, { id: 'Tidak' }], correct: 0 }),
  },
  {
    method: 'PUT',
    url: '/api/v1/training/test-items/:id',
    access: runClass,
    path: () => '/api/v1/training/test-items/1',
    body: () => ({ stemId: 'Soal', options: [{ id: 'Ya' }, { id: 'Tidak' }], correct: 1 }),
  },
  {
    method: 'DELETE',
    url: '/api/v1/training/test-items/:id',
    access: runClass,
    path: () => '/api/v1/training/test-items/1',
  },
  {
    method: 'PUT',
    url: '/api/v1/training/participants/:id/tests/:phase',
    access: runClass,
    path: () => `/api/v1/training/participants/${training.participantId}/tests/pre`,
    body: () => ({ answers: {} }),
  },
  {
    method: 'GET',
    url: '/api/v1/training/classes/:id/tests/report',
    access: anyTraining,
    path: () => `/api/v1/training/classes/${training.classId}/tests/report`,
  },
  // Education campaigns: the campaign gate (campaign-access.ts) decides per campaign behind this guard.
  {
    method: 'GET',
    url: '/api/v1/campaigns/activity-kinds',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns/activity-kinds',
  },
  { method: 'GET', url: '/api/v1/campaigns', access: 'campaign.manage', path: () => '/api/v1/campaigns' },
  {
    method: 'POST',
    url: '/api/v1/campaigns',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns',
    body: () => ({ ownerUnitId: 999999, title: 'x', startsOn: '2026-11-25', endsOn: '2026-12-10' }),
  },
  {
    method: 'GET',
    url: '/api/v1/campaigns/reach',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns/reach',
  },
  {
    method: 'GET',
    url: '/api/v1/campaigns/:id',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns/999999',
  },
  {
    method: 'PATCH',
    url: '/api/v1/campaigns/:id',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns/999999',
    body: () => ({ title: 'x', startsOn: '2026-11-25', endsOn: '2026-12-10' }),
  },
  {
    method: 'POST',
    url: '/api/v1/campaigns/:id/status',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns/999999/status',
    body: () => ({ status: 'active' }),
  },
  {
    method: 'POST',
    url: '/api/v1/campaigns/:id/activities',
    access: 'campaign.manage',
    path: () => '/api/v1/campaigns/999999/activities',
    body: () => ({ kind: 'stand', hostUnitId: 999999, heldOn: '2026-11-26', title: 'x' }),
  },
  {
    method: 'GET',
    url: '/api/v1/campaign-activities/:id',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999',
  },
  {
    method: 'PUT',
    url: '/api/v1/campaign-activities/:id',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999',
    body: () => ({ kind: 'stand', hostUnitId: 999999, heldOn: '2026-11-26', title: 'x' }),
  },
  {
    method: 'DELETE',
    url: '/api/v1/campaign-activities/:id',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999',
  },
  {
    method: 'PUT',
    url: '/api/v1/campaign-activities/:id/tally',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999/tally',
    body: () => ({ women: 1, men: 1, unknown: 0 }),
  },
  {
    method: 'POST',
    url: '/api/v1/campaign-activities/:id/attendees',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999/attendees',
    body: () => ({ memberIds: ['1'] }),
  },
  {
    method: 'DELETE',
    url: '/api/v1/campaign-activities/:id/attendees/:memberId',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999/attendees/1',
  },
  {
    method: 'POST',
    url: '/api/v1/campaign-activities/:id/photos',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999/photos',
  },
  {
    method: 'GET',
    url: '/api/v1/campaign-activities/:id/photos/:photoId',
    access: 'campaign.manage',
    path: () => '/api/v1/campaign-activities/999999/photos/1',
  },
  // The materials library: the material's door (materials.service.ts) decides per material.
  { method: 'GET', url: '/api/v1/materials', access: 'campaign.manage', path: () => '/api/v1/materials' },
  {
    method: 'POST',
    url: '/api/v1/materials',
    access: 'campaign.manage',
    path: () => '/api/v1/materials',
    body: () => ({
      ownerUnitId: 1,
      kind: 'flyer',
      title: 'Route table',
      language: 'id',
      audience: 'members',
      licence: 'cc_by',
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/materials/:id',
    access: 'campaign.manage',
    path: () => '/api/v1/materials/999999',
  },
  {
    method: 'POST',
    url: '/api/v1/materials/:id/versions',
    access: 'campaign.manage',
    path: () => '/api/v1/materials/999999/versions',
  },
  {
    method: 'POST',
    url: '/api/v1/materials/:id/link-versions',
    access: 'campaign.manage',
    path: () => '/api/v1/materials/999999/link-versions',
    body: () => ({ url: 'https://video.test/x' }),
  },
  {
    method: 'POST',
    url: '/api/v1/materials/:id/publication',
    access: 'campaign.manage',
    path: () => '/api/v1/materials/999999/publication',
    body: () => ({ published: true }),
  },
  {
    method: 'POST',
    url: '/api/v1/materials/:id/activities',
    access: 'campaign.manage',
    path: () => '/api/v1/materials/999999/activities',
    body: () => ({ activityId: 1 }),
  },
  {
    method: 'GET',
    url: '/api/v1/materials/:id/files/:fileId',
    access: 'campaign.manage',
    path: () => '/api/v1/materials/999999/files/1',
  },
  // Collective agreements: the agreement's door (agreements.service.ts) decides per PSP.
  { method: 'GET', url: '/api/v1/agreements', access: 'agreement.manage', path: () => '/api/v1/agreements' },
  {
    method: 'POST',
    url: '/api/v1/agreements',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements',
    body: () => ({
      unitId: 999999,
      kind: 'pkb',
      companyName: 'PT Route Table',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      status: 'in_force',
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/agreements/:id',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999',
  },
  {
    method: 'PUT',
    url: '/api/v1/agreements/:id',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999',
    body: () => ({
      kind: 'pp',
      companyName: 'PT Route Table',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      status: 'in_force',
    }),
  },
  {
    method: 'POST',
    url: '/api/v1/agreements/:id/files',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999/files',
  },
  {
    method: 'GET',
    url: '/api/v1/agreements/:id/files/:fileId',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999/files/1',
  },
  {
    method: 'POST',
    url: '/api/v1/agreements/:id/codings',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999/codings',
    body: () => ({ itemCode: 'prohibition', answer: 'yes' }),
  },
  {
    method: 'GET',
    url: '/api/v1/agreements/:id/gaps/xlsx',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999/gaps/xlsx',
  },
  {
    method: 'GET',
    url: '/api/v1/agreements/:id/gaps/pdf',
    access: 'agreement.manage',
    path: () => '/api/v1/agreements/999999/gaps/pdf',
  },
  {
    method: 'GET',
    url: '/api/v1/agreement-checklists',
    access: 'agreement.manage',
    path: () => '/api/v1/agreement-checklists',
  },
  {
    method: 'POST',
    url: '/api/v1/agreement-checklists',
    access: 'agreement.checklist',
    path: () => '/api/v1/agreement-checklists',
    body: () => ({
      items: [{ code: 'prohibition', group: 'violence', titleId: 'Larangan', titleEn: 'Prohibition' }],
    }),
  },
  // Quota rules, evaluations and congress credentialing (quota module, assemblies/credentials).
  { method: 'GET', url: '/api/v1/quota/rules', access: 'unit.read', path: () => '/api/v1/quota/rules' },
  { method: 'GET', url: '/api/v1/quota/rules/:id', access: 'unit.read', path: () => '/api/v1/quota/rules/1' },
  {
    method: 'POST',
    url: '/api/v1/quota/rules',
    access: 'quota.manage',
    path: () => '/api/v1/quota/rules',
    body: () => ({
      code: 'route-table',
      rule: {
        name: 'x',
        scope: { subjectKinds: ['laskar'] },
        metric: 'filled_share',
        thresholdBp: 3000,
        enforcement: 'info',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/v1/quota/rules/:id/versions',
    access: 'quota.manage',
    path: () => '/api/v1/quota/rules/1/versions',
    body: () => ({
      name: 'x',
      scope: { subjectKinds: ['executive'] },
      metric: 'filled_share',
      thresholdBp: 3000,
      enforcement: 'warn',
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/bodies/:id/quota',
    access: 'unit.read',
    path: () => `/api/v1/bodies/${org.bodyId}/quota`,
  },
  {
    method: 'POST',
    url: '/api/v1/bodies/:id/slate-check',
    access: 'unit.read',
    path: () => `/api/v1/bodies/${org.bodyId}/slate-check`,
    body: () => ({ seats: [{ positionTitle: 'Ketua', candidates: [] }] }),
  },
  {
    method: 'GET',
    url: '/api/v1/allocations/:id/quota',
    access: 'assembly.read',
    path: () => `/api/v1/allocations/${org.allocationId}/quota`,
  },
  {
    method: 'POST',
    url: '/api/v1/quota/evaluate-list',
    access: 'member.read',
    path: () => '/api/v1/quota/evaluate-list',
    body: () => ({ kind: 'invitation_list', name: 'Undangan', memberNumbers: ['X-1'] }),
  },
  {
    method: 'GET',
    url: '/api/v1/assemblies/:id/credentials',
    access: 'assembly.read',
    path: () => `/api/v1/assemblies/${org.assemblyId}/credentials`,
  },
  {
    method: 'GET',
    url: '/api/v1/allocations/:id/credentials',
    access: 'assembly.read',
    path: () => `/api/v1/allocations/${org.allocationId}/credentials`,
  },
  {
    method: 'POST',
    url: '/api/v1/allocations/:id/credential-decisions',
    access: 'unit.manage',
    path: () => `/api/v1/allocations/${org.allocationId}/credential-decisions`,
    body: () => ({ decision: 'returned', reason: 'x' }),
  },
  {
    method: 'POST',
    url: '/api/v1/allocations/:id/resubmit',
    access: 'unit.manage',
    path: () => `/api/v1/allocations/${org.allocationId}/resubmit`,
  },
  {
    method: 'DELETE',
    url: '/api/v1/delegates/:id',
    access: 'unit.manage',
    path: () => `/api/v1/delegates/${org.delegateId}`,
  },
  // Imports: the guard names member.manage; the service checks unit.manage for unit imports.
  {
    method: 'POST',
    url: '/api/v1/imports',
    access: 'member.manage',
    path: () => '/api/v1/imports?kind=members',
  },
  {
    method: 'POST',
    url: '/api/v1/imports/:id/validate',
    access: 'member.manage',
    path: () => '/api/v1/imports/00000000-0000-4000-8000-000000000000/validate',
    body: () => ({ mapping: {} }),
  },
  {
    method: 'POST',
    url: '/api/v1/imports/:id/run',
    access: 'member.manage',
    path: () => '/api/v1/imports/00000000-0000-4000-8000-000000000000/run',
    body: () => ({ mode: 'valid_only' }),
  },
  { method: 'GET', url: '/api/v1/imports', access: 'member.manage', path: () => '/api/v1/imports' },
  {
    method: 'GET',
    url: '/api/v1/imports/:id',
    access: 'member.manage',
    path: () => '/api/v1/imports/00000000-0000-4000-8000-000000000000',
  },
  {
    method: 'GET',
    url: '/api/v1/imports/:id/errors.csv',
    access: 'member.manage',
    path: () => '/api/v1/imports/00000000-0000-4000-8000-000000000000/errors.csv',
  },
  // Cases: the guard only says "holds a case role"; which case is decided per case (404 otherwise).
  {
    method: 'GET',
    url: '/api/v1/cases',
    access: 'case.work',
    path: () => '/api/v1/cases',
  },
  {
    method: 'POST',
    url: '/api/v1/cases',
    access: 'case.intake',
    path: () => '/api/v1/cases',
    body: () => validIntake(),
  },
  {
    method: 'GET',
    url: '/api/v1/cases/:id',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c',
  },
  {
    method: 'GET',
    url: '/api/v1/cases/:id/links',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/links',
  },
  {
    method: 'GET',
    url: '/api/v1/cases/:id/access-log',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/access-log',
  },
  {
    method: 'GET',
    url: '/api/v1/cases/:id/assignable',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/assignable',
  },
  {
    method: 'GET',
    url: '/api/v1/cases/:id/member-candidates',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/member-candidates?q=budi',
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/assignments',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/assignments',
    body: () => ({ userId: targetUserId, role: 'handler' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/assignments/:itemId/end',
    access: 'case.work',
    path: () =>
      '/api/v1/cases/00000000-0000-4000-8000-00000000000c/assignments/00000000-0000-4000-8000-0000000000a1/end',
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/recusal',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/recusal',
    body: () => ({ reason: 'Saya kenal terlapor' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/transitions',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/transitions',
    body: () => ({ to: 'triage', reason: 'Kontak pertama' }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/cases/:id/routing',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/routing',
    body: () => ({ asksDpp: true, reason: 'Diminta pelapor' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/notes',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/notes',
    body: () => ({ body: 'Catatan' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/messages',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/messages',
    body: () => ({ body: 'Pesan' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/consents',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/consents',
    body: () => ({ route: 'bantuan_hukum', status: 'given' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/referrals',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/referrals',
    body: () => ({ service: 'bantuan_hukum', referredOn: '2026-11-22' }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/cases/:id/referrals/:itemId',
    access: 'case.work',
    path: () =>
      '/api/v1/cases/00000000-0000-4000-8000-00000000000c/referrals/00000000-0000-4000-8000-0000000000a1',
    body: () => ({ status: 'dikirim' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/referrals/:itemId/review',
    access: 'case.work',
    path: () =>
      '/api/v1/cases/00000000-0000-4000-8000-00000000000c/referrals/00000000-0000-4000-8000-0000000000a1/review',
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/measures',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/measures',
    body: () => ({ kind: 'pemisahan_kerja', status: 'diminta' }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/cases/:id/measures/:itemId',
    access: 'case.work',
    path: () =>
      '/api/v1/cases/00000000-0000-4000-8000-00000000000c/measures/00000000-0000-4000-8000-0000000000a1',
    body: () => ({ status: 'berlaku' }),
  },
  {
    method: 'PUT',
    url: '/api/v1/cases/:id/ethics',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/ethics',
    body: () => ({ status: 'diajukan' }),
  },
  {
    method: 'PUT',
    url: '/api/v1/cases/:id/rights',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/rights',
    body: () => ({ items: [{ item: 'informasi', status: 'diberikan' }] }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/files',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/files',
  },
  // Case statistics: coded aggregates only; the service scopes them to the caller's subtree.
  ...['', '/export.xlsx', '/export.csv', '/simfoni.csv'].map((suffix) => ({
    method: 'GET' as const,
    url: `/api/v1/case-statistics${suffix}`,
    access: 'case.statistics.read' as const,
    path: () => `/api/v1/case-statistics${suffix}`,
  })),
  {
    method: 'GET',
    url: '/api/v1/cases/:id/files/:itemId',
    access: 'case.work',
    path: () =>
      '/api/v1/cases/00000000-0000-4000-8000-00000000000c/files/00000000-0000-4000-8000-0000000000a1',
  },
  // Case retention: administrators see coded data only; the case team reads a case's retention per case.
  {
    method: 'GET',
    url: '/api/v1/cases/:id/retention',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/retention',
  },
  {
    method: 'GET',
    url: '/api/v1/retention/settings',
    access: 'settings.manage',
    path: () => '/api/v1/retention/settings',
  },
  {
    method: 'PUT',
    url: '/api/v1/retention/settings',
    access: 'settings.manage',
    path: () => '/api/v1/retention/settings',
    body: () => ({
      periods: {
        selesai: 5,
        dirujuk_keluar: 5,
        ditarik_korban: 1,
        tanpa_persetujuan: 5,
        tidak_terbukti: 5,
        duplikat: 1,
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/retention/cases',
    access: 'settings.manage',
    path: () => '/api/v1/retention/cases',
  },
  {
    method: 'POST',
    url: '/api/v1/retention/cases/:id/hold',
    access: 'settings.manage',
    path: () => '/api/v1/retention/cases/00000000-0000-4000-8000-00000000000c/hold',
    body: () => ({ reason: 'proses_pidana' }),
  },
  {
    method: 'POST',
    url: '/api/v1/retention/cases/:id/release',
    access: 'settings.manage',
    path: () => '/api/v1/retention/cases/00000000-0000-4000-8000-00000000000c/release',
  },
  // Retaliation check-ins: the case guard, then the case team only (decided per case).
  {
    method: 'GET',
    url: '/api/v1/cases/:id/checkins',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/checkins',
  },
  {
    method: 'PUT',
    url: '/api/v1/cases/:id/contract-renewal',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/contract-renewal',
    body: () => ({ contractRenewalOn: '2027-03-01' }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:id/checkins/:kind',
    access: 'case.work',
    path: () => '/api/v1/cases/00000000-0000-4000-8000-00000000000c/checkins/checkin_30',
    body: () => ({ retaliation: false }),
  },
  // The staff inbox: any full session, always the caller's own.
  {
    method: 'GET',
    url: '/api/v1/notifications',
    access: 'authenticated',
    path: () => '/api/v1/notifications',
  },
  {
    method: 'GET',
    url: '/api/v1/notifications/unread-count',
    access: 'authenticated',
    path: () => '/api/v1/notifications/unread-count',
  },
  {
    method: 'POST',
    url: '/api/v1/notifications/:id/read',
    access: 'authenticated',
    path: () => '/api/v1/notifications/00000000-0000-4000-8000-0000000000b1/read',
  },
  {
    method: 'POST',
    url: '/api/v1/notifications/read-all',
    access: 'authenticated',
    path: () => '/api/v1/notifications/read-all',
  },
  // The home page's "what to act on now": any full session, counts of the caller's own work.
  { method: 'GET', url: '/api/v1/home/work', access: 'authenticated', path: () => '/api/v1/home/work' },
  // The working-day calendar: read by staff, edited by an administrator.
  {
    method: 'GET',
    url: '/api/v1/calendar/holidays',
    access: 'authenticated',
    path: () => '/api/v1/calendar/holidays?year=2026',
  },
  {
    method: 'POST',
    url: '/api/v1/calendar/holidays',
    access: 'settings.manage',
    path: () => '/api/v1/calendar/holidays',
    body: () => ({ date: '2026-07-01', name: 'Libur daerah', kind: 'lainnya' }),
  },
  {
    method: 'DELETE',
    url: '/api/v1/calendar/holidays/:date',
    access: 'settings.manage',
    path: () => '/api/v1/calendar/holidays/2026-07-02',
  },
  {
    method: 'GET',
    url: '/api/v1/quota-dashboard',
    access: 'dashboard.read',
    path: () => '/api/v1/quota-dashboard',
  },
  {
    method: 'GET',
    url: '/api/v1/quota-dashboard/proportionality',
    access: 'dashboard.read',
    path: () => '/api/v1/quota-dashboard/proportionality',
  },
  {
    method: 'GET',
    url: '/api/v1/quota-dashboard/report',
    access: 'dashboard.read',
    // A unit that does not exist: the guard passes, the answer is JSON (a report would be binary).
    path: () => '/api/v1/quota-dashboard/report?format=xlsx&unitId=999999',
  },
  // The leadership pipeline: aggregates under dashboard.read, the named ready pool under training.pipeline.
  {
    method: 'GET',
    url: '/api/v1/training/pipeline',
    access: 'dashboard.read',
    path: () => '/api/v1/training/pipeline',
  },
  {
    method: 'GET',
    url: '/api/v1/training/pipeline/ready-pool',
    access: 'training.pipeline',
    path: () => '/api/v1/training/pipeline/ready-pool',
  },
  {
    method: 'GET',
    url: '/api/v1/training/pipeline/proportionality',
    access: 'dashboard.read',
    path: () => '/api/v1/training/pipeline/proportionality',
  },
  // The room display of self check-in: trainers and organisers; the class gate decides per session.
  {
    method: 'GET',
    url: '/api/v1/training/sessions/:id/room-code',
    access: 'training.manage',
    path: () => '/api/v1/training/sessions/999999/room-code',
  },
  // The Joint Commitment: the signature gate (commitment-access.ts) decides scope behind this guard.
  {
    method: 'GET',
    url: '/api/v1/commitment/versions',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/versions',
  },
  {
    method: 'POST',
    url: '/api/v1/commitment/versions',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/versions',
    body: () => ({
      titleId: 'Judul',
      titleEn: 'Title',
      points: [{ id: 'Satu', en: 'One' }],
      forum: 'Rakernas',
      adoptedOn: '2026-11-01',
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/commitment/versions/:id',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/versions/1',
  },
  {
    method: 'POST',
    url: '/api/v1/commitment/versions/:id/activate',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/versions/999999/activate',
  },
  {
    method: 'GET',
    url: '/api/v1/commitment/signatures',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/signatures',
  },
  {
    method: 'POST',
    url: '/api/v1/commitment/signatures',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/signatures',
    body: () => ({ kind: 'person', name: 'Tamu', unitId: tree.root, signedOn: '2025-11-16' }),
  },
  {
    method: 'GET',
    url: '/api/v1/commitment/signatures/:id',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/signatures/999999',
  },
  {
    method: 'POST',
    url: '/api/v1/commitment/signatures/:id/decision',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/signatures/999999/decision',
    body: () => ({ status: 'valid' }),
  },
  {
    method: 'GET',
    url: '/api/v1/commitment/coverage',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/coverage',
  },
  {
    method: 'POST',
    url: '/api/v1/commitment/paper-lists',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/paper-lists',
    body: () => ({ unitId: 999999, signedOn: '2025-11-16', rows: [{ name: 'Tamu' }] }),
  },
  {
    method: 'GET',
    url: '/api/v1/commitment/paper-lists/:id',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/paper-lists/999999',
  },
  {
    method: 'POST',
    url: '/api/v1/commitment/paper-lists/:id/photos',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/paper-lists/999999/photos',
  },
  {
    method: 'GET',
    url: '/api/v1/commitment/paper-lists/:id/photos/:photoId',
    access: 'commitment.manage',
    path: () => '/api/v1/commitment/paper-lists/999999/photos/1',
  },
];

type ClientKind = 'anonymous' | 'mfa' | 'enrol' | 'viewer' | 'admin' | 'superuser';

/** A report as staff intake sends it. */
const validIntake = () => ({
  channel: 'telepon',
  reporterRole: 'korban',
  forms: ['KS01'],
  narrative: 'x',
  place: 'area_kerja',
  relationship: 'atasan',
  consentToProcess: true,
});
const accountOf: Record<Exclude<ClientKind, 'anonymous'>, string> = {
  mfa: 'coordinator@spn.test',
  enrol: 'handler@spn.test',
  viewer: 'viewer@spn.test',
  admin: 'admin@spn.test',
  superuser: 'super@spn.test',
};
const expectedStage = {
  mfa: 'mfa',
  enrol: 'enrol',
  viewer: 'full',
  admin: 'full',
  superuser: 'full',
} as const;

/** A freshly signed-in client per check, so side effects of one route (logout…) never leak into another. */
async function clientOf(kind: ClientKind): Promise<TestClient> {
  const client = new TestClient(app);
  if (kind !== 'anonymous')
    expect(((await client.login(accountOf[kind])).json() as { stage: string }).stage).toBe(
      expectedStage[kind],
    );
  return client;
}
const clients = {
  admin: undefined as unknown as TestClient,
  /** The coordinator with both factors done: passes the case routes' guard (kept, since TOTP codes are single use). */
  caseworker: undefined as unknown as TestClient,
};

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await createUser(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  await createUser(ctx, {
    email: 'super@spn.test',
    homeUnitId: tree.root,
    grants: [
      { role: 'admin', unitId: tree.root },
      { role: 'org_admin', unitId: tree.root },
      { role: 'gender_officer', unitId: tree.root },
      { role: 'trainer', unitId: tree.root },
    ],
  });
  await createUser(ctx, {
    email: 'viewer@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'viewer', unitId: tree.root }],
  });
  await createUser(ctx, {
    email: 'handler@spn.test',
    homeUnitId: tree.dpcA1,
    grants: [{ role: 'case_handler', unitId: tree.dpcA1 }],
  });
  targetUserId = await createUser(ctx, { email: 'target@spn.test', homeUnitId: tree.dpdA, grants: [] });
  Object.assign(org, await seedOrganisation(ctx, tree));
  Object.assign(training, await seedTraining(ctx, tree, org.memberId));
  // An account with TOTP enabled, logged in with its password only.
  await createUser(ctx, {
    email: 'coordinator@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'case_coordinator', unitId: tree.dpdA }],
  });
  const enrolling = new TestClient(app);
  await enrolling.login('coordinator@spn.test');
  const { secret } = (await enrolling.post('/api/v1/me/totp/start')).json() as { secret: string };
  expect(
    (await enrolling.post('/api/v1/me/totp/confirm', { code: generateTotpCode(secret, ctx.clock.now()) }))
      .statusCode,
  ).toBe(200);
  clients.caseworker = enrolling;

  clients.admin = await clientOf('admin');
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('route table', () => {
  it('every registered API route is in the access table with the same guard, and vice versa', () => {
    const line = (route: { method: string; url: string; access: RouteAccess }) =>
      `${route.method} ${route.url} ${typeof route.access === 'string' ? route.access : route.access.join('|')}`;
    expect(app.apiRoutes.map(line).sort()).toEqual(routes.map(line).sort());
  });
});

/** Codes that mean the guard refused the request (as opposed to the handler answering). */
const refusals = ['unauthenticated', 'forbidden', 'mfa_required', 'mfa_enrolment_required', 'csrf_invalid'];

const expectProblem = (
  response: { statusCode: number; json: () => unknown; headers: Record<string, unknown> },
  status: number,
  code: string,
) => {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code });
};

describe.each(routes)('$method $url ($access)', (route) => {
  const send = (client: TestClient, options: { csrf?: boolean } = {}) =>
    client.request(
      route.method,
      route.path(),
      route.method === 'GET' ? undefined : (route.body?.() ?? {}),
      options,
    );

  it('anonymous callers are refused unless the route is public', async () => {
    const response = await send(await clientOf('anonymous'));
    if (route.access === 'public')
      expect((response.json() as { code?: string }).code).not.toBe('unauthenticated');
    else expectProblem(response, 401, 'unauthenticated');
  });

  it('a session still waiting for its second factor reaches only session and mfa routes', async () => {
    const response = await send(await clientOf('mfa'));
    if (['public', 'session', 'mfa'].includes(guardKind(route.access)))
      expect((response.json() as { code?: string }).code).not.toBe('mfa_required');
    else expectProblem(response, 401, 'mfa_required');
  });

  it('a case-role account without TOTP reaches only enrolment routes', async () => {
    const response = await send(await clientOf('enrol'));
    if (route.access === 'mfa') expectProblem(response, 403, 'forbidden');
    else if (['public', 'session', 'enrolment'].includes(guardKind(route.access)))
      expect((response.json() as { code?: string }).code).not.toBe('mfa_enrolment_required');
    else expectProblem(response, 403, 'mfa_enrolment_required');
  });

  it('a viewer is refused every action its role does not allow', async () => {
    const response = await send(await clientOf('viewer'));
    const actions = actionsOf(route.access);
    if (actions.length && !actions.some((action) => roleAllows('viewer', action as Action)))
      expectProblem(response, 403, 'forbidden');
    else if (route.access === 'mfa') expectProblem(response, 403, 'forbidden');
    else expect(refusals).not.toContain((response.json() as { code?: string }).code);
  });

  if (route.method !== 'GET') {
    it('refuses the request without a CSRF token', async () => {
      // A client that passes the route's guard, so that only the missing token can refuse it.
      expectProblem(
        await send(
          route.access === 'mfa'
            ? await clientOf('mfa')
            : actionsOf(route.access).some((action) => action.startsWith('case.'))
              ? clients.caseworker
              : await clientOf('superuser'),
          { csrf: false },
        ),
        403,
        'csrf_invalid',
      );
    });
  }
});

describe('scope: grants cover a subtree and nothing else', () => {
  let dpdAdmin: TestClient;
  let dpdOrgAdmin: TestClient;
  let outsideUserId: string;
  beforeAll(async () => {
    await createUser(ctx, {
      email: 'admin.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'admin', unitId: tree.dpdA }],
    });
    await createUser(ctx, {
      email: 'org.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'org_admin', unitId: tree.dpdA }],
    });
    outsideUserId = await createUser(ctx, { email: 'banten@spn.test', homeUnitId: tree.dpdB, grants: [] });
    dpdAdmin = new TestClient(app);
    await dpdAdmin.login('admin.jabar@spn.test');
    dpdOrgAdmin = new TestClient(app);
    await dpdOrgAdmin.login('org.jabar@spn.test');
  });

  it('a DPD admin lists only accounts homed in its subtree', async () => {
    const emails = ((await dpdAdmin.get('/api/v1/users')).json() as { items: { email: string }[] }).items.map(
      (item) => item.email,
    );
    expect(emails).toContain('target@spn.test');
    expect(emails).not.toContain('banten@spn.test');
    expect(emails).not.toContain('admin@spn.test');
  });
  it('a DPD admin cannot read, change or reset an account outside its subtree (looks missing)', async () => {
    expectProblem(await dpdAdmin.get(`/api/v1/users/${outsideUserId}`), 404, 'not_found');
    expectProblem(
      await dpdAdmin.patch(`/api/v1/users/${outsideUserId}`, { displayName: 'x' }),
      404,
      'not_found',
    );
    expectProblem(await dpdAdmin.post(`/api/v1/users/${outsideUserId}/reset-password`), 404, 'not_found');
  });
  it('a DPD admin grants inside its subtree but not at a sibling or above', async () => {
    expect(
      (await dpdAdmin.post(`/api/v1/users/${targetUserId}/grants`, { role: 'trainer', unitId: tree.dpcA1 }))
        .statusCode,
    ).toBe(201);
    expectProblem(
      await dpdAdmin.post(`/api/v1/users/${targetUserId}/grants`, { role: 'admin', unitId: tree.root }),
      403,
      'grant_not_allowed',
    );
    expectProblem(
      await dpdAdmin.post(`/api/v1/users/${targetUserId}/grants`, { role: 'viewer', unitId: tree.dpdB }),
      403,
      'grant_not_allowed',
    );
  });
  it('a DPD admin cannot create accounts homed outside its subtree', async () => {
    expectProblem(
      await dpdAdmin.post('/api/v1/users', { email: 'x@spn.test', displayName: 'X', homeUnitId: tree.dpdB }),
      403,
      'forbidden',
    );
  });
  it('an org_admin manages units in its subtree only', async () => {
    expect(
      (
        await dpdOrgAdmin.post('/api/v1/units', {
          parentId: tree.dpcA1,
          name: 'PSP Baru',
          code: 'PSP-NEW-1',
          level: 'PSP',
        })
      ).statusCode,
    ).toBe(201);
    expectProblem(
      await dpdOrgAdmin.post('/api/v1/units', {
        parentId: tree.dpdB,
        name: 'DPC Luar',
        code: 'DPC-OUT-1',
        level: 'DPC',
      }),
      404,
      'not_found',
    );
    expectProblem(await dpdOrgAdmin.patch(`/api/v1/units/${tree.root}`, { name: 'Ganti' }), 404, 'not_found');
    expectProblem(
      await dpdOrgAdmin.post(`/api/v1/units/${tree.pspA1x}/move`, { parentId: tree.dpcB1 }),
      404,
      'not_found',
    );
  });
  it('an org_admin sees its subtree from its own grant downwards', async () => {
    const tops = ((await dpdOrgAdmin.get('/api/v1/units')).json() as { items: { id: number }[] }).items.map(
      (unit) => unit.id,
    );
    expect(tops).toEqual([tree.dpdA]);
    const found = ((await dpdOrgAdmin.get('/api/v1/units?q=serang')).json() as { items: unknown[] }).items;
    expect(found).toEqual([]);
  });
  it('a DPD admin reads only audit rows of its subtree; the outbox is for the top admin only', async () => {
    const rows = (
      (await dpdAdmin.get('/api/v1/audit?limit=200')).json() as { items: { unitId: number | null }[] }
    ).items;
    expect(rows.length).toBeGreaterThan(0);
    const dpdPath = (
      await test.db.selectFrom('units').select('path').where('id', '=', tree.dpdA).executeTakeFirstOrThrow()
    ).path;
    const inSubtree = (
      await test.db.selectFrom('units').select('id').where('path', 'like', `${dpdPath}%`).execute()
    ).map((unit) => unit.id);
    expect(rows.map((row) => row.unitId).filter((unitId) => !inSubtree.includes(unitId ?? -1))).toEqual([]);
    expectProblem(await dpdAdmin.get('/api/v1/outbox'), 403, 'forbidden');
    // Invitations held for lack of SMTP, each in its recipient's language and saying which.
    for (const language of ['en', 'id'] as const) {
      const invited = await clients.admin.post('/api/v1/users', {
        email: `outbox-${language}@spn.test`,
        displayName: 'Surat',
        language,
        homeUnitId: tree.dpdA,
      });
      expect(invited.statusCode).toBe(201);
    }
    const outbox = await clients.admin.get('/api/v1/outbox');
    expect(outbox.statusCode).toBe(200);
    const mails = (outbox.json() as { items: { recipient: string; subject: string; language: string }[] })
      .items;
    expect(mails.find((mail) => mail.recipient === 'outbox-en@spn.test')).toMatchObject({
      language: 'en',
      subject: 'Your invitation to Setara',
    });
    expect(mails.find((mail) => mail.recipient === 'outbox-id@spn.test')?.language).toBe('id');
  });
  it('no role reaches case content: an admin at the top still holds no case capability', async () => {
    const session = (await clients.admin.get('/api/v1/session')).json() as {
      capabilities: Record<string, boolean>;
    };
    expect(session.capabilities).toMatchObject({ workCases: false, intakeCases: false });
    expectProblem(await clients.admin.get('/api/v1/cases?scope=unit'), 403, 'forbidden');
  });
});

describe('errors', () => {
  it('names each bad field, in the caller language', async () => {
    const english = new TestClient(app, 'en');
    const response = await english.post('/api/v1/auth/login', { email: 'not-an-email' });
    expectProblem(response, 400, 'validation_failed');
    const body = response.json() as { detail: string; fields: { path: string; message: string }[] };
    expect(body.detail).toBe('Some fields are not valid. Check the marked fields.');
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'Not a valid email address.' },
        { path: 'password', message: 'Required.' },
      ]),
    );
    const indonesian = await new TestClient(app, 'id').post('/api/v1/auth/login', { email: 'not-an-email' });
    expect((indonesian.json() as { detail: string }).detail).toBe(
      'Beberapa isian tidak valid. Periksa kolom yang ditandai.',
    );
  });

  it('a signed-in user gets messages in the language saved on the account', async () => {
    const client = new TestClient(app, 'id');
    await client.login('viewer@spn.test');
    expect((await client.patch('/api/v1/me', { language: 'en' })).statusCode).toBe(200);
    const response = await client.get('/api/v1/users');
    expect((response.json() as { detail: string }).detail).toBe('You are not allowed to do this.');
    await client.patch('/api/v1/me', { language: 'id' });
  });

  it('malformed bodies never cause a 5xx', async () => {
    const payloads: { payload: string; contentType: string }[] = [
      { payload: '{', contentType: 'application/json' },
      { payload: '[]', contentType: 'application/json' },
      { payload: 'null', contentType: 'application/json' },
      { payload: '"text"', contentType: 'application/json' },
      { payload: '{"email": {"$gt": ""}, "password": [1]}', contentType: 'application/json' },
      { payload: 'email=a&password=b', contentType: 'application/x-www-form-urlencoded' },
      { payload: '<xml/>', contentType: 'application/xml' },
      { payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json' },
    ];
    const csrf = await clients.admin.ensureCsrf();
    for (const route of routes.filter((candidate) => candidate.method !== 'GET')) {
      for (const { payload, contentType } of payloads) {
        const response = await app.inject({
          method: route.method,
          url: route.path(),
          payload,
          headers: {
            'content-type': contentType,
            cookie: clients.admin.cookieHeader(),
            'x-csrf-token': csrf,
          },
        });
        expect(response.statusCode, `${route.method} ${route.url} with ${payload.slice(0, 30)}`).toBeLessThan(
          500,
        );
      }
    }
  });

  it('hides internals of unexpected failures behind a generic 500', async () => {
    const own = await createTestApp(ctx, {
      beforeReady: (instance) => {
        instance.get('/api/v1/test-failure', { config: { access: 'public' } }, async () => {
          throw new Error('connection to 10.0.0.5 failed for user setara password=hunter2');
        });
      },
    });
    const response = await own.inject({ method: 'GET', url: '/api/v1/test-failure' });
    expectProblem(response, 500, 'internal');
    expect(response.body).not.toMatch(/hunter2|10\.0\.0\.5|stack/);
    await own.close();
  });

  it('unknown API routes answer problem+json 404', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'route_not_found');
  });
});

describe('operations and headers', () => {
  it('answers health and readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
  it('sends the security headers of DESIGN', async () => {
    const { headers } = await app.inject({ method: 'GET', url: '/api/v1/setup/status' });
    expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(headers['strict-transport-security']).toBeUndefined();
  });
  it('sets the session cookie httpOnly and SameSite=Lax (Secure only behind TLS)', async () => {
    const response = await new TestClient(app).login('viewer@spn.test');
    const cookie = response.cookies.find((item) => item.name === 'setara_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });
  it('serves the OpenAPI 3.1 document with every route', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const route of routes)
      expect(Object.keys(document.paths)).toContain(route.url.replace(/:(\w+)/g, '{$1}'));
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
  it('answers a signed-out visitor of GET /session with 200 { signedIn: false }, not a 401 (issue 18)', async () => {
    // A 401 is logged as a console error on every signed-out page of the staff app.
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ signedIn: false });
    const stale = await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      cookies: { setara_session: 'no-such-session-token' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ signedIn: false });
    const signedIn = (await (await clientOf('viewer')).get('/api/v1/session')).json() as {
      signedIn: boolean;
      stage: string;
    };
    expect(signedIn).toMatchObject({ signedIn: true, stage: 'full' });
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >;
    };
    const schema = JSON.stringify(document.paths['/api/v1/session']!.get.responses['200']!.content);
    expect(schema).toContain('signedIn');
    expect(schema).toMatch(/anyOf|oneOf/);
  });
});
