import { RECEIPT_CODE_LENGTH } from '../../../shared/commitment-taxonomies.ts';
import { normaliseCheckedCode } from '../../platform/check-codes.ts';
import type { Db } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import type { VerificationKind, VerifiedDocument } from '../../public/verification.ts';

/**
 * Unit adoptions and PSP–company co-signatures on the shared public verification page (issue 13
 * "Verification"): these are public acts of a unit, so the unit's (and company's) name is shown in full.
 * Personal signatures have no verification code and never reach this page. Open signatures are valid;
 * withdrawn or invalidated ones show as revoked on the day they closed; superseded ones as expired (the
 * version they adopted was replaced that day).
 */
export function createCommitmentVerification(db: Db): VerificationKind {
  return {
    kind: 'commitment_act',
    normalise: (typed) => normaliseCheckedCode(typed, RECEIPT_CODE_LENGTH),
    async lookup(code, context): Promise<VerifiedDocument | null> {
      const row = await db
        .selectFrom('commitment_signatures as s')
        .innerJoin('commitment_versions as v', 'v.id', 's.version_id')
        .innerJoin('units as u', 'u.id', 's.unit_id')
        .select([
          's.kind',
          's.status',
          's.status_at',
          's.forum',
          's.decree_number',
          's.company_name',
          's.signed_on',
          'u.name as unit_name',
          'v.number',
          'v.title_id',
          'v.title_en',
        ])
        .where('s.verification_code', '=', code)
        .executeTakeFirst();
      if (!row) return null;
      const closedOn = isoDateIn(new Date(row.status_at));
      const state =
        row.status === 'pending' || row.status === 'valid'
          ? 'valid'
          : row.status === 'superseded'
            ? 'expired'
            : 'revoked';
      const facts = [
        {
          labelKey: 'verify.fields.commitmentVersion',
          value: `${row.number}: ${context.language === 'en' ? row.title_en : row.title_id}`,
        },
      ];
      if (row.forum) facts.push({ labelKey: 'verify.fields.forum', value: row.forum });
      if (row.decree_number) facts.push({ labelKey: 'verify.fields.decree', value: row.decree_number });
      if (row.company_name) facts.push({ labelKey: 'verify.fields.company', value: row.company_name });
      return {
        titleKey:
          row.kind === 'psp_company'
            ? 'verify.kinds.commitmentCoSignature'
            : 'verify.kinds.commitmentAdoption',
        holder: row.unit_name,
        state,
        revokedOn: state === 'revoked' ? closedOn : null,
        validUntil: state === 'expired' ? closedOn : null,
        period: { from: row.signed_on, to: row.signed_on },
        facts,
        holderKey: 'verify.signedBy',
        noteKey: 'verify.publicRecord',
      };
    },
  };
}
