import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, createUser, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { actorFor, insertUnit, streamOf, xlsxOf } from './imports.test-support.ts';
import type { ImportActor, ImportsService } from './imports.service.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let imports: ImportsService;
let national: ImportActor;
let jabar: ImportActor;
let pspBanten: number;
let pspJabar2: number;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  imports = ctx.services.importsService;
  pspBanten = await insertUnit(ctx, tree.dpcB1, 'PSP-3673-001', 'PSP', 'PSP PT Sepatu Banten');
  pspJabar2 = await insertUnit(ctx, tree.dpcA1, 'PSP-3201-002', 'PSP', 'PSP PT Tekstil Bogor');
  const nationalId = await createUser(ctx, { email: 'dpp@spn.test', homeUnitId: tree.root });
  national = await actorFor(ctx, nationalId, [{ role: 'org_admin', unitId: tree.root }]);
  const jabarId = await createUser(ctx, { email: 'jabar@spn.test', homeUnitId: tree.dpdA });
  jabar = await actorFor(ctx, jabarId, [{ role: 'org_admin', unitId: tree.dpdA }]);
});
afterAll(async () => {
  await imports.close();
  await test.drop();
});

const counts = async () => {
  const members = await ctx.db
    .selectFrom('members')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const history = await ctx.db
    .selectFrom('member_status_history')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { members: members.n, history: history.n };
};

async function importFile(
  actor: ImportActor,
  content: string | Buffer,
  options: {
    mode?: 'valid_only' | 'all_or_nothing';
    kind?: 'members' | 'units';
    mapping?: Record<string, string>;
  } = {},
) {
  const kind = options.kind ?? 'members';
  const uploaded = await imports.uploadFile(actor, kind, 'file.csv', streamOf(content));
  const validation = await imports.validateImport(
    actor,
    uploaded.id,
    options.mapping ?? uploaded.suggestedMapping,
  );
  const run = async (mode = options.mode ?? 'valid_only') => {
    const { done } = await imports.startRun(actor, uploaded.id, mode);
    await done;
    return imports.getJob(actor, uploaded.id);
  };
  return { uploaded, validation, run };
}

const header =
  'No Anggota;Nama Lengkap;Jenis Kelamin;Tahun Lahir;No HP;Email;Kode PSP;Perusahaan;Jabatan;Tgl Bergabung;Status';

describe('upload: reading files', () => {
  it('strips a BOM, detects ";" and skips empty lines; suggests a mapping from Indonesian headers', async () => {
    const csv = `\uFEFF${header}\r\n3201000000000001;Siti Aminah;P;1990;0812;siti@example.org;PSP-3201-001;PT Garmen;Operator;15/03/2019;aktif\r\n\r\n;;;;;;;;;;\r\n3201000000000002;Budi;L;1985;;;PSP-3201-001;;;;\r\n`;
    const uploaded = await imports.uploadFile(national, 'members', 'anggota.csv', streamOf(csv));
    expect(uploaded.totalRows).toBe(2);
    expect(uploaded.headers[0]).toBe('No Anggota');
    expect(uploaded.sampleRows[0]?.[1]).toBe('Siti Aminah');
    expect(uploaded.suggestedMapping).toMatchObject({
      member_number: 'No Anggota',
      full_name: 'Nama Lengkap',
      sex: 'Jenis Kelamin',
      birth_year: 'Tahun Lahir',
      phone: 'No HP',
      email: 'Email',
      unit_code: 'Kode PSP',
      employer: 'Perusahaan',
      job_title: 'Jabatan',
      joined_on: 'Tgl Bergabung',
      status: 'Status',
    });
    const validation = await imports.validateImport(national, uploaded.id, uploaded.suggestedMapping);
    expect(validation.errors).toEqual([]);
    expect(validation.summary).toMatchObject({ totalRows: 2, validRows: 2, newRows: 2 });
  });

  it('refuses binary files (a PNG named .csv) as unsupported_media_type', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await expect(imports.uploadFile(national, 'members', 'foto.csv', streamOf(png))).rejects.toMatchObject({
      code: 'unsupported_media_type',
    });
  });

  it('reads XLSX: date cells become ISO dates, 16-digit numeric member numbers are mangled_number', async () => {
    const xlsx = await xlsxOf([
      ['No Anggota', 'Nama', 'JK', 'Kode Unit', 'Tanggal Masuk'],
      ['3201000000000101', 'Dewi', 'Perempuan', 'PSP-3201-001', new Date(Date.UTC(2020, 0, 31))],
      [3201012345678901, 'Rina', 'wanita', 'PSP-3201-001', '2021-02-01'],
      [320101234567, 'Agus', 'Pria', 'PSP-3201-001', 44000],
    ]);
    const { uploaded, validation } = await importFile(national, xlsx);
    expect(uploaded.sampleRows[0]?.[4]).toBe('2020-01-31');
    expect(uploaded.sampleRows[2]?.[0]).toBe('320101234567');
    expect(validation.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'member_number', code: 'mangled_number' }),
    ]);
    expect(validation.summary).toMatchObject({ totalRows: 3, validRows: 2, errorRows: 1 });
  });
});

