import { gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { publicTranslator } from './public-i18n.ts';
import { CheckPage, ReceiptPage, StatusPage, type ReporterView } from './views/follow-up-pages.tsx';
import { renderPage, type PageContext } from './views/layout.tsx';
import { ReportPage } from './views/report-page.tsx';

const page = (language: 'id' | 'en'): PageContext => ({ language, t: publicTranslator(language) });
const at = new Date('2026-11-24T08:00:00Z');

const closedView: ReporterView = {
  state: 'closed',
  receivedAt: new Date('2026-11-01T02:00:00Z'),
  nextStep: null,
  closingReason: 'dirujuk_keluar',
  matched: true,
  messages: [
    { id: 'm1', at, from: 'reporter', body: 'Halo <tim>' },
    { id: 'm2', at, from: 'team', body: 'Terima kasih, kami sudah membaca laporan Anda.' },
  ],
  files: [{ id: 'f1', at, from: 'team', name: 'surat-rujukan.pdf' }],
};

/** 38 DPDs: one per province, the largest list the form shows. */
const provinces = Array.from({ length: 38 }, (_, index) => ({
  id: index + 2,
  name: `DPD Provinsi Nusantara ${index + 1}`,
}));

describe('public views', () => {
  it('render the status page in plain words in both languages, without internals', () => {
    const id = renderPage(
      createElement(StatusPage, {
        page: page('id'),
        view: closedView,
        followUpToken: 'tok',
        formToken: 'form',
      }),
    );
    expect(id).toContain('Selesai: kasus ini sudah ditutup.');
    expect(id).toContain('Kasus dirujuk ke lembaga lain.');
    expect(id).toContain('kasus bisa dibuka kembali');
    expect(id).toContain('Ada laporan lain yang menyebut orang yang sama.');
    expect(id).toContain('<strong>Tim kasus</strong>');
    expect(id).toContain('Halo &lt;tim&gt;');
    expect(id).toContain('surat-rujukan.pdf');
    expect(id).toContain('Diterima: Minggu, 1 November 2026 pukul 09.00 WIB');
    const en = renderPage(
      createElement(StatusPage, {
        page: page('en'),
        view: { ...closedView, state: 'handling', matched: false, nextStep: { kind: 'update', dueAt: at } },
        followUpToken: 'tok',
        formToken: 'form',
      }),
    );
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Being handled: the team is taking the steps you agreed to.');
    expect(en).toContain('Next update from the team: by Tuesday, 24 November 2026 at 15:00 WIB.');
    expect(en).not.toContain('Another report names the same person');
    expect(en).not.toContain('referred to another organisation');
  });

  it('render the receipt page in English with the date in Jakarta time', () => {
    const html = renderPage(
      createElement(ReceiptPage, {
        page: page('en'),
        receipt: '1234 5678 9012 3456',
        receivedAt: at,
        firstContactDueAt: new Date('2026-11-26T08:00:00Z'),
        teamReady: true,
      }),
    );
    expect(html).toContain('<p class="digits">1234 5678 9012 3456</p>');
    expect(html).toContain('By Thursday, 26 November 2026 at 15:00 WIB');
    expect(html).toContain('href="/lapor/cek?lang=en"');
    expect(html).toContain('class="receipt-page"');
  });

  it('keep the heaviest pages within budget: HTML ≤ 20 KB raw, page + CSS ≤ 30 KB gzip', () => {
    const css = readFileSync(new URL('./assets/lapor.css', import.meta.url));
    for (const language of ['id', 'en'] as const) {
      const report = renderPage(
        createElement(ReportPage, {
          page: page(language),
          formToken: 'x'.repeat(80),
          units: provinces,
          channelReady: true,
        }),
      );
      const check = renderPage(createElement(CheckPage, { page: page(language), formToken: 'x'.repeat(80) }));
      for (const html of [report, check]) {
        expect(Buffer.byteLength(html)).toBeLessThanOrEqual(20 * 1024);
        expect(gzipSync(html).length + gzipSync(css).length).toBeLessThanOrEqual(30 * 1024);
      }
    }
  });

  it('link every field error from the summary to its field', () => {
    const html = renderPage(
      createElement(ReportPage, {
        page: page('id'),
        formToken: 'x',
        units: provinces,
        channelReady: true,
        values: new Map([['narrative', ['apa saja']]]),
        errors: {
          reporterRole: { key: 'fields.reporterRole' },
          narrative: { key: 'tooLong', params: { maximum: 20000 } },
        },
      }),
    );
    expect(html).toContain('<a href="#f-reporterRole">1. Siapa yang melapor?: Pilih siapa yang melapor.</a>');
    expect(html).toContain('<a href="#f-narrative">');
    expect(html).toContain('Terlalu panjang: paling banyak 20000 karakter.');
    expect(html).toMatch(
      /<fieldset id="f-reporterRole" class="step choices" aria-describedby="e-reporterRole">/,
    );
    expect(html).toContain('<p class="error" id="e-reporterRole">');
    expect(html).toMatch(/id="f-narrative"[^>]*aria-describedby="h-narrative e-narrative"/);
    // On a round trip the explanations are left out; the language switch stays, but no plain link to
    // /lapor?lang=en (it would lose the answers): it points at the button that re-sends them.
    expect(html).not.toContain('Hak Anda');
    expect(html).not.toContain('href="/lapor?lang=en"');
    expect(html).toContain('<a class="lang" href="#ganti-bahasa" lang="en">English</a>');
  });
});
