import type { ReactNode } from 'react';
import type { DeadlineKind } from '../../../shared/case-taxonomy.ts';
import { formatJakarta, withLanguage } from '../public-i18n.ts';
import type { FieldErrors } from '../report-form.ts';
import { EscrowStatus } from './escrow-pages.tsx';
import { ErrorSummary, ErrorText, Layout, Notice, errorId, fieldId, type PageContext } from './layout.tsx';

/** What the status page shows; the service's reporter view, nothing internal. */
export interface ReporterView {
  state: 'received' | 'triage' | 'handling' | 'monitoring' | 'closed';
  receivedAt: Date;
  nextStep: { kind: DeadlineKind; dueAt: Date } | null;
  /** When the team's next update is due; moves with each message or change of state from the team. */
  nextUpdateAt?: Date | null;
  closingReason: string | null;
  matched: boolean;
  /** "Lapor bersama": sealed, opened by a match, withdrawn, or null for an ordinary report. */
  escrow?: 'sealed' | 'opened' | 'withdrawn' | null;
  messages: { id: string; at: Date; from: 'reporter' | 'team'; body: string }[];
  files: { id: string; at: Date; from: 'reporter' | 'team'; name: string }[];
}

function Time(props: { page: PageContext; at: Date }) {
  return <time dateTime={props.at.toISOString()}>{formatJakarta(props.at, props.page.language)}</time>;
}

/**
 * Shown once, right after a report is stored (no redirect: the receipt never appears in a URL). The page
 * carries no case content, so a printed copy or a photo of it gives nothing away but the receipt.
 */
export function ReceiptPage(props: {
  page: PageContext;
  receipt: string;
  receivedAt: Date;
  firstContactDueAt: Date;
  /** A case team can act on it; otherwise no deadline is promised (the channel is being set up). */
  teamReady: boolean;
  /** A sealed "Lapor bersama" report: no first contact until a match opens it. */
  sealed?: boolean;
}) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} kind="receipt-page">
      <h1>{t('receipt.heading')}</h1>
      <section className="receipt" aria-labelledby="receipt-label">
        <h2 id="receipt-label">{t('receipt.label')}</h2>
        <p className="digits">{props.receipt}</p>
        <p className="save">
          <strong>{t('receipt.saveNow')}</strong>
        </p>
        <p>{t('receipt.once')}</p>
        <p>{t('receipt.ways')}</p>
      </section>
      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{t('receipt.nextHeading')}</h2>
        <p>{t('receipt.receivedAt', { date: formatJakarta(props.receivedAt, language) })}</p>
        <p>
          <strong>
            {props.sealed
              ? t('escrow.receipt.sealed')
              : props.teamReady
                ? t('receipt.firstContact', { date: formatJakarta(props.firstContactDueAt, language) })
                : t('receipt.settingUp')}
          </strong>
        </p>
        <p>{t('receipt.checkBack')}</p>
        <p className="hint">{t('receipt.printNote')}</p>
      </section>
      <p className="noprint">
        <a className="button" href={withLanguage('/lapor/cek', language)}>
          {t('receipt.checkLink')}
        </a>
      </p>
    </Layout>
  );
}

/** GET /lapor/cek, and every way back to it (wrong receipt, closed follow-up, expired form). */
export function CheckPage(props: {
  page: PageContext;
  formToken: string;
  /** A plain message above the form: the one answer for a wrong receipt, or why she is back here. */
  message?: string;
  /** An unsent follow-up message, kept through the receipt form. */
  draft?: string;
  notice?: ReactNode;
}) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} switchPath={props.message || props.draft ? undefined : '/lapor/cek'}>
      <h1>{t('check.heading')}</h1>
      {props.notice}
      {props.message && (
        <Notice tone="warn">
          <p id={errorId('receipt')}>{props.message}</p>
          {props.draft && <p>{t('check.draftKept')}</p>}
        </Notice>
      )}
      <p>{t('check.intro')}</p>
      <form method="post" action={withLanguage('/lapor/cek', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        {props.draft && <input type="hidden" name="draft" value={props.draft} />}
        <div className="field">
          <label htmlFor={fieldId('receipt')}>{t('check.label')}</label>
          <p className="hint" id="h-receipt">
            {t('check.hint')}
          </p>
          <input
            id={fieldId('receipt')}
            name="receipt"
            type="text"
            inputMode="numeric"
            spellCheck={false}
            maxLength={40}
            className="receipt-input"
            aria-describedby={props.message ? `h-receipt ${errorId('receipt')}` : 'h-receipt'}
          />
        </div>
        <button type="submit">{t('check.submit')}</button>
      </form>
      <p className="hint">{t('check.lost')}</p>
      <p>
        <a href={withLanguage('/lapor', language)}>{t('nav.report')}</a>
      </p>
    </Layout>
  );
}

