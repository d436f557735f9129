import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/database-types.ts';

export interface MemberRow {
  id: string;
  member_number: string;
  full_name: string;
  sex: 'L' | 'P' | null;
  gender_self: string | null;
  birth_year: number | null;
  phone: string | null;
  email: string | null;
  home_unit_id: number;
  employer: string | null;
  job_title: string | null;
  joined_on: string | null;
  status: string;
  unit_name: string;
  unit_code: string;
  unit_path: string;
}

export interface MemberFilters {
  scopePaths: string[];
  q?: string;
  unitPath?: string;
  sex?: 'L' | 'P' | 'unknown';
  status?: string;
  positionCategory?: string;
  today: string;
}

/** Column sorts, plus `relevance`: best match of the search first (only with a search). */
export type MemberSort = 'name' | 'number' | 'joined' | 'relevance';
export interface KeysetPosition {
  value: string;
  id: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const sortExpression: Record<Exclude<MemberSort, 'relevance'>, string> = {
  name: 'lower(m.full_name)',
  number: 'm.member_number',
  joined: "coalesce(m.joined_on, DATE '0001-01-01')::text",
};

/**
 * The relevance key of a search, as one text that sorts best-first under "C" collation (so it can be
 * a keyset cursor like the column sorts): a tier — 0 the whole name or the member number, 1 the name
 * starts with the search, 2 a word of the name starts with it, 3 anything else that matched — then the
 * trigram word similarity and similarity (higher first, as 1 − s with four fixed decimals), then the name.
 * Searching "Siti Rahmawati" among 70,000 members shows Siti Rahmawati first, not whoever is A→Z first.
 */
function relevanceKey(q: string) {
  const lowered = q.toLowerCase();
  const prefix = `${escapeLike(lowered)}%`;
  return sql<string>`((CASE
      WHEN lower(m.full_name) = ${lowered} OR m.member_number = ${q} THEN '0'
      WHEN lower(m.full_name) LIKE ${prefix} THEN '1'
      WHEN lower(m.full_name) LIKE ${`% ${prefix}`} THEN '2'
      ELSE '3' END)
    || to_char(1 - word_similarity(${lowered}, lower(m.full_name)), 'FM0.0000')
    || to_char(1 - similarity(${lowered}, lower(m.full_name)), 'FM0.0000')
    || lower(m.full_name)) COLLATE "C"`;
}

/** SQL for members. Every list query is limited to the caller's subtrees in SQL. */
export function createMembersRepository() {
  const columns = [
    'm.id',
    'm.member_number',
    'm.full_name',
    'm.sex',
    'm.gender_self',
    'm.birth_year',
    'm.phone',
    'm.email',
    'm.home_unit_id',
    'm.employer',
    'm.job_title',
    'm.joined_on',
    'm.status',
    'u.name as unit_name',
    'u.code as unit_code',
    'u.path as unit_path',
  ] as const;

  function whereFilters(filters: MemberFilters) {
    return (
      eb: ExpressionBuilder<Database & { m: Database['members']; u: Database['units'] }, 'm' | 'u'>,
    ) => {
      const conditions: Expression<SqlBool>[] = [
        eb.or(filters.scopePaths.map((root) => eb('u.path', 'like', `${root}%`))),
      ];
      if (filters.unitPath) conditions.push(eb('u.path', 'like', `${filters.unitPath}%`));
      if (filters.sex === 'unknown') conditions.push(eb('m.sex', 'is', null));
      else if (filters.sex) conditions.push(eb('m.sex', '=', filters.sex));
      if (filters.status) conditions.push(eb('m.status', '=', filters.status));
      if (filters.q) {
        const q = filters.q.toLowerCase();
        // Typo-tolerant: each word of the search close to a word of the name (trigram word similarity,
        // GIN index), plus substring and exact number matches. Word by word, not the whole search at once:
        // "kuncara wibwo" as one string is close to every "… Wibowo" (thousands of rows to recheck).
        const words = q.split(/\s+/).filter(Boolean).slice(0, 6);
        conditions.push(
          eb.or([
            eb.and(words.map((word) => sql<SqlBool>`${word} <% lower(m.full_name)`)),
            sql<SqlBool>`lower(m.full_name) LIKE ${`%${escapeLike(q)}%`}`,
            eb('m.member_number', '=', filters.q),
          ]),
        );
      }
      if (filters.positionCategory) {
        conditions.push(
          sql<SqlBool>`EXISTS (SELECT 1 FROM appointments a JOIN positions p ON p.id = a.position_id
            WHERE a.member_id = m.id AND p.category = ${filters.positionCategory}
              AND a.term_start <= ${filters.today}::date AND (a.term_end IS NULL OR a.term_end >= ${filters.today}::date))`,
        );
      }
      return eb.and(conditions);
    };
  }

  return {
    async list(
      db: DbOrTx,
      filters: MemberFilters,
      page: { sort: MemberSort; direction: 'asc' | 'desc'; after?: KeysetPosition; limit: number },
    ): Promise<(MemberRow & { sort_value: string })[]> {
      if (filters.scopePaths.length === 0) return [];
      // Relevance needs a search; best first is its only direction.
      const search = page.sort === 'relevance' ? filters.q : undefined;
      const key = search
        ? relevanceKey(search)
        : sql.raw(sortExpression[page.sort === 'relevance' ? 'name' : page.sort]);
      const ascending = Boolean(search) || page.direction === 'asc';
      const direction = sql.raw(ascending ? 'ASC' : 'DESC');
      const comparison = sql.raw(ascending ? '>' : '<');
      return db.transaction().execute(async (tx) => {
        // "rahyu" should still find "Siti Rahayu": a lower word-similarity threshold than the default 0.6.
        await sql`SELECT set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(tx);
        let query = tx
          .selectFrom('members as m')
          .innerJoin('units as u', 'u.id', 'm.home_unit_id')
          .select([...columns, sql<string>`${key}`.as('sort_value')])
          .where(whereFilters(filters));
        if (page.after)
          query = query.where(
            sql<SqlBool>`(${key}, m.id) ${comparison} (${page.after.value}, ${page.after.id}::bigint)`,
          );
        return query
          .orderBy(sql`${key} ${direction}, m.id ${direction}`)
          .limit(page.limit)
          .execute() as Promise<(MemberRow & { sort_value: string })[]>;
      });
    },

    /** How many members match, with the same scope and filters as `list`. */
    async count(db: DbOrTx, filters: MemberFilters): Promise<number> {
      if (filters.scopePaths.length === 0) return 0;
      return db.transaction().execute(async (tx) => {
        // The same word-similarity threshold as `list`, so the count is of the rows the list shows.
        await sql`SELECT set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(tx);
        const row = await tx
          .selectFrom('members as m')
          .innerJoin('units as u', 'u.id', 'm.home_unit_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .where(whereFilters(filters))
          .executeTakeFirstOrThrow();
        return row.n;
      });
    },

    /** Streams every matching row in keyset batches (for exports); memory stays flat. */
    async *iterate(db: DbOrTx, filters: MemberFilters, batchSize = 5000): AsyncGenerator<MemberRow[]> {
      let after: KeysetPosition | undefined;
      for (;;) {
        const rows = await this.list(db, filters, {
          sort: 'number',
          direction: 'asc',
          after,
          limit: batchSize,
        });
        if (rows.length === 0) return;
        yield rows;
        const last = rows[rows.length - 1]!;
        after = { value: last.sort_value, id: last.id };
      }
    },

    async findById(db: DbOrTx, id: string): Promise<MemberRow | undefined> {
      return db
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(columns)
        .where('m.id', '=', id)
        .executeTakeFirst() as Promise<MemberRow | undefined>;
    },

    async numberExists(db: DbOrTx, memberNumber: string): Promise<boolean> {
      return Boolean(
        await db
          .selectFrom('members')
          .select('id')
          .where('member_number', '=', memberNumber)
          .executeTakeFirst(),
      );
    },

    async insert(
      db: DbOrTx,
      member: {
        member_number: string;
        full_name: string;
        sex: string | null;
        gender_self: string | null;
        birth_year: number | null;
        phone: string | null;
        email: string | null;
        home_unit_id: number;
        employer: string | null;
        job_title: string | null;
        joined_on: string | null;
        status: string;
      },
    ): Promise<string> {
      const row = await db.insertInto('members').values(member).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async update(db: DbOrTx, id: string, changes: Record<string, unknown>): Promise<void> {
      if (Object.keys(changes).length === 0) return;
      await db
        .updateTable('members')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    async addHistory(
      db: DbOrTx,
      entry: {
        memberId: string;
        status: string;
        unitId: number;
        validFrom: string;
        reason: string | null;
        recordedBy: string | null;
      },
    ): Promise<void> {
      await db
        .insertInto('member_status_history')
        .values({
          member_id: entry.memberId,
          status: entry.status,
          unit_id: entry.unitId,
          valid_from: entry.validFrom,
          reason: entry.reason,
          recorded_by: entry.recordedBy,
        })
        .execute();
    },

    /** The status and unit in force on `date` (latest history row on or before it). */
    async stateOn(db: DbOrTx, memberId: string, date: string) {
      return db
        .selectFrom('member_status_history')
        .select(['status', 'unit_id'])
        .where('member_id', '=', memberId)
        .where('valid_from', '<=', date)
        .orderBy('valid_from', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },

    async history(db: DbOrTx, memberId: string) {
      return db
        .selectFrom('member_status_history as h')
        .innerJoin('units as u', 'u.id', 'h.unit_id')
        .select(['h.id', 'h.status', 'h.unit_id', 'u.name as unit_name', 'h.valid_from', 'h.reason'])
        .where('h.member_id', '=', memberId)
        .orderBy('h.valid_from', 'desc')
        .orderBy('h.id', 'desc')
        .execute();
    },

    async appointments(db: DbOrTx, memberId: string) {
      return db
        .selectFrom('appointments as a')
        .innerJoin('positions as p', 'p.id', 'a.position_id')
        .innerJoin('bodies as b', 'b.id', 'p.body_id')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select([
          'a.id',
          'a.position_id',
          'p.title',
          'p.category',
          'b.id as body_id',
          'b.name as body_name',
          'u.id as unit_id',
          'u.name as unit_name',
          'a.term_start',
          'a.term_end',
          'a.basis',
          'a.decree_number',
        ])
        .where('a.member_id', '=', memberId)
        .orderBy('a.term_start', 'desc')
        .execute();
    },

    /**
     * Counts by status and sex as of a date, from the history (status and unit in force that day), for
     * the units under `unitPath` within the scope.
     */
    async countsAsOf(db: DbOrTx, options: { asOf: string; unitPath: string; scopePaths: string[] }) {
      if (options.scopePaths.length === 0) return [];
      const scope = sql.join(
        options.scopePaths.map((root) => sql`u.path LIKE ${`${root}%`}`),
        sql` OR `,
      );
      const result = await sql<{ status: string; sex: string | null; n: number }>`
        SELECT h.status, m.sex, count(*)::int AS n
        FROM (
          SELECT DISTINCT ON (member_id) member_id, status, unit_id
          FROM member_status_history
          WHERE valid_from <= ${options.asOf}::date
          ORDER BY member_id, valid_from DESC, id DESC
        ) h
        JOIN members m ON m.id = h.member_id
        JOIN units u ON u.id = h.unit_id
        WHERE u.path LIKE ${`${options.unitPath}%`} AND (${scope})
        GROUP BY h.status, m.sex`.execute(db);
      return result.rows;
    },
  };
}

export type MembersRepository = ReturnType<typeof createMembersRepository>;
