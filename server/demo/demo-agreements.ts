import type { CodingAnswer } from '../../shared/agreement-taxonomies.ts';
import type { AgreementsService } from '../modules/agreements/agreements.service.ts';
import { addMonths } from '../modules/agreements/agreement-rules.ts';
import type { Db } from '../platform/database.ts';
import { isoDateIn } from '../platform/dates.ts';
import { renderPdf } from '../platform/pdf.ts';
import { nationalActor } from './demo-actor.ts';

/** Clause texts as PKBs word them (demo stand-ins), per checklist item code. */
const clauseTexts: Record<string, string> = {
  definition_c190:
    'Kekerasan dan pelecehan adalah perilaku atau ancaman yang menimbulkan kerugian fisik, psikis, seksual atau ekonomi, termasuk yang berbasis gender.',
  prohibition:
    'Pengusaha dan pekerja dilarang melakukan kekerasan dan pelecehan dalam bentuk apa pun di tempat kerja.',
  complaint_channel:
    'Pekerja dapat mengadu secara lisan atau tertulis kepada tim penanganan; identitas pengadu dirahasiakan.',
  handling_team:
    'Dibentuk tim bersama yang beranggotakan wakil serikat pekerja dan manajemen, dengan sedikitnya separuh perempuan.',
  deadlines: 'Pengaduan ditanggapi paling lambat 3 hari kerja dan diselesaikan dalam 30 hari kerja.',
  no_retaliation:
    'Pengadu dan saksi tidak boleh dimutasi, diberhentikan atau tidak diperpanjang kontraknya karena pengaduannya.',
  survivor_support: 'Penyintas berhak atas pendampingan dan cuti berbayar paling lama 10 hari kerja.',
  sanctions:
    'Pelaku dikenai sanksi sesuai berat pelanggaran, dari surat peringatan sampai pemutusan hubungan kerja.',
  training: 'Perusahaan dan serikat menyelenggarakan pelatihan pencegahan sedikitnya sekali setahun.',
  monitoring:
    'Tim penanganan melaporkan jumlah dan penyelesaian pengaduan setiap semester kepada para pihak.',
  third_party:
    'Perlindungan ini berlaku juga terhadap kekerasan dan pelecehan oleh pelanggan, pemasok dan tamu.',
  domestic_violence_leave:
    'Pekerja yang mengalami kekerasan dalam rumah tangga berhak atas cuti berbayar 5 hari kerja.',
  menstrual_leave:
    'Pekerja perempuan yang merasakan sakit pada hari pertama dan kedua haid tidak wajib bekerja.',
  maternity_leave: 'Pekerja perempuan berhak atas cuti melahirkan 3 bulan dengan upah penuh.',
  nursing: 'Perusahaan menyediakan ruang laktasi dan waktu menyusui selama jam kerja.',
};

/**
 * How a demo agreement is coded, by its place in the list (issue 14 "Demo data": some with full clauses,
 * many partial, several without): one in five fully, three in five partly, one in five not at all.
 */
function answerOf(profile: number, code: string, position: number): CodingAnswer | null {
  if (profile === 4) return null;
  if (profile === 0) return 'yes';
  // Rights already in law are usually restated; violence clauses are the gap the unions work on.
  if (['menstrual_leave', 'maternity_leave', 'nursing'].includes(code)) return 'yes';
  if (['prohibition', 'sanctions'].includes(code)) return profile === 1 ? 'yes' : 'partial';
  if (['definition_c190', 'complaint_channel'].includes(code)) return 'partial';
  if (profile === 3 && position > 9) return 'not_coded';
  return 'no';
}

/**
 * Collective agreements for every third demo PSP, through the agreements service (its PSP check, scope
 * and audit), by the national gender officer: PKBs (and a PP where the index says so) with varied coding,
 * the first two ending within 6 months of today, a few expired, one under renegotiation, and a document
 * for the first few. The codings themselves are written in one statement (hundreds of rows; the service
 * would reload the sheet after each), as the gender officer at the demo's time. Run after loadDemoData.
 */
