import type { Db } from '../platform/database.ts';
import { renderPdf } from '../platform/pdf.ts';
import type { MaterialsService } from '../modules/materials/materials.service.ts';
import { nationalActor } from './demo-actor.ts';

/** A one-page print-ready leaflet (a demo stand-in for SPN's own artwork). */
const leaflet = (title: string, lines: readonly string[], edition: string) =>
  renderPdf({
    defaultStyle: { font: 'Helvetica', fontSize: 12 },
    info: { title },
    content: [
      { text: title, fontSize: 22, bold: true, margin: [0, 0, 0, 12] },
      { ul: lines },
      { text: edition, italics: true, margin: [0, 16, 0, 0] },
    ],
  });

/**
 * The materials library as the 16 Days 2025 used it (campaigns-and-commitment.md "Materials library"),
 * through the materials service: the national leaflet on ILO C190 in two versions, the SOP text, and a
 * video link, all published on /materi. `link` records the leaflet as used by the campaign activities
 * given (call it before their campaign closes). Run after loadDemoData.
 */
export async function loadDemoMaterials(db: Db, materials: MaterialsService) {
  const actor = await nationalActor(db, 'gender_officer');
  const none = { materials: 0, link: async (_activityIds: readonly number[]) => {} };
  if (!actor) return none;
  const root = actor.principal.grants[0]!.unitId;
  const flyer = await materials.createMaterial(actor, {
    ownerUnitId: root,
    kind: 'flyer',
    title: 'Leaflet: Tempat Kerja Bebas Kekerasan dan Pelecehan (Konvensi ILO 190)',
    summary: 'Leaflet satu halaman untuk dibagikan di gerbang pabrik dan sosialisasi di PSP.',
    language: 'id',
    audience: 'members',
    licence: 'cc_by_sa',
    slug: 'leaflet-ilo-190',
  });
  const points = [
    'Kekerasan dan pelecehan di tempat kerja dilarang.',
    'Berani melapor, tidak berpaling.',
    'Kerahasiaan dan perlindungan korban dijamin.',
  ];
  await materials.addFileVersion(
    actor,
    flyer.id,
    { name: 'leaflet-ilo-190.pdf', data: await leaflet(flyer.title, points, 'Edisi November 2025') },
    'Cetakan pertama untuk 16 Hari 2025',
  );
  await materials.addFileVersion(
    actor,
    flyer.id,
    {
      name: 'leaflet-ilo-190-v2.pdf',
      data: await leaflet(
        flyer.title,
        [...points, 'Hubungi Satgas PPKS di perusahaan Anda.'],
        'Edisi Desember 2025',
      ),
    },
    'Ditambah ajakan menghubungi Satgas PPKS',
  );
  await materials.publishMaterial(actor, flyer.id, true);
  const sop = await materials.createMaterial(actor, {
    ownerUnitId: root,
    kind: 'sop_text',
    title: 'SOP Penanganan Kasus Kekerasan dan Pelecehan',
    summary: 'Teks SOP untuk pengurus yang menerima laporan.',
    language: 'id',
    audience: 'officers',
    licence: 'union_use',
    slug: null,
  });
  await materials.addFileVersion(
    actor,
    sop.id,
    {
      name: 'sop-penanganan-kasus.pdf',
      data: await leaflet(sop.title, ['Menerima laporan', 'Menjaga kerahasiaan', 'Merujuk'], 'Versi 1'),
    },
    null,
  );
  await materials.publishMaterial(actor, sop.id, true);
  const video = await materials.createMaterial(actor, {
    ownerUnitId: root,
    kind: 'video_link',
    title: 'Video: Berani Melapor',
    summary: null,
    language: 'id',
    audience: 'public',
    licence: 'cc_by',
    slug: null,
  });
  await materials.addLinkVersion(actor, video.id, { url: 'https://www.youtube.com/@spn-demo', note: null });
  await materials.publishMaterial(actor, video.id, true);
  return {
    materials: 3,
    link: async (activityIds: readonly number[]) => {
      for (const activityId of activityIds)
        await materials.linkActivity(actor, flyer.id, { activityId, versionNumber: 1 });
    },
  };
}
