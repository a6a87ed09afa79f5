import { randomBytes } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import { IdentityService, type RegisterCommand } from '../../libs/identity/src/identity.service.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { openTestDataSource } from '../helpers/test-database.js';
import { appError } from '../helpers/app-error.js';

/** A fresh, valid USCC (prefix 91: 工商/市场监管 enterprise; 11: 机构编制 authority). */
function uscc(prefix: '91' | '11' = '91', regionCode = '330203'): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return makeUscc(prefix, regionCode, body);
}

let seq = 0;
function registration(overrides: Partial<Omit<RegisterCommand, 'organization'>> & { organization?: Partial<RegisterCommand['organization']> } = {}): RegisterCommand {
  seq += 1;
  const { organization, ...rest } = overrides;
  return {
    email: `user${seq}-${randomBytes(3).toString('hex')}@example.cn`,
    password: 'correct-horse-battery',
    displayName: '张三',
    ...rest,
    organization: { kind: 'ENTERPRISE', name: `宁波测试企业${seq}有限公司`, uscc: uscc(), regionCode: '330203', ...organization },
  };
}


describe('IdentityService (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let identity: IdentityService;
  let authority: Actor;

  const counts = async () => {
    const [row] = await dataSource.query(`SELECT
      (SELECT count(*)::int FROM organizations) AS organizations,
      (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM outbox_events) AS events`);
    return row as { organizations: number; users: number; events: number };
  };
  const register = (cmd: RegisterCommand) => dataSource.transaction((m) => identity.register(m, cmd));
  const eventsFor = (aggregateId: string): Promise<Array<{ type: string; payload: Record<string, unknown>; actor_user_id: string | null; published_at: Date | null }>> =>
    dataSource.query('SELECT type, payload, actor_user_id, published_at FROM outbox_events WHERE aggregate_id = $1 ORDER BY id', [aggregateId]);

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    identity = new IdentityService(dataSource);
    const email = 'authority@identity-spec.example.cn';
    await identity.ensureAuthorityUser({ email, password: 'authority-password-1', name: '宁波市经济和信息化局', uscc: uscc('11', '330200'), regionCode: '330200' });
    const { user } = await identity.login(email, 'authority-password-1');
    authority = (await identity.loadActor(user.id))!.actor;
  });

  afterAll(async () => {
    await closeDb?.();
  });

  describe('register', () => {
    it.each<[string, Parameters<typeof registration>[0], string]>([
      ['a USCC with a wrong check character', { organization: { uscc: '91330203MA2CFAKE00' } }, 'input.organization.uscc'],
      ['a USCC of the wrong length', { organization: { uscc: '9133020312345' } }, 'input.organization.uscc'],
      ['an unknown region code', { organization: { regionCode: '999999' } }, 'input.organization.regionCode'],
      ['a retired region code', { organization: { regionCode: '330204' } }, 'input.organization.regionCode'],
      ['a password under 10 characters', { password: 'short-pw' }, 'input.password'],
      ['an AUTHORITY organization', { organization: { kind: 'AUTHORITY' } }, 'input.organization.kind'],
      ['an invalid e-mail', { email: 'not-an-email' }, 'input.email'],
      ['a blank display name', { displayName: '   ' }, 'input.displayName'],
    ])('rejects %s with BAD_USER_INPUT before writing anything', async (_what, overrides, field) => {
      const before = await counts();
      const err = await appError(register(registration(overrides)));
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.details).toEqual({ field });
      expect(err.message.trim()).not.toBe('');
      expect(await counts()).toEqual(before);
    });

    it('writes the organization, its first user and one organization.registered event in one transaction', async () => {
      const before = await counts();
      const cmd = registration({ email: '  Mixed.Case@Example.CN ', organization: { uscc: ` ${uscc().toLowerCase()} ` } });
      const { user, organization } = await register(cmd);

      expect(await counts()).toEqual({ organizations: before.organizations + 1, users: before.users + 1, events: before.events + 1 });
      expect(organization).toMatchObject({ kind: 'ENTERPRISE', verified: false, uscc: cmd.organization.uscc.trim().toUpperCase() });
      expect(user).toMatchObject({ email: 'mixed.case@example.cn', organizationId: organization.id });
      const [{ password_hash }] = await dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(password_hash).toMatch(/^\$argon2id\$/);
      expect(password_hash).not.toContain(cmd.password);
      expect(await eventsFor(organization.id)).toEqual([
        { type: 'organization.registered', payload: { organizationId: organization.id }, actor_user_id: user.id, published_at: null },
      ]);
    });

    it('leaves nothing behind when the surrounding transaction rolls back', async () => {
      const before = await counts();
      let orgId: string | undefined;
      await expect(
        dataSource.transaction(async (m) => {
          orgId = (await identity.register(m, registration())).organization.id;
          throw new Error('a later step of the mutation failed');
        }),
      ).rejects.toThrow('a later step of the mutation failed');
      expect(orgId).toBeDefined();
      expect(await counts()).toEqual(before);
      expect(await eventsFor(orgId!)).toEqual([]);
    });

    it('refuses an e-mail that differs from a registered one only in case, with CONFLICT', async () => {
      const first = registration({ email: 'dup.case@example.cn' });
      await register(first);
      const before = await counts();
      const err = await appError(register(registration({ email: 'DUP.Case@Example.cn' })));
      expect(err.code).toBe('CONFLICT');
      expect(err.details).toEqual({ field: 'input.email' });
      expect(await counts()).toEqual(before);
    });

    it('refuses a USCC that is already registered (whatever its case), with CONFLICT', async () => {
      const code = uscc();
      await register(registration({ organization: { uscc: code } }));
      const before = await counts();
      const err = await appError(register(registration({ organization: { uscc: code.toLowerCase() } })));
      expect(err.code).toBe('CONFLICT');
      expect(err.details).toEqual({ field: 'input.organization.uscc' });
      expect(await counts()).toEqual(before);
    });

    it('lets exactly one of two racing registrations of the same e-mail through; the other gets CONFLICT', async () => {
      const before = await counts();
      const email = `race-${randomBytes(3).toString('hex')}@example.cn`;
      // TypeORM prints the losing INSERT's unique violation; that failure is the point here.
      const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const results = await Promise.allSettled([register(registration({ email })), register(registration({ email: email.toUpperCase() }))]).finally(
        () => quiet.mockRestore(),
      );
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(AppError);
      expect((rejected[0]!.reason as AppError).code).toBe('CONFLICT');
      expect(await counts()).toEqual({ organizations: before.organizations + 1, users: before.users + 1, events: before.events + 1 });
    });
  });

  describe('verifyOrganization', () => {
    it('lets AUTHORITY verify once: the second call changes nothing and emits no second event', async () => {
      const { organization } = await register(registration());
      const verify = () => dataSource.transaction((m) => identity.verifyOrganization(m, authority, organization.id));

      const verified = await verify();
      expect(verified).toMatchObject({ id: organization.id, verified: true, verifiedBy: authority.userId });
      expect(verified.verifiedAt).toBeInstanceOf(Date);
      const afterFirst = await eventsFor(organization.id);
      expect(afterFirst.map((e) => e.type)).toEqual(['organization.registered', 'organization.verified']);
      expect(afterFirst[1]).toMatchObject({
        payload: { organizationId: organization.id, verifiedByUserId: authority.userId },
        actor_user_id: authority.userId,
      });

      const again = await verify();
      expect(again.verified).toBe(true);
      expect(again.verifiedAt).toEqual(verified.verifiedAt);
      expect(await eventsFor(organization.id)).toEqual(afterFirst);
    });

    it.each(['ENTERPRISE', 'SERVICE_PROVIDER', 'BANK', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR'] as const)(
      'refuses a verified %s caller with FORBIDDEN and changes nothing',
      async (kind) => {
        const { organization: caller, user } = await register(registration({ organization: { kind } }));
        const { organization: target } = await register(registration());
        const actor: Actor = { userId: user.id, organizationId: caller.id, kind, verified: true };
        const before = await counts();

        const err = await appError(dataSource.transaction((m) => identity.verifyOrganization(m, actor, target.id)));
        expect(err.code).toBe('FORBIDDEN');
        expect(err.message).toContain('verifyOrganization');
        const [{ verified, verified_by }] = await dataSource.query('SELECT verified, verified_by FROM organizations WHERE id = $1', [target.id]);
        expect({ verified, verified_by }).toEqual({ verified: false, verified_by: null });
        expect(await counts()).toEqual(before);
      },
    );

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const { organization } = await register(registration());
      const err = await appError(dataSource.transaction((m) => identity.verifyOrganization(m, undefined, organization.id)));
      expect(err.code).toBe('UNAUTHENTICATED');
    });

    it.each<[string, string, string]>([
      ['a malformed id', 'not-a-uuid', 'BAD_USER_INPUT'],
      ['an unknown organization', '7d5c2a43-1111-4e7e-9a0b-000000000000', 'NOT_FOUND'],
    ])('answers %s (%p) with %s', async (_what, id, code) => {
      const err = await appError(dataSource.transaction((m) => identity.verifyOrganization(m, authority, id)));
      expect(err.code).toBe(code);
    });
  });

  describe('login', () => {
    it('signs in with the e-mail in any case and returns the organization', async () => {
      const cmd = registration({ email: 'login.ok@example.cn' });
      const { organization } = await register(cmd);
      const { user, organization: org } = await identity.login(' LOGIN.ok@Example.CN ', cmd.password);
      expect(user.email).toBe('login.ok@example.cn');
      expect(org.id).toBe(organization.id);
    });

    it('gives the same UNAUTHENTICATED answer for a wrong password and an unknown e-mail', async () => {
      const cmd = registration({ email: 'login.same@example.cn' });
      await register(cmd);
      const wrongPassword = await appError(identity.login(cmd.email, 'wrong-password-123'));
      const unknownEmail = await appError(identity.login('nobody.here@example.cn', cmd.password));
      expect(wrongPassword.code).toBe('UNAUTHENTICATED');
      expect(unknownEmail.code).toBe('UNAUTHENTICATED');
      expect(unknownEmail.message).toBe(wrongPassword.message);
      expect(unknownEmail.details).toEqual(wrongPassword.details);
    });
  });

  describe('ensureAuthorityUser', () => {
    const users = async (email: string) => {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
      return n as number;
    };

    it('creates the authority once and is a no-op afterwards', async () => {
      const params = { email: 'Auth.Once@Example.CN', password: 'authority-password-2', name: '测试主管部门', uscc: uscc('11', '330200'), regionCode: '330200' };
      expect(await identity.ensureAuthorityUser(params)).toBe(true);
      expect(await identity.ensureAuthorityUser(params)).toBe(false);
      expect(await users('auth.once@example.cn')).toBe(1);
      const [org] = await dataSource.query('SELECT kind, verified FROM organizations WHERE uscc = $1', [params.uscc]);
      expect(org).toEqual({ kind: 'AUTHORITY', verified: true });
      const { organization } = await identity.login(params.email, params.password);
      expect(organization.kind).toBe('AUTHORITY');
    });

    it('creates exactly one user when several processes boot at once', async () => {
      const params = { email: 'auth.race@example.cn', password: 'authority-password-3', name: '并发主管部门', uscc: uscc('11', '330200'), regionCode: '330200' };
      const created = await Promise.all([1, 2, 3, 4].map(() => identity.ensureAuthorityUser(params)));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await users(params.email)).toBe(1);
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM organizations WHERE uscc = $1', [params.uscc]);
      expect(n).toBe(1);
    });
  });
});
