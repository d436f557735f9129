import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, DbOrTx } from './database.ts';
import { isLanguage, translator } from './i18n.ts';
import type { Language } from '../../shared/roles.ts';

/**
 * Transactional outbox: a message is written to the `outbox` table inside the transaction of the change
 * that causes it, so it is never lost. With SMTP configured it is `queued` and delivered by
 * `deliverPending` (called right after commit and by a scheduled job for retries); without SMTP it is
 * `held`, visible to admins in the staff app, never silently dropped.
 */
export interface Mailer {
  readonly isSmtpConfigured: boolean;
  /** `language` is the one the message is written in (from renderEmail), kept with it in the outbox. */
  enqueue(handle: DbOrTx, message: OutgoingMail): Promise<void>;
  /** Sends every queued message; returns how many were sent. Safe to call from several instances. */
  deliverPending(): Promise<number>;
  close(): void;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  language: Language;
}

const MAX_ATTEMPTS = 8;

export function createMailer(db: Db, options: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | undefined = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : undefined;
  return {
    isSmtpConfigured: Boolean(transport),
    async enqueue(handle, message) {
      await handle
        .insertInto('outbox')
        .values({
          recipient: message.to,
          subject: message.subject,
          body_text: message.text,
          language: message.language,
          status: transport ? 'queued' : 'held',
        })
        .execute();
    },
    async deliverPending() {
      if (!transport) return 0;
      let sent = 0;
      for (;;) {
        // SKIP LOCKED: several instances may deliver at once without sending a message twice.
        const delivered = await db.transaction().execute(async (tx) => {
          const message = await tx
            .selectFrom('outbox')
            .selectAll()
            .where('status', '=', 'queued')
            .orderBy('id')
            .limit(1)
            .forUpdate()
            .skipLocked()
            .executeTakeFirst();
          if (!message) return undefined;
          try {
            await transport.sendMail({
              from: options.from,
              to: message.recipient,
              subject: message.subject,
              text: message.body_text,
              ...(message.language ? { headers: { 'Content-Language': message.language } } : {}),
            });
            await tx
              .updateTable('outbox')
              .set({ status: 'sent', sent_at: new Date(), attempts: message.attempts + 1, last_error: null })
              .where('id', '=', message.id)
              .execute();
            return true;
          } catch (error) {
            const attempts = message.attempts + 1;
            await tx
              .updateTable('outbox')
              .set({
                attempts,
                status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
                last_error: error instanceof Error ? error.message.slice(0, 500) : 'send failed',
              })
              .where('id', '=', message.id)
              .execute();
            return false;
          }
        });
        if (delivered === undefined || delivered === false) return sent;
        sent += 1;
      }
    },
    close() {
      transport?.close();
    },
  };
}

export type EmailTemplate =
  | 'invite'
  | 'reset'
  | 'loginDelayed'
  | 'passwordChanged'
  | 'caseAttention'
  | 'caseWithoutTeam'
  | 'caseRoleRequested'
  | 'caseRoleConfirmed'
  | 'publicChannelBusy'
  | 'trainingInvitation'
  | 'agreementEnding';

/**
 * Renders a translated email in the recipient's language (a stored value that is not a known language
 * falls back to Indonesian, the default), and says which language it is written in.
 */
export function renderEmail(
  template: EmailTemplate,
  recipientLanguage: string,
  values: Record<string, string | number> = {},
): { subject: string; text: string; language: Language } {
  const language: Language = isLanguage(recipientLanguage) ? recipientLanguage : 'id';
  const t = translator(language, 'email');
  return {
    subject: t(`${template}.subject`, values),
    text: `${t(`${template}.body`, values)}\n\n--\n${t('footer')}`,
    language,
  };
}
