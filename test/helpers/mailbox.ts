import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { TestApp } from './test-app.js';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  messageId: string | undefined;
}

export interface Mailbox {
  /** smtp://127.0.0.1:<port> for the app's SMTP_URL. */
  readonly smtpUrl: string;
  readonly received: ReceivedMail[];
  /** The first mail to `to` (case-insensitive) matching `match`, waiting for it up to `timeoutMs`. */
  waitFor(to: string, match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** While set, every delivery is refused with 421 (a server that is down for the app). */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

/** A real SMTP server in process (smtp-server, no auth, no TLS) that keeps what it receives. */
export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      if (refusing) return callback(Object.assign(new Error('service not available'), { responseCode: 421 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId,
          });
          for (const w of waiters) w();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    received,
    refuse(on) {
      refusing = on;
    },
    async waitFor(to, match = () => true, timeoutMs = 20_000) {
      const want = to.toLowerCase();
      const find = () => received.find((m) => m.to.includes(want) && match(m));
      const found = find();
      if (found) return found;
      return new Promise<ReceivedMail>((resolve, reject) => {
        const check = () => {
          const m = find();
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received ${received.length} in all)`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Mails kept in the app's database (no SMTP_URL), newest first. */
export async function keptMails(app: TestApp, to: string): Promise<Array<{ kind: string; subject: string; body: string; status: string }>> {
  return app.started.runtime.database.dataSource.query(
    'SELECT kind, subject, body, status FROM mail_messages WHERE to_address = $1 ORDER BY created_at DESC',
    [to.trim().toLowerCase()],
  );
}

/** The one-time token in a mail's link (`?token=…`). */
export function tokenIn(text: string): string {
  const m = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error('no token link in the mail');
  return m[1]!;
}
