import { describe, expect, it } from '@jest/globals';
import { MAX_BODY, mailLink, redactTokens, renderMail } from '../../../libs/mail/src/mail-template.js';
import { summarizeSmtpError } from '../../../libs/mail/src/mailer.js';

const frame = { platformName: '宁波专精特新服务平台', linkBase: 'https://srdi.nb.example/' };

describe('mailLink', () => {
  it.each([
    ['https://a.example', '/x?token=1', 'https://a.example/x?token=1'],
    ['https://a.example/', '/x', 'https://a.example/x'],
    ['https://a.example//', 'x', 'https://a.example/x'],
    ['http://localhost:3000/base', '//invitations/accept', 'http://localhost:3000/base/invitations/accept'],
  ])('%s + %s', (base, path, want) => expect(mailLink(base, path)).toBe(want));
});

describe('renderMail', () => {
  it('frames the lines with the platform name, the action link and a footer', () => {
    const { subject, body } = renderMail(
      { to: 'a@b.cn', kind: 'member.invited', subject: '邀请您加入「甲公司」', lines: ['甲公司邀请您以成员身份加入。', '邀请 7 天内有效。'], action: { label: '接受邀请', path: '/invitations/accept?token=abc' } },
      frame,
    );
    expect(subject).toBe('【宁波专精特新服务平台】邀请您加入「甲公司」');
    expect(body).toContain('甲公司邀请您以成员身份加入。\n邀请 7 天内有效。');
    expect(body).toContain('接受邀请：\nhttps://srdi.nb.example/invitations/accept?token=abc');
    expect(body.trimEnd().endsWith('如非本人操作，请忽略本邮件。')).toBe(true);
  });

  it('has no link section without an action', () => {
    expect(renderMail({ to: 'a@b.cn', kind: 'k', subject: 's', lines: ['x'] }, frame).body).not.toContain('https://');
  });

  it('keeps a subject on one line (no header injection)', () => {
    expect(renderMail({ to: 'a@b.cn', kind: 'k', subject: 'a\r\nBcc: x@y.z', lines: [] }, frame).subject).not.toMatch(/[\r\n]/);
  });

  it('refuses a body over the bound and accepts one at it', () => {
    const fixed = renderMail({ to: 'a@b.cn', kind: 'k', subject: 's', lines: [''] }, frame).body.length;
    expect(() => renderMail({ to: 'a@b.cn', kind: 'k', subject: 's', lines: ['x'.repeat(MAX_BODY - fixed)] }, frame)).not.toThrow();
    expect(() => renderMail({ to: 'a@b.cn', kind: 'k', subject: 's', lines: ['x'.repeat(MAX_BODY - fixed + 1)] }, frame)).toThrow(/longer than/);
  });
});

describe('redactTokens', () => {
  it.each([
    ['打开 https://x/a?token=AbC-_123 即可', '打开 https://x/a?token=(已发送，已隐去) 即可'],
    ['https://x/a?id=1&token=zz#frag', 'https://x/a?id=1&token=(已发送，已隐去)#frag'],
    ['no token here ?tok=1', 'no token here ?tok=1'],
  ])('%s', (input, want) => expect(redactTokens(input)).toBe(want));
});

describe('summarizeSmtpError keeps codes and drops server text', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'ECONNREFUSED'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 <someone@firm.cn> unknown' }, 'EENVELOPE SMTP 550 at RCPT TO'],
    [{ message: 'mailbox someone@firm.cn full' }, 'unknown error'],
    [{ code: 'bad code with someone@firm.cn' }, 'unknown error'],
  ])('%j', (err, want) => {
    const summary = summarizeSmtpError(err);
    expect(summary).toBe(want);
    expect(summary).not.toContain('@');
  });
});
