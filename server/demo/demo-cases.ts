import { faker } from '@faker-js/faker';
import type { ReportInput } from '../../shared/contracts/cases.ts';
import type { Actor } from '../platform/context.ts';
import type { Db } from '../platform/database.ts';
import type { Role } from '../../shared/roles.ts';
import type { CasesService } from '../modules/cases/cases.service.ts';

/** Synthetic reports so the case screens have something to show; every word is invented. */
const stories: Pick<ReportInput, 'forms' | 'narrative' | 'place' | 'relationship'>[] = [
  {
    forms: ['KS01'],
    narrative: 'Mandor lini jahit sering berkomentar tentang tubuh saya di depan teman-teman.',
    place: 'area_kerja',
    relationship: 'atasan',
  },
  {
    forms: ['KS02', 'KP01'],
    narrative: 'Saat lembur, supervisor memegang pundak dan pinggang saya lalu mengancam kontrak saya.',
    place: 'area_kerja',
    relationship: 'atasan',
  },
  {
    forms: ['KS03'],
    narrative: 'Rekan kerja mengirim foto tidak senonoh lewat grup WhatsApp divisi.',
    place: 'daring',
    relationship: 'rekan_kerja',
  },
  {
    forms: ['KE01'],
    narrative: 'Saya tidak diperpanjang kontraknya setelah memberi tahu bahwa saya hamil.',
    place: 'area_kerja',
    relationship: 'manajemen',
  },
  {
    forms: ['KS01', 'RT01'],
    narrative: 'Setelah saya menolak ajakan, shift saya dipindah ke malam terus.',
    place: 'fasilitas_kerja',
    relationship: 'atasan',
  },
  {
    forms: ['KP01'],
    narrative: 'Pengurus PSP membentak dan mempermalukan saya di rapat anggota.',
    place: 'kegiatan_serikat',
    relationship: 'pengurus_serikat',
  },
];

/**
 * Loads a dozen synthetic cases through the same service the reporting pages use, handled by DPD Jawa
 * Barat or DPP, some assigned to the demo handler and moved along the SOP.
 */
export async function loadDemoCases(db: Db, cases: CasesService): Promise<number> {
  faker.seed(2026);
  const jabar = await db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('name', '=', 'DPD SPN Jawa Barat')
    .executeTakeFirst();
  if (!jabar) return 0;
  const psps = await db
    .selectFrom('units')
    .select('id')
    .where('path', 'like', `${jabar.path}%`)
    .where('level', '=', 'PSP')
    .limit(20)
    .execute();
  const account = async (role: Role, unitId: number): Promise<Actor | undefined> => {
    const row = await db
      .selectFrom('role_grants as g')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .select(['g.user_id', 'u.path'])
      .where('g.role', '=', role)
      .where('g.unit_id', '=', unitId)
      .executeTakeFirst();
    return row
      ? {
          userId: row.user_id,
          label: 'demo',
          requestId: 'demo',
          language: 'id',
          principal: { userId: row.user_id, grants: [{ role, unitId, unitPath: row.path }] },
        }
      : undefined;
  };
  const coordinator = await account('case_coordinator', jabar.id);
  const handler = await account('case_handler', jabar.id);
  let created = 0;
  for (let index = 0; index < 12; index += 1) {
    const story = stories[index % stories.length]!;
    const atUnknownPlace = index % 6 === 5;
    const { caseId } = await cases.submitReport(
      {
        reporterRole: index % 4 === 0 ? 'saksi' : 'korban',
        ...story,
        incidentDate: null,
        incidentDateApproximate: false,
        placeUnitId: atUnknownPlace ? null : (faker.helpers.arrayElement(psps)?.id ?? null),
        placeDetail: null,
        namedOffice: story.relationship === 'pengurus_serikat' ? 'PSP' : 'tidak_ada',
        namedName: faker.person.fullName(),
        namedPosition: null,
        namedWorkplace: null,
        wishes: ['dukungan', 'tindakan_serikat'],
        asksDpp: false,
        sameGenderHandler: index % 3 === 0,
        survivorSex: 'P',
        survivorAgeBand: '25-44',
        contactMethod: 'none',
        contactValue: null,
        safeTimes: null,
        reporterName: null,
        consentToProcess: true,
        consentToContact: false,
      },
      [],
    );
    created += 1;
    if (!coordinator || !handler || atUnknownPlace || index % 3 === 2) continue;
    try {
      await cases.assign(coordinator, caseId, { userId: handler.userId, role: 'handler' });
      if (index % 2 === 0)
        await cases.transition(handler, caseId, { to: 'triage', reason: 'Kontak pertama lewat telepon' });
    } catch {
      // The demo handler may not match a same-gender request: the case stays unassigned, as it would.
    }
  }
  return created;
}
