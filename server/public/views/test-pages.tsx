import type { ReactNode } from 'react';
import type { PublicItem } from '../../modules/training/test-taking.service.ts';
import { withLanguage } from '../public-i18n.ts';
import type { FieldErrors } from '../report-form.ts';
import { ErrorSummary, ErrorText, Layout, Notice, errorId, fieldId, type PageContext } from './layout.tsx';

/**
 * The pre/post test pages (/tes): no script, no cookie. First her enrolment code, then the test open in
 * her class now as plain radio buttons, sent as one form.
 */
const plain = (page: PageContext) => ({ title: page.t('test.title'), site: page.t('test.site') });

export function TestCodePage(props: {
  page: PageContext;
  formToken: string;
  enrolment?: string;
  errors?: FieldErrors;
  notice?: ReactNode;
}) {
  const { page } = props;
  const { t, language } = page;
  const errors = props.errors ?? {};
  const label = t('test.enrolmentLabel');
  return (
    <Layout page={page} plain={plain(page)} switchPath="/tes" hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('test.heading')}</h1>
      {props.notice}
      <ErrorSummary page={page} errors={errors} order={['enrolment']} labels={{ enrolment: label }} />
      <p>{t('test.intro')}</p>
      <form method="post" action={withLanguage('/tes', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        <div className={errors.enrolment ? 'field bad' : 'field'}>
          <label htmlFor={fieldId('enrolment')}>{label}</label>
          <p className="hint" id="h-enrolment">
            {t('test.enrolmentHint')}
          </p>
          <ErrorText page={page} name="enrolment" error={errors.enrolment} />
          <input
            id={fieldId('enrolment')}
            name="enrolment"
            type="text"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            className="receipt-input"
            defaultValue={props.enrolment}
            aria-describedby={['h-enrolment', errors.enrolment ? errorId('enrolment') : undefined]
              .filter(Boolean)
              .join(' ')}
          />
        </div>
        <button type="submit">{t('test.open')}</button>
      </form>
    </Layout>
  );
}

const textOf = (language: string, id: string, en: string | null) => (language === 'en' && en ? en : id);

export function TestFormPage(props: {
  page: PageContext;
  formToken: string;
  enrolment: string;
  phase: 'pre' | 'post';
  classTitle: string;
  items: PublicItem[];
  chosen?: Record<string, number>;
  missing?: number[];
  notice?: ReactNode;
}) {
  const { page } = props;
  const { t, language } = page;
  const missing = new Set(props.missing ?? []);
  const chosen = props.chosen ?? {};
  const errors: FieldErrors = {};
  const labels: Record<string, string> = {};
  props.items.forEach((item, index) => {
    if (!missing.has(item.id)) return;
    errors[`q${item.id}`] = { key: 'test.missing' };
    labels[`q${item.id}`] = t('test.question', { number: index + 1 });
  });
  return (
    <Layout page={page} plain={plain(page)} hasErrors={missing.size > 0}>
      <h1>{t(props.phase === 'pre' ? 'test.preHeading' : 'test.postHeading')}</h1>
      <p className="lead">{t('test.classLine', { title: props.classTitle })}</p>
      {props.notice}
      <ErrorSummary page={page} errors={errors} order={Object.keys(errors)} labels={labels} />
      <p>{t('test.answerIntro', { count: props.items.length })}</p>
      <form method="post" action={withLanguage('/tes/jawab', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        <input type="hidden" name="enrolment" value={props.enrolment} />
        <input type="hidden" name="phase" value={props.phase} />
        {props.items.map((item, index) => {
          const name = `q${item.id}`;
          return (
            <fieldset
              key={item.id}
              className={missing.has(item.id) ? 'choices step bad' : 'choices step'}
              id={fieldId(name)}
              aria-describedby={missing.has(item.id) ? errorId(name) : undefined}
            >
              <legend>
                {index + 1}. {textOf(language, item.stemId, item.stemEn)}
              </legend>
              <ErrorText page={page} name={name} error={errors[name]} />
              {item.options.map((option, choice) => (
                <label key={choice}>
                  <input
                    type="radio"
                    name={name}
                    value={choice}
                    defaultChecked={chosen[String(item.id)] === choice}
                  />
                  <span>{textOf(language, option.id, option.en)}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
        <button type="submit">{t('test.submit')}</button>
      </form>
    </Layout>
  );
}

/** Her answers were recorded, or had been before (a second submission changes nothing). */
export function TestDonePage(props: {
  page: PageContext;
  already: boolean;
  phase: 'pre' | 'post';
  classTitle: string;
}) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('test.heading')}</h1>
      <Notice tone="ok" heading={props.already ? t('test.alreadyHeading') : t('test.recordedHeading')}>
        <p>{props.already ? t('test.already') : t('test.recorded')}</p>
        <p>{t(props.phase === 'pre' ? 'test.preLine' : 'test.postLine', { title: props.classTitle })}</p>
      </Notice>
    </Layout>
  );
}

/**
 * A refusal with a way back. The generic one (wrong code, closed test) carries no token and nothing typed,
 * so every reason gives the very same bytes.
 */
export function TestRefusedPage(props: { page: PageContext; heading: string; text: string }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('test.heading')}</h1>
      <Notice tone="warn" heading={props.heading}>
        <p>{props.text}</p>
      </Notice>
      <p>
        <a className="button" href={withLanguage('/tes', language)}>
          {t('test.again')}
        </a>
      </p>
    </Layout>
  );
}
