import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailService } from '../../libs/mail/src/mail.service.js';
import { startMailbox, tokenIn, type Mailbox } from '../helpers/mailbox.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const LINK_BASE = 'https://srdi.test.example';

async function queue(app: TestApp, to: string, token: string, rollback = false): Promise<string> {
  const mail = app.started.app.get(MailService);
  let id = '';
  await app.started.runtime.database.dataSource
    .transaction(async (manager) => {
      id = await mail.queue(manager, {
        to,
        kind: 'test.mail',
        subject: '测试邮件',
        lines: ['这是一封测试邮件。'],
        action: { label: '打开链接', path: `/test/open?token=${token}` },
      });
      if (rollback) throw new Error('rolled back on purpose');
    })
    .catch((err: Error) => {
      if (!rollback) throw err;
    });
  return id;
}

const row = async (app: TestApp, id: string) =>
  (await app.started.runtime.database.dataSource.query('SELECT status, attempts, last_error, body FROM mail_messages WHERE id = $1', [id]))[0] as
    | { status: string; attempts: number; last_error: string | null; body: string }
    | undefined;

describe('mail through the outbox to a real SMTP server', () => {
  let mailbox: Mailbox;
  let app: TestApp;

  beforeAll(async () => {
    mailbox = await startMailbox();
    app = await startTestApp({ env: { SMTP_URL: mailbox.smtpUrl, PUBLIC_BASE_URL: LINK_BASE, PLATFORM_NAME: '测试平台' } });
  });
  afterAll(async () => {
    await app?.close();
    await mailbox?.close();
  });

  it('delivers a queued mail with the platform frame and link base, then redacts the stored token', async () => {
    const id = await queue(app, 'Someone@Firm.example', 'tok-A1');
    const got = await mailbox.waitFor('someone@firm.example');
    expect(got.subject).toBe('【测试平台】测试邮件');
    expect(got.text).toContain(`${LINK_BASE}/test/open?token=tok-A1`);
    expect(tokenIn(got.text)).toBe('tok-A1');
    expect(got.messageId).toBe(`<${id}@srdi-match>`);
    await app.drain();
    const stored = await row(app, id);
    expect(stored).toMatchObject({ status: 'SENT', attempts: 1, last_error: null });
    expect(stored!.body).not.toContain('tok-A1');
  });

  it('writes no mail when the transaction that queued it rolls back', async () => {
    const before = mailbox.received.length;
    await queue(app, 'rollback@firm.example', 'tok-R', true);
    await app.drain();
    const [{ n }] = await app.started.runtime.database.dataSource.query("SELECT count(*)::int AS n FROM mail_messages WHERE to_address = 'rollback@firm.example'");
    expect(n).toBe(0);
    expect(mailbox.received.length).toBe(before);
  });

  it('retries while the SMTP server refuses, loses nothing, and stores no address in the error', async () => {
    mailbox.refuse(true);
    const id = await queue(app, 'retry@firm.example', 'tok-B2');
    // Wait for at least one failed attempt.
    for (let i = 0; i < 200 && ((await row(app, id))?.attempts ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 50));
    const failed = await row(app, id);
    expect(failed).toMatchObject({ status: 'QUEUED' });
    expect(failed!.attempts).toBeGreaterThanOrEqual(1);
    expect(failed!.last_error).toMatch(/SMTP 421|ECONNECTION|EPROTOCOL|ECONNRESET/);
    expect(failed!.last_error).not.toContain('@');
    mailbox.refuse(false);
    const got = await mailbox.waitFor('retry@firm.example', undefined, 30_000);
    expect(tokenIn(got.text)).toBe('tok-B2');
    await app.drain(30_000);
    expect((await row(app, id))?.status).toBe('SENT');
  });
});

describe('mail without SMTP_URL (the embedded default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_BASE_URL: LINK_BASE } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the mail in the table and lists it at GET /dev/mails', async () => {
    const id = await queue(app, 'kept@firm.example', 'tok-C3');
    await app.drain();
    expect((await row(app, id))?.status).toBe('KEPT');
    const res = await fetch(`${app.started.baseUrl}/dev/mails?to=KEPT@firm.example&limit=5`);
    expect(res.status).toBe(200);
    const { mails } = (await res.json()) as { mails: Array<{ id: string; to: string; subject: string; body: string; status: string }> };
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ id, to: 'kept@firm.example', status: 'KEPT' });
    expect(tokenIn(mails[0]!.body)).toBe('tok-C3');
  });
});
