import type { Db } from '../platform/database.ts';
import type { CadreService } from '../modules/cadre/cadre.service.ts';
import { nationalActor } from './demo-actor.ts';

/**
 * Cadre stages for the demo (training.md "Cadre stages"), through the cadre service's own rules: the
 * Bogor December 2025 graduates are proposed for `kader_dasar` by the ladder, a national gender officer
 * (the level above every DPD member) confirms most of them in January 2026, declines one with a reason
 * and records an older cadre's `kader_madya` by hand ("Pendidikan kader 2019"); one record is withdrawn.
 * The rest stay open in the proposals queue. Run after loadDemoTraining.
 */
export async function loadDemoCadre(
  db: Db,
  cadre: CadreService,
): Promise<{ proposed: number; confirmed: number }> {
  const actor = await nationalActor(db, 'gender_officer');
  if (!actor) return { proposed: 0, confirmed: 0 };
  const graduates = await db
    .selectFrom('training_participants')
    .select('member_id')
    .where('status', '=', 'completed')
    .where('member_id', 'is not', null)
    .orderBy('id')
    .execute();
  const proposed = await cadre.proposeFor(
    db,
    graduates.map((row) => row.member_id!),
  );
  const proposals = await cadre.listProposals(actor);
  let confirmed = 0;
  for (const [index, proposal] of proposals.entries()) {
    if (index % 4 === 3) continue; // left open for the queue
    if (index === 2) {
      await cadre.decline(
        actor,
        proposal.id,
        'Kehadiran di sesi praktik belum cukup; ikut kelas berikutnya.',
      );
      continue;
    }
    // Confirmed in January 2026, or on joining for a member whose recorded join date is later.
    const { joined_on: joinedOn } = await db
      .selectFrom('members')
      .select('joined_on')
      .where('id', '=', proposal.memberId)
      .executeTakeFirstOrThrow();
    const achievedOn = joinedOn && joinedOn > '2026-01-15' ? joinedOn : '2026-01-15';
    if (achievedOn >= '2026-06-01') continue;
    const stages = await cadre.confirm(actor, proposal.id, { achievedOn });
    confirmed += 1;
    if (confirmed === 1)
      await cadre.recordStage(actor, proposal.memberId, {
        stage: 'kader_madya',
        achievedOn: '2026-06-01',
        evidenceNote: 'Pendidikan kader madya SPN 2019 (sebelum Setara); sertifikat kertas diperiksa DPP.',
      });
    if (confirmed === 2) {
      const record = stages.records.find((item) => item.stage === 'kader_dasar');
      if (record) await cadre.withdraw(actor, record.id, 'Dikonfirmasi untuk anggota yang salah; diulang.');
    }
  }
  return { proposed, confirmed };
}
