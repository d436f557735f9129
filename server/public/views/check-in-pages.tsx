import type { ReactNode } from 'react';
import { withLanguage } from '../public-i18n.ts';
import type { FieldErrors } from '../report-form.ts';
import { ErrorSummary, ErrorText, Layout, Notice, errorId, fieldId, type PageContext } from './layout.tsx';

/**
 * The self check-in pages (/hadir): no script, no cookie, one short form. The room's QR code opens
 * /hadir?k=<code> with the code filled in; a phone that cannot scan types it.
 */
const plain = (page: PageContext) => ({ title: page.t('checkIn.title'), site: page.t('checkIn.site') });

export interface CheckInFormValues {
  room?: string;
  /** Signed moment the scanned code was seen (check-in.pages.ts). */
  seen?: string;
  enrolment?: string;
  memberNumber?: string;
  birthYear?: string;
}

const order = ['enrolment', 'birthYear', 'room'] as const;

export function CheckInPage(props: {
  page: PageContext;
  formToken: string;
  values?: CheckInFormValues;
  errors?: FieldErrors;
  notice?: ReactNode;
}) {
  const { page } = props;
  const { t, language } = page;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const described = (name: string, hint?: string) =>
    [hint, errors[name] ? errorId(name) : undefined].filter(Boolean).join(' ') || undefined;
  const labels = {
    enrolment: t('checkIn.enrolmentLabel'),
    birthYear: t('checkIn.birthYearLabel'),
    room: t('checkIn.roomLabel'),
  };
  const scanned = values.seen !== undefined && values.room !== undefined;
  return (
    <Layout
      page={page}
      plain={plain(page)}
      switchPath={scanned ? `/hadir?k=${values.room}` : '/hadir'}
      hasErrors={Object.keys(errors).length > 0}
    >
      <h1>{t('checkIn.heading')}</h1>
      {props.notice}
      <ErrorSummary page={page} errors={errors} order={order} labels={labels} />
      <p>{scanned ? t('checkIn.scanned') : t('checkIn.intro')}</p>
      <form method="post" action={withLanguage('/hadir', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        {values.seen && <input type="hidden" name="seen" value={values.seen} />}
        <fieldset className="step">
          <legend>{t('checkIn.identityLegend')}</legend>
          <div className={errors.enrolment ? 'field bad' : 'field'}>
            <label htmlFor={fieldId('enrolment')}>{labels.enrolment}</label>
            <p className="hint" id="h-enrolment">
              {t('checkIn.enrolmentHint')}
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
              defaultValue={values.enrolment}
              aria-describedby={described('enrolment', 'h-enrolment')}
            />
          </div>
          <p>{t('checkIn.or')}</p>
          <div className="field">
            <label htmlFor={fieldId('memberNumber')}>{t('checkIn.memberNumberLabel')}</label>
            <input
              id={fieldId('memberNumber')}
              name="memberNumber"
              type="text"
              spellCheck={false}
              maxLength={40}
              defaultValue={values.memberNumber}
            />
          </div>
          <div className={errors.birthYear ? 'field bad' : 'field'}>
            <label htmlFor={fieldId('birthYear')}>{labels.birthYear}</label>
            <ErrorText page={page} name="birthYear" error={errors.birthYear} />
            <input
              id={fieldId('birthYear')}
              name="birthYear"
              type="text"
              inputMode="numeric"
              maxLength={4}
              defaultValue={values.birthYear}
              aria-describedby={described('birthYear')}
            />
          </div>
        </fieldset>
        <div className={errors.room ? 'field bad' : 'field'}>
          <label htmlFor={fieldId('room')}>{labels.room}</label>
          <p className="hint" id="h-room">
            {t('checkIn.roomHint')}
          </p>
          <ErrorText page={page} name="room" error={errors.room} />
          <input
            id={fieldId('room')}
            name="k"
            type="text"
            inputMode="numeric"
            maxLength={9}
            className="receipt-input"
            defaultValue={values.room}
            aria-describedby={described('room', 'h-room')}
          />
        </div>
        <button type="submit">{t('checkIn.submit')}</button>
      </form>
    </Layout>
  );
}

const statusKey: Record<string, string> = {
  present: 'checkIn.statusPresent',
  late: 'checkIn.statusLate',
  excused: 'checkIn.statusExcused',
  absent: 'checkIn.statusAbsent',
};

/** A recorded check-in, or one recorded before (the same answer for a replay). */
export function CheckInDonePage(props: {
  page: PageContext;
  already: boolean;
  status: string;
  classTitle: string;
  sessionTitle: string | null;
}) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('checkIn.heading')}</h1>
      <Notice tone="ok" heading={props.already ? t('checkIn.alreadyHeading') : t('checkIn.recordedHeading')}>
        {props.already && <p>{t('checkIn.already')}</p>}
        <p className="state">
          {t('checkIn.statusLine', { status: t(statusKey[props.status] ?? props.status) })}
        </p>
        <p>{t('checkIn.classLine', { title: props.classTitle })}</p>
        {props.sessionTitle && <p>{t('checkIn.sessionLine', { title: props.sessionTitle })}</p>}
      </Notice>
    </Layout>
  );
}

/**
 * A refusal with a plain reason and a way back to an empty form (the code has rotated anyway). The
 * generic refusal goes through here too: it carries no token and nothing typed, so a wrong code and a
 * wrong identity give the very same bytes.
 */
export function CheckInRefusedPage(props: { page: PageContext; heading: string; text: string }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('checkIn.heading')}</h1>
      <Notice tone="warn" heading={props.heading}>
        <p>{props.text}</p>
      </Notice>
      <p>
        <a className="button" href={withLanguage('/hadir', language)}>
          {t('checkIn.again')}
        </a>
      </p>
    </Layout>
  );
}
