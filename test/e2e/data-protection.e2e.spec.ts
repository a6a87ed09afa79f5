import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { gql } from '../helpers/graphql-client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { TEST_AUTHORITY } from '../helpers/test-app.js';
import { creditProductInput, usccTag } from '../helpers/listing-fixtures.js';
import { UPSERT_PROFILE, financialsEnding, profileInput } from '../helpers/profile-fixtures.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';

/**
 * An enterprise's financial figures never leave through logs (the server runs as a separate
 * process at LOG_LEVEL=debug and every line it prints is read), error messages, search documents,
 * outbox events, audit rows or notifications, and reach a bank only after the firm shares its
 * profile. Passwords and tokens never appear in the logs either.
 */
const REVENUE = 73_918_264; // latest year's revenue: 7391.83 万元 in reason labels
const NEED = 4_618_273; // financing need: 461.83 万元
const FIGURES = ['73918264', '7391.8', '4618273', '461.8'];
const PASSWORD = 'protect-password-9';

let db: TestDatabase;
let child: ChildProcess;
let output = '';
let url = '';

function startServer(): Promise<void> {
  child = spawn(process.execPath, ['dist/apps/all-in-one/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'debug',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: 'protect-secret-protect-secret-0123456789',
      AUTHORITY_EMAIL: TEST_AUTHORITY.email,
      AUTHORITY_PASSWORD: TEST_AUTHORITY.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /srdi-match started: .* graphql=(http:\/\/\S+?)"/.exec(output);
      if (m && !url) {
        url = m[1]!;
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before starting:\n${output}`)));
  });
}

const ok = async (res: Promise<{ data?: any; errors?: unknown }>) => {
  const r = await res;
  expect(r.errors).toBeUndefined();
  return r.data;
};

async function register(kind: string, authority: string) {
  const tag = usccTag();
  const input = {
    email: `protect-${tag.toLowerCase()}@protect.test`,
    password: PASSWORD,
    displayName: `保护测试 ${tag}`,
    organization: { kind, name: `余姚市数据保护测试${tag}有限公司`, uscc: makeUscc('91', '330281', tag), regionCode: '330281' },
  };
  const data = await ok(gql(url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { organization { id } } } }', { i: input }));
  await ok(gql(url, 'mutation($id: ID!) { verifyOrganization(id: $id) { verified } }', { id: data.register.user.organization.id }, authority));
  return { token: data.register.accessToken as string, organizationId: data.register.user.organization.id as string };
}

const LEADS = 'query($id: ID!) { leads(listingId: $id, first: 100) { enterprise { id } reasons { code label } profile { version } } }';

describe('data protection: a firm’s financial figures', () => {
  const tokens: string[] = [];
  let firm: { token: string; organizationId: string };
  let bank: { token: string; organizationId: string };
  let productId: string;

  async function leadOf(): Promise<{ reasons: Array<{ code: string; label: string }>; profile: unknown } | undefined> {
    const data = await ok(gql(url, LEADS, { id: productId }, bank.token));
    return data.leads.find((l: { enterprise: { id: string } }) => l.enterprise.id === firm.organizationId);
  }
  async function waitForLead(until: (lead: Awaited<ReturnType<typeof leadOf>>) => boolean) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const lead = await leadOf();
      if (until(lead)) return lead!;
      if (Date.now() > deadline) throw new Error(`lead not as expected in 20 s: ${JSON.stringify(lead)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await startServer();
    const authority = (await ok(gql(url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: TEST_AUTHORITY }))).login.accessToken;
    firm = await register('ENTERPRISE', authority);
    bank = await register('BANK', authority);
    tokens.push(authority, firm.token, bank.token);
    const [latest, ...older] = financialsEnding();
    const profile = profileInput({ financials: [{ ...latest, revenue: REVENUE, mainBusinessRevenue: Math.round(REVENUE * 0.9) }, ...older], financingNeed: { amount: NEED, termMonths: 12, purpose: '购置数控磨齿机' } });
    await ok(gql(url, UPSERT_PROFILE, { i: profile }, firm.token));
    const product = creditProductInput({ eligibility: { tiers: [], minAnnualRevenue: 10_000_000, maxDebtRatio: 0.7 } });
    productId = (await ok(gql(url, 'mutation($i: CreditProductInput!) { createCreditProduct(input: $i) { id } }', { i: product }, bank.token))).createCreditProduct.id;
    await ok(gql(url, 'mutation($id: ID!) { publishListing(id: $id) { id } }', { id: productId }, bank.token));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
  });

  it('reach the bank’s leads only as figure-free reasons until the firm shares its profile', async () => {
    const lead = await waitForLead((l) => l !== undefined);
    expect(lead.profile).toBeNull();
    const labels = lead.reasons.map((r) => r.label).join(' | ');
    for (const f of FIGURES) expect(labels).not.toContain(f);
    expect(lead.reasons.find((r) => r.code === 'CREDIT.MARGIN.REVENUE')?.label).toMatch(/授权后可见/);
    expect(lead.reasons.find((r) => r.code === 'CREDIT.AMOUNT_FIT')?.label).toMatch(/授权后可见/);
    // The firm itself sees its figures in its recommendations.
    const own = await ok(gql(url, '{ recommendations(kinds: [CREDIT_PRODUCT]) { listing { id } reasons { code label } } }', {}, firm.token));
    const mine = own.recommendations.find((r: { listing: { id: string } }) => r.listing.id === productId);
    expect(mine.reasons.find((r: { code: string }) => r.code === 'CREDIT.MARGIN.REVENUE').label).toContain('7391.8');
  });

  it('are refused to the bank as a profile, with a message that carries none of them', async () => {
    const res = await gql(url, 'query($id: ID!) { enterpriseProfile(organizationId: $id) { financials { revenue } } }', { id: firm.organizationId }, bank.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const f of FIGURES) expect(JSON.stringify(res)).not.toContain(f);
  });

  it('are not searchable', async () => {
    for (const q of ['73918264', '7391.83', '4618273']) {
      const res = await ok(gql(url, 'query($q: String!) { search(input: { query: $q }) { total } }', { q }, bank.token));
      expect(res.search.total).toBe(0);
    }
  });

  it('are shown in the leads once the firm shares its profile through a match request', async () => {
    await ok(gql(url, 'mutation($i: MatchRequestInput!) { requestMatch(input: $i) { id } }', { i: { listingId: productId, shareProfile: true } }, firm.token));
    const lead = await waitForLead((l) => l?.profile != null);
    expect(lead.reasons.find((r) => r.code === 'CREDIT.MARGIN.REVENUE')?.label).toContain('7391.8');
  });

  it('are in no outbox event, audit row or notification', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const table of ['outbox_events', 'audit_log', 'notifications']) {
        const { rows } = await client.query(`SELECT coalesce(string_agg(t::text, ' '), '') AS dump, count(*)::int AS n FROM ${table} t`);
        expect(rows[0].n).toBeGreaterThan(0);
        for (const f of FIGURES) expect({ table, found: rows[0].dump.includes(f) }).toEqual({ table, found: false });
      }
    } finally {
      await client.end();
    }
  });

  /** Invitation tokens, invitees' addresses and contact details: checked against the logs below. */
  const personal: string[] = [];

  it('invitations and contact details go through without their tokens, addresses or phone numbers in outbox or audit rows', async () => {
    const invitee = `invitee-${usccTag().toLowerCase()}@protect.test`;
    const phone = '13912345678';
    const contactEmail = `contact-${usccTag().toLowerCase()}@protect.test`;
    await ok(gql(url, 'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }', { i: { contactPhone: phone, contactEmail } }, firm.token));
    await ok(gql(url, 'mutation($e: String!) { inviteMember(email: $e, role: MEMBER) { id } }', { e: invitee }, firm.token));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT body FROM mail_messages WHERE to_address = $1', [invitee]);
      const token = /token=([A-Za-z0-9_-]+)/.exec(rows[0].body)![1]!;
      const accepted = await ok(gql(url, 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, displayName: "新同事") { accessToken } }', { t: token, p: PASSWORD }));
      personal.push(invitee, token, phone, contactEmail, accepted.acceptInvitation.accessToken);
      for (const table of ['outbox_events', 'audit_log', 'notifications']) {
        const { rows: dump } = await client.query(`SELECT coalesce(string_agg(t::text, ' '), '') AS dump FROM ${table} t`);
        for (const secret of [invitee, token, phone, contactEmail]) expect({ table, found: dump[0].dump.includes(secret) }).toEqual({ table, found: false });
      }
    } finally {
      await client.end();
    }
  });

  it('nor in any log line, at debug level; nor are passwords or tokens', async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(output).toContain('shutdown complete');
    expect(output.split('\n').length).toBeGreaterThan(20); // it did log: requests, jobs, start and stop
    for (const secret of [...FIGURES, PASSWORD, TEST_AUTHORITY.password, ...tokens, ...personal]) {
      expect({ secret: secret.slice(0, 12), found: output.includes(secret) }).toEqual({ secret: secret.slice(0, 12), found: false });
    }
  });
});
