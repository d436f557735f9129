import { sql } from 'kysely';
import { createMember, type TestContext, type Tree } from '../../test/helpers.ts';

export interface QuotaSeed {
  pspBoard: number;
  dpdABoard: number;
  dpdAKomite: number;
  dpdBBoard: number;
  dpcBLaskar: number;
  pspAnggota: number;
  spareMan: string;
  spareWoman: string;
}

/**
 * A small SPN for the quota figures (clock 2026-11-22):
 * - members: PSP Garmen 6 women, 3 men, 1 unknown (+1 woman who left, not counted); DPC Serang 1 woman,
 *   3 men. So DPP 7/6/1 (50.0%), DPD Jawa Barat 6/3/1 (60.0%), DPD Banten 1/3/0 (25.0%).
 * - PSP board (7 seats): Ketua L, Wakil Ketua P, Sekretaris L, Bendahara unknown, Anggota ×3 L
 *   → 1 woman, 1 unknown: non-compliant (needs 2 more among 7). A woman's Anggota term ended in 2022.
 * - DPD Jawa Barat board (7): Ketua P, Sekretaris P, 5 others L → needs 1 more woman among 7 seats.
 * - DPD Jawa Barat Komite Perempuan (3): 3 women → compliant.
 * - DPD Banten board (3): Ketua L, Sekretaris P, Bendahara L → at risk (1 of 1 required, no spare).
 * - DPC Serang Laskar: nobody appointed → not applicable.
 * - Kongres VI (latest): Jawa Barat delegates 1 woman, 1 man, 1 returned woman; Kongres V (older): 1 man.
 */
export async function seedQuota(ctx: TestContext, tree: Tree): Promise<QuotaSeed> {
  await sql`UPDATE units SET region_code = CASE id
    WHEN ${tree.dpdA} THEN '32' WHEN ${tree.dpcA1} THEN '32.01' WHEN ${tree.pspA1x} THEN '32.01'
    WHEN ${tree.dpdB} THEN '36' WHEN ${tree.dpcB1} THEN '36.73' END
    WHERE id IN (${tree.dpdA}, ${tree.dpcA1}, ${tree.pspA1x}, ${tree.dpdB}, ${tree.dpcB1})`.execute(ctx.db);
  let number = 0;
  const member = (unitId: number, sex: 'L' | 'P' | null, status = 'aktif') =>
    createMember(ctx, {
      number: `Q${String(++number).padStart(5, '0')}`,
      name: `Anggota ${number}`,
      unitId,
      sex,
      status,
    });
  const women: string[] = [];
  const men: string[] = [];
  for (let i = 0; i < 6; i += 1) women.push(await member(tree.pspA1x, 'P'));
  for (let i = 0; i < 3; i += 1) men.push(await member(tree.pspA1x, 'L'));
  const unknown = await member(tree.pspA1x, null);
  const leftWoman = await member(tree.pspA1x, 'P', 'keluar');
  const serangWoman = await member(tree.dpcB1, 'P');
  const serangMen = [
    await member(tree.dpcB1, 'L'),
    await member(tree.dpcB1, 'L'),
    await member(tree.dpcB1, 'L'),
  ];

  const body = async (unitId: number, kind: string, name: string, seats: number) =>
    (
      await ctx.db
        .insertInto('bodies')
        .values({ unit_id: unitId, kind, name, statutory_seats: seats })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const position = async (bodyId: number, title: string, category: string, seats = 1) =>
    (
      await ctx.db
        .insertInto('positions')
        .values({ body_id: bodyId, title, category, seats, sort_order: 0 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const appoint = (positionId: number, memberId: string, start = '2024-01-01', end: string | null = null) =>
    ctx.db
      .insertInto('appointments')
      .values({
        position_id: positionId,
        member_id: memberId,
        term_start: start,
        term_end: end,
        basis: 'elected',
        decree_number: null,
      })
      .execute();

  const pspBoard = await body(tree.pspA1x, 'executive', 'Pengurus PSP Garmen', 7);
  await appoint(await position(pspBoard, 'Ketua', 'strategic'), men[0]!);
  await appoint(await position(pspBoard, 'Wakil Ketua', 'strategic'), women[0]!);
  await appoint(await position(pspBoard, 'Sekretaris', 'administrative'), men[1]!);
  await appoint(await position(pspBoard, 'Bendahara', 'administrative'), unknown);
  const pspAnggota = await position(pspBoard, 'Anggota', 'other', 3);
  await appoint(pspAnggota, leftWoman, '2021-01-01', '2022-12-31');
  await appoint(pspAnggota, men[2]!);
  await appoint(pspAnggota, serangMen[0]!);
  await appoint(pspAnggota, serangMen[1]!);

  const dpdABoard = await body(tree.dpdA, 'executive', 'Pengurus DPD Jawa Barat', 7);
  await appoint(await position(dpdABoard, 'Ketua Umum', 'strategic'), women[1]!);
  await appoint(await position(dpdABoard, 'Wakil Ketua', 'strategic'), men[0]!);
  await appoint(await position(dpdABoard, 'Sekretaris', 'administrative'), women[2]!);
  await appoint(await position(dpdABoard, 'Bendahara', 'administrative'), men[1]!);
  const dpdAOthers = await position(dpdABoard, 'Ketua Bidang Organisasi', 'other', 3);
  for (const id of [men[2]!, serangMen[0]!, serangMen[2]!]) await appoint(dpdAOthers, id);

  const dpdAKomite = await body(tree.dpdA, 'komite_perempuan', 'Komite Perempuan DPD Jawa Barat', 3);
  const komiteMembers = await position(dpdAKomite, 'Anggota', 'other', 3);
  for (const id of [women[3]!, women[4]!, women[5]!]) await appoint(komiteMembers, id);

  const dpdBBoard = await body(tree.dpdB, 'executive', 'Pengurus DPD Banten', 3);
  await appoint(await position(dpdBBoard, 'Ketua', 'strategic'), serangMen[0]!);
  await appoint(await position(dpdBBoard, 'Sekretaris', 'administrative'), serangWoman);
  await appoint(await position(dpdBBoard, 'Bendahara', 'administrative'), serangMen[1]!);

  const dpcBLaskar = await body(tree.dpcB1, 'laskar', 'Laskar DPC Serang', 5);
  await position(dpcBLaskar, 'Komandan', 'other');

  const assembly = async (name: string, startsOn: string) =>
    (
      await ctx.db
        .insertInto('assemblies')
        .values({ unit_id: tree.root, kind: 'kongres', name, starts_on: startsOn, ends_on: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const allocation = async (assemblyId: number) =>
    (
      await ctx.db
        .insertInto('delegation_allocations')
        .values({ assembly_id: assemblyId, unit_id: tree.dpdA, category: 'executive', seats: 3 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const delegate = (allocationId: number, memberId: string, status = 'submitted') =>
    ctx.db
      .insertInto('delegates')
      .values({ allocation_id: allocationId, member_id: memberId, credential_status: status, note: null })
      .execute();
  const older = await allocation(await assembly('Kongres V', '2021-06-01'));
  await delegate(older, men[0]!);
  const latest = await allocation(await assembly('Kongres VI', '2026-06-01'));
  await delegate(latest, women[0]!, 'accepted');
  await delegate(latest, men[1]!);
  await delegate(latest, women[1]!, 'returned');
  return {
    pspBoard,
    dpdABoard,
    dpdAKomite,
    dpdBBoard,
    dpcBLaskar,
    pspAnggota,
    spareMan: men[2]!,
    spareWoman: women[5]!,
  };
}
