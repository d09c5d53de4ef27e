import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { mailMessages } from './outbox/schema.js';
import { MAIL_KIND, mailPayload, type MailContent } from './outbox/mail-payload.js';
import { PermanentJobError, defineJob, type JobHandler } from './outbox/outbox.js';

export type { MailContent } from './outbox/mail-payload.js';

export interface SendResult {
  transport: 'smtp' | 'kept';
  /** The Message-ID the SMTP server accepted; null when kept. */
  messageId: string | null;
  /** When the SMTP server accepted the mail; null when kept. */
  sentAt: Date | null;
  /** Recipients the server refused while accepting the others. */
  rejected: number;
}

/**
 * Sends mail through SMTP, or in "kept" mode (no SMTP_URL) sends nothing: the mail job
 * then only stores the mail in mail_messages, where administrators can read it.
 */
export interface Mailer {
  readonly mode: 'smtp' | 'kept';
  readonly from: string;
  send(mail: MailContent): Promise<SendResult>;
  close(): void;
}

/** Connection limits, kept well below the outbox's stuck-row timeout. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, dnsTimeout: 30_000 };

/** The iCalendar METHOD (REQUEST, CANCEL, PUBLISH…) of an object; REQUEST when it has none. */
export function icalendarMethod(icalendar: string): string {
  return /^METHOD:([A-Za-z-]+)\s*$/m.exec(icalendar)?.[1]?.toUpperCase() ?? 'REQUEST';
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): Mailer {
  const from = config.MAIL_FROM;
  if (!config.SMTP_URL) {
    return {
      mode: 'kept',
      from,
      async send() {
        return { transport: 'kept', messageId: null, sentAt: null, rejected: 0 };
      },
      close() {},
    };
  }
  const transporter = nodemailer.createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS });
  return {
    mode: 'smtp',
    from,
    async send(mail) {
      const info = await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        icalEvent: mail.icalendar ? { method: icalendarMethod(mail.icalendar), content: mail.icalendar, filename: 'invite.ics' } : undefined,
        // Content is ours only: never let a value make nodemailer read a file or a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { transport: 'smtp', messageId: info.messageId ?? null, sentAt: new Date(), rejected: info.rejected?.length ?? 0 };
    },
    close() {
      transporter.close();
    },
  };
}

/** The outbox job that sends (or keeps) one mail and records it in mail_messages. */
const sendMailJob: JobHandler = async (job, ctx) => {
  const parsed = mailPayload.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError(`Invalid mail payload: ${parsed.error.message}`);
  const mail = parsed.data;
  const result = await ctx.mailer.send(mail);
  if (result.transport === 'smtp') ctx.logger.info({ messageId: result.messageId }, 'mail sent');
  // Addresses are personal data: log how many were refused, not which.
  if (result.rejected > 0) ctx.logger.warn({ messageId: result.messageId, rejected: result.rejected }, 'mail server refused some recipients');
  return {
    async finish(tx) {
      await tx
        .insert(mailMessages)
        .values({
          outboxId: job.id,
          from: ctx.mailer.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? null,
          icalendar: mail.icalendar ?? null,
          transport: result.transport,
          sentAt: result.sentAt,
          messageId: result.messageId,
        })
        .onConflictDoNothing({ target: mailMessages.outboxId });
    },
  };
};

export const mailJob = defineJob(MAIL_KIND, sendMailJob);
