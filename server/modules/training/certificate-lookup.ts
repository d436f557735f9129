import { sql } from 'kysely';
import { normaliseCheckedCode } from '../../platform/check-codes.ts';
import type { Db } from '../../platform/database.ts';
import type { VerificationKind, VerifiedDocument } from '../../public/verification.ts';
import { certificateState, maskedName } from './training-rules.ts';

/** Certificate codes: 12 Crockford characters, the last a check character (migration, check-codes.ts). */
export const CERTIFICATE_CODE_LENGTH = 12;

/**
 * Training certificates on the public verification page (training.md "Completion and certificates"):
 * the holder's masked name, the class, its track and program, the dates, the issuing unit (the program's
 * organising unit) and the state. The query selects nothing else: never the member number, the home
 * PSP or the employer (union membership must not reach an employer).
 */
export function createCertificateVerification(db: Db): VerificationKind {
  return {
    kind: 'training_certificate',
    normalise: (typed) => normaliseCheckedCode(typed, CERTIFICATE_CODE_LENGTH),
    async lookup(code, context): Promise<VerifiedDocument | null> {
      const row = await db
        .selectFrom('training_certificates as cert')
        .innerJoin('training_participants as t', 't.id', 'cert.participant_id')
        .innerJoin('training_classes as c', 'c.id', 't.class_id')
        .innerJoin('training_tracks as tr', 'tr.code', 'c.track')
        .innerJoin('training_programs as p', 'p.id', 'c.program_id')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .leftJoin('members as m', 'm.id', 't.member_id')
        .leftJoin('training_external_persons as e', 'e.id', 't.external_person_id')
        .select([
          sql<string>`coalesce(m.full_name, e.full_name)`.as('holder_name'),
          'c.title as class_title',
          'tr.label_id',
          'tr.label_en',
          'p.name as program_name',
          'p.partners',
          sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
          sql<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
          'u.name as unit_name',
          sql<string | null>`to_char(cert.valid_until, 'YYYY-MM-DD')`.as('valid_until'),
          sql<string | null>`to_char(cert.revoked_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD')`.as(
            'revoked_on',
          ),
        ])
        .where('cert.code', '=', code)
        .executeTakeFirst();
      if (!row) return null;
      const state = certificateState(
        { revoked_at: row.revoked_on, valid_until: row.valid_until },
        context.today,
      );
      const facts = [
        { labelKey: 'verify.fields.class', value: row.class_title },
        { labelKey: 'verify.fields.track', value: context.language === 'en' ? row.label_en : row.label_id },
        { labelKey: 'verify.fields.program', value: row.program_name },
        { labelKey: 'verify.fields.issuer', value: row.unit_name },
      ];
      if (row.partners.length > 0)
        facts.push({ labelKey: 'verify.fields.partners', value: row.partners.join(', ') });
      return {
        titleKey: 'verify.kinds.trainingCertificate',
        holder: maskedName(row.holder_name),
        state,
        revokedOn: row.revoked_on,
        validUntil: row.valid_until,
        period: { from: row.starts_on, to: row.ends_on },
        facts,
        holderKey: 'verify.holder',
        noteKey: 'verify.privacy',
      };
    },
  };
}
