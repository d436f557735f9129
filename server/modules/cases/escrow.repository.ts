import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';
import type { MatchTokenKind, TokenHolder } from './escrow.ts';

/** SQL of escrow matching: tokens (keyed hashes only), reporter tokens, links between cases. */
export function createEscrowRepository() {
  return {
    /** Serialises matching, so two reports arriving together still see each other's tokens. */
    async lockMatching(db: DbOrTx): Promise<void> {
      await sql`SELECT pg_advisory_xact_lock(hashtext('setara.escrow-match'))`.execute(db);
    },

    async insertTokens(
      db: DbOrTx,
      caseId: string,
      tokens: { kind: MatchTokenKind; token: string }[],
      reporterToken: string | null,
    ): Promise<void> {
      if (tokens.length > 0)
        await db
          .insertInto('case_match_tokens')
          .values(tokens.map((token) => ({ case_id: caseId, kind: token.kind, token: token.token })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      if (reporterToken)
        await db
          .insertInto('case_match_reporters')
          .values({ case_id: caseId, token: reporterToken })
          .onConflict((oc) => oc.column('case_id').doUpdateSet({ token: reporterToken }))
          .execute();
    },

    /** Every other case holding one of these tokens, with its escrow state and reporter token. */
    async holdersOf(
      db: DbOrTx,
      caseId: string,
      tokens: { kind: MatchTokenKind; token: string }[],
    ): Promise<TokenHolder[]> {
      if (tokens.length === 0) return [];
      const rows = await db
        .selectFrom('case_match_tokens as t')
        .innerJoin('cases as c', 'c.id', 't.case_id')
        .leftJoin('case_match_reporters as r', 'r.case_id', 'c.id')
        .select(['c.id', 'c.escrow', 'r.token as reporter_token'])
        .distinct()
        .where('t.case_id', '<>', caseId)
        .where((eb) =>
          eb.or(
            tokens.map((token) => eb.and([eb('t.kind', '=', token.kind), eb('t.token', '=', token.token)])),
          ),
        )
        .where((eb) => eb.or([eb('c.escrow', 'is', null), eb('c.escrow', '<>', 'withdrawn')]))
        .execute();
      return rows.map((row) => ({
        caseId: row.id,
        reporterToken: row.reporter_token,
        kind: row.escrow === 'sealed' ? 'sealed' : row.escrow === 'opened' ? 'opened' : 'ordinary',
      }));
    },

    async deleteTokens(db: DbOrTx, caseId: string): Promise<void> {
      await db.deleteFrom('case_match_tokens').where('case_id', '=', caseId).execute();
      await db.deleteFrom('case_match_reporters').where('case_id', '=', caseId).execute();
    },

    async link(db: DbOrTx, one: string, other: string, at: Date): Promise<void> {
      const [caseA, caseB] = one < other ? [one, other] : [other, one];
      await db
        .insertInto('case_links')
        .values({ case_a: caseA, case_b: caseB, reason: 'escrow_match', linked_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async isLinked(db: DbOrTx, caseId: string): Promise<boolean> {
      const row = await db
        .selectFrom('case_links')
        .select('case_a')
        .where((eb) => eb.or([eb('case_a', '=', caseId), eb('case_b', '=', caseId)]))
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Cases linked to one, with what a list shows (no content). */
    async linkedCases(db: DbOrTx, caseId: string) {
      return db
        .selectFrom('case_links as l')
        .innerJoin('cases as c', (join) =>
          join.on((eb) =>
            eb.or([
              eb.and([eb('l.case_a', '=', caseId), eb('c.id', '=', eb.ref('l.case_b'))]),
              eb.and([eb('l.case_b', '=', caseId), eb('c.id', '=', eb.ref('l.case_a'))]),
            ]),
          ),
        )
        .select(['c.id', 'l.reason', 'l.linked_at'])
        .orderBy('l.linked_at')
        .orderBy('c.id')
        .execute();
    },

    /** Accounts holding case_coordinator at a unit, for the "a case needs attention" notice. */
    async coordinatorsAt(db: DbOrTx, unitId: number) {
      return db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['u.id', 'u.email', 'u.language'])
        .distinct()
        .where('g.role', '=', 'case_coordinator')
        .where('g.unit_id', '=', unitId)
        .where('u.active', '=', true)
        .execute();
    },
  };
}

export type EscrowRepository = ReturnType<typeof createEscrowRepository>;
