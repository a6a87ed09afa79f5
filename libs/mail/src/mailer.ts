import nodemailer, { type Transporter } from 'nodemailer';

/** An outgoing message as the delivery job hands it to a {@link Mailer}. */
export interface OutgoingMail {
  /** The mail's row id; also the Message-ID, so a retried delivery can be recognised by the receiver. */
  id: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * The outbound mail port. `smtp` hands messages to an SMTP server; `kept` delivers nothing (the
 * embedded default: the mail stays in `mail_messages`, readable at GET /dev/mails).
 */
export interface Mailer {
  readonly mode: 'smtp' | 'kept';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A delivery failure reduced to what is safe to store and log: no addresses, no server text. */
export class MailDeliveryError extends Error {
  constructor(readonly summary: string) {
    super(`mail delivery failed: ${summary}`);
    this.name = 'MailDeliveryError';
  }
}

/** Error codes and SMTP status numbers only: a server's reply text can quote the recipient. */
export function summarizeSmtpError(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [
    typeof e.code === 'string' && /^[A-Z_]{2,30}$/.test(e.code) ? e.code : undefined,
    typeof e.responseCode === 'number' ? `SMTP ${e.responseCode}` : undefined,
    typeof e.command === 'string' && /^[A-Z ]{2,20}$/.test(e.command) ? `at ${e.command}` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'unknown error';
}

export class SmtpMailer implements Mailer {
  readonly mode = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // One pooled connection per process; short timeouts so a dead server fails the job, which is retried.
    this.transport = nodemailer.createTransport(smtpUrl, {
      pool: true,
      maxConnections: 2,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as never);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@srdi-match>`,
      });
    } catch (err) {
      throw new MailDeliveryError(summarizeSmtpError(err));
    }
  }

  close(): void {
    this.transport.close();
  }
}

export class KeptMailer implements Mailer {
  readonly mode = 'kept' as const;
  async send(): Promise<void> {}
  close(): void {}
}

export const MAILER = Symbol('MAILER');