export async function loadDemoAgreements(db: Db, agreements: AgreementsService, now = new Date()) {
  const actor = await nationalActor(db, 'gender_officer');
  if (!actor) return { agreements: 0, codings: 0 };
  const psps = await db
    .selectFrom('units')
    .select(['id', 'name', 'company_name'])
    .where('level', '=', 'PSP')
    .where('active', '=', true)
    .orderBy('path')
    .execute();
  const chosen = psps.filter((_psp, index) => index % 3 === 0);
  const version = await db
    .selectFrom('agreement_checklist_versions')
    .select('id')
    .where('number', '=', 1)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('agreement_checklist_items')
    .select(['code', 'position'])
    .where('version_id', '=', version.id)
    .orderBy('position')
    .execute();
  const today = isoDateIn(now);
  const codings: {
    agreement_id: number;
    item_code: string;
    checklist_version_id: number;
    answer: string;
    excerpt: string | null;
    article: string | null;
    coded_by: string;
    coded_at: Date;
  }[] = [];
  for (const [index, psp] of chosen.entries()) {
    const company = psp.company_name ?? psp.name.replace(/^PSP SPN /, '');
    // The first two end within 6 months; every tenth from the eighth has expired; one is renegotiated.
    const endsOn =
      index === 0
        ? addMonths(today, 2)
        : index === 1
          ? addMonths(today, 5)
          : index % 10 === 7 || index % 10 === 9
            ? addMonths(today, -3)
            : addMonths(today, 7 + (index % 17));
    const startsOn = addMonths(endsOn, -24);
    const status = index % 10 === 9 ? 'under_negotiation' : index % 10 === 7 ? 'expired' : 'in_force';
    const created = await agreements.createAgreement(actor, {
      unitId: psp.id,
      kind: index % 8 === 5 ? 'pp' : 'pkb',
      companyName: company,
      parties: `${psp.name} dan ${company}`,
      registrationNumber:
        index % 4 === 3 ? null : `KEP.${100 + index}/PHIJSK-PKKHI/PKB/${startsOn.slice(0, 4)}`,
      startsOn,
      endsOn,
      extendedUntil: null,
      status,
    });
    if (index < 6) {
      const document = await renderPdf({
        defaultStyle: { font: 'Helvetica', fontSize: 11 },
        info: { title: `PKB ${company}` },
        content: [
          { text: `Perjanjian Kerja Bersama ${company}`, fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
          { text: `Berlaku ${startsOn} sampai ${endsOn}. Dokumen contoh untuk demo Setara.` },
        ],
      });
      await agreements.addFile(actor, created.id, { name: `pkb-${psp.id}.pdf`, data: document });
    }
    const profile = index % 5;
    for (const item of items) {
      const answer = answerOf(profile, item.code, item.position);
      if (answer === null) continue;
      const hasText = answer === 'yes' || answer === 'partial';
      // A recoding for some: the prohibition first read as missing, then found in a later article.
      if (item.code === 'prohibition' && profile === 2)
        codings.push({
          agreement_id: created.id,
          item_code: item.code,
          checklist_version_id: version.id,
          answer: 'no',
          excerpt: null,
          article: null,
          coded_by: actor.userId,
          coded_at: new Date(now.getTime() - 86_400_000),
        });
      codings.push({
        agreement_id: created.id,
        item_code: item.code,
        checklist_version_id: version.id,
        answer,
        excerpt: hasText ? (clauseTexts[item.code] ?? null) : null,
        article: hasText ? `Pasal ${10 + item.position * 2}` : null,
        coded_by: actor.userId,
        coded_at: now,
      });
    }
  }
  for (let start = 0; start < codings.length; start += 1000)
    await db
      .insertInto('agreement_codings')
      .values(codings.slice(start, start + 1000))
      .execute();
  return { agreements: chosen.length, codings: codings.length };
}
