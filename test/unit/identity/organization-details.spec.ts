import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';
import { checkDetail, type OrganizationDetailsCommand } from '../../../libs/identity/src/organizations/organization-details.service.js';
import { memberInvitationMail, ownerActivationMail } from '../../../libs/identity/src/members/invitation-mail.js';
import { hashInvitationToken, invitationExpiry, newInvitationToken } from '../../../libs/identity/src/members/invitation-token.js';

type Key = keyof OrganizationDetailsCommand;

describe('checkDetail: organization details as updateOrganization and the import take them', () => {
  it.each<[Key, string | null | undefined, string | null | undefined]>([
    ['contactName', undefined, undefined],
    ['contactName', null, null],
    ['contactName', '   ', null],
    ['contactName', ' 王海燕 ', '王海燕'],
    ['contactPhone', '13800138000', '13800138000'],
    ['contactPhone', '+86 138 0013 8000', '+86 138 0013 8000'],
    ['contactPhone', '0574-87654321', '0574-87654321'],
    ['contactPhone', '(0574) 8765 4321转802', '(0574) 8765 4321转802'],
    ['contactEmail', ' Wang.HY@Firm.Example ', 'wang.hy@firm.example'],
    ['website', 'www.firm.example', 'https://www.firm.example/'],
    ['website', 'http://firm.example/about', 'http://firm.example/about'],
    ['address', '余姚市阳明街道 1 号', '余姚市阳明街道 1 号'],
    ['description', '专'.repeat(2000), '专'.repeat(2000)],
  ])('%s %j → %j', (key, raw, expected) => {
    expect(checkDetail(key, raw, `input.${key}`)).toBe(expected);
  });

  it.each<[Key, string]>([
    ['contactName', '名'.repeat(51)],
    ['contactPhone', 'call me'],
    ['contactPhone', '1234'],
    ['contactPhone', '1'.repeat(21)],
    ['contactPhone', '138-0013-8000; DROP'],
    ['contactEmail', 'no-at-sign'],
    ['contactEmail', 'a@b'],
    ['website', 'javascript:alert(1)'],
    ['website', 'ftp://firm.example'],
    ['website', 'localhost'],
    ['website', `https://${'a'.repeat(300)}.example`],
    ['address', '址'.repeat(201)],
    ['description', '长'.repeat(2001)],
  ])('%s %j → BAD_USER_INPUT naming the field, without echoing the value', (key, raw) => {
    let error: unknown;
    try {
      checkDetail(key, raw, `input.${key}`);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    expect((error as AppError).details.field).toBe(`input.${key}`);
    expect((error as AppError).message).not.toContain(raw.slice(0, 20));
  });
});

describe('invitation tokens', () => {
  it('are 256 random bits, stored only as their SHA-256', () => {
    const a = newInvitationToken();
    const b = newInvitationToken();
    expect(a.raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.raw).not.toBe(b.raw);
    expect(a.hash).toBe(hashInvitationToken(a.raw));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.raw);
  });

  it('expire 7 days after sending', () => {
    const now = new Date('2026-12-04T08:00:00Z');
    expect(invitationExpiry(now).toISOString()).toBe('2026-12-11T08:00:00.000Z');
  });
});

describe('invitation mails', () => {
  const params = {
    to: 'li@firm.example',
    rawToken: 'abc_DEF-123',
    organizationName: '宁波甬芯精密轴承有限公司',
    inviterOrganizationName: '宁波甬芯精密轴承有限公司',
    expiresAt: new Date('2026-12-11T08:00:00Z'),
  };

  it.each([
    ['OWNER', '负责人'],
    ['ADMIN', '管理员'],
    ['MEMBER', '成员'],
  ] as const)('a member invitation as %s names the organization, the role in Chinese, the expiry and the link', (role, label) => {
    const mail = memberInvitationMail({ ...params, role });
    expect(mail.kind).toBe('member.invited');
    expect(mail.subject).toContain(params.organizationName);
    expect(mail.subject).toContain(label);
    expect(mail.lines.join('\n')).toContain('7 天');
    expect(mail.lines.join('\n')).toContain('2026/12/11 16:00'); // Beijing time
    expect(mail.action).toEqual({ label: '接受邀请', path: '/invitations/accept?token=abc_DEF-123' });
  });

  it('an owner activation names the firm and the inviting authority', () => {
    const mail = ownerActivationMail({ ...params, role: 'OWNER', inviterOrganizationName: '余姚市经济和信息化局' });
    expect(mail.kind).toBe('owner.activation');
    expect(mail.subject).toContain('余姚市经济和信息化局');
    expect(mail.subject).toContain(params.organizationName);
    expect(mail.lines.join('\n')).toContain('负责人');
    expect(mail.action.path).toBe('/invitations/accept?token=abc_DEF-123');
  });
});
