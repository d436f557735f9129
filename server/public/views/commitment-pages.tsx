import type { ReactNode } from 'react';
import { formatJakarta, withLanguage } from '../public-i18n.ts';
import type { FieldErrors } from '../report-form.ts';
import { ErrorSummary, ErrorText, Layout, Notice, errorId, fieldId, type PageContext } from './layout.tsx';

/**
 * The Joint Commitment pledge pages (/komitmen, /komitmen/cek): no script, no cookie. Every answer of
 * the sign form is the same page whatever happened inside (a new signature, a merged duplicate, a member
 * number that matched nobody): only the receipt code differs, and it is new each time.
 */
const plain = (page: PageContext) => ({ title: page.t('pledge.title'), site: page.t('pledge.site') });

export interface PledgeText {
  number: number;
  titleId: string;
  titleEn: string;
  preambleId: string;
  preambleEn: string;
  points: readonly { id: string; en: string }[];
}

export interface PledgeFormValues {
  name?: string;
  memberNumber?: string;
  birthYear?: string;
  organisation?: string;
  region?: string;
  sex?: string;
  publicName?: string;
}

/** A region's public count: a number, or `< 5` (suppressed). */
export interface PublicCounter {
  name: string;
  count: string;
}

const order = ['name', 'memberNumber', 'birthYear'] as const;

function Counters(props: { page: PageContext; counters: readonly PublicCounter[]; total: string }) {
  const { t } = props.page;
  if (props.counters.length === 0) return null;
  return (
    <section aria-labelledby="counters">
      <h2 id="counters">{t('pledge.counters')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('pledge.countersRegion')}</th>
            <th scope="col">{t('pledge.countersCount')}</th>
          </tr>
        </thead>
        <tbody>
          {props.counters.map((counter) => (
            <tr key={counter.name}>
              <td>{counter.name}</td>
              <td>{counter.count}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('pledge.countersTotal')}</th>
            <td>{props.total}</td>
          </tr>
        </tfoot>
      </table>
      <p className="hint">{t('pledge.countersNote')}</p>
    </section>
  );
}

export function PledgePage(props: {
  page: PageContext;
  text: PledgeText | null;
  regions: readonly { id: number; name: string }[];
  counters: readonly PublicCounter[];
  total: string;
  formToken: string;
  values?: PledgeFormValues;
  errors?: FieldErrors;
  notice?: ReactNode;
}) {
  const { page, text } = props;
  const { t, language } = page;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const described = (name: string, hint?: string) =>
    [hint, errors[name] ? errorId(name) : undefined].filter(Boolean).join(' ') || undefined;
  const labels = {
    name: t('pledge.name'),
    memberNumber: t('pledge.memberNumber'),
    birthYear: t('pledge.birthYear'),
  };
  const field = (name: keyof typeof labels, input: ReactNode, hint?: string) => (
    <div className={errors[name] ? 'field bad' : 'field'}>
      <label htmlFor={fieldId(name)}>{labels[name]}</label>
      {hint}
      <ErrorText page={page} name={name} error={errors[name]} />
      {input}
    </div>
  );
  const english = language === 'en';
  return (
    <Layout page={page} plain={plain(page)} switchPath="/komitmen" hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('pledge.heading')}</h1>
      {props.notice}
      {!text ? (
        <p>{t('pledge.noActive')}</p>
      ) : (
        <>
          <section aria-labelledby="text">
            <h2 id="text">{english ? text.titleEn : text.titleId}</h2>
            <p className="hint">{t('pledge.version', { number: text.number })}</p>
            <p>{english ? text.preambleEn : text.preambleId}</p>
            <h3>{t('pledge.pointsHeading')}</h3>
            <ol>
              {text.points.map((point, index) => (
                <li key={index}>{english ? point.en : point.id}</li>
              ))}
            </ol>
          </section>
          <ErrorSummary page={page} errors={errors} order={order} labels={labels} />
          <form method="post" action={withLanguage('/komitmen', language)} autoComplete="off">
            <h2>{t('pledge.formHeading')}</h2>
            <input type="hidden" name="_token" value={props.formToken} />
            {field(
              'name',
              <input
                id={fieldId('name')}
                name="name"
                type="text"
                maxLength={200}
                required
                defaultValue={values.name}
                aria-describedby={described('name')}
              />,
            )}
            <fieldset className="step">
              <legend>{t('pledge.memberLegend')}</legend>
              <p className="hint">{t('pledge.memberHint')}</p>
              {field(
                'memberNumber',
                <input
                  id={fieldId('memberNumber')}
                  name="memberNumber"
                  type="text"
                  spellCheck={false}
                  maxLength={40}
                  defaultValue={values.memberNumber}
                  aria-describedby={described('memberNumber')}
                />,
              )}
              {field(
                'birthYear',
                <input
                  id={fieldId('birthYear')}
                  name="birthYear"
                  type="text"
                  inputMode="numeric"
                  maxLength={4}
                  defaultValue={values.birthYear}
                  aria-describedby={described('birthYear')}
                />,
              )}
            </fieldset>
            <div className="field">
              <label htmlFor={fieldId('organisation')}>{t('pledge.organisation')}</label>
              <input
                id={fieldId('organisation')}
                name="organisation"
                type="text"
                maxLength={200}
                defaultValue={values.organisation}
              />
            </div>
            <div className="field">
              <label htmlFor={fieldId('region')}>{t('pledge.region')}</label>
              <select id={fieldId('region')} name="region" defaultValue={values.region ?? ''}>
                <option value="">{t('pledge.regionNone')}</option>
                {props.regions.map((region) => (
                  <option key={region.id} value={String(region.id)}>
                    {region.name}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="choices">
              <legend>{t('pledge.sex')}</legend>
              {(['', 'P', 'L'] as const).map((value) => (
                <label key={value || 'none'} className="check">
                  <input
                    type="radio"
                    name="sex"
                    value={value}
                    defaultChecked={(values.sex ?? '') === value}
                  />{' '}
                  {t(value === '' ? 'pledge.sexNone' : `pledge.sex${value}`)}
                </label>
              ))}
            </fieldset>
            <label className="check">
              <input
                type="checkbox"
                name="publicName"
                value="on"
                defaultChecked={values.publicName === 'on'}
              />{' '}
              {t('pledge.publicName')}
            </label>
            <p className="hint">{t('pledge.privacy')}</p>
            <button type="submit">{t('pledge.submit')}</button>
          </form>
        </>
      )}
      <Counters page={page} counters={props.counters} total={props.total} />
      <p>
        <a href={withLanguage('/komitmen/cek', language)}>{t('pledge.checkLink')}</a>
      </p>
    </Layout>
  );
}

/** The one answer to a pledge: the version signed and her new receipt code. */
export function PledgeDonePage(props: { page: PageContext; versionNumber: number; receipt: string }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('pledge.doneHeading')}</h1>
      <p>{t('pledge.doneText', { number: props.versionNumber })}</p>
      <section className="receipt" aria-labelledby="receipt-label">
        <h2 id="receipt-label">{t('pledge.receiptLabel')}</h2>
        <p className="digits">{props.receipt}</p>
        <p className="save">{t('pledge.receiptKeep')}</p>
      </section>
      <p>
        <a className="button" href={withLanguage('/komitmen/cek', language)}>
          {t('pledge.checkLink')}
        </a>
      </p>
    </Layout>
  );
}

export function PledgeCheckPage(props: {
  page: PageContext;
  formToken: string;
  message?: string;
  invalid?: boolean;
}) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)} switchPath="/komitmen/cek" hasErrors={props.invalid}>
      <h1>{t('pledge.checkHeading')}</h1>
      {props.message && (
        <Notice tone="warn">
          <p>{props.message}</p>
        </Notice>
      )}
      <p>{t('pledge.checkIntro')}</p>
      <form method="post" action={withLanguage('/komitmen/cek', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        <div className="field">
          <label htmlFor={fieldId('receipt')}>{t('pledge.receiptInput')}</label>
          <input
            id={fieldId('receipt')}
            name="receipt"
            type="text"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            className="receipt-input"
            required
          />
        </div>
        <button type="submit">{t('pledge.checkSubmit')}</button>
      </form>
      <p>
        <a href={withLanguage('/komitmen', language)}>{t('pledge.back')}</a>
      </p>
    </Layout>
  );
}

