import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  seedTree,
  type TestContext,
  type Tree,
} from '../test/helpers.ts';
import { inputValue } from './public.test-support.ts';
import { throttleLimits } from './throttle.ts';

/**
 * The public pledge pages on PostgreSQL (issue 13 "Privacy"). The rules, stated apart from the code:
 * - /komitmen works without script, sets no cookie, stores no address or user agent, and stays under
 *   15 KB gzip with its stylesheet; it shows the active version's text and points and counters by DPD,
 *   any count under 5 as "< 5";
 * - a pledge is confirmed by submitting the form; its answer is the same page (a new receipt) whether the
 *   member number matched, had signed before (duplicates merge into one signature), or matched nobody;
 * - only her receipt shows her signature; wrong codes get one generic answer; lookups are throttled;
 * - withdrawing is a POST that asks to confirm first; a GET never changes anything.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;
const css = readFileSync(new URL('./assets/lapor.css', import.meta.url));

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await createMember(ctx, { number: 'JB-1', name: 'Siti Rahayu', unitId: tree.pspA1x });
  await createMember(ctx, { number: 'JB-2', name: 'Dewi Lestari', unitId: tree.pspA1x });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});
beforeEach(async () => {
  await test.db.deleteFrom('public_throttle').execute();
});

let address = 0;
const form = (url: string) => app.inject({ url });
async function post(
  url: string,
  fields: Record<string, string>,
  options: { tokenFrom?: string; token?: string; from?: string } = {},
): Promise<LightMyRequestResponse> {
  const token = options.token ?? inputValue((await form(options.tokenFrom ?? url)).body, '_token') ?? '';
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _token: token, ...fields }).toString(),
    remoteAddress: options.from ?? `203.0.113.${(address += 1) % 250}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Phone/1' },
  });
}
const receiptOf = (html: string) => /<p class="digits">([0-9A-Z-]+)<\/p>/.exec(html)?.[1];
/** The page with the receipt code taken out: what must be the same for every pledge. */
const withoutReceipt = (html: string) => html.replace(/<p class="digits">[^<]*<\/p>/, '');
const sign = (fields: Record<string, string>, from?: string) =>
  post('/komitmen', { name: 'Siti', ...fields }, { from });
const signatures = () => test.db.selectFrom('commitment_signatures').selectAll().orderBy('id').execute();

