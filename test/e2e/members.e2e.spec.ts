import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startMailbox, tokenIn, type Mailbox } from '../helpers/mailbox.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { APPLY, DECIDE, RESPOND, beijingDate, createListing, loginAuthority, ok, publishListing, registerOrg, requestMatch, sql, usccTag, type Org } from '../helpers/listing-fixtures.js';
import { expectError } from '../helpers/expect-error.js';

/**
 * Members and invitations over HTTP, with mail delivered to a real SMTP server in process: invite →
 * mail → token → accept → the member acts for its organization; roles, the last OWNER, bad tokens,
 * removal; imported firms activated by the AUTHORITY; organization details and who sees contacts.
 */
const INVITE = `mutation($e: String!, $r: MemberRole!) { inviteMember(email: $e, role: $r) { id email role kind expiresAt organizationId } }`;
const ACCEPT = `mutation($t: String!, $p: String!, $n: String!) { acceptInvitation(token: $t, password: $p, displayName: $n) { accessToken user { id email role organization { id name } } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }`;
const CHANGE_ROLE = `mutation($u: ID!, $r: MemberRole!) { changeMemberRole(userId: $u, role: $r) { id role } }`;
const REMOVE = `mutation($u: ID!) { removeMember(userId: $u) { id } }`;
const MEMBERS = `{ members { id email displayName role } }`;
const INVITATIONS = `{ invitations { id email role kind } }`;
const ME = `{ me { id role organization { id } } }`;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken user { role } } }`;
const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`;
const UPDATE_ORG = `mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id address website description contact { name phone email } } }`;
const CONTACT = `query($id: ID!) { organization(id: $id) { id description contact { name phone email } } }`;
const INVITE_OWNER = `mutation($o: ID!, $e: String!) { inviteOrganizationOwner(organizationId: $o, email: $e) { id kind role email } }`;
const INVITE_BATCH = `mutation($ids: [ID!]!) { inviteImportedOwners(organizationIds: $ids) { organizationId outcome reason invitation { id email } } }`;
const IMPORT = `mutation($i: EnterpriseImportInput!) { importEnterprises(input: $i) { created updated firms { uscc organizationId } rejected { field reason } } }`;
const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) { industryCode financials { year revenue } organization { id name } } }`;

const PASSWORD = 'member-password-1';


describe('members and invitations (mail through a real SMTP server)', () => {
  let app: TestApp;
  let mailbox: Mailbox;
  let authority: string;
  let firm: Org; // an ENTERPRISE, its registrant the OWNER

  /** Counts that a refused call must leave unchanged. */
  const snapshot = async () =>
    (
      await sql(
        app,
        `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM invitations) AS invitations,
                (SELECT coalesce(md5(string_agg(id || ':' || coalesce(organization_id::text, '-') || ':' || role, ',' ORDER BY id)), '') FROM users) AS roles,
                (SELECT count(*)::int FROM invitations WHERE accepted_at IS NOT NULL OR revoked_at IS NOT NULL) AS closed,
                (SELECT count(*)::int FROM mail_messages) AS mails`,
      )
    )[0];

  async function refused(res: Promise<GraphQLResponse>, code: string, field?: string) {
    const before = await snapshot();
    const err = expectError(await res, code, field);
    expect(await snapshot()).toEqual(before);
    return err;
  }

  let seq = 0;
  const address = (what: string) => `${what}-${++seq}-${usccTag().toLowerCase()}@members.test`;

  /** Invites `email` as `role` with `token`, waits for the mail and returns the raw token in it. */
  async function invite(token: string, email: string, role: string): Promise<{ id: string; raw: string; mail: { subject: string; text: string } }> {
    const inv = ok(await app.gql(INVITE, { e: email, r: role }, token), 'inviteMember');
    const mail = await mailbox.waitFor(email);
    // A later invitation to the same address must find its own mail: drop this one from the box.
    mailbox.received.splice(mailbox.received.indexOf(mail), 1);
    return { id: inv.id, raw: tokenIn(mail.text), mail };
  }

  async function join(owner: string, role: string, name = '新同事'): Promise<{ token: string; userId: string; email: string }> {
    const email = address(role.toLowerCase());
    const { raw } = await invite(owner, email, role);
    const accepted = ok(await app.gql(ACCEPT, { t: raw, p: PASSWORD, n: name }), 'acceptInvitation');
    return { token: accepted.accessToken, userId: accepted.user.id, email };
  }

  beforeAll(async () => {
    mailbox = await startMailbox();
    app = await startTestApp({ env: { SMTP_URL: mailbox.smtpUrl, PUBLIC_BASE_URL: 'https://srdi.example.cn' } });
    authority = await loginAuthority(app);
    firm = await registerOrg(app, 'ENTERPRISE');
  });
  afterAll(async () => {
    await app?.close();
    await mailbox?.close();
  });

  describe('invite → mail → accept → the member acts for the organization', () => {
    it('delivers a Chinese invitation naming the organization, the role and the 7-day expiry, with the accept link', async () => {
      const email = address('colleague');
      const { raw, mail } = await invite(firm.token, email, 'MEMBER');
      const [{ name }] = await sql(app, 'SELECT name FROM organizations WHERE id = $1', [firm.organizationId]);
      expect(mail.subject).toContain(name);
      expect(mail.subject).toContain('成员');
      expect(mail.text).toContain('7 天');
      expect(mail.text).toContain(`https://srdi.example.cn/invitations/accept?token=${raw}`);
      // Only the hash is stored.
      const rows = await sql(app, 'SELECT token_hash FROM invitations WHERE email = $1', [email]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toContain(raw);
      expect((await sql(app, `SELECT count(*)::int AS n FROM outbox_events WHERE payload::text LIKE $1`, [`%${email}%`]))[0].n).toBe(0);

      const accepted = ok(await app.gql(ACCEPT, { t: raw, p: PASSWORD, n: '李工' }), 'acceptInvitation');
      expect(accepted.user).toMatchObject({ email, role: 'MEMBER', organization: { id: firm.organizationId } });
      const member = accepted.accessToken as string;

      // The member signs in with its password and acts for the organization.
      const login = ok(await app.gql(LOGIN, { i: { email, password: PASSWORD } }), 'login');
      expect(login.user.role).toBe('MEMBER');
      const profile = ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, login.accessToken), 'upsertEnterpriseProfile');
      expect(profile).toBeTruthy();
      const [{ n }] = await sql(app, 'SELECT count(*)::int AS n FROM enterprise_profiles WHERE organization_id = $1', [firm.organizationId]);
      expect(n).toBe(1);

      // The organization is told who joined (a name, never the address).
      await app.drain();
      const notices = ok(await app.gql(`{ notifications(first: 100) { kind title body target { __typename ... on Organization { id } } } }`, {}, firm.token), 'notifications');
      const joined = notices.filter((n: { kind: string }) => n.kind === 'member.joined');
      expect(joined).toEqual([expect.objectContaining({ title: expect.stringContaining('李工'), target: { __typename: 'Organization', id: firm.organizationId } })]);
      expect(JSON.stringify(joined)).not.toContain(email);

      const members = ok(await app.gql(MEMBERS, {}, member), 'members');
      expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
        [firm.email, 'OWNER'],
        [email, 'MEMBER'],
      ]);
    });

    it('refuses a MEMBER every management operation (FORBIDDEN, nothing written)', async () => {
      const member = await join(firm.token, 'MEMBER');
      const err = await refused(app.gql(INVITE, { e: address('x'), r: 'MEMBER' }, member.token), 'FORBIDDEN');
      expect(err.message).toContain('inviteMember');
      expect(err.message).toContain('MEMBER');
      await refused(app.gql(CHANGE_ROLE, { u: firm.userId, r: 'MEMBER' }, member.token), 'FORBIDDEN');
      await refused(app.gql(CHANGE_ROLE, { u: member.userId, r: 'ADMIN' }, member.token), 'FORBIDDEN');
      await refused(app.gql(REMOVE, { u: firm.userId }, member.token), 'FORBIDDEN');
      await refused(app.gql(UPDATE_ORG, { i: { description: '成员不得修改' } }, member.token), 'FORBIDDEN');
      const pending = await invite(firm.token, address('pending'), 'MEMBER');
      await refused(app.gql(REVOKE, { id: pending.id }, member.token), 'FORBIDDEN');
      expectError(await app.gql(INVITATIONS, {}, member.token), 'FORBIDDEN');
      // …while the OWNER sees the pending invitation.
      expect(ok(await app.gql(INVITATIONS, {}, firm.token), 'invitations').map((i: { id: string }) => i.id)).toContain(pending.id);
    });

    it('an ADMIN manages MEMBERs and ADMINs but cannot make, change or remove an OWNER', async () => {
      const admin = await join(firm.token, 'ADMIN');
      const member = await join(admin.token, 'MEMBER');
      expect(ok(await app.gql(CHANGE_ROLE, { u: member.userId, r: 'ADMIN' }, admin.token), 'changeMemberRole').role).toBe('ADMIN');
      await refused(app.gql(INVITE, { e: address('owner'), r: 'OWNER' }, admin.token), 'FORBIDDEN');
      await refused(app.gql(CHANGE_ROLE, { u: member.userId, r: 'OWNER' }, admin.token), 'FORBIDDEN');
      await refused(app.gql(CHANGE_ROLE, { u: firm.userId, r: 'ADMIN' }, admin.token), 'FORBIDDEN');
      await refused(app.gql(REMOVE, { u: firm.userId }, admin.token), 'FORBIDDEN');
      expect(ok(await app.gql(REMOVE, { u: member.userId }, admin.token), 'removeMember').id).toBe(member.userId);
    });

    it('inviting an existing member is a CONFLICT; inviting again replaces the pending invitation', async () => {
      await refused(app.gql(INVITE, { e: firm.email, r: 'MEMBER' }, firm.token), 'CONFLICT', 'email');
      const email = address('twice');
      const first = await invite(firm.token, email, 'MEMBER');
      const second = await invite(firm.token, email, 'ADMIN');
      const err = await refused(app.gql(ACCEPT, { t: first.raw, p: PASSWORD, n: '重复' }), 'BAD_USER_INPUT', 'token');
      expect(err.message).toContain('撤销');
      const accepted = ok(await app.gql(ACCEPT, { t: second.raw, p: PASSWORD, n: '重复' }), 'acceptInvitation');
      expect(accepted.user.role).toBe('ADMIN');
    });
  });

  describe('bad tokens', () => {
    it('reused → 已使用, forged → 无效, expired → 已过期, revoked → 已撤销 (BAD_USER_INPUT token; nothing written)', async () => {
      const used = await invite(firm.token, address('used'), 'MEMBER');
      ok(await app.gql(ACCEPT, { t: used.raw, p: PASSWORD, n: '一次' }), 'acceptInvitation');
      expect((await refused(app.gql(ACCEPT, { t: used.raw, p: PASSWORD, n: '两次' }), 'BAD_USER_INPUT', 'token')).message).toContain('已使用');

      const forged = `${used.raw.slice(0, -4)}AAAA`;
      expect((await refused(app.gql(ACCEPT, { t: forged, p: PASSWORD, n: '伪造' }), 'BAD_USER_INPUT', 'token')).message).toContain('无效');
      expect((await refused(app.gql(ACCEPT, { t: 'x'.repeat(5000), p: PASSWORD, n: '超长' }), 'BAD_USER_INPUT', 'token')).message).toContain('无效');

      const expired = await invite(firm.token, address('expired'), 'MEMBER');
      await sql(app, `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
      expect((await refused(app.gql(ACCEPT, { t: expired.raw, p: PASSWORD, n: '过期' }), 'BAD_USER_INPUT', 'token')).message).toContain('已过期');

      const revoked = await invite(firm.token, address('revoked'), 'MEMBER');
      expect(ok(await app.gql(REVOKE, { id: revoked.id }, firm.token), 'revokeInvitation').revokedAt).toBeTruthy();
      expect((await refused(app.gql(ACCEPT, { t: revoked.raw, p: PASSWORD, n: '撤销' }), 'BAD_USER_INPUT', 'token')).message).toContain('撤销');
      await refused(app.gql(REVOKE, { id: revoked.id }, firm.token), 'CONFLICT');
    });

    it('a new account needs a 10-character password and a name (BAD_USER_INPUT, the token stays usable)', async () => {
      const inv = await invite(firm.token, address('weak'), 'MEMBER');
      await refused(app.gql(ACCEPT, { t: inv.raw, p: 'short', n: '弱口令' }), 'BAD_USER_INPUT', 'password');
      await refused(app.gql(ACCEPT, { t: inv.raw, p: PASSWORD, n: '  ' }), 'BAD_USER_INPUT', 'displayName');
      ok(await app.gql(ACCEPT, { t: inv.raw, p: PASSWORD, n: '补全' }), 'acceptInvitation');
    });
  });

  describe('the last OWNER, removal and existing accounts', () => {
    it('the last OWNER can neither be demoted nor removed (CONFLICT); after handing over, it can', async () => {
      const org = await registerOrg(app, 'BANK');
      await refused(app.gql(CHANGE_ROLE, { u: org.userId, r: 'ADMIN' }, org.token), 'CONFLICT');
      await refused(app.gql(REMOVE, { u: org.userId }, org.token), 'CONFLICT');
      const next = await join(org.token, 'ADMIN', '接任者');
      expect(ok(await app.gql(CHANGE_ROLE, { u: next.userId, r: 'OWNER' }, org.token), 'changeMemberRole').role).toBe('OWNER');
      expect(ok(await app.gql(CHANGE_ROLE, { u: org.userId, r: 'MEMBER' }, org.token), 'changeMemberRole').role).toBe('MEMBER');
      // The former owner's token now carries a MEMBER: refused management at once.
      await refused(app.gql(INVITE, { e: address('late'), r: 'MEMBER' }, org.token), 'FORBIDDEN');
    });

    it('a removed member’s token stops working at once and it cannot sign in; an invitation with its password attaches it again', async () => {
      const member = await join(firm.token, 'MEMBER', '离职员工');
      expect(ok(await app.gql(ME, {}, member.token), 'me').organization.id).toBe(firm.organizationId);
      ok(await app.gql(REMOVE, { u: member.userId }, firm.token), 'removeMember');
      expectError(await app.gql(ME, {}, member.token), 'UNAUTHENTICATED');
      expectError(await app.gql(UPSERT_PROFILE, { i: profileInput() }, member.token), 'UNAUTHENTICATED');
      expectError(await app.gql(LOGIN, { i: { email: member.email, password: PASSWORD } }), 'UNAUTHENTICATED');
      expect((await sql(app, 'SELECT organization_id FROM users WHERE id = $1', [member.userId]))[0].organization_id).toBeNull();

      // Another organization invites the detached account: its password is checked, the account is attached.
      const other = await registerOrg(app, 'SERVICE_PROVIDER');
      const inv = await invite(other.token, member.email, 'MEMBER');
      await refused(app.gql(ACCEPT, { t: inv.raw, p: 'wrong-password-1', n: '' }), 'BAD_USER_INPUT', 'password');
      const accepted = ok(await app.gql(ACCEPT, { t: inv.raw, p: PASSWORD, n: '' }), 'acceptInvitation');
      expect(accepted.user).toMatchObject({ id: member.userId, organization: { id: other.organizationId } });
      expect(ok(await app.gql(ME, {}, accepted.accessToken), 'me').organization.id).toBe(other.organizationId);
    });

    it('an account of another organization cannot accept (CONFLICT with what to do)', async () => {
      const other = await registerOrg(app, 'BANK');
      const inv = await invite(firm.token, other.email, 'MEMBER');
      const err = await refused(app.gql(ACCEPT, { t: inv.raw, p: other.password, n: '' }), 'CONFLICT');
      expect(err.message).toContain('其他机构');
    });
  });

  describe('register answers with what to do', () => {
    const registration = (email: string, uscc: string) => ({
      email,
      password: PASSWORD,
      displayName: '想注册的人',
      organization: { kind: 'ENTERPRISE', name: '重复注册测试有限公司', uscc, regionCode: '330281' },
    });

    it('a USCC with accounts: ask its owner or an admin for an invitation', async () => {
      const [{ uscc }] = await sql(app, 'SELECT uscc FROM organizations WHERE id = $1', [firm.organizationId]);
      const err = expectError(await app.gql(REGISTER, { i: registration(address('dup'), uscc) }), 'CONFLICT', 'input.organization.uscc');
      expect(err.message).toContain('邀请');
      expect(err.message).toContain('管理员');
    });

    it('the AUTHORITY’s e-mail gets the same text as any taken address, naming no organization', async () => {
      const uscc = makeUscc('91', '330281', usccTag());
      const forAuthority = expectError(await app.gql(REGISTER, { i: registration(TEST_AUTHORITY.email, uscc) }), 'CONFLICT', 'input.email');
      const forFirm = expectError(await app.gql(REGISTER, { i: registration(firm.email, uscc) }), 'CONFLICT', 'input.email');
      expect(forAuthority.message).toBe(forFirm.message);
      expect(forAuthority.message).not.toMatch(/主管部门|AUTHORITY|authority/);
    });
  });

  describe('imported firms get in', () => {
    const HEAD = 'uscc,name,regionCode,industryCode,tier,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense,联系人,联系电话,邮箱';
    async function importFirms(rows: Array<{ name: string; email: string }>): Promise<Array<{ uscc: string; organizationId: string }>> {
      const lines = rows.map((r) => `${makeUscc('91', '330281', usccTag())},${r.name},330281,C3484,SPECIALIZED_SME,2015-01-01,2015-01-01,2025,30000000,28000000,1500000,张经理,13800138000,${r.email}`);
      const res = await app.gql(IMPORT, { i: { filename: 'batch.csv', contentBase64: Buffer.from([HEAD, ...lines].join('\n')).toString('base64') } }, authority);
      const report = ok(res, 'importEnterprises');
      expect(report.rejected).toEqual([]);
      return report.firms;
    }

    it('inviteOrganizationOwner → activation mail → accept → the OWNER signs in and sees its imported profile', async () => {
      const email = address('imported-owner');
      const [imported] = await importFirms([{ name: `余姚市激活测试${usccTag()}有限公司`, email: address('sheet') }]);
      // register with the imported USCC points to the AUTHORITY's activation.
      const reg = expectError(
        await app.gql(REGISTER, { i: { email: address('squat'), password: PASSWORD, displayName: '抢注', organization: { kind: 'ENTERPRISE', name: '抢注有限公司', uscc: imported!.uscc, regionCode: '330281' } } }),
        'CONFLICT',
        'input.organization.uscc',
      );
      expect(reg.message).toContain('主管部门');
      expect(reg.message).toContain('激活');

      const inv = ok(await app.gql(INVITE_OWNER, { o: imported!.organizationId, e: email }, authority), 'inviteOrganizationOwner');
      expect(inv).toMatchObject({ kind: 'OWNER_ACTIVATION', role: 'OWNER', email });
      const mail = await mailbox.waitFor(email);
      expect(mail.subject).toContain('激活测试');
      expect(mail.text).toContain('负责人');
      expect(mail.text).toContain('7 天');
      const accepted = ok(await app.gql(ACCEPT, { t: tokenIn(mail.text), p: PASSWORD, n: '张经理' }), 'acceptInvitation');
      expect(accepted.user).toMatchObject({ role: 'OWNER', organization: { id: imported!.organizationId } });

      const login = ok(await app.gql(LOGIN, { i: { email, password: PASSWORD } }), 'login');
      const profile = ok(await app.gql(PROFILE, { id: imported!.organizationId }, login.accessToken), 'enterpriseProfile');
      expect(profile).toMatchObject({ industryCode: 'C3484', financials: [{ year: 2025, revenue: 30_000_000 }], organization: { id: imported!.organizationId } });
      // Its own contact details, as imported.
      expect(ok(await app.gql(CONTACT, { id: imported!.organizationId }, login.accessToken), 'organization').contact).toMatchObject({ name: '张经理', phone: '13800138000' });

      // The AUTHORITY is told the firm has an account.
      await app.drain();
      const notices = ok(await app.gql(`{ notifications(first: 100) { kind title } }`, {}, authority), 'notifications');
      expect(notices.filter((n: { kind: string; title: string }) => n.kind === 'organization.activated' && n.title.includes('激活测试'))).toHaveLength(1);

      // Now it has an OWNER: a second activation is refused.
      await refused(app.gql(INVITE_OWNER, { o: imported!.organizationId, e: address('second') }, authority), 'CONFLICT', 'organizationId');
    });

    it('inviteOrganizationOwner is AUTHORITY only and for enterprises', async () => {
      const [imported] = await importFirms([{ name: `余姚市权限测试${usccTag()}有限公司`, email: address('sheet') }]);
      await refused(app.gql(INVITE_OWNER, { o: imported!.organizationId, e: address('x') }, firm.token), 'FORBIDDEN');
      const bank = await registerOrg(app, 'BANK');
      await refused(app.gql(INVITE_OWNER, { o: bank.organizationId, e: address('x') }, authority), 'BAD_USER_INPUT', 'organizationId');
    });

    it('inviteImportedOwners invites a batch at each firm’s imported 邮箱 and reports the others as skipped', async () => {
      const emails = [address('batch-a'), address('batch-b')];
      const firms = await importFirms(emails.map((email, i) => ({ name: `余姚市批量激活${i}${usccTag()}有限公司`, email })));
      const [noMail] = await importFirms([{ name: `余姚市无邮箱${usccTag()}有限公司`, email: '' }]);
      const bank = await registerOrg(app, 'BANK');
      const ids = [...firms.map((f) => f.organizationId), noMail!.organizationId, firm.organizationId, bank.organizationId, '00000000-0000-4000-8000-000000000000'];
      const results = ok(await app.gql(INVITE_BATCH, { ids }, authority), 'inviteImportedOwners');
      const byId = new Map(results.map((r: { organizationId: string }) => [r.organizationId, r]));
      expect(byId.get(firms[0]!.organizationId)).toMatchObject({ outcome: 'INVITED', reason: null, invitation: { email: emails[0] } });
      expect(byId.get(firms[1]!.organizationId)).toMatchObject({ outcome: 'INVITED', invitation: { email: emails[1] } });
      expect(byId.get(noMail!.organizationId)).toMatchObject({ outcome: 'SKIPPED', reason: 'NO_CONTACT_EMAIL' });
      expect(byId.get(firm.organizationId)).toMatchObject({ outcome: 'SKIPPED', reason: 'HAS_OWNER' });
      expect(byId.get(bank.organizationId)).toMatchObject({ outcome: 'SKIPPED', reason: 'NOT_ENTERPRISE' });
      expect(byId.get('00000000-0000-4000-8000-000000000000')).toMatchObject({ outcome: 'SKIPPED', reason: 'NOT_FOUND' });
      for (const email of emails) expect(tokenIn((await mailbox.waitFor(email)).text)).toBeTruthy();
      // Run again: nothing is sent twice.
      const again = ok(await app.gql(INVITE_BATCH, { ids: firms.map((f) => f.organizationId) }, authority), 'inviteImportedOwners');
      expect(again.map((r: { reason: string }) => r.reason)).toEqual(['ALREADY_INVITED', 'ALREADY_INVITED']);
      // Once an activation has expired, the next batch invites the firm again (the old one is closed).
      await sql(app, `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE organization_id = $1`, [firms[0]!.organizationId]);
      const renewed = ok(await app.gql(INVITE_BATCH, { ids: [firms[0]!.organizationId] }, authority), 'inviteImportedOwners');
      expect(renewed).toEqual([expect.objectContaining({ outcome: 'INVITED', reason: null })]);
      await refused(app.gql(INVITE_BATCH, { ids: [] }, authority), 'BAD_USER_INPUT', 'organizationIds');
      await refused(app.gql(INVITE_BATCH, { ids: firms.map((f) => f.organizationId) }, firm.token), 'FORBIDDEN');
    });
  });

  describe('organization details and who sees contacts', () => {
    it('updateOrganization by the OWNER; bad formats name the field and write nothing', async () => {
      const org = await registerOrg(app, 'SERVICE_PROVIDER');
      const updated = ok(
        await app.gql(UPDATE_ORG, { i: { contactName: '陈主任', contactPhone: '0574-62345678', contactEmail: 'Chen@Service.example', address: '余姚市阳明街道', website: 'www.service.example', description: '专注专精特新申报辅导' } }, org.token),
        'updateOrganization',
      );
      expect(updated).toMatchObject({ website: 'https://www.service.example/', contact: { name: '陈主任', phone: '0574-62345678', email: 'chen@service.example' } });
      await refused(app.gql(UPDATE_ORG, { i: { contactPhone: 'call me' } }, org.token), 'BAD_USER_INPUT', 'input.contactPhone');
      await refused(app.gql(UPDATE_ORG, { i: { contactEmail: 'no-at-sign' } }, org.token), 'BAD_USER_INPUT', 'input.contactEmail');
      await refused(app.gql(UPDATE_ORG, { i: { website: 'javascript:alert(1)' } }, org.token), 'BAD_USER_INPUT', 'input.website');
      await refused(app.gql(UPDATE_ORG, { i: { description: '长'.repeat(2001) } }, org.token), 'BAD_USER_INPUT', 'input.description');
      // Omitted fields are kept, null clears.
      const cleared = ok(await app.gql(UPDATE_ORG, { i: { address: null } }, org.token), 'updateOrganization');
      expect(cleared).toMatchObject({ address: null, description: '专注专精特新申报辅导', contact: { name: '陈主任' } });
    });

    it('a match request: contacts hidden from the other side while PENDING, shown to both once ACCEPTED', async () => {
      const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
      const enterprise = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
      ok(await app.gql(UPDATE_ORG, { i: { contactName: '银行客户经理', contactPhone: '13900001111' } }, bank.token), 'updateOrganization');
      ok(await app.gql(UPDATE_ORG, { i: { contactName: '企业财务', contactEmail: 'cfo@enterprise.example' } }, enterprise.token), 'updateOrganization');
      const product = await createListing(app, bank.token, 'CREDIT_PRODUCT');
      await publishListing(app, bank.token, product.id);
      const contactOf = async (orgId: string, token: string) => ok(await app.gql(CONTACT, { id: orgId }, token), 'organization').contact;

      expect(await contactOf(bank.organizationId, enterprise.token)).toBeNull();
      const requestId = await requestMatch(app, enterprise.token, product.id);
      expect(await contactOf(bank.organizationId, enterprise.token)).toBeNull();
      expect(await contactOf(enterprise.organizationId, bank.token)).toBeNull();
      ok(await app.gql(RESPOND, { id: requestId, accept: true }, bank.token), 'respondToMatchRequest');
      expect(await contactOf(bank.organizationId, enterprise.token)).toEqual({ name: '银行客户经理', phone: '13900001111', email: null });
      expect(await contactOf(enterprise.organizationId, bank.token)).toEqual({ name: '企业财务', phone: null, email: 'cfo@enterprise.example' });
      // Third parties never; the AUTHORITY always; the description is public.
      const stranger = await registerOrg(app, 'BANK');
      expect(await contactOf(bank.organizationId, stranger.token)).toBeNull();
      expect(await contactOf(bank.organizationId, authority)).toMatchObject({ name: '银行客户经理' });
    });

    it('a 揭榜 application: the anchor and the applicant see each other’s contacts only once it is ACCEPTED', async () => {
      const anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
      const applicant = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
      ok(await app.gql(UPDATE_ORG, { i: { contactName: '技术部部长' } }, anchor.token), 'updateOrganization');
      ok(await app.gql(UPDATE_ORG, { i: { contactName: '总工程师' } }, applicant.token), 'updateOrganization');
      const challenge = await createListing(app, anchor.token, 'CHALLENGE', { overrides: { applyBy: beijingDate(30) } });
      await publishListing(app, anchor.token, challenge.id);
      const applicationId = ok(await app.gql(APPLY, { i: { challengeId: challenge.id, proposal: '联合攻关，9 个月交付样机' } }, applicant.token), 'applyToChallenge').id;
      const contactOf = async (orgId: string, token: string) => ok(await app.gql(CONTACT, { id: orgId }, token), 'organization').contact;
      expect(await contactOf(anchor.organizationId, applicant.token)).toBeNull();
      ok(await app.gql(DECIDE, { id: applicationId, d: 'SHORTLIST' }, anchor.token), 'decideChallengeApplication');
      expect(await contactOf(applicant.organizationId, anchor.token)).toBeNull();
      ok(await app.gql(DECIDE, { id: applicationId, d: 'ACCEPT' }, anchor.token), 'decideChallengeApplication');
      expect(await contactOf(anchor.organizationId, applicant.token)).toMatchObject({ name: '技术部部长' });
      expect(await contactOf(applicant.organizationId, anchor.token)).toMatchObject({ name: '总工程师' });
    });
  });
});
