import { Fragment } from 'react';
import { localeOf } from '../../../shared/roles.ts';
import { withLanguage } from '../public-i18n.ts';
import type { VerifiedDocument } from '../verification.ts';
import { Layout, Notice, errorId, fieldId, type PageContext } from './layout.tsx';

/** The public verification pages (/verifikasi): no script, no cookie, a few KB. */
const plain = (page: PageContext) => ({ title: page.t('verify.title'), site: page.t('verify.site') });

/** `16 Desember 2025` from a YYYY-MM-DD date (a calendar day: no time zone moves it). */
function day(date: string, page: PageContext): string {
  return new Intl.DateTimeFormat(localeOf[page.language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function VerifyFormPage(props: { page: PageContext; message?: string }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)} switchPath="/verifikasi">
      <h1>{t('verify.heading')}</h1>
      {props.message && (
        <Notice tone="warn">
          <p id={errorId('kode')}>{props.message}</p>
        </Notice>
      )}
      <p>{t('verify.intro')}</p>
      {/* GET: the answer has an address of its own (/verifikasi/<code>), like the QR code's. */}
      <form method="get" action="/verifikasi" autoComplete="off">
        {language === 'en' && <input type="hidden" name="lang" value="en" />}
        <div className="field">
          <label htmlFor={fieldId('kode')}>{t('verify.label')}</label>
          <p className="hint" id="h-kode">
            {t('verify.hint')}
          </p>
          <input
            id={fieldId('kode')}
            name="kode"
            type="text"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            className="receipt-input"
            aria-describedby={props.message ? `h-kode ${errorId('kode')}` : 'h-kode'}
          />
        </div>
        <button type="submit">{t('verify.submit')}</button>
      </form>
    </Layout>
  );
}

export function VerifiedPage(props: { page: PageContext; code: string; document: VerifiedDocument }) {
  const { page, document } = props;
  const { t, language } = page;
  const state =
    document.state === 'revoked'
      ? t('verify.stateRevoked', { date: day(document.revokedOn ?? '', page) })
      : document.state === 'expired'
        ? t('verify.stateExpired', { date: day(document.validUntil ?? '', page) })
        : t('verify.stateValid');
  const period = document.period;
  return (
    <Layout page={page} plain={plain(page)} switchPath={`/verifikasi/${props.code}`}>
      <h1>{t(document.titleKey)}</h1>
      <Notice tone={document.state === 'valid' ? 'ok' : 'warn'}>
        <p className="state">{state}</p>
      </Notice>
      <dl>
        <dt>{t(document.holderKey)}</dt>
        <dd>{document.holder}</dd>
        {document.facts.map((fact) => (
          <Fragment key={fact.labelKey}>
            <dt>{t(fact.labelKey)}</dt>
            <dd>{fact.value}</dd>
          </Fragment>
        ))}
        {period && (
          <>
            <dt>{t('verify.fields.dates')}</dt>
            <dd>
              {period.from === period.to
                ? day(period.from, page)
                : `${day(period.from, page)} – ${day(period.to, page)}`}
            </dd>
          </>
        )}
        {document.validUntil && document.state !== 'expired' && (
          <>
            <dt>{t('verify.validUntil')}</dt>
            <dd>{day(document.validUntil, page)}</dd>
          </>
        )}
        <dt>{t('verify.code')}</dt>
        <dd className="receipt-input">{props.code.match(/.{1,4}/g)!.join('-')}</dd>
      </dl>
      <p className="hint">{t(document.noteKey)}</p>
      <p>
        <a href={withLanguage('/verifikasi', language)}>{t('verify.another')}</a>
      </p>
    </Layout>
  );
}

/** The one answer for every code that is not a known document: the same bytes whatever was typed. */
export function VerifyNotFoundPage(props: { page: PageContext; text?: string }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('verify.heading')}</h1>
      <Notice tone="warn" heading={props.text ? undefined : t('verify.notFoundHeading')}>
        <p>{props.text ?? t('verify.notFound')}</p>
      </Notice>
      <p>
        <a className="button" href={withLanguage('/verifikasi', language)}>
          {t('verify.another')}
        </a>
      </p>
    </Layout>
  );
}
