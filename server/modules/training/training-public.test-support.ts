import { generateCheckedCode } from '../../platform/check-codes.ts';
import { createMember, type TestContext, type Tree } from '../../test/helpers.ts';

/**
 * Fixture rows for the public training pages, inserted directly (the staff service is written apart):
 * a program organised by DPD Jawa Barat with KSPI, one class, sessions and accepted participants.
 */
export async function seedTrainingClass(ctx: TestContext, tree: Tree, options: { title?: string } = {}) {
  const { id: programId } = await ctx.db
    .insertInto('training_programs')
    .values({
      unit_id: tree.dpdA,
      name: 'Capacity Building SPN–KSPI Bogor',
      partners: ['KSPI'],
      venue: 'Griya Astuti Hotel, Bogor',
      funding: null,
      starts_on: '2025-12-16',
      ends_on: '2025-12-18',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: classId } = await ctx.db
    .insertInto('training_classes')
    .values({
      program_id: programId,
      track: 'perempuan',
      level: 'dasar',
      title: options.title ?? 'Gender Training for Leadership',
      seats: 30,
      women_only: true,
      max_age: null,
      starts_on: '2025-12-16',
      ends_on: '2025-12-18',
      hours: 24,
      certificate_valid_years: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { programId, classId };
}

export async function addSession(
  ctx: TestContext,
  classId: number,
  startsAt: Date,
  hours = 2,
  title = 'Hari 1',
) {
  const { id } = await ctx.db
    .insertInto('training_sessions')
    .values({
      class_id: classId,
      title,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + hours * 60 * 60 * 1000),
      venue: 'Ruang Melati',
      online: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

let memberSerial = 0;

/** A member of the PSP accepted (or in `status`) in the class; returns her ids, codes and number. */
export async function addParticipant(
  ctx: TestContext,
  tree: Tree,
  classId: number,
  options: { name?: string; status?: string; birthYear?: number; employer?: string } = {},
) {
  memberSerial += 1;
  const number = `SPN-32-${String(memberSerial).padStart(6, '0')}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const memberId = await createMember(ctx, {
    number,
    name: options.name ?? `Siti Rahayu ${memberSerial}`,
    unitId: tree.pspA1x,
  });
  await ctx.db
    .updateTable('members')
    .set({ birth_year: options.birthYear ?? 1990, employer: options.employer ?? null })
    .where('id', '=', memberId)
    .execute();
  const enrolmentCode = generateCheckedCode(8);
  const { id } = await ctx.db
    .insertInto('training_participants')
    .values({
      class_id: classId,
      member_id: memberId,
      external_person_id: null,
      nominating_unit_id: tree.pspA1x,
      status: options.status ?? 'accepted',
      reason: null,
      enrolment_code: enrolmentCode,
      nominated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    participantId: id,
    memberId,
    memberNumber: number,
    enrolmentCode,
    birthYear: options.birthYear ?? 1990,
  };
}