/** The reporter's view of her case, with the two-way messages and a form to write to the team. */
export function StatusPage(props: {
  page: PageContext;
  view: ReporterView;
  followUpToken: string;
  formToken: string;
  sent?: boolean;
  draft?: string;
  errors?: FieldErrors;
  filesDropped?: boolean;
  notice?: ReactNode;
}) {
  const { page, view } = props;
  const { t, language } = page;
  const errors = props.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout page={page} hasErrors={hasErrors}>
      <h1>{t('status.heading')}</h1>
      {props.notice}
      {props.sent && (
        <Notice tone="ok">
          <p>{t('status.sent')}</p>
        </Notice>
      )}
      <ErrorSummary
        page={page}
        errors={errors}
        order={['body', 'files']}
        labels={{ body: t('status.body'), files: t('status.files') }}
        extra={props.filesDropped ? t('errors.filesAgain') : undefined}
      />
      <section aria-labelledby="state-heading">
        <h2 id="state-heading">{t('status.stateHeading')}</h2>
        <p className="state">{t(`status.states.${view.state}`)}</p>
        {view.state === 'closed' && view.closingReason && (
          <p>{t(`status.closingReasons.${view.closingReason}`)}</p>
        )}
        {view.state === 'closed' && <p>{t('status.closedNote')}</p>}
        {view.nextStep && (
          <p>
            <strong>
              {t(`status.nextSteps.${view.nextStep.kind}`, {
                date: formatJakarta(view.nextStep.dueAt, language),
              })}
            </strong>
          </p>
        )}
        {view.nextUpdateAt && view.nextStep?.kind !== 'update' && (
          <p className="next-update">
            {t('status.nextUpdate', { date: formatJakarta(view.nextUpdateAt, language) })}
          </p>
        )}
        {view.matched && <p className="notice ok">{t('status.matched')}</p>}
        <EscrowStatus
          page={page}
          escrow={view.escrow}
          followUpToken={props.followUpToken}
          formToken={props.formToken}
        />
        <p className="hint">{t('status.receivedAt', { date: formatJakarta(view.receivedAt, language) })}</p>
      </section>
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">{t('status.messagesHeading')}</h2>
        {view.messages.length === 0 ? (
          <p>{t('status.noMessages')}</p>
        ) : (
          <ol className="messages">
            {view.messages.map((message) => (
              <li key={message.id} className={message.from}>
                <p className="meta">
                  <strong>{t(`status.from.${message.from}`)}</strong> · <Time page={page} at={message.at} />
                </p>
                {message.body && <p className="body">{message.body}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {view.files.length > 0 && (
        <section aria-labelledby="files-heading">
          <h2 id="files-heading">{t('status.filesHeading')}</h2>
          <ul className="files">
            {view.files.map((file) => (
              <li key={file.id}>
                {file.name}{' '}
                <span className="hint">
                  ({t(`status.from.${file.from}`)} · <Time page={page} at={file.at} />)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form
        method="post"
        action={withLanguage('/lapor/cek/pesan', language)}
        encType="multipart/form-data"
        autoComplete="off"
        noValidate
      >
        <input type="hidden" name="_token" value={props.formToken} />
        <input type="hidden" name="followUp" value={props.followUpToken} />
        <h2>{t('status.replyHeading')}</h2>
        <div className={errors.body ? 'field bad' : 'field'}>
          <label htmlFor={fieldId('body')}>{t('status.body')}</label>
          <ErrorText page={page} name="body" error={errors.body} />
          <textarea
            id={fieldId('body')}
            name="body"
            rows={6}
            maxLength={10_000}
            defaultValue={props.draft ?? ''}
            aria-describedby={errors.body ? errorId('body') : undefined}
            aria-invalid={errors.body ? true : undefined}
          />
        </div>
        <div className={errors.files ? 'field bad' : 'field'}>
          <label htmlFor={fieldId('files')}>
            {t('status.files')} <span className="opt">{t('form.optional')}</span>
          </label>
          <p className="hint" id="h-files">
            {t('form.files.hint')} {t('form.files.location')}
          </p>
          <ErrorText page={page} name="files" error={errors.files} />
          <input
            type="file"
            id={fieldId('files')}
            name="files"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,audio/*,video/mp4"
            aria-describedby={errors.files ? `h-files ${errorId('files')}` : 'h-files'}
          />
        </div>
        <button type="submit">{t('status.submit')}</button>
      </form>
      <p className="hint">{t('status.sessionNote')}</p>
      <p>
        <a href={withLanguage('/lapor', language)}>{t('status.done')}</a>
      </p>
    </Layout>
  );
}

/** A plain page for what stops a request: an expired form, too many attempts, a failure. */
export function NoticePage(props: {
  page: PageContext;
  heading: string;
  text: string;
  link: { href: string; label: string };
}) {
  const { page } = props;
  return (
    <Layout page={page}>
      <h1>{props.heading}</h1>
      <p>{props.text}</p>
      <p>
        <a className="button" href={withLanguage(props.link.href, page.language)}>
          {props.link.label}
        </a>
      </p>
    </Layout>
  );
}
