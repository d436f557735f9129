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

/** The pre/post test of Gender Training for Leadership (demo wording, written for the demo). */
const leadershipItems = [
  {
    stem: 'Berapa persen minimal perempuan dalam delegasi kongres menurut kebijakan kuota SPN?',
    options: ['10%', '20%', '30%', '50%'],
    correct: 2,
  },
  {
    stem: 'Siapa yang pertama menerima laporan kekerasan seksual menurut SOP?',
    options: ['Pengusaha', 'Focal point gender / tim kasus', 'Polisi', 'Rekan kerja'],
    correct: 1,
  },
  {
    stem: 'Konvensi ILO yang mengatur kekerasan dan pelecehan di dunia kerja adalah…',
    options: ['K87', 'K98', 'K190', 'K100'],
    correct: 2,
  },
  {
    stem: 'Kesetaraan gender dalam serikat berarti…',
    options: [
      'Perempuan hanya di bidang perempuan',
      'Perempuan dan laki-laki punya akses yang sama ke jabatan dan keputusan',
      'Kuota tidak diperlukan',
      'Hanya laki-laki yang memimpin',
    ],
    correct: 1,
  },
  {
    stem: 'Apa yang harus dijaga ketika menangani laporan kasus?',
    options: [
      'Kerahasiaan pelapor',
      'Nama pelapor diumumkan',
      'Laporan dibahas di grup',
      'Pelapor dipertemukan dengan terlapor',
    ],
    correct: 0,
  },
  {
    stem: 'Rapat serikat yang ramah perempuan sebaiknya…',
    options: [
      'Diadakan larut malam',
      'Memperhatikan waktu dan pengasuhan anak',
      'Tanpa undangan tertulis',
      'Hanya untuk pengurus',
    ],
    correct: 1,
  },
  {
    stem: 'Kuota perempuan dalam kepengurusan bertujuan…',
    options: [
      'Mengisi angka saja',
      'Agar perempuan benar-benar ikut memimpin dan memutuskan',
      'Mengurangi jumlah pengurus',
      'Menggantikan pemilihan',
    ],
    correct: 1,
  },
  {
    stem: 'Pelecehan seksual di tempat kerja termasuk…',
    options: ['Komentar bernuansa seksual yang tidak diinginkan', 'Rapat kerja', 'Pelatihan', 'Cuti haid'],
    correct: 0,
  },
];

/** Answers to the items with exactly `score` of them right (the first ones), the rest a wrong option. */
function answersScoring(items: readonly { id: number; correct: number; options: number }[], score: number) {
  return Object.fromEntries(
    items.map((item, index) => [
      String(item.id),
      index < score ? item.correct : (item.correct + 1) % item.options,
    ]),
  );
}

/**
 * The Capacity Building SPN–KSPI of 16–18 December 2025 at the Griya Astuti Hotel, Bogor (training.md):
 * five thematic classes with seats for the seven DPDs, nominations checked by the same eligibility rules
 * as the staff app (a few returned with a reason), three sessions a class with attendance, completion by
 * the class rule (with a pre/post test in Gender Training for Leadership), certificates (one revoked), a KSPI facilitator outside the membership, and some women
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
      // Gender Training for Leadership has a pre- and post-test (one form, eight items).
      const testItems: { id: number; correct: number; options: number }[] = [];
      if (spec.track === 'perempuan') {
        for (const [position, item] of leadershipItems.entries()) {
          const { id } = await tx
            .insertInto('training_test_items')
            .values({
              class_id: classId,
              form: 'A',
              stem_id: item.stem,
              options: JSON.stringify(item.options.map((option) => ({ id: option, en: null }))),
              correct: item.correct,
              position,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          testItems.push({ id, correct: item.correct, options: item.options.length });
        }
        await tx
          .insertInto('training_test_settings')
          .values({ class_id: classId, parallel_forms: false })
          .execute();
      }
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
          let postShare: number | null = null;
          if (testItems.length > 0) {
            // Pre-test on the first morning, post-test on the last afternoon; one in eight skips the post.
            const pre = faker.number.int({ min: 2, max: testItems.length });
            const post =
              faker.number.int({ min: 0, max: 7 }) === 0
                ? null
                : Math.min(testItems.length, pre + faker.number.int({ min: 0, max: 4 }));
            for (const [phase, score, at] of [
              ['pre', pre, '2025-12-16T08:30:00+07:00'],
              ['post', post, '2025-12-18T15:00:00+07:00'],
            ] as const) {
              if (score === null) continue;
              await tx
                .insertInto('training_test_attempts')
                .values({
                  participant_id: participantId,
                  phase,
                  form: 'A',
                  via: faker.datatype.boolean() ? 'online' : 'paper',
                  answers: JSON.stringify(answersScoring(testItems, score)),
                  score,
                  max_score: testItems.length,
                  recorded_at: at,
                })
                .execute();
            }
            postShare = post === null ? null : post / testItems.length;
          }
          const done = completionOf(
            { minAttendance: 0.8, minPostScore: testItems.length > 0 ? 0.6 : null },
            weightedAttendance(weights, sessions.length, marks),
            postShare,
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
