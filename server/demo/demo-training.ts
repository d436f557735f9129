import { faker } from '@faker-js/faker';
import { sql } from 'kysely';
import { generateCheckedCode } from '../platform/check-codes.ts';
import type { Db } from '../platform/database.ts';
import { writeMark } from '../modules/training/attendance.ts';
import {
  completionOf,
  eligibilityFailuresOf,
  weightedAttendance,
} from '../modules/training/training-rules.ts';

/**
 * The Capacity Building SPN–KSPI of 16–18 December 2025 at the Griya Astuti Hotel, Bogor (training.md):
 * five thematic classes with seats for the seven DPDs, nominations checked by the same eligibility rules
 * as the staff app (a few returned with a reason), three sessions a class with attendance, completion by
 * the class rule, certificates (one revoked), a KSPI facilitator outside the membership, and some women
 * graduates appointed to vacant board seats in 2026, so the leadership pipeline shows something real.
 * Deterministic (seeded); run after loadDemoData.
 */
export async function loadDemoTraining(
  db: Db,
): Promise<{ classes: number; participants: number; certificates: number }> {
  faker.seed(1612);
  return db.transaction().execute(async (tx) => {
    const root = await tx
      .selectFrom('units')
      .select(['id'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const dpds = await tx
      .selectFrom('units')
      .select(['id', 'path', 'name'])
      .where('level', '=', 'DPD')
      .orderBy('path')
      .execute();
    const { id: programId } = await tx
      .insertInto('training_programs')
      .values({
        unit_id: root.id,
        name: 'Capacity Building SPN–KSPI 2025',
        partners: ['KSPI'],
        venue: 'Griya Astuti Hotel, Bogor',
        funding: 'Iuran anggota dan dukungan KSPI',
        starts_on: '2025-12-16',
        ends_on: '2025-12-18',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: kspi } = await tx
      .insertInto('training_external_persons')
      .values({ full_name: 'Fasilitator KSPI', organisation: 'KSPI', sex: 'P' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const weights = { present: 2, late: 1, excused: 1, absent: 0 } as const;
    const classes = [
      {
        track: 'perempuan',
        title: 'Gender Training for Leadership (Kelas Perempuan)',
        womenOnly: true,
        maxAge: null,
      },
      { track: 'pekerja_muda', title: 'Kelas Pekerja Muda', womenOnly: false, maxAge: 35 },
      { track: 'laskar', title: 'Kelas Laskar', womenOnly: false, maxAge: null },
      { track: 'media', title: 'Kelas Media', womenOnly: false, maxAge: null },
      { track: 'tkbh', title: 'Kelas TKBH', womenOnly: false, maxAge: null },
    ];
    const used = new Set<string>();
    let participants = 0;
    let certificates = 0;
    const graduates: { memberId: string; dpdPath: string }[] = [];
    for (const spec of classes) {
      const { id: classId } = await tx
        .insertInto('training_classes')
        .values({
          program_id: programId,
          track: spec.track,
          level: 'dasar',
          title: spec.title,
          seats: dpds.length * 4,
          women_only: spec.womenOnly,
          max_age: spec.maxAge,
          starts_on: '2025-12-16',
          ends_on: '2025-12-18',
          hours: 24,
          certificate_valid_years: spec.track === 'tkbh' ? 3 : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (spec.track === 'perempuan')
        await tx
          .insertInto('training_facilitators')
          .values({ class_id: classId, external_person_id: kspi })
          .execute();
      const sessions: number[] = [];
      for (const day of ['16', '17', '18']) {
        const { id } = await tx
          .insertInto('training_sessions')
          .values({
            class_id: classId,
            title: `Hari ${Number(day) - 15}`,
            starts_at: `2025-12-${day}T08:00:00+07:00`,
            ends_at: `2025-12-${day}T16:00:00+07:00`,
            venue: 'Griya Astuti Hotel, Bogor',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        sessions.push(id);
      }
      for (const dpd of dpds) {
        await tx
          .insertInto('training_seat_allocations')
          .values({ class_id: classId, unit_id: dpd.id, seats: 4 })
          .execute();
        const pool = await tx
          .selectFrom('members as m')
          .innerJoin('units as u', 'u.id', 'm.home_unit_id')
          .select(['m.id', 'm.sex', 'm.birth_year', 'm.status'])
          .where('u.path', 'like', `${dpd.path}%`)
          .where('m.status', '=', 'aktif')
          .orderBy(sql`md5(m.id::text || ${spec.track})`)
          .limit(40)
          .execute();
        // Units are asked for at least 30% women; most send more, one in seven sends men only.
        const menOnly = faker.number.int({ min: 0, max: 6 }) === 0 && !spec.womenOnly;
        const eligible = pool.filter(
          (member) =>
            !used.has(member.id) &&
            (!menOnly || member.sex === 'L') &&
            eligibilityFailuresOf(
              { womenOnly: spec.womenOnly, maxAge: spec.maxAge, prerequisites: [], startsOn: '2025-12-16' },
              {
                status: member.status,
                sex: member.sex as 'L' | 'P' | null,
                birthYear: member.birth_year,
                completed: [],
              },
            ).length === 0,
        );
        for (const member of eligible.slice(0, 4)) {
          used.add(member.id);
          const returned = menOnly && faker.datatype.boolean();
          const status = returned ? 'returned' : 'accepted';
          const { id: participantId } = await tx
            .insertInto('training_participants')
            .values({
              class_id: classId,
              member_id: member.id,
              nominating_unit_id: dpd.id,
              status,
              reason: returned ? 'Kirim sedikitnya 30% peserta perempuan' : null,
              enrolment_code: generateCheckedCode(8),
              nominated_at: '2025-11-20T03:00:00Z',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          participants += 1;
          await tx
            .insertInto('training_participant_events')
            .values([
              { participant_id: participantId, status: 'nominated', at: '2025-11-20T03:00:00Z' },
              {
                participant_id: participantId,
                status,
                reason: returned ? 'Kirim sedikitnya 30% peserta perempuan' : null,
                at: '2025-12-01T03:00:00Z',
              },
            ])
            .execute();
          if (returned) continue;
          const marks = sessions.map(() =>
            faker.helpers.weightedArrayElement([
              { weight: 14, value: 'present' as const },
              { weight: 2, value: 'late' as const },
              { weight: 1, value: 'excused' as const },
              { weight: 1, value: 'absent' as const },
            ]),
          );
          for (const [index, mark] of marks.entries())
            await writeMark(tx, {
              sessionId: sessions[index]!,
              participantId,
              status: mark,
              via: faker.helpers.arrayElement(['roll_call', 'self', 'paper'] as const),
              recordedBy: null,
              at: new Date(`2025-12-${16 + index}T09:00:00+07:00`),
            });
          const done = completionOf(
            { minAttendance: 0.8, minPostScore: null },
            weightedAttendance(weights, sessions.length, marks),
            null,
          ).completed;
          await tx
            .updateTable('training_participants')
            .set({ status: done ? 'completed' : 'not_completed' })
            .where('id', '=', participantId)
            .execute();
          await tx
            .insertInto('training_participant_events')
            .values({
              participant_id: participantId,
              status: done ? 'completed' : 'not_completed',
              at: '2025-12-18T10:00:00Z',
            })
            .execute();
          if (!done) continue;
          await tx
            .insertInto('training_certificates')
            .values({
              code: generateCheckedCode(12),
              participant_id: participantId,
              issued_at: '2025-12-19T03:00:00Z',
              valid_until: spec.track === 'tkbh' ? '2028-12-18' : null,
              ...(certificates === 3
                ? { revoked_at: '2026-02-01T03:00:00Z', revoke_reason: 'Nama peserta salah ketik' }
                : {}),
            })
            .execute();
          certificates += 1;
          if (spec.track === 'perempuan') graduates.push({ memberId: member.id, dpdPath: dpd.path });
        }
      }
    }
    // Some women graduates take a vacant board seat in their DPD in 2026.
    for (const graduate of graduates.filter((_, index) => index % 3 === 0)) {
      const vacant = await tx
        .selectFrom('positions as p')
        .innerJoin('bodies as b', 'b.id', 'p.body_id')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select('p.id')
        .where('u.path', 'like', `${graduate.dpdPath}%`)
        .where(
          sql<boolean>`p.seats > (SELECT count(*) FROM appointments a WHERE a.position_id = p.id AND a.term_end IS NULL)`,
        )
        .orderBy('p.id')
        .limit(1)
        .executeTakeFirst();
      if (!vacant) continue;
      await tx
        .insertInto('appointments')
        .values({
          position_id: vacant.id,
          member_id: graduate.memberId,
          term_start: '2026-03-01',
          term_end: null,
          basis: 'appointed',
          decree_number: `SK/${vacant.id}/2026`,
        })
        .execute();
    }
    return { classes: classes.length, participants, certificates };
  });
}
