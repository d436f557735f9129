import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Language } from '../../../shared/roles.ts';
import { publicAssets } from '../assets.ts';
import { withLanguage, type PublicTranslate } from '../public-i18n.ts';
import type { FieldError, FieldErrors } from '../report-form.ts';

/** Where "Keluar cepat" goes: a neutral, common site that looks like an ordinary visit. */
export const QUICK_EXIT_URL = 'https://www.bmkg.go.id/cuaca';

export interface PageContext {
  t: PublicTranslate;
  language: Language;
}

/** A whole HTML document; the title stays neutral on every page, whatever the page is about. */
export function renderPage(element: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}

export function Layout(props: {
  page: PageContext;
  /** Path of this page in the other language (only on pages that can be reloaded without loss). */
  switchPath?: string;
  /**
   * Instead of `switchPath`, an in-page target (`#id`) for a page holding typed answers: the header's
   * switch then leads to a button that re-sends the form in the other language, so nothing is lost.
   */
  switchTarget?: `#${string}`;
  hasErrors?: boolean;
  /** Extra class on <body> (the receipt page prints differently). */
  kind?: string;
  /**
   * The reporting pages carry the quick exit (a link and its small script). Pages that have nothing to
   * hide from a bystander (check-in, verification) leave both out: no script at all, and their own title.
   */
  plain?: { title: string; site: string };
  children: ReactNode;
}) {
  const { t, language } = props.page;
  const other: Language = language === 'id' ? 'en' : 'id';
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>
          {props.plain ? props.plain.title : props.hasErrors ? t('meta.titleError') : t('meta.title')}
        </title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={publicAssets.stylesheet.url} />
      </head>
      <body className={props.kind}>
        <header className="top">
          {!props.plain && (
            <a className="exit" id="keluar" href={QUICK_EXIT_URL} rel="noreferrer">
              {t('exit.label')}
            </a>
          )}
          <span className="site">{props.plain ? props.plain.site : t('site')}</span>
          {props.switchTarget !== undefined ? (
            <a className="lang" href={props.switchTarget} lang={other}>
              {t('language.switch')}
            </a>
          ) : (
            props.switchPath !== undefined && (
              <a className="lang" href={withLanguage(props.switchPath, other)} lang={other} hrefLang={other}>
                {t('language.switch')}
              </a>
            )
          )}
        </header>
        <main>{props.children}</main>
        {!props.plain && (
          <footer>
            <p>{t('exit.hint')}</p>
          </footer>
        )}
        {!props.plain && <script src={publicAssets.script.url} defer />}
      </body>
    </html>
  );
}

export const errorId = (name: string) => `e-${name}`;
export const fieldId = (name: string) => `f-${name}`;

export function ErrorText(props: { page: PageContext; name: string; error: FieldError | undefined }) {
  if (!props.error) return null;
  return (
    <p className="error" id={errorId(props.name)}>
      {props.page.t(`errors.${props.error.key}`, props.error.params)}
    </p>
  );
}

/** The list of problems at the top of the page, each linked to its field. */
export function ErrorSummary(props: {
  page: PageContext;
  errors: FieldErrors;
  order: readonly string[];
  labels: Record<string, string>;
  extra?: string;
}) {
  const { t } = props.page;
  const names = props.order.filter((name) => props.errors[name]);
  if (names.length === 0 && !props.extra) return null;
  return (
    <div className="summary" role="alert" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('errors.summary')}</h2>
      <ul>
        {names.map((name) => {
          const error = props.errors[name] as FieldError;
          return (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>
                {props.labels[name]}: {t(`errors.${error.key}`, error.params)}
              </a>
            </li>
          );
        })}
      </ul>
      {props.extra && <p>{props.extra}</p>}
    </div>
  );
}

/** A short notice in a box (expired form, too many attempts, message sent). */
export function Notice(props: { tone: 'warn' | 'ok'; heading?: string; children: ReactNode }) {
  return (
    <div className={`notice ${props.tone}`} role={props.tone === 'ok' ? 'status' : 'alert'}>
      {props.heading && <h2>{props.heading}</h2>}
      {props.children}
    </div>
  );
}

/** A warning box with one paragraph, for the routes (which build pages without JSX). */
export function warning(text: string, heading?: string): ReactNode {
  return (
    <Notice tone="warn" heading={heading}>
      <p>{text}</p>
    </Notice>
  );
}
