import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createMailer, renderEmail } from './mail.ts';

let test: TestDatabase;
let server: SMTPServer;
let port: number;
let received: { to: string[]; raw: string }[] = [];
let refuseNext = false;

beforeAll(async () => {
  test = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuseNext) {
        refuseNext = false;
        callback(new Error('mailbox unavailable'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(resolve));
  await test.drop();
});

describe('mail through a real SMTP server', () => {
  it('delivers queued messages once and marks them sent', async () => {
    received = [];
    const mailer = createMailer(test.db, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Setara <no-reply@setara.test>',
    });
    await test.db.transaction().execute((tx) =>
      mailer.enqueue(tx, {
        to: 'siti@spn.test',
        ...renderEmail('passwordChanged', 'id', { name: 'Siti' }),
      }),
    );
    expect(
      await Promise.all([mailer.deliverPending(), mailer.deliverPending()]).then((counts) =>
        counts.reduce((a, b) => a + b),
      ),
    ).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(['siti@spn.test']);
    expect(received[0]?.raw).toMatch(/Subject: Kata sandi Setara Anda telah diganti/);
    // The message says which language it is written in, to the mail client as to the outbox.
    expect(received[0]?.raw).toMatch(/^Content-Language: id\r?$/m);
    const row = await test.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', language: 'id' });
    mailer.close();
  });

  it('keeps a refused message queued for a retry, then delivers it', async () => {
    received = [];
    const mailer = createMailer(test.db, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'no-reply@setara.test',
    });
    await test.db
      .transaction()
      .execute((tx) =>
        mailer.enqueue(tx, { to: 'budi@spn.test', subject: 'Tes', text: 'Halo', language: 'id' }),
      );
    refuseNext = true;
    expect(await mailer.deliverPending()).toBe(0);
    const failed = await test.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'budi@spn.test')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
    expect(failed.last_error).toMatch(/mailbox unavailable/);
    expect(await mailer.deliverPending()).toBe(1);
    expect(received.map((message) => message.to[0])).toEqual(['budi@spn.test']);
    mailer.close();
  });

  it('without SMTP, holds messages in the outbox instead of dropping them', async () => {
    const mailer = createMailer(test.db, { from: 'no-reply@setara.test' });
    await test.db.transaction().execute((tx) =>
      mailer.enqueue(tx, {
        to: 'ani@spn.test',
        ...renderEmail('invite', 'en', { name: 'Ani', link: 'http://x/reset-password#token=t', hours: 72 }),
      }),
    );
    expect(await mailer.deliverPending()).toBe(0);
    const row = await test.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'ani@spn.test')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'held', subject: 'Your invitation to Setara', language: 'en' });
    expect(row.body_text).toContain('http://x/reset-password#token=t');
  });
});

describe('renderEmail', () => {
  it('writes in the recipient language, and in Indonesian when the stored value is no language', () => {
    expect(renderEmail('caseAttention', 'en', { link: 'http://x/cases' })).toMatchObject({ language: 'en' });
    const fallback = renderEmail('caseAttention', 'fr', { link: 'http://x/cases' });
    expect(fallback.language).toBe('id');
    expect(fallback.subject).toBe(renderEmail('caseAttention', 'id', { link: 'http://x/cases' }).subject);
    expect(fallback.text).toContain('http://x/cases');
  });
});
