import { randomBytes } from 'node:crypto';
import { fakerID_ID as faker } from '@faker-js/faker';
import { sql } from 'kysely';
import type { Role } from '../../shared/roles.ts';
import type { Sector } from '../../shared/taxonomies.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Db, DbOrTx } from '../platform/database.ts';
import { hashPassword } from '../platform/passwords.ts';

/** The seven DPDs of the 2025 Gender Policy workshop and real industrial regencies/cities for their DPCs. */
const provinces: { code: string; name: string; regencies: string[] }[] = [
  { code: '36', name: 'Banten', regencies: ['36.03', '36.71', '36.04', '36.72'] },
  { code: '31', name: 'DKI Jakarta', regencies: ['31.72', '31.75', '31.73'] },
  { code: '32', name: 'Jawa Barat', regencies: ['32.01', '32.04', '32.15', '32.16', '32.14', '32.02'] },
  { code: '33', name: 'Jawa Tengah', regencies: ['33.22', '33.74', '33.20', '33.13', '33.11', '33.24'] },
  { code: '34', name: 'DI Yogyakarta', regencies: ['34.04', '34.02'] },
  { code: '35', name: 'Jawa Timur', regencies: ['35.15', '35.78', '35.25', '35.16', '35.14'] },
  { code: '73', name: 'Sulawesi Selatan', regencies: ['73.71', '73.06', '73.09'] },
];

/** Women's share of members by sector: garment mostly women, leather tanning mostly men. */
const womenShare: Record<Sector, number> = {
  garmen: 0.88,
  tekstil: 0.62,
  sepatu: 0.74,
  kulit: 0.12,
  makanan_minuman: 0.55,
  kimia: 0.3,
  logam: 0.1,
  lainnya: 0.4,
};
const sectorWeights: [Sector, number][] = [
  ['garmen', 0.45],
  ['tekstil', 0.2],
  ['sepatu', 0.15],
  ['kulit', 0.1],
  ['makanan_minuman', 0.1],
];
const companyWords: Record<Sector, string[]> = {
  garmen: ['Garmen', 'Busana', 'Apparel', 'Konveksi'],
  tekstil: ['Tekstil', 'Tenun', 'Spinning', 'Pemintalan'],
  sepatu: ['Sepatu', 'Footwear', 'Alas Kaki'],
  kulit: ['Kulit', 'Penyamakan Kulit', 'Leather'],
  makanan_minuman: ['Pangan', 'Makanan', 'Minuman'],
  kimia: ['Kimia'],
  logam: ['Logam'],
  lainnya: ['Industri'],
};

const boardPositions: { title: string; category: 'strategic' | 'administrative' | 'other'; seats: number }[] =
  [
    { title: 'Ketua', category: 'strategic', seats: 1 },
    { title: 'Wakil Ketua', category: 'strategic', seats: 2 },
    { title: 'Sekretaris', category: 'administrative', seats: 1 },
    { title: 'Wakil Sekretaris', category: 'administrative', seats: 1 },
    { title: 'Bendahara', category: 'administrative', seats: 1 },
    { title: 'Ketua Bidang Perempuan', category: 'other', seats: 1 },
    { title: 'Ketua Bidang Advokasi', category: 'other', seats: 1 },
    { title: 'Anggota', category: 'other', seats: 3 },
  ];

const staffRoles: {
  role: Role;
  unit: 'root' | 'Jawa Barat' | 'Jawa Tengah' | 'Banten' | 'Jawa Timur' | 'bogor';
}[] = [
  { role: 'admin', unit: 'root' },
  { role: 'org_admin', unit: 'root' },
  { role: 'org_admin', unit: 'Jawa Barat' },
  { role: 'gender_officer', unit: 'root' },
  { role: 'gender_officer', unit: 'Jawa Tengah' },
  { role: 'case_coordinator', unit: 'Jawa Barat' },
  { role: 'case_coordinator', unit: 'root' },
  { role: 'case_handler', unit: 'bogor' },
  { role: 'case_handler', unit: 'Jawa Barat' },
  { role: 'legal_aid', unit: 'Jawa Barat' },
  { role: 'legal_aid', unit: 'Banten' },
  { role: 'trainer', unit: 'Jawa Timur' },
  { role: 'viewer', unit: 'root' },
];

function pick<T>(weights: [T, number][]): T {
  let roll = faker.number.float({ min: 0, max: 1 });
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return weights[weights.length - 1]![0];
}

export class DemoRefusedError extends Error {}

