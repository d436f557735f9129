import { sql } from 'kysely';
import { RECEIPT_CODE_LENGTH } from '../../shared/commitment-taxonomies.ts';
import { generateCheckedCode } from '../platform/check-codes.ts';
import type { Db } from '../platform/database.ts';

const FORUM = 'Lokakarya Kebijakan Gender SPN, Bogor';
const SIGNED_ON = '2025-11-16';

/**
 * The Joint Commitment as the Bogor workshop left it (issue 13 "Demo data"): version 1 (seeded by the
 * migration) adopted by DPP and every DPD on 16 Nov 2025; members of the first DPD's first DPCs signing
 * on paper and online in the days after (about two in five, deterministic), and the first three PSPs
 * co-signing with their company. Staff receipts are not made: the demo signers have no screen to see
 * them. Run after loadDemoData.
 */
export async function loadDemoCommitment(db: Db): Promise<{ adoptions: number; signatures: number }> {
  return db.transaction().execute(async (tx) => {
    const version = await tx
      .selectFrom('commitment_versions')
      .select('id')
      .where('number', '=', 1)
      .executeTakeFirstOrThrow();
    const units = await tx
      .selectFrom('units')
      .select(['id', 'level', 'company_name', 'name'])
      .where((eb) => eb.or([eb('parent_id', 'is', null), eb('level', '=', 'DPD')]))
      .orderBy('path')
      .execute();
    const at = new Date('2025-11-16T09:00:00+07:00');
    const insert = async (row: Record<string, unknown>) => {
      const { id } = await tx
        .insertInto('commitment_signatures')
        .values({
          version_id: version.id,
          signed_on: SIGNED_ON,
          status: 'valid',
          status_at: at,
          created_at: at,
          ...row,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('commitment_signature_events')
        .values({ signature_id: id, status: 'valid', reason: null, actor_id: null, at })
        .execute();
    };
    for (const unit of units)
      await insert({
        kind: 'unit',
        unit_id: unit.id,
        forum: FORUM,
        decree_number: `SK-KB/${unit.id}/XI/2025`,
        channel: 'staff',
        public_name: true,
        verification_code: generateCheckedCode(RECEIPT_CODE_LENGTH),
      });
    const psps = await tx
      .selectFrom('units')
      .select(['id', 'company_name', 'name'])
      .where('level', '=', 'PSP')
      .orderBy('path')
      .limit(3)
      .execute();
    for (const psp of psps)
      await insert({
        kind: 'psp_company',
        unit_id: psp.id,
        forum: 'Perundingan bipartit',
        company_name: psp.company_name ?? psp.name.replace(/^PSP\s+/, ''),
        company_signatory: 'Manajer HRD',
        company_signatory_title: 'HR Manager',
        channel: 'staff',
        public_name: true,
        verification_code: generateCheckedCode(RECEIPT_CODE_LENGTH),
      });
    // Members of the first DPD's subtree: every member whose id falls on two of five, signed on paper.
    const firstDpd = units.find((unit) => unit.level === 'DPD');
    let signatures = 0;
    if (firstDpd) {
      const result = await sql<{ count: number }>`
        WITH chosen AS (
          SELECT m.id, m.home_unit_id FROM members m JOIN units u ON u.id = m.home_unit_id
          WHERE u.path LIKE (SELECT path FROM units WHERE id = ${firstDpd.id}) || '%'
            AND m.status = 'aktif' AND m.id % 5 < 2
        ), made AS (
          INSERT INTO commitment_signatures
            (version_id, kind, unit_id, member_id, signed_on, channel, public_name, status, status_at, created_at)
          SELECT ${version.id}, 'member', home_unit_id, id, ${SIGNED_ON}::date + (id % 20)::int,
            CASE WHEN id % 2 = 0 THEN 'paper' ELSE 'public' END, false, 'valid', ${at}, ${at}
          FROM chosen
          RETURNING id, created_at
        ), logged AS (
          INSERT INTO commitment_signature_events (signature_id, status, reason, actor_id, at)
          SELECT id, 'valid', NULL, NULL, created_at FROM made RETURNING 1
        )
        SELECT count(*)::int AS count FROM logged
      `.execute(tx);
      signatures = result.rows[0]?.count ?? 0;
    }
    return { adoptions: units.length + psps.length, signatures };
  });
}
