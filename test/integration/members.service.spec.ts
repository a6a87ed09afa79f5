import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import { IdentityService } from '../../libs/identity/src/identity.service.js';
import { MembersService } from '../../libs/identity/src/members/members.service.js';
import type { InvitationMailer } from '../../libs/identity/src/members/invitation-mailer.js';
import type { InvitationMail } from '../../libs/identity/src/members/invitation-mail.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { openTestDataSource } from '../helpers/test-database.js';

/** Races on real PostgreSQL: the last OWNER and single-use tokens hold under concurrent calls. */
describe('MembersService (real PostgreSQL, concurrent calls)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let identity: IdentityService;
  let members: MembersService;
  const sent: InvitationMail[] = [];
  const mailer = { send: async (_m: EntityManager, mail: InvitationMail) => void sent.push(mail) } as unknown as InvitationMailer;
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => dataSource.transaction(work);

  async function owner(): Promise<Actor> {
    const tag = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const { user, organization } = await tx((m) =>
      identity.register(m, { email: `owner-${tag.toLowerCase()}@members.test`, password: 'owner-password-1', displayName: '负责人', organization: { kind: 'BANK', name: `并发测试${tag}银行`, uscc: makeUscc('91', '330281', tag), regionCode: '330281' } }),
    );
    return { userId: user.id, organizationId: organization.id, kind: organization.kind, verified: false, role: 'OWNER' };
  }

  async function join(by: Actor, role: 'OWNER' | 'ADMIN' | 'MEMBER'): Promise<Actor> {
    const email = `m-${randomBytes(5).toString('hex')}@members.test`;
    await tx((m) => members.inviteMember(m, by, email, role));
    const raw = /token=([A-Za-z0-9_-]+)/.exec(sent.find((s) => s.to === email)!.action.path)![1]!;
    const { user } = await tx((m) => members.acceptInvitation(m, { token: raw, password: 'member-password-1', displayName: role }));
    return { ...by, userId: user.id, role };
  }

  const outcome = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : String(r.reason));

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    identity = new IdentityService(dataSource);
    members = new MembersService(mailer);
  });
  afterAll(async () => {
    await closeDb?.();
  });

  it('two OWNERs demoting each other at once: one succeeds, the other meets CONFLICT, one OWNER remains', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = await owner();
      const b = await join(a, 'OWNER');
      const results = await Promise.allSettled([
        tx((m) => members.changeMemberRole(m, a, b.userId, 'MEMBER')),
        tx((m) => members.changeMemberRole(m, b, a.userId, 'MEMBER')),
      ]);
      expect(results.map(outcome).sort()).toEqual(['CONFLICT', 'ok']);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND role = 'OWNER'`, [a.organizationId]);
      expect(n).toBe(1);
    }
  });

  it('two OWNERs removing each other at once leave one OWNER', async () => {
    const a = await owner();
    const b = await join(a, 'OWNER');
    const results = await Promise.allSettled([tx((m) => members.removeMember(m, a, b.userId)), tx((m) => members.removeMember(m, b, a.userId))]);
    expect(results.map(outcome).sort()).toEqual(['CONFLICT', 'ok']);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND role = 'OWNER'`, [a.organizationId]);
    expect(n).toBe(1);
  });

  it('one token accepted twice at once creates one account', async () => {
    const a = await owner();
    const email = `race-${randomBytes(5).toString('hex')}@members.test`;
    await tx((m) => members.inviteMember(m, a, email, 'MEMBER'));
    const raw = /token=([A-Za-z0-9_-]+)/.exec(sent.find((s) => s.to === email)!.action.path)![1]!;
    const results = await Promise.allSettled([1, 2].map(() => tx((m) => members.acceptInvitation(m, { token: raw, password: 'member-password-1', displayName: '并发' }))));
    expect(results.map(outcome).sort()).toEqual(['BAD_USER_INPUT', 'ok']);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
    expect(n).toBe(1);
  });

  it('the stored invitation holds no token and the outbox no address', async () => {
    const a = await owner();
    const email = `stored-${randomBytes(5).toString('hex')}@members.test`;
    const inv = await tx((m) => members.inviteMember(m, a, email, 'ADMIN'));
    const raw = /token=([A-Za-z0-9_-]+)/.exec(sent.find((s) => s.to === email)!.action.path)![1]!;
    const [row] = await dataSource.query('SELECT to_jsonb(i) AS j FROM invitations i WHERE id = $1', [inv.id]);
    expect(JSON.stringify(row.j)).not.toContain(raw);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE payload::text LIKE $1 OR payload::text LIKE $2`, [`%${email}%`, `%${raw}%`]);
    expect(n).toBe(0);
  });
});