describe('/komitmen: the page', () => {
  it('shows the active text and points with no script, no cookie, small, in both languages', async () => {
    for (const url of ['/komitmen', '/komitmen?lang=en', '/komitmen/cek']) {
      const response = await form(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).not.toMatch(/<script/i);
      expect(gzipSync(response.body).length + gzipSync(css).length).toBeLessThanOrEqual(15 * 1024);
    }
    const id = (await form('/komitmen')).body;
    expect(id).toContain('Komitmen Bersama SPN untuk Norma Anti Kekerasan dan Pelecehan');
    expect(id.match(/<li>/g)).toHaveLength(9);
    expect((await form('/komitmen?lang=en')).body).toContain(
      'SPN Joint Commitment to a Norm against Violence',
    );
  });

  it('a link alone never signs: GET changes nothing, a POST without its form token is refused', async () => {
    await form('/komitmen?name=Siti&memberNumber=JB-1&birthYear=1990');
    expect(await signatures()).toHaveLength(0);
    const forged = await post('/komitmen', { name: 'Siti' }, { token: 'x.1.y.z' });
    expect(forged.statusCode).toBe(403);
    expect(await signatures()).toHaveLength(0);
  });

  it('names the fields to fix and keeps what she typed', async () => {
    const response = await post('/komitmen', { name: '', memberNumber: 'JB-1', birthYear: '19' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Tulis nama Anda.');
    expect(response.body).toMatch(/name="memberNumber"[^>]*value="JB-1"/);
    expect(await signatures()).toHaveLength(0);
  });
});

describe('/komitmen: one answer whatever happened', () => {
  it('a matched member, a duplicate, an unmatched number and a non-member all get the same page', async () => {
    const matched = await sign({ memberNumber: 'JB-1', birthYear: '1990' });
    const duplicate = await sign({ memberNumber: 'JB-1', birthYear: '1990' });
    const wrongYear = await sign({ memberNumber: 'JB-1', birthYear: '1991' });
    const unknown = await sign({ memberNumber: 'XX-9', birthYear: '1990' });
    const outsider = await sign({ name: 'Siti', organisation: 'KSPI', region: String(tree.dpdA) });
    const answers = [matched, duplicate, wrongYear, unknown, outsider];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(withoutReceipt(answer.body)).toBe(withoutReceipt(matched.body));
    }
    const receipts = answers.map((answer) => receiptOf(answer.body));
    expect(new Set(receipts).size).toBe(5);

    // Inside: the duplicate merged into one member signature (two receipts); the rest are pending persons.
    const rows = await signatures();
    expect(rows.map((row) => [row.kind, row.status, row.channel])).toEqual([
      ['member', 'valid', 'public'],
      ['person', 'pending', 'public'],
      ['person', 'pending', 'public'],
      ['person', 'pending', 'public'],
    ]);
    expect(rows[1]!.claimed_member_number).toBe('JB-1');
    expect(rows[3]!.unit_id).toBe(tree.dpdA);
    const receiptRows = await test.db.selectFrom('commitment_receipts').select('signature_id').execute();
    expect(receiptRows.filter((row) => row.signature_id === rows[0]!.id)).toHaveLength(2);

    // Her receipt, and the duplicate's, show the same: recorded; neither tells the first from the second.
    const check = async (receipt: string) => post('/komitmen/cek', { receipt });
    const first = await check(receipts[0]!);
    const second = await check(receipts[1]!);
    const unmatched = await check(receipts[3]!);
    for (const page of [first, second, unmatched]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Status: Tercatat');
    }
    // Nothing stored of where the pledges came from.
    const dump = JSON.stringify(await test.db.selectFrom('commitment_signatures').selectAll().execute());
    expect(dump).not.toMatch(/203\.0\.113|Phone\/1/);
  });

  it('a resend of the same form shows the first receipt and signs nothing new', async () => {
    const page = await form('/komitmen');
    const token = inputValue(page.body, '_token')!;
    const before = (await signatures()).length;
    const first = await post(
      '/komitmen',
      { name: 'Dewi', memberNumber: 'JB-2', birthYear: '1990' },
      { token },
    );
    const again = await post(
      '/komitmen',
      { name: 'Dewi', memberNumber: 'JB-2', birthYear: '1990' },
      { token },
    );
    expect(receiptOf(again.body)).toBe(receiptOf(first.body));
    expect(await signatures()).toHaveLength(before + 1);
  });
});

describe('/komitmen/cek: her receipt', () => {
  it('wrong, malformed and unknown codes get one generic answer', async () => {
    const answers = await Promise.all(
      ['', 'nonsense', '0000-0000-0000', 'ABCD-EFGH-JKMZ'].map((receipt) =>
        post('/komitmen/cek', { receipt }),
      ),
    );
    for (const answer of answers) expect(answer.statusCode).toBe(404);
    const bodies = answers.map((answer) => answer.body.replace(/name="_token" value="[^"]*"/, ''));
    expect(new Set(bodies).size).toBe(1);
  });

  it('withdrawing asks first, then withdraws by POST; the signature is kept as withdrawn', async () => {
    const signed = await sign({ name: 'Ani', organisation: 'Serikat lain' });
    const receipt = receiptOf(signed.body)!;
    const status = await post('/komitmen/cek', { receipt });
    expect(status.body).toContain('Tarik tanda tangan saya');
    const ask = await post('/komitmen/cek/tarik', { receipt }, { tokenFrom: '/komitmen/cek' });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Ya, tarik');
    const before = await signatures();
    expect(before.at(-1)!.status).toBe('pending');
    const no = await post('/komitmen/cek/tarik', { receipt, answer: 'no' }, { tokenFrom: '/komitmen/cek' });
    expect(no.body).toContain('Status: Tercatat');
    const yes = await post('/komitmen/cek/tarik', { receipt, answer: 'yes' }, { tokenFrom: '/komitmen/cek' });
    expect(yes.statusCode).toBe(200);
    expect(yes.body).toContain('Status: Ditarik');
    expect(yes.body).not.toContain('Tarik tanda tangan saya');
    const after = await signatures();
    expect(after.at(-1)!.status).toBe('withdrawn');
    const events = await test.db
      .selectFrom('commitment_signature_events')
      .select(['status', 'actor_id'])
      .where('signature_id', '=', after.at(-1)!.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { status: 'pending', actor_id: null },
      { status: 'withdrawn', actor_id: null },
    ]);
    // A GET of the withdraw address only shows the receipt form.
    expect((await form('/komitmen/cek/tarik')).body).toContain('name="receipt"');
  });

  it('lookups are throttled per address like the report receipt', async () => {
    const from = '198.51.100.7';
    const page = await form('/komitmen/cek');
    const token = inputValue(page.body, '_token')!;
    let last: LightMyRequestResponse | undefined;
    for (let attempt = 0; attempt <= throttleLimits.pledgeLookup.perAddress; attempt += 1)
      last = await post('/komitmen/cek', { receipt: 'ABCD-EFGH-JKMN' }, { token, from });
    expect(last!.statusCode).toBe(429);
    expect(last!.headers['retry-after']).toBeDefined();
  });
});

describe('/komitmen: counters by DPD', () => {
  it('shows each DPD, counts under 5 as "< 5", and never a total that gives a small one back', async () => {
    const body = (await form('/komitmen')).body;
    expect(body).toContain('DPD Jawa Barat');
    expect(body).toContain('DPD Banten');
    const rows = [...body.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const [, count] of rows)
      expect(count === '&lt; 5' || count === '×' || Number(count) >= 5).toBe(true);
  });
});