export interface PledgeStatusView {
  versionNumber: number;
  issuedAt: Date;
  state: 'recorded' | 'withdrawn' | 'invalidated' | 'superseded';
  reason: string | null;
}

/** Her signature as her receipt shows it; while it counts, a withdraw form (POST, asks to confirm). */
export function PledgeStatusPage(props: {
  page: PageContext;
  view: PledgeStatusView;
  receipt: string;
  formToken: string;
  confirming?: boolean;
  withdrawn?: boolean;
}) {
  const { page, view } = props;
  const { t, language } = page;
  const action = withLanguage('/komitmen/cek/tarik', language);
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('pledge.statusHeading')}</h1>
      {props.withdrawn && (
        <Notice tone="ok">
          <p>{t('pledge.withdrawn')}</p>
        </Notice>
      )}
      <p>{t('pledge.version', { number: view.versionNumber })}</p>
      <p className="state">{t('pledge.stateLine', { state: t(`pledge.states.${view.state}`) })}</p>
      {view.reason && <p>{t('pledge.reason', { reason: view.reason })}</p>}
      <p className="hint">{t('pledge.issuedAt', { date: formatJakarta(view.issuedAt, language) })}</p>
      {view.state === 'recorded' && (
        <form method="post" action={action}>
          <input type="hidden" name="_token" value={props.formToken} />
          <input type="hidden" name="receipt" value={props.receipt} />
          {props.confirming ? (
            <>
              <p>{t('pledge.withdrawConfirm')}</p>
              <button type="submit" name="answer" value="yes">
                {t('pledge.withdrawYes')}
              </button>{' '}
              <button type="submit" name="answer" value="no">
                {t('pledge.withdrawNo')}
              </button>
            </>
          ) : (
            <button type="submit">{t('pledge.withdraw')}</button>
          )}
        </form>
      )}
      <p>
        <a href={withLanguage('/komitmen', language)}>{t('pledge.back')}</a>
      </p>
    </Layout>
  );
}
