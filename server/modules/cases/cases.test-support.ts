import type { ReportInput } from '../../../shared/contracts/cases.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/context.ts';
import { createMember, createUser, type TestContext, type Tree } from '../../test/helpers.ts';

/** A 1×1 PNG; bytes appended after its end still sniff as image/png. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A report as the public form would send it, happening at `placeUnitId`. */
export function reportAt(placeUnitId: number | null, overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    reporterRole: 'korban',
    forms: ['KS01'],
    narrative: 'Supervisor saya berkata kasar dan menyentuh saya di gudang.',
    incidentDate: '2026-11-10',
    incidentDateApproximate: false,
    place: 'area_kerja',
    placeUnitId,
    placeDetail: null,
    relationship: 'atasan',
    namedOffice: 'tidak_ada',
    namedName: 'Pak Budi Santoso',
    namedPosition: 'Supervisor jahit',
    namedWorkplace: 'PT Garmen Sejahtera',
    wishes: ['dukungan'],
    asksDpp: false,
    sameGenderHandler: false,
    survivorSex: 'P',
    survivorAgeBand: '25-44',
    contactMethod: 'whatsapp',
    contactValue: '081234567890',
    safeTimes: 'Sore setelah jam 17',
    reporterName: null,
    consentToProcess: true,
    consentToContact: true,
    ...overrides,
  };
}

/** The acting user as routes pass it to services, with the grants stored for that account. */
export async function actorOf(ctx: TestContext, userId: string): Promise<Actor> {
  const grants = await ctx.db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.role', 'g.unit_id', 'u.path'])
    .where('g.user_id', '=', userId)
    .execute();
  return {
    userId,
    label: `user-${userId.slice(0, 8)}`,
    requestId: 'test',
    language: 'id',
    principal: {
      userId,
      grants: grants.map((grant) => ({
        role: grant.role as Role,
        unitId: grant.unit_id,
        unitPath: grant.path,
      })),
    },
  };
}

/** An account with roles, linked to a new member record of the given sex at `memberUnitId`. */
export async function createCaseWorker(
  ctx: TestContext,
  options: {
    email: string;
    homeUnitId: number;
    grants: { role: Role; unitId: number }[];
    sex?: 'L' | 'P';
    memberUnitId?: number;
  },
) {
  const userId = await createUser(ctx, options);
  const memberId = await createMember(ctx, {
    number: `M-${options.email}`,
    name: options.email.split('@')[0] ?? 'x',
    unitId: options.memberUnitId ?? options.homeUnitId,
    sex: options.sex ?? 'P',
  });
  await ctx.db.updateTable('users').set({ member_id: memberId }).where('id', '=', userId).execute();
  return { userId, memberId };
}

/** Appoints a member to a one-seat position on a new executive board at `unitId` (an officer there). */
export async function makeOfficer(ctx: TestContext, memberId: string, unitId: number, title = 'Ketua') {
  const { id: bodyId } = await ctx.db
    .insertInto('bodies')
    .values({ unit_id: unitId, kind: 'executive', name: `Pengurus ${unitId}-${title}`, statutory_seats: 5 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: positionId } = await ctx.db
    .insertInto('positions')
    .values({ body_id: bodyId, title, category: 'strategic', seats: 1, sort_order: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('appointments')
    .values({
      position_id: positionId,
      member_id: memberId,
      term_start: '2025-01-01',
      term_end: null,
      basis: 'elected',
      decree_number: null,
    })
    .execute();
}

/** Case workers around the test tree: coordinators, handlers and legal aid in and out of DPD Jawa Barat. */
export async function seedCaseTeam(ctx: TestContext, tree: Tree) {
  const coordinatorA = await createCaseWorker(ctx, {
    email: 'koordinator.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'case_coordinator', unitId: tree.dpdA }],
  });
  const handlerA = await createCaseWorker(ctx, {
    email: 'pendamping.jabar@spn.test',
    homeUnitId: tree.dpcA1,
    grants: [{ role: 'case_handler', unitId: tree.dpcA1 }],
    sex: 'P',
  });
  const handlerA2 = await createCaseWorker(ctx, {
    email: 'pendamping2.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'case_handler', unitId: tree.dpdA }],
    sex: 'L',
  });
  const legalA = await createCaseWorker(ctx, {
    email: 'tkbh.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'legal_aid', unitId: tree.dpdA }],
  });
  const coordinatorB = await createCaseWorker(ctx, {
    email: 'koordinator.banten@spn.test',
    homeUnitId: tree.dpdB,
    grants: [{ role: 'case_coordinator', unitId: tree.dpdB }],
  });
  const handlerB = await createCaseWorker(ctx, {
    email: 'pendamping.banten@spn.test',
    homeUnitId: tree.dpdB,
    grants: [{ role: 'case_handler', unitId: tree.dpdB }],
  });
  const coordinatorRoot = await createCaseWorker(ctx, {
    email: 'koordinator.dpp@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'case_coordinator', unitId: tree.root }],
  });
  return { coordinatorA, handlerA, handlerA2, legalA, coordinatorB, handlerB, coordinatorRoot };
}
