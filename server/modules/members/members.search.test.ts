import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';

// Search ranking over a seeded crowd: hundreds of "Siti …", "… Rahmawati", "Humaira …" and "… Nugraha"
// whose names sort A→Z before the person searched for, so an alphabetical list would bury her.
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let admin: Actor;
const service = () => ctx.services.membersService;

const firstNames = ['Ade', 'Ani', 'Ayu', 'Dewi', 'Fitri', 'Humaira', 'Indah', 'Rina', 'Siti', 'Sri'];
const lastNames = ['Aminah', 'Anggraini', 'Handayani', 'Lestari', 'Nugraha', 'Rahmawati', 'Susanti'];

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-12-07T03:00:00Z'));
  tree = await seedTree(ctx);
  const root = await test.db
    .selectFrom('units')
    .select('path')
    .where('id', '=', tree.root)
    .executeTakeFirstOrThrow();
  admin = {
    userId: '00000000-0000-4000-8000-00000000000a',
    label: 'org_admin@spn.test',
    requestId: 'r',
    language: 'id',
    principal: {
      userId: 'a',
      grants: [{ role: 'org_admin', unitId: tree.root, unitPath: root.path }],
    },
  };
  // Every pair of names with three middle names each ("Ade Aminah", "Ade Abdi Aminah", …): 280
  // members; every "Siti …" and "Humaira …" comes before her alphabetically in at least one way.
  const names: string[] = [];
  for (const first of firstNames)
    for (const last of lastNames)
      for (const middle of ['', 'Abdi ', 'Ayu ', 'Zahra '])
        if (!(middle === '' && `${first} ${last}` === 'Siti Rahmawati'))
          if (!(middle === '' && `${first} ${last}` === 'Humaira Nugraha'))
            names.push(`${first} ${middle}${last}`);
  names.push(
    'Abdul Siti Rahmawati',
    'Aan Humaira Nugraha Putri',
    'Humaira Nugraha Abadi',
    'Humaira Nugrahani',
  );
  names.push('Siti Rahmawati', 'Humaira Nugraha');
  await sql`INSERT INTO members (member_number, full_name, sex, home_unit_id, status)
    SELECT 'S-' || lpad(n::text, 4, '0'), name, 'P', ${tree.pspA1x}, 'aktif'
    FROM unnest(${names}::text[]) WITH ORDINALITY AS t(name, n)`.execute(test.db);
});

afterAll(async () => {
  await test?.drop();
});

const namesFor = async (q: string, limit = 5) =>
  (await service().listMembers(admin, { q, direction: 'asc', limit })).items.map((item) => item.fullName);

describe('members: search ranks by relevance', () => {
  it('puts the exact name first, whatever the case, ahead of longer names and alphabetical order', async () => {
    expect((await namesFor('Siti Rahmawati'))[0]).toBe('Siti Rahmawati');
    expect((await namesFor('humaira nugraha'))[0]).toBe('Humaira Nugraha');
    // The alphabetical list would open with "Aan Humaira Nugraha Putri".
    const byName = await service().listMembers(admin, {
      q: 'Humaira Nugraha',
      sort: 'name',
      direction: 'asc',
      limit: 1,
    });
    expect(byName.items[0]?.fullName).toBe('Aan Humaira Nugraha Putri');
  });

  it('ranks names that start with the search before names that only contain it', async () => {
    const names = await namesFor('humaira nug', 4);
    expect(names.slice(0, 3).sort()).toEqual([
      'Humaira Nugraha',
      'Humaira Nugraha Abadi',
      'Humaira Nugrahani',
    ]);
    expect(names[0]).toBe('Humaira Nugraha');
    // Then a name with a word that starts with it.
    expect(names[3]).toBe('Aan Humaira Nugraha Putri');
    // A word that starts with the search beats a name that only contains it mid-word.
    const rahma = await namesFor('rahma', 200);
    expect(rahma.findIndex((name) => name.includes('Rahmawati'))).toBe(0);
  });

  it('finds the closest name first despite a typo', async () => {
    expect((await namesFor('humaira nugrha'))[0]).toBe('Humaira Nugraha');
    expect((await namesFor('siti rahmawti'))[0]).toBe('Siti Rahmawati');
    expect((await namesFor('Siti Rahmawat'))[0]).toBe('Siti Rahmawati');
  });

  it('ranks an exact member number first', async () => {
    const number = await service().listMembers(admin, { q: 'S-0007', direction: 'asc', limit: 5 });
    expect(number.items.map((item) => item.memberNumber)).toEqual(['S-0007']);
  });

  it('pages through a ranked result with cursors, without repeats or gaps', async () => {
    const all = await namesFor('siti', 200);
    // Every "Siti …" before any name with "Siti" later on.
    const firstLater = all.findIndex((name) => !name.startsWith('Siti'));
    expect(firstLater).toBe(28);
    expect(all.slice(firstLater).every((name) => !name.startsWith('Siti'))).toBe(true);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service().listMembers(admin, { q: 'siti', direction: 'asc', cursor, limit: 7 });
      seen.push(...page.items.map((item) => item.fullName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('sorts by a column only when asked; without a search the list is by name', async () => {
    const plain = await service().listMembers(admin, { direction: 'asc', limit: 3 });
    expect(plain.items.map((item) => item.fullName)).toEqual([
      'Aan Humaira Nugraha Putri',
      'Abdul Siti Rahmawati',
      'Ade Abdi Aminah',
    ]);
    const zToA = await service().listMembers(admin, { q: 'siti', sort: 'name', direction: 'desc', limit: 1 });
    expect(zToA.items[0]?.fullName).toBe('Siti Zahra Susanti');
  });
});