/**
 * Refuses a database that holds anything beyond a fresh install (one administrator, the top unit): real
 * reports included, which a fresh install takes from its first start (issue 18: the demo loaded 50,017
 * synthetic members beside two real public reports).
 */
export async function assertEmptyEnough(db: Db): Promise<void> {
  const counts = await sql<{
    members: number;
    units: number;
    users: number;
    cases: number;
    bodies: number;
    assemblies: number;
  }>`
    SELECT (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM units) AS units,
           (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM cases) AS cases,
           (SELECT count(*)::int FROM bodies) AS bodies, (SELECT count(*)::int FROM assemblies) AS assemblies`.execute(
    db,
  );
  const row = counts.rows[0]!;
  if (
    row.members > 0 ||
    row.units > 1 ||
    row.users > 1 ||
    row.cases > 0 ||
    row.bodies > 0 ||
    row.assemblies > 0
  ) {
    throw new DemoRefusedError(
      `Refusing to load demo data: this database already holds real data (${row.members} members, ${row.units} units, ${row.users} accounts, ${row.cases} cases, ${row.bodies} bodies, ${row.assemblies} assemblies). Use a fresh data folder or database.`,
    );
  }
}

async function insertUnit(
  tx: DbOrTx,
  unit: {
    parentId: number;
    parentPath: string;
    depth: number;
    name: string;
    code: string;
    level: string;
    regionCode?: string;
    companyName?: string;
    sector?: Sector;
    foundedOn?: string;
  },
) {
  const { id } = await tx
    .insertInto('units')
    .values({
      parent_id: unit.parentId,
      path: `pending-${unit.code}`,
      depth: unit.depth,
      name: unit.name,
      code: unit.code,
      level: unit.level,
      region_code: unit.regionCode ?? null,
      company_name: unit.companyName ?? null,
      sector: unit.sector ?? null,
      disnaker_number: `${faker.number.int({ min: 100, max: 999 })}/SP/${unit.code}/${faker.number.int({ min: 2001, max: 2020 })}`,
      founded_on: unit.foundedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${unit.parentPath}${id}/`;
  await tx.updateTable('units').set({ path }).where('id', '=', id).execute();
  await tx
    .insertInto('unit_events')
    .values({
      unit_id: id,
      kind: 'created',
      occurred_on: unit.foundedOn ?? '2010-01-01',
      details: '{}',
      recorded_by: null,
    })
    .execute();
  return { id, path, depth: unit.depth };
}

export interface DemoResult {
  units: number;
  members: number;
  appointments: number;
  accounts: { email: string; password: string; role: Role; unit: string }[];
}

/**
 * Loads a synthetic SPN: seven DPDs, their DPCs in real regencies, PSPs with believable sex mixes by
 * sector, ~50,000 members with dated history, boards with positions (some vacant), a Kongres with
 * delegations, and staff accounts for every role. Deterministic (seeded).
 */
export async function loadDemoData(
  db: Db,
  options: { targetMembers?: number; log?: (line: string) => void } = {},
): Promise<DemoResult> {
  const log = options.log ?? (() => undefined);
  const targetMembers = options.targetMembers ?? 50_000;
  faker.seed(2025);
  await assertEmptyEnough(db);
  const regions = new Map(
    (await db.selectFrom('regions').select(['code', 'name']).execute()).map((region) => [
      region.code,
      region.name,
    ]),
  );
  const root = await db
    .selectFrom('units')
    .select(['id', 'path', 'depth'])
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  if (!root) throw new DemoRefusedError('Start Setara once first (npm start) so the top unit exists.');
  const passwordHashes = new Map<string, string>();
  const accounts: DemoResult['accounts'] = [];
  for (const staff of staffRoles) {
    const password = `Demo-${randomBytes(6).toString('base64url')}-${staff.role.length}7`;
    passwordHashes.set(`${staff.role}-${staff.unit}`, await hashPassword(password));
    accounts.push({
      email: `demo.${staff.role.replace('_', '-')}${staff.unit === 'root' ? '' : `.${staff.unit.toLowerCase().replace(/\s+/g, '-')}`}@setara.test`,
      password,
      role: staff.role,
      unit: staff.unit,
    });
  }

  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('setara.unit-tree'))`.execute(tx);
    await tx
      .updateTable('units')
      .set({ name: 'DPP Serikat Pekerja Nasional', region_code: '31' })
      .where('id', '=', root.id)
      .execute();
    const workplaces: {
      id: number;
      path: string;
      sector: Sector;
      size: number;
      dpd: string;
      dpcId: number;
      dpcPath: string;
      dpdId: number;
      dpdPath: string;
    }[] = [];
    const dpds: { id: number; path: string; name: string }[] = [];
    const dpcs: { id: number; path: string; name: string; dpdId: number }[] = [];
    let unitCount = 1;
    for (const province of provinces) {
      const dpd = await insertUnit(tx, {
        parentId: root.id,
        parentPath: root.path,
        depth: 1,
        name: `DPD SPN ${province.name}`,
        code: `DPD-${province.code}`,
        level: 'DPD',
        regionCode: province.code,
        foundedOn: '2001-06-01',
      });
      dpds.push({ id: dpd.id, path: dpd.path, name: province.name });
      unitCount += 1;
      for (const regencyCode of province.regencies) {
        const regencyName = regions.get(regencyCode) ?? regencyCode;
        const dpc = await insertUnit(tx, {
          parentId: dpd.id,
          parentPath: dpd.path,
          depth: 2,
          name: `DPC SPN ${regencyName.replace(/^Kota Administrasi /, 'Kota ')}`,
          code: `DPC-${regencyCode.replace('.', '')}`,
          level: 'DPC',
          regionCode: regencyCode,
          foundedOn: '2003-01-01',
        });
        dpcs.push({ id: dpc.id, path: dpc.path, name: regencyName, dpdId: dpd.id });
        unitCount += 1;
        const pspCount = faker.number.int({ min: 3, max: 7 });
        for (let n = 1; n <= pspCount; n += 1) {
          const sector = pick(sectorWeights);
          const company = `PT ${faker.helpers.arrayElement(companyWords[sector])} ${faker.person.lastName()} ${faker.helpers.arrayElement(['Indonesia', 'Jaya', 'Abadi', 'Makmur', 'Sentosa', 'Nusantara'])}`;
          const psp = await insertUnit(tx, {
            parentId: dpc.id,
            parentPath: dpc.path,
            depth: 3,
            name: `PSP SPN ${company}`,
            code: `PSP-${regencyCode.replace('.', '')}-${String(n).padStart(3, '0')}`,
            level: 'PSP',
            regionCode: regencyCode,
            companyName: company,
            sector,
            foundedOn: faker.date
              .between({ from: '2002-01-01', to: '2022-12-31' })
              .toISOString()
              .slice(0, 10),
          });
          unitCount += 1;
          workplaces.push({
            id: psp.id,
            path: psp.path,
            sector,
            size:
              sector === 'garmen'
                ? faker.number.int({ min: 3, max: 12 })
                : faker.number.int({ min: 1, max: 5 }),
            dpd: province.name,
            dpcId: dpc.id,
            dpcPath: dpc.path,
            dpdId: dpd.id,
            dpdPath: dpd.path,
          });
        }
      }
    }
    log(`units: ${unitCount}`);

    // Members, sized by workplace weight, in batches.
    const totalWeight = workplaces.reduce((sum, workplace) => sum + workplace.size, 0);
    const memberIdsByUnit = new Map<number, { id: string; sex: string | null }[]>();
    let memberCount = 0;
    for (const workplace of workplaces) {
      const count = Math.max(20, Math.round((targetMembers * workplace.size) / totalWeight));
      const rows = Array.from({ length: count }, (_, index) => {
        const roll = faker.number.float({ min: 0, max: 1 });
        const sex = roll < 0.01 ? null : roll < 0.01 + womenShare[workplace.sector] * 0.99 ? 'P' : 'L';
        const joined = faker.date
          .between({ from: '2005-01-01', to: '2026-10-31' })
          .toISOString()
          .slice(0, 10);
        const statusRoll = faker.number.float({ min: 0, max: 1 });
        const status =
          statusRoll < 0.86
            ? 'aktif'
            : statusRoll < 0.9
              ? 'calon'
              : statusRoll < 0.94
                ? 'non_aktif'
                : statusRoll < 0.97
                  ? 'keluar'
                  : statusRoll < 0.995
                    ? 'phk'
                    : 'meninggal';
        return {
          member_number: `${workplace.path.split('/').filter(Boolean).slice(-1)[0]!.padStart(5, '0')}${String(index + 1).padStart(5, '0')}`,
          full_name: `${faker.person.firstName(sex === 'L' ? 'male' : 'female')} ${faker.person.lastName()}`,
          sex,
          gender_self: null,
          birth_year: faker.number.int({ min: 1966, max: 2006 }),
          phone: `08${faker.string.numeric(10)}`,
          email: faker.number.float({ min: 0, max: 1 }) < 0.3 ? faker.internet.email().toLowerCase() : null,
          home_unit_id: workplace.id,
          employer: workplace.sector ? null : null,
          job_title: faker.helpers.arrayElement([
            'Operator Jahit',
            'Operator Produksi',
            'Quality Control',
            'Helper',
            'Packing',
            'Cutting',
            'Finishing',
            'Mekanik',
          ]),
          joined_on: joined,
          status,
        };
      });
      for (let start = 0; start < rows.length; start += 1000) {
        const batch = rows.slice(start, start + 1000);
        const inserted = await tx
          .insertInto('members')
          .values(batch)
          .returning(['id', 'sex', 'status', 'joined_on'])
          .execute();
        // History: joined (calon or aktif), and for those who left, the dated change.
        const history = inserted.flatMap((member) => {
          const joined = member.joined_on ?? '2010-01-01';
          const first = {
            member_id: member.id,
            status: member.status === 'calon' ? 'calon' : 'aktif',
            unit_id: workplace.id,
            valid_from: joined,
            reason: null,
            recorded_by: null,
          };
          if (member.status === 'aktif' || member.status === 'calon') return [first];
          const changed = faker.date.between({ from: joined, to: '2026-11-01' }).toISOString().slice(0, 10);
          return [
            first,
            {
              member_id: member.id,
              status: member.status,
              unit_id: workplace.id,
              valid_from: changed,
              reason: member.status === 'phk' ? 'PHK (efisiensi)' : null,
              recorded_by: null,
            },
          ];
        });
        await tx.insertInto('member_status_history').values(history).execute();
        const list = memberIdsByUnit.get(workplace.id) ?? [];
        list.push(
          ...inserted
            .filter((member) => member.status === 'aktif')
            .map((member) => ({ id: member.id, sex: member.sex })),
        );
        memberIdsByUnit.set(workplace.id, list);
        memberCount += inserted.length;
      }
    }
    log(`members: ${memberCount}`);

    // Boards: DPP, each DPD and DPC, and PSPs; officers drawn from the subtree, men over-represented as
    // in reality, some seats left vacant. Komite Perempuan at every DPD.
    const membersUnder = (path: string) =>
      workplaces
        .filter((workplace) => workplace.path.startsWith(path))
        .flatMap((workplace) => memberIdsByUnit.get(workplace.id) ?? []);
    let appointmentCount = 0;
    const boardUnits = [
      { id: root.id, path: root.path, name: 'DPP' },
      ...dpds.map((dpd) => ({ ...dpd, name: `DPD ${dpd.name}` })),
      ...dpcs.map((dpc) => ({ id: dpc.id, path: dpc.path, name: `DPC ${dpc.name}` })),
      ...workplaces.map((workplace) => ({ id: workplace.id, path: workplace.path, name: 'PSP' })),
    ];
    for (const unit of boardUnits) {
      const pool = membersUnder(unit.path);
      if (pool.length < 12) continue;
      const men = pool.filter((member) => member.sex === 'L');
      const women = pool.filter((member) => member.sex === 'P');
      const { id: bodyId } = await tx
        .insertInto('bodies')
        .values({ unit_id: unit.id, kind: 'executive', name: `Pengurus ${unit.name}`, statutory_seats: 11 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const used = new Set<string>();
      for (const [order, position] of boardPositions.entries()) {
        const { id: positionId } = await tx
          .insertInto('positions')
          .values({
            body_id: bodyId,
            title: position.title,
            category: position.category,
            seats: position.seats,
            sort_order: order,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let seat = 0; seat < position.seats; seat += 1) {
          if (faker.number.float({ min: 0, max: 1 }) < 0.12) continue; // vacant
          const wantWoman =
            position.title === 'Ketua Bidang Perempuan' ||
            faker.number.float({ min: 0, max: 1 }) < (position.category === 'strategic' ? 0.18 : 0.35);
          const candidates = (wantWoman && women.length ? women : men.length ? men : pool).filter(
            (member) => !used.has(member.id),
          );
          if (candidates.length === 0) continue;
          const chosen = faker.helpers.arrayElement(candidates);
          used.add(chosen.id);
          await tx
            .insertInto('appointments')
            .values({
              position_id: positionId,
              member_id: chosen.id,
              term_start: '2023-03-01',
              term_end: '2028-02-29',
              basis: faker.number.float({ min: 0, max: 1 }) < 0.06 ? 'acting' : 'elected',
              decree_number: `SK/${String(order + 1).padStart(3, '0')}/SPN/${unit.id}/2023`,
            })
            .execute();
          appointmentCount += 1;
        }
      }
      if (unit.path.split('/').length === 4 && women.length >= 5) {
        const { id: komiteId } = await tx
          .insertInto('bodies')
          .values({
            unit_id: unit.id,
            kind: 'komite_perempuan',
            name: `Komite Perempuan ${unit.name}`,
            statutory_seats: 5,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const { id: ketua } = await tx
          .insertInto('positions')
          .values({ body_id: komiteId, title: 'Ketua', category: 'strategic', seats: 1, sort_order: 0 })
          .returning('id')
          .executeTakeFirstOrThrow();
        const { id: anggota } = await tx
          .insertInto('positions')
          .values({ body_id: komiteId, title: 'Anggota', category: 'other', seats: 4, sort_order: 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        const chosen = faker.helpers.arrayElements(
          women.filter((member) => !used.has(member.id)),
          4,
        );
        for (const [index, member] of chosen.entries()) {
          await tx
            .insertInto('appointments')
            .values({
              position_id: index === 0 ? ketua : anggota,
              member_id: member.id,
              term_start: '2024-01-15',
              term_end: null,
              basis: 'appointed',
              decree_number: `SK/KP/${unit.id}/2024`,
            })
            .execute();
          appointmentCount += 1;
        }
      }
    }
    log(`appointments: ${appointmentCount}`);

    // Kongres VI with executive and Komite Perempuan delegations per DPD.
    const { id: kongresId } = await tx
      .insertInto('assemblies')
      .values({
        unit_id: root.id,
        kind: 'kongres',
        name: 'Kongres VI Serikat Pekerja Nasional',
        starts_on: '2026-12-08',
        ends_on: '2026-12-10',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const dpd of dpds) {
      const pool = membersUnder(dpd.path);
      for (const [category, seats] of [
        ['executive', 5],
        ['komite_perempuan', 2],
      ] as const) {
        const { id: allocationId } = await tx
          .insertInto('delegation_allocations')
          .values({ assembly_id: kongresId, unit_id: dpd.id, category, seats })
          .returning('id')
          .executeTakeFirstOrThrow();
        const candidates =
          category === 'komite_perempuan' ? pool.filter((member) => member.sex === 'P') : pool;
        for (const member of faker.helpers.arrayElements(candidates, seats)) {
          await tx
            .insertInto('delegates')
            .values({
              allocation_id: allocationId,
              member_id: member.id,
              credential_status: faker.helpers.arrayElement(['submitted', 'accepted', 'accepted']),
              note: null,
            })
            .execute();
        }
      }
    }

    // Staff accounts for every role.
    const unitFor = (name: (typeof staffRoles)[number]['unit']) =>
      name === 'root'
        ? root.id
        : name === 'bogor'
          ? dpcs.find((dpc) => dpc.name === 'Kabupaten Bogor')!.id
          : dpds.find((dpd) => dpd.name === name)!.id;
    const staffIds = new Map<string, string>();
    for (const [index, staff] of staffRoles.entries()) {
      const account = accounts[index]!;
      const { id: userId } = await tx
        .insertInto('users')
        .values({
          email: account.email,
          display_name: `Demo ${staff.role}`,
          language: 'id',
          home_unit_id: unitFor(staff.unit),
          password_hash: passwordHashes.get(`${staff.role}-${staff.unit}`)!,
          password_changed_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('role_grants')
        .values({ user_id: userId, role: staff.role, unit_id: unitFor(staff.unit), granted_by: null })
        .execute();
      staffIds.set(`${staff.role}-${staff.unit}`, userId);
    }
    // One case role waiting for a second person (issue 17): the top administrator asked for Banten's
    // legal aid to handle cases there too; the DPP coordinator (a unit above) may confirm or decline it.
    await tx
      .insertInto('pending_role_grants')
      .values({
        user_id: staffIds.get('legal_aid-Banten')!,
        role: 'case_handler',
        unit_id: unitFor('Banten'),
        requested_by: staffIds.get('admin-root')!,
        requested_at: new Date(),
      })
      .execute();
    await appendAudit(tx, {
      actorId: null,
      actorLabel: 'demo',
      action: 'demo.load',
      objectType: 'database',
      details: { units: unitCount, members: memberCount, appointments: appointmentCount },
    });
    return { units: unitCount, members: memberCount, appointments: appointmentCount, accounts };
  });
}
