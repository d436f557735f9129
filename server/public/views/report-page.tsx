import type { ReactNode } from 'react';
import { ageBands } from '../../../shared/contracts/cases.ts';
import {
  caseForms,
  casePlaces,
  caseRelationships,
  contactMethods,
  namedOfficeLevels,
  reporterRoles,
  reporterWishes,
} from '../../../shared/case-taxonomy.ts';
import type { Language } from '../../../shared/roles.ts';
import { textList, withLanguage } from '../public-i18n.ts';
import { all, first, reportFieldOrder, type FieldErrors, type FormFields } from '../report-form.ts';
import { ErrorSummary, ErrorText, Layout, errorId, fieldId, type PageContext } from './layout.tsx';

/** The field of the button that re-sends a returned form in the other language (nothing is submitted). */
export const switchLanguageField = '_language';
const languageButtonId = 'ganti-bahasa';

export interface ReportPageProps {
  page: PageContext;
  formToken: string;
  units: { id: number; name: string }[];
  /** What the reporter sent, when the form comes back to her. */
  values?: FormFields;
  errors?: FieldErrors;
  /** Shown above the form: an expired form, too many reports, a failure. */
  notice?: ReactNode;
  /** Files were sent and are lost on a round trip: tell her to choose them again. */
  filesDropped?: boolean;
  /**
   * Every report has a case team (the top unit has an active coordinator; case-coverage.service.ts).
   * Without one the page promises no deadline: it says the channel is being set up, and still takes
   * the report (issue 18).
   */
  channelReady: boolean;
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function Choices(props: {
  page: PageContext;
  name: string;
  type: 'radio' | 'checkbox';
  legend: ReactNode;
  options: readonly string[];
  labelKey: string;
  selected: string[];
  errors: FieldErrors;
  className?: string;
}) {
  const { t } = props.page;
  const error = props.errors[props.name];
  return (
    <fieldset
      id={fieldId(props.name)}
      className={props.className ?? 'choices'}
      aria-describedby={error ? errorId(props.name) : undefined}
    >
      <legend>{props.legend}</legend>
      <ErrorText page={props.page} name={props.name} error={error} />
      {props.options.map((option) => (
        <label key={option}>
          <input
            type={props.type}
            name={props.name}
            value={option}
            defaultChecked={props.selected.includes(option)}
          />
          <span>{t(`${props.labelKey}.${option}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Text(props: {
  page: PageContext;
  name: string;
  label: string;
  hint?: string;
  values: FormFields;
  errors: FieldErrors;
  multiline?: boolean;
  type?: 'text' | 'date';
  maxLength: number;
}) {
  const error = props.errors[props.name];
  const hintId = props.hint ? `h-${props.name}` : undefined;
  const common = {
    id: fieldId(props.name),
    name: props.name,
    defaultValue: first(props.values, props.name),
    'aria-describedby': describedBy(hintId, error && errorId(props.name)),
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div className={error ? 'field bad' : 'field'}>
      <label htmlFor={common.id}>
        {props.label} <span className="opt">{props.page.t('form.optional')}</span>
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <ErrorText page={props.page} name={props.name} error={error} />
      {props.multiline ? (
        <textarea {...common} rows={8} maxLength={props.maxLength} />
      ) : (
        <input {...common} type={props.type ?? 'text'} maxLength={props.maxLength} />
      )}
    </div>
  );
}

function Select(props: {
  page: PageContext;
  name: string;
  label: string;
  options: [string, string][];
  values: FormFields;
  errors: FieldErrors;
}) {
  const error = props.errors[props.name];
  return (
    <div className={error ? 'field bad' : 'field'}>
      <label htmlFor={fieldId(props.name)}>{props.label}</label>
      <ErrorText page={props.page} name={props.name} error={error} />
      <select
        id={fieldId(props.name)}
        name={props.name}
        defaultValue={first(props.values, props.name)}
        aria-describedby={error ? errorId(props.name) : undefined}
        aria-invalid={error ? true : undefined}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check(props: { name: string; label: ReactNode; values: FormFields }) {
  return (
    <label className="check">
      <input type="checkbox" name={props.name} defaultChecked={first(props.values, props.name) === 'on'} />
      <span>{props.label}</span>
    </label>
  );
}

/** Labels of the fields, for the error summary. */
function fieldLabels(page: PageContext): Record<string, string> {
  const { t } = page;
  return {
    reporterRole: t('form.reporter.legend'),
    forms: t('form.what.forms'),
    narrative: t('form.what.narrative'),
    incidentDate: t('form.when.date'),
    place: t('form.where.place'),
    placeUnitId: t('form.where.unit'),
    placeDetail: t('form.where.detail'),
    relationship: t('form.who.relationship'),
    namedOffice: t('form.who.office'),
    namedName: t('form.who.name'),
    namedPosition: t('form.who.position'),
    namedWorkplace: t('form.who.workplace'),
    namedPhone: t('escrow.form.phone'),
    namedEmployeeNumber: t('escrow.form.employeeNumber'),
    sealUntilMatch: t('escrow.form.heading'),
    wishes: t('form.wishes.list'),
    survivorSex: t('form.about.sex'),
    survivorAgeBand: t('form.about.age'),
    reporterName: t('form.about.name'),
    contactMethod: t('form.contact.method'),
    contactValue: t('form.contact.value'),
    safeTimes: t('form.contact.safeTimes'),
    consentToProcess: t('form.consent.legend'),
    files: t('form.files.legend'),
  };
}

/** GET /lapor and every round trip of the report form: explanation, rights, then one stepped form. */
export function ReportPage(props: ReportPageProps) {
  const { page } = props;
  const { t, language } = page;
  const otherLanguage: Language = language === 'id' ? 'en' : 'id';
  const values = props.values ?? new Map<string, string[]>();
  const errors = props.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const required = <span className="req">{t('form.required')}</span>;
  const optional = <span className="opt">{t('form.optional')}</span>;
  const text = (
    name: string,
    label: string,
    maxLength: number,
    extra: { hint?: string; multiline?: boolean } = {},
  ) => (
    <Text
      page={page}
      name={name}
      label={label}
      values={values}
      errors={errors}
      maxLength={maxLength}
      {...extra}
    />
  );
  return (
    // A form sent back with answers keeps its language switch: the header link leads to a button that
    // re-sends the answers in the other language (a plain link would lose them; issue 18).
    <Layout
      page={page}
      switchPath={props.values ? undefined : '/lapor'}
      switchTarget={props.values ? `#${languageButtonId}` : undefined}
      hasErrors={hasErrors}
    >
      <h1>{t('intro.heading')}</h1>
      {props.notice}
      <ErrorSummary
        page={page}
        errors={errors}
        order={reportFieldOrder}
        labels={fieldLabels(page)}
        extra={props.filesDropped ? t('errors.filesAgain') : undefined}
      />
      {!props.values && (
        <>
          <p className="lead">{t('intro.lead')}</p>
          {!props.channelReady && (
            <section className="notice" aria-labelledby="setting-up">
              <h2 id="setting-up">{t('settingUp.heading')}</h2>
              <p>{t('settingUp.text')}</p>
            </section>
          )}
          <section aria-labelledby="next">
            <h2 id="next">{t('next.heading')}</h2>
            <ol>
              {textList(t, props.channelReady ? 'next.items' : 'settingUp.items').map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="rights">
            <h2 id="rights">{t('rights.heading')}</h2>
            <ul>
              {textList(t, 'rights.items').map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <p>{t('rights.anonymous')}</p>
            <p>
              <strong>{t('rights.consent')}</strong>
            </p>
          </section>
          <p>
            <a href={withLanguage('/lapor/cek', language)}>{t('nav.check')}</a>
          </p>
        </>
      )}
      <form
        method="post"
        action={withLanguage('/lapor', language)}
        encType="multipart/form-data"
        autoComplete="off"
        noValidate
      >
        <input type="hidden" name="_token" value={props.formToken} />
        <h2>{t('form.heading')}</h2>
        <p>{t('form.intro')}</p>

        <Choices
          page={page}
          name="reporterRole"
          className="step choices"
          type="radio"
          legend={
            <>
              {t('form.reporter.legend')} {required}
            </>
          }
          options={reporterRoles}
          labelKey="roles"
          selected={all(values, 'reporterRole')}
          errors={errors}
        />

        <fieldset className="step">
          <legend>{t('form.what.legend')}</legend>
          <Choices
            page={page}
            name="forms"
            type="checkbox"
            legend={
              <>
                {t('form.what.forms')} {required}
              </>
            }
            options={caseForms}
            labelKey="forms"
            selected={all(values, 'forms')}
            errors={errors}
          />
          {text('narrative', t('form.what.narrative'), 20_000, {
            hint: t('form.what.narrativeHint'),
            multiline: true,
          })}
        </fieldset>

        <fieldset className="step">
          <legend>{t('form.when.legend')}</legend>
          <Text
            page={page}
            name="incidentDate"
            label={t('form.when.date')}
            hint={t('form.when.dateHint')}
            type="date"
            values={values}
            errors={errors}
            maxLength={10}
          />
          <Check name="incidentDateApproximate" label={t('form.when.approximate')} values={values} />
        </fieldset>

        <fieldset className="step">
          <legend>{t('form.where.legend')}</legend>
          <Choices
            page={page}
            name="place"
            type="radio"
            legend={
              <>
                {t('form.where.place')} {required}
              </>
            }
            options={casePlaces}
            labelKey="places"
            selected={all(values, 'place')}
            errors={errors}
          />
          <Select
            page={page}
            name="placeUnitId"
            label={t('form.where.unit')}
            options={[
              ['', t('form.where.unitUnknown')],
              ...props.units.map((unit): [string, string] => [String(unit.id), unit.name]),
            ]}
            values={values}
            errors={errors}
          />
          {text('placeDetail', t('form.where.detail'), 300, { hint: t('form.where.detailHint') })}
        </fieldset>

        <fieldset className="step">
          <legend>{t('form.who.legend')}</legend>
          <Choices
            page={page}
            name="relationship"
            type="radio"
            legend={
              <>
                {t('form.who.relationship')} {required}
              </>
            }
            options={caseRelationships}
            labelKey="relationships"
            selected={all(values, 'relationship')}
            errors={errors}
          />
          <Select
            page={page}
            name="namedOffice"
            label={t('form.who.office')}
            options={namedOfficeLevels.map((level) => [level, t(`offices.${level}`)])}
            values={values}
            errors={errors}
          />
          <p className="hint">{t('form.who.nameHint')}</p>
          {text('namedName', t('form.who.name'), 200)}
          {text('namedPosition', t('form.who.position'), 200)}
          {text('namedWorkplace', t('form.who.workplace'), 200)}
          {text('namedPhone', t('escrow.form.phone'), 40, { hint: t('escrow.form.phoneHint') })}
          {text('namedEmployeeNumber', t('escrow.form.employeeNumber'), 60)}
        </fieldset>

        <fieldset className="step">
          <legend>{t('form.wishes.legend')}</legend>
          <Choices
            page={page}
            name="wishes"
            type="checkbox"
            legend={
              <>
                {t('form.wishes.list')} {optional}
              </>
            }
            options={reporterWishes}
            labelKey="wishes"
            selected={all(values, 'wishes')}
            errors={errors}
          />
          <Check name="asksDpp" label={t('form.wishes.asksDpp')} values={values} />
          <Check name="sameGenderHandler" label={t('form.wishes.sameGender')} values={values} />
          <div className="field" id="escrow">
            <h3>{t('escrow.form.heading')}</h3>
            <p className="hint">{t('escrow.form.explain')}</p>
            <p className="hint">{t('escrow.form.needs')}</p>
            <Check name="sealUntilMatch" label={t('escrow.form.choice')} values={values} />
          </div>
        </fieldset>

        <fieldset className="step">
          <legend>{t('form.about.legend')}</legend>
          <p className="hint">{t('form.about.intro')}</p>
          <Choices
            page={page}
            name="survivorSex"
            type="radio"
            legend={t('form.about.sex')}
            options={['P', 'L']}
            labelKey="sex"
            selected={all(values, 'survivorSex')}
            errors={errors}
          />
          <Select
            page={page}
            name="survivorAgeBand"
            label={t('form.about.age')}
            options={[
              ['', t('form.about.notSaying')],
              ...ageBands.map((band): [string, string] => [band, t(`ageBands.${band}`)]),
            ]}
            values={values}
            errors={errors}
          />
          {text('reporterName', t('form.about.name'), 200, { hint: t('form.about.nameHint') })}
        </fieldset>

        <fieldset className="step">
          <legend>{t('form.contact.legend')}</legend>
          <Choices
            page={page}
            name="contactMethod"
            type="radio"
            legend={t('form.contact.method')}
            options={contactMethods}
            labelKey="contactMethods"
            selected={values.has('contactMethod') ? all(values, 'contactMethod') : ['none']}
            errors={errors}
          />
          {text('contactValue', t('form.contact.value'), 200, { hint: t('form.contact.valueHint') })}
          {text('safeTimes', t('form.contact.safeTimes'), 200, { hint: t('form.contact.safeTimesHint') })}
        </fieldset>

        <fieldset
          className="step"
          id={fieldId('consentToProcess')}
          aria-describedby={errors.consentToProcess ? errorId('consentToProcess') : undefined}
        >
          <legend>{t('form.consent.legend')}</legend>
          <ErrorText page={page} name="consentToProcess" error={errors.consentToProcess} />
          <Check
            name="consentToProcess"
            label={
              <>
                {t('form.consent.process')} {required}
              </>
            }
            values={values}
          />
          <Check
            name="consentToContact"
            label={
              <>
                {t('form.consent.contact')} {optional}
              </>
            }
            values={values}
          />
          <p className="hint">{t('form.consent.note')}</p>
        </fieldset>

        {/* Last on purpose: a file over the limits stops the upload, and every field before it still arrives. */}
        <fieldset className="step">
          <legend>
            {t('form.files.legend')} {optional}
          </legend>
          <p className="hint" id="h-files">
            {t('form.files.hint')}
          </p>
          <p className="warn" id="w-files">
            {t('form.files.location')}
          </p>
          <p className="hint">{t('form.files.encrypted')}</p>
          <div className={errors.files ? 'field bad' : 'field'}>
            <label htmlFor={fieldId('files')}>{t('form.files.label')}</label>
            <ErrorText page={page} name="files" error={errors.files} />
            <input
              type="file"
              id={fieldId('files')}
              name="files"
              multiple
              accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,audio/*,video/mp4"
              aria-describedby={describedBy('h-files', 'w-files', errors.files && errorId('files'))}
            />
          </div>
        </fieldset>

        <button type="submit">{t('form.submit')}</button>
        {props.values && (
          // After the report's own submit button, so Enter in a field still sends the report.
          <p>
            <button
              type="submit"
              id={languageButtonId}
              className="secondary"
              name={switchLanguageField}
              value={otherLanguage}
              formAction={withLanguage('/lapor', otherLanguage)}
              formNoValidate
              lang={otherLanguage}
            >
              {t('language.switchKeeping')}
            </button>
          </p>
        )}
      </form>
    </Layout>
  );
}
