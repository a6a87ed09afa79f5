import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { MUTATION_RULES } from '../../libs/identity/src/access/access-policy.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';

/**
 * Who may call which mutation, driven through the running API. Every mutation of the running
 * schema must appear here: an issue that adds a mutation adds its row and its driver below.
 */
const KINDS = ['ENTERPRISE', 'SERVICE_PROVIDER', 'BANK', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR'] as const;
type Kind = (typeof KINDS)[number];
const ACTORS = ['anonymous', ...KINDS.flatMap((k) => [`${k}:verified`, `${k}:unverified`] as const), 'AUTHORITY'] as const;
type ActorKey = (typeof ACTORS)[number];
type Outcome = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED';

const everyone = (outcome: Outcome) => Object.fromEntries(ACTORS.map((a) => [a, outcome])) as Record<ActorKey, Outcome>;
const only = (allowed: readonly ActorKey[]): Record<ActorKey, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a, a === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(a) ? 'allowed' : 'FORBIDDEN'])) as Record<ActorKey, Outcome>;

const EXPECTED: Record<string, Record<ActorKey, Outcome>> = {
  register: everyone('allowed'),
  login: everyone('allowed'),
  verifyOrganization: only(['AUTHORITY']),
  upsertEnterpriseProfile: only(['ENTERPRISE:verified', 'ENTERPRISE:unverified']),
  importEnterprises: only(['AUTHORITY']),
};

interface Actor {
  token?: string;
  organizationId?: string;
}

interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** Checks that a refused call left no trace. */
  unchanged?: () => Promise<void>;
}

function registration(kind: Kind) {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  return {
    email: `access-${tag.toLowerCase()}@access.test`,
    password: 'access-password-1',
    displayName: `Access ${tag}`,
    organization: { kind, name: `访问测试 ${kind} ${tag}`, uscc: makeUscc('91', '330211', tag), regionCode: '330211' },
  };
}

const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id organization { id } } } }`;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;

describe('access table: every mutation × every kind of caller', () => {
  let app: TestApp;
  const actors = new Map<ActorKey, Actor>();
  const passwords = new Map<ActorKey, { email: string; password: string }>();

  async function register(kind: Kind): Promise<{ token: string; organizationId: string; email: string; password: string }> {
    const input = registration(kind);
    const res = await app.gql(REGISTER, { i: input });
    expect(res.errors).toBeUndefined();
    return { token: res.data!.register.accessToken, organizationId: res.data!.register.user.organization.id, email: input.email, password: input.password };
  }

  const verifiedFlag = async (organizationId: string): Promise<boolean> => {
    const [row] = await app.started.runtime.database.dataSource.query('SELECT verified FROM organizations WHERE id = $1', [organizationId]);
    return row.verified as boolean;
  };

  /** How to call each mutation as `actor` so that, if allowed, it succeeds. */
  const DRIVERS: Record<string, (actor: ActorKey) => Promise<Call>> = {
    register: async () => ({ query: REGISTER, variables: { i: registration('ENTERPRISE') } }),
    importEnterprises: async () => {
      const uscc = makeUscc('91', '330281', randomBytes(4).toString('hex').toUpperCase().replace(/[IOZSV]/g, 'A'));
      const csv = [
        'uscc,name,regionCode,industryCode,tier,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense',
        `${uscc},余姚市访问测试导入有限公司,330281,C3484,NONE,2015-01-01,2015-01-01,2025,10000000,9000000,500000`,
      ].join('\n');
      return {
        query: `mutation($i: EnterpriseImportInput!) { importEnterprises(input: $i) { created } }`,
        variables: { i: { filename: 'access.csv', contentBase64: Buffer.from(csv).toString('base64') } },
        unchanged: async () => {
          const rows = await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM organizations WHERE uscc = $1', [uscc]);
          expect(rows[0].n).toBe(0);
        },
      };
    },
    upsertEnterpriseProfile: async (actor) => ({
      query: UPSERT_PROFILE,
      variables: { i: profileInput() },
      unchanged: async () => {
        const orgId = actors.get(actor)?.organizationId;
        const rows = await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM enterprise_profiles WHERE organization_id = $1', [orgId ?? '00000000-0000-0000-0000-000000000000']);
        expect(rows[0].n).toBe(0);
      },
    }),
    login: async (actor) => ({ query: LOGIN, variables: { i: passwords.get(actor) ?? TEST_AUTHORITY } }),
    verifyOrganization: async () => {
      const target = await register('BANK');
      return {
        query: `mutation($id: ID!) { verifyOrganization(id: $id) { id verified } }`,
        variables: { id: target.organizationId },
        unchanged: async () => expect(await verifiedFlag(target.organizationId)).toBe(false),
      };
    },
  };

  beforeAll(async () => {
    app = await startTestApp();
    const authority = await app.gql(LOGIN, { i: TEST_AUTHORITY });
    expect(authority.errors).toBeUndefined();
    actors.set('anonymous', {});
    actors.set('AUTHORITY', { token: authority.data!.login.accessToken });
    passwords.set('AUTHORITY', TEST_AUTHORITY);
    for (const kind of KINDS) {
      for (const state of ['verified', 'unverified'] as const) {
        const org = await register(kind);
        const key = `${kind}:${state}` as ActorKey;
        if (state === 'verified') {
          const res = await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`, { id: org.organizationId }, actors.get('AUTHORITY')!.token);
          expect(res.data?.verifyOrganization.verified).toBe(true);
        }
        actors.set(key, { token: org.token, organizationId: org.organizationId });
        passwords.set(key, { email: org.email, password: org.password });
      }
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists exactly the mutations of the running schema, each with a policy rule and a driver', async () => {
    const res = await app.gql(`{ __schema { mutationType { fields { name } } } }`);
    expect(res.errors).toBeUndefined();
    const inSchema = (res.data!.__schema.mutationType.fields as Array<{ name: string }>).map((f) => f.name).sort();
    const missingFromTable = inSchema.filter((m) => !(m in EXPECTED));
    // A new mutation needs a row in EXPECTED and a driver in DRIVERS above.
    expect({ missingFromTable }).toEqual({ missingFromTable: [] });
    expect(Object.keys(EXPECTED).sort()).toEqual(inSchema);
    expect(Object.keys(DRIVERS).sort()).toEqual(inSchema);
    const withoutRule = inSchema.filter((m) => !(m in MUTATION_RULES));
    expect({ withoutRule }).toEqual({ withoutRule: [] });
  });

  it('has a verified and an unverified organization of every kind', async () => {
    for (const kind of KINDS) {
      expect(await verifiedFlag(actors.get(`${kind}:verified`)!.organizationId!)).toBe(true);
      expect(await verifiedFlag(actors.get(`${kind}:unverified`)!.organizationId!)).toBe(false);
    }
  });

  const cases = Object.entries(EXPECTED).flatMap(([mutation, row]) => ACTORS.map((actor) => ({ mutation, actor, outcome: row[actor] })));

  it.each(cases)('$mutation as $actor → $outcome', async ({ mutation, actor, outcome }) => {
    const call = await DRIVERS[mutation]!(actor);
    const res: GraphQLResponse = await app.gql(call.query, call.variables, actors.get(actor)!.token);
    if (outcome === 'allowed') {
      expect(res.errors).toBeUndefined();
      expect(res.data?.[mutation]).toBeTruthy();
      return;
    }
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0]!;
    expect(error.extensions?.code).toBe(outcome);
    expect(error.message.trim()).not.toBe('');
    if (outcome === 'FORBIDDEN') expect(error.message).toContain(mutation);
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(res.data ?? null).toBeNull();
    await call.unchanged?.();
  });
});
