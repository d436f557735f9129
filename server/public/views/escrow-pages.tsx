import { withLanguage } from '../public-i18n.ts';
import { Layout, Notice, type PageContext } from './layout.tsx';

/**
 * The "Lapor bersama" part of the follow-up page: a sealed report says so in plain words and offers its
 * withdrawal (a form with a confirmation step, no script); a withdrawn one says it will never be matched.
 */
export function EscrowStatus(props: {
  page: PageContext;
  escrow: 'sealed' | 'opened' | 'withdrawn' | null | undefined;
  followUpToken: string;
  formToken: string;
}) {
  const { page } = props;
  const { t, language } = page;
  if (props.escrow === 'withdrawn') return <p className="escrow-state">{t('escrow.status.withdrawn')}</p>;
  if (props.escrow !== 'sealed') return null;
  return (
    <section aria-labelledby="escrow-heading" className="escrow">
      <p className="escrow-state">
        <strong>{t('escrow.status.sealed')}</strong>
      </p>
      <h2 id="escrow-heading">{t('escrow.status.withdrawHeading')}</h2>
      <p>{t('escrow.status.withdrawExplain')}</p>
      <form method="post" action={withLanguage('/lapor/cek/tarik', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        <input type="hidden" name="followUp" value={props.followUpToken} />
        <button type="submit" className="secondary">
          {t('escrow.status.withdraw')}
        </button>
      </form>
    </section>
  );
}

/** The confirmation step of a withdrawal: nothing changes until she presses "yes". */
export function WithdrawConfirmPage(props: { page: PageContext; followUpToken: string; formToken: string }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page}>
      <h1>{t('escrow.confirm.heading')}</h1>
      <Notice tone="warn">
        <p>{t('escrow.confirm.text')}</p>
      </Notice>
      <form method="post" action={withLanguage('/lapor/cek/tarik', language)} autoComplete="off">
        <input type="hidden" name="_token" value={props.formToken} />
        <input type="hidden" name="followUp" value={props.followUpToken} />
        <button type="submit" name="answer" value="yes">
          {t('escrow.confirm.yes')}
        </button>{' '}
        <button type="submit" name="answer" value="no" className="secondary">
          {t('escrow.confirm.no')}
        </button>
      </form>
    </Layout>
  );
}

/** Shown on the follow-up page right after a withdrawal. */
export function withdrawnNotice(page: PageContext) {
  return (
    <Notice tone="ok">
      <p>{page.t('escrow.status.withdrawnNotice')}</p>
    </Notice>
  );
}