describe('validation (dry run)', () => {
  it('reports every bad row with a code and a translated message, and writes nothing', async () => {
    const before = await counts();
    const csv = [
      'member_number,full_name,sex,birth_year,email,unit_code,joined_on,status',
      '3201000000000201,Ani,P,1990,ani@example.org,PSP-3201-001,2019-03-15,aktif', // 2 ok
      '3201000000000201,Ani Lagi,P,1990,,PSP-3201-001,,', // 3 duplicate
      '3201000000000202,Tono,X,1990,,PSP-3201-001,,', // 4 bad sex
      '3201000000000203,Tini,P,99,,PSP-3201-001,31/02/2020,', // 5 bad year, no such date
      '3201000000000204,Tuti,P,,bukan-email,PSP-3201-001,kemarin,pensiun', // 6 bad email, date, status
      '3201000000000205,Nano,L,,,PSP-9999-999,,', // 7 unknown unit
      '3201000000000206,Nina,P,,,DPC-3201,,', // 8 not PSP
      '3.20101E+15,Excel,P,,,PSP-3201-001,,', // 9 mangled
      ',Tanpa Nomor,P,,,PSP-3201-001,,', // 10 missing
      '3201000000000207,Ok Serial,P,,,PSP-3201-001,43831,non-aktif', // 11 ok, serial date
      '3201000000000208,Ok Slash,L,,,PSP-3201-001,5/1/2020,PHK', // 12 ok, D/M/YYYY
    ].join('\n');
    const { validation } = await importFile(national, csv);
    const codes = validation.errors.map((error) => `${error.row}:${error.field}:${error.code}`);
    expect(codes).toEqual([
      '3:member_number:duplicate_in_file',
      '4:sex:bad_sex',
      '5:birth_year:bad_year',
      '5:joined_on:no_such_date',
      '6:email:bad_email',
      '6:joined_on:bad_date',
      '6:status:bad_status',
      '7:unit_code:unknown_unit',
      '8:unit_code:unit_not_psp',
      '9:member_number:mangled_number',
      '10:member_number:missing_value',
    ]);
    expect(validation.errors[1]).toMatchObject({ value: 'X', message: expect.stringMatching(/L or P/) });
    expect(validation.errors[3]).toMatchObject({
      value: '31/02/2020',
      message: expect.stringMatching(/does not exist/),
    });
    expect(validation.summary).toMatchObject({ totalRows: 11, validRows: 3, errorRows: 8, newRows: 3 });
    expect(await counts()).toEqual(before);
  });

  it('reads back an export: its headers in either language, English statuses, formula apostrophes', async () => {
    const csv = [
      'Member number,Full name,Sex,Status,Unit code,Unit name,Joined on,Phone,Email',
      '5100000000000001,\'=HYPERLINK("x"),Female,Inactive,PSP-3201-001,PSP PT Garmen Sejahtera,2020-01-01,\'+62812345,',
      '5100000000000002,Budi,Male,Dismissed (PHK),PSP-3201-001,PSP PT Garmen Sejahtera,,,',
    ].join('\n');
    const { validation, run } = await importFile(national, csv);
    expect(validation.errors).toEqual([]);
    await run('valid_only');
    const rows = await ctx.db
      .selectFrom('members')
      .select(['full_name', 'phone', 'status', 'sex'])
      .where('member_number', 'in', ['5100000000000001', '5100000000000002'])
      .orderBy('member_number')
      .execute();
    expect(rows).toEqual([
      { full_name: '=HYPERLINK("x")', phone: '+62812345', status: 'non_aktif', sex: 'P' },
      { full_name: 'Budi', phone: null, status: 'phk', sex: 'L' },
    ]);
    const indonesian = await importFile(
      national,
      'Nomor anggota,Nama lengkap,Jenis kelamin,Status,Kode unit,Nama unit,Tanggal bergabung,Telepon,Email\n',
    );
    expect(indonesian.uploaded.suggestedMapping).toMatchObject({
      member_number: 'Nomor anggota',
      full_name: 'Nama lengkap',
      sex: 'Jenis kelamin',
      status: 'Status',
      unit_code: 'Kode unit',
      joined_on: 'Tanggal bergabung',
      phone: 'Telepon',
      email: 'Email',
    });
  });

  it('messages follow the caller language', async () => {
    const indonesian = { ...national, language: 'id' as const };
    const { validation } = await importFile(indonesian, 'No Anggota,Nama,Kode Unit\n1,A,NOPE\n');
    expect(validation.errors[0]?.message).toBe('Tidak ada unit dengan kode ini.');
  });

  it('a DPD org_admin cannot import into another DPD, nor touch a member number registered there', async () => {
    await importFile(
      national,
      'No Anggota,Nama,Kode Unit\n3600000000000001,Warga Banten,PSP-3673-001\n',
    ).then(({ run }) => run());
    const csv = [
      'No Anggota,Nama,Kode Unit',
      '3600000000000002,Pindah,PSP-3673-001',
      '3600000000000001,Warga Banten,PSP-3201-001',
      '3200000000000003,Sah,PSP-3201-002',
    ].join('\n');
    const before = await counts();
    const { validation, run } = await importFile(jabar, csv);
    expect(validation.errors.map((error) => `${error.row}:${error.code}`)).toEqual([
      '2:unit_out_of_scope',
      '3:number_taken',
    ]);
    // Nothing about the other unit or member leaks: only the caller's own cell value and a fixed message.
    expect(validation.errors.map((error) => error.message).join(' ')).not.toMatch(/Banten|Serang|PSP/i);
    expect(validation.errors[1]?.value).toBe('3600000000000001');
    const job = await run();
    expect(job.summary).toMatchObject({ newRows: 1, errorRows: 2 });
    expect(await counts()).toEqual({ members: before.members + 1, history: before.history + 1 });
    const banten = await ctx.db
      .selectFrom('members')
      .select(['home_unit_id', 'full_name'])
      .where('member_number', '=', '3600000000000001')
      .executeTakeFirstOrThrow();
    expect(banten.home_unit_id).toBe(pspBanten);
  });
});

describe('real run', () => {
  const file = (rows: string[]) => ['No Anggota,Nama,JK,Kode Unit,Status,Tanggal Masuk', ...rows].join('\n');
  const base = [
    '5000000000000001,Sri Wahyuni,P,PSP-3201-001,aktif,2018-01-02',
    '5000000000000002,Joko,L,PSP-3201-001,aktif,2018-01-02',
    '5000000000000003,Lestari,,PSP-3201-001,,',
  ];

  it('all_or_nothing refuses a file with errors and writes nothing', async () => {
    const before = await counts();
    const { uploaded, run } = await importFile(
      national,
      file([...base, '5000000000000004,Salah,Q,PSP-3201-001,,']),
    );
    await expect(run('all_or_nothing')).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await counts()).toEqual(before);
    expect((await imports.getJob(national, uploaded.id)).status).toBe('validated');
  });

  it('valid_only imports the valid rows: members, one history row each, one audit row with counts only', async () => {
    const before = await counts();
    const { run } = await importFile(national, file([...base, '5000000000000004,Salah,Q,PSP-3201-001,,']));
    const job = await run('valid_only');
    expect(job).toMatchObject({ status: 'done', processedRows: 4 });
    expect(job.summary).toMatchObject({ totalRows: 4, validRows: 3, errorRows: 1, newRows: 3 });
    expect(await counts()).toEqual({ members: before.members + 3, history: before.history + 3 });
    const sri = await ctx.db
      .selectFrom('members')
      .innerJoin('member_status_history as h', 'h.member_id', 'members.id')
      .select(['members.sex', 'members.status', 'h.valid_from', 'h.reason', 'members.joined_on'])
      .where('member_number', '=', '5000000000000001')
      .executeTakeFirstOrThrow();
    expect(sri).toEqual({
      sex: 'P',
      status: 'aktif',
      valid_from: '2018-01-02',
      reason: 'import',
      joined_on: '2018-01-02',
    });
    const lestari = await ctx.db
      .selectFrom('members')
      .select(['sex', 'status'])
      .where('member_number', '=', '5000000000000003')
      .executeTakeFirstOrThrow();
    expect(lestari).toEqual({ sex: null, status: 'aktif' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details', 'actor_id'])
      .where('action', '=', 'import.members')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(national.userId);
    expect(JSON.stringify(audit.details)).not.toMatch(/Sri|5000000000000001/);
    expect(audit.details).toMatchObject({ newRows: 3, errorRows: 1, mode: 'valid_only' });
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
    const staged = await ctx.db
      .selectFrom('import_rows')
      .select('job_id')
      .where('job_id', '=', job.id)
      .execute();
    expect(staged).toEqual([]);
  });

  it('re-importing the same file changes nothing: no updates, no history rows, updated_at kept', async () => {
    const stamp = async () =>
      ctx.db
        .selectFrom('members')
        .select(['member_number', 'updated_at'])
        .where('member_number', 'like', '5000000000000%')
        .orderBy('member_number')
        .execute();
    const before = { ...(await counts()), stamps: await stamp() };
    ctx.clock.advance(3_600_000);
    const { validation, run } = await importFile(national, file(base));
    expect(validation.summary).toMatchObject({ newRows: 0, updatedRows: 0, unchangedRows: 3 });
    const job = await run();
    expect(job.summary).toMatchObject({ newRows: 0, updatedRows: 0, unchangedRows: 3 });
    expect({ ...(await counts()), stamps: await stamp() }).toEqual(before);
  });

  it('a corrected file updates by member number, with a history row when status or unit changes', async () => {
    const before = await counts();
    ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
    const corrected = [
      '5000000000000001,Sri Wahyuni,P,PSP-3201-002,aktif,2018-01-02', // moved to another PSP
      '5000000000000002,Joko Susilo,L,PSP-3201-001,aktif,2018-01-02', // name corrected only
      '5000000000000003,Lestari,P,PSP-3201-001,non aktif,', // sex known now, status changed
    ];
    const { validation, run } = await importFile(national, file(corrected));
    expect(validation.summary).toMatchObject({ newRows: 0, updatedRows: 3, unchangedRows: 0 });
    const job = await run();
    expect(job.summary).toMatchObject({ updatedRows: 3 });
    expect(await counts()).toEqual({ members: before.members, history: before.history + 2 });
    const history = await ctx.db
      .selectFrom('member_status_history as h')
      .innerJoin('members as m', 'm.id', 'h.member_id')
      .select(['m.member_number', 'h.status', 'h.unit_id', 'h.valid_from'])
      .where('h.valid_from', '=', '2026-12-01')
      .orderBy('m.member_number')
      .execute();
    expect(history).toEqual([
      { member_number: '5000000000000001', status: 'aktif', unit_id: pspJabar2, valid_from: '2026-12-01' },
      {
        member_number: '5000000000000003',
        status: 'non_aktif',
        unit_id: tree.pspA1x,
        valid_from: '2026-12-01',
      },
    ]);
    const joko = await ctx.db
      .selectFrom('members')
      .select('full_name')
      .where('member_number', '=', '5000000000000002')
      .executeTakeFirstOrThrow();
    expect(joko.full_name).toBe('Joko Susilo');
  });

  it('a job runs once; another user cannot see it', async () => {
    const { uploaded, run } = await importFile(national, file(base));
    await run();
    await expect(imports.startRun(national, uploaded.id, 'valid_only')).rejects.toMatchObject({
      code: 'import_state',
    });
    await expect(imports.getJob(jabar, uploaded.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await imports.listJobs(jabar)).items.map((item) => item.id)).not.toContain(uploaded.id);
  });
});

describe('units import', () => {
  it('creates units in file order below existing or earlier parents, checking level, region and sector', async () => {
    const csv = [
      'Kode,Nama,Tingkat,Kode Induk,Kode Wilayah,Sektor,Perusahaan',
      'DPC-3204,DPC Kabupaten Bandung,DPC,DPD-32,32.04,,',
      'PSP-3204-001,PSP PT Kain,PSP,DPC-3204,32.04,tekstil,PT Kain',
      'PSP-3204-002,PSP Salah Tingkat,DPD,DPC-3204,,,', // bad level (not below DPC)
      'PSP-3204-003,PSP Anak Yatim,PSP,DPC-9999,,,', // unknown parent
      'PA-3204-001,PA di bawah salah,PA,PSP-3204-002,,,', // parent row refused → unknown_parent
      'PSP-3204-004,PSP Sektor,PSP,DPC-3204,99.99,mainan,', // unknown region, bad sector
      'PSP-3673-009,PSP Banten,PSP,DPC-3673,,,', // parent outside Jawa Barat
    ].join('\n');
    const { validation, run } = await importFile(jabar, csv, { kind: 'units' });
    expect(validation.errors.map((error) => `${error.row}:${error.field}:${error.code}`)).toEqual([
      '4:level:bad_level',
      '5:parent_code:unknown_parent',
      '6:parent_code:unknown_parent',
      '7:region_code:unknown_region',
      '7:sector:bad_sector',
      '8:parent_code:unit_out_of_scope',
    ]);
    const job = await run();
    expect(job.summary).toMatchObject({ newRows: 2, errorRows: 5 });
    const created = await ctx.db
      .selectFrom('units as u')
      .innerJoin('units as p', 'p.id', 'u.parent_id')
      .select(['u.code', 'u.path', 'p.path as parent_path', 'u.depth', 'u.sector', 'u.region_code'])
      .where('u.code', 'in', ['DPC-3204', 'PSP-3204-001'])
      .orderBy('u.code')
      .execute();
    expect(created).toHaveLength(2);
    for (const unit of created) expect(unit.path.startsWith(unit.parent_path)).toBe(true);
    expect(created[1]).toMatchObject({ sector: 'tekstil', region_code: '32.04', depth: 3 });
    // Existing code outside scope is code_taken; re-import is unchanged.
    const again = await importFile(
      jabar,
      `${csv.split('\n').slice(0, 3).join('\n')}\nDPC-3673,X,DPC,DPD-32,,,`,
      {
        kind: 'units',
      },
    );
    expect(again.validation.summary).toMatchObject({ unchangedRows: 2, errorRows: 1 });
    expect(again.validation.errors[0]).toMatchObject({ field: 'code', code: 'code_taken' });
  });

  it('member imports need member.manage', async () => {
    const viewer = await actorFor(ctx, national.userId, [{ role: 'viewer', unitId: tree.root }]);
    await expect(imports.uploadFile(viewer, 'members', 'x.csv', streamOf('a\n1\n'))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
