import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SettableClock } from '../../libs/platform/src/time/clock.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, financialsEnding, profileInput } from '../helpers/profile-fixtures.js';
import { createListing, loginAuthority, ok, publishListing, registerOrg, RESPOND, sql, type Org } from '../helpers/listing-fixtures.js';

/**
 * Consent as records and the access log (issue 18 items 1–2, ADR 0035): a bank reads exactly the
 * sections and years a firm granted, as they were when granted; nothing after revocation, expiry or
 * the end of the case; every read and refusal is in the firm's access log, without figures.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const [LATEST, MIDDLE, OLDEST] = financialsEnding();
const MIDDLE_REVENUE = 31_415_926;
const EDITED_REVENUE = 27_182_818;

const GRANT = 'mutation($i: GrantProfileConsentInput!) { grantProfileConsent(input: $i) { id status purpose sections financialYears startsAt endsAt expiresAt grantor { id } grantee { id } } }';
const REVOKE = 'mutation($id: ID!) { revokeProfileConsent(id: $id) { id status revokedAt } }';
const PROFILE = (fields: string) => `query($id: ID!) { enterpriseProfile(organizationId: $id) { ${fields} } }`;
const LOG = 'query($id: ID, $first: Int, $after: String) { profileAccessLog(organizationId: $id, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id readerUserId operation sections financialYears outcome consentId subjectId reader { id } organization { id } } } } }';
const CONSENTS = 'query($r: ConsentRole!) { profileConsents(role: $r, first: 100) { totalCount edges { node { id status purpose sections financialYears grantor { id } grantee { id } } } } }';

interface Entry {
  id: string;
  readerUserId: string;
  operation: string;
  sections: string[];
  financialYears: number[];
  outcome: string;
  consentId: string | null;
  subjectId: string | null;
  reader: { id: string };
  organization: { id: string } | null;
}

describe('consent and the access log (issue 18)', () => {
  const clock = new SettableClock(new Date());
  let app: TestApp;
  let authority: string;
  let firm: Org;
  let other: Org;
  let bank: Org;
  let bank2: Org;

  const errorOf = (res: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => res.errors?.[0];
  const readAs = (org: Org, fields: string) => app.gql(PROFILE(fields), { id: firm.organizationId }, org.token);
  const grant = (input: Record<string, unknown>, token = firm.token) => app.gql(GRANT, { i: input }, token);
  const consentCount = async () => (await sql(app, 'SELECT count(*)::int AS n FROM profile_consents WHERE grantor_organization_id = $1', [firm.organizationId]))[0].n as number;
  async function logOf(token: string, id: string | null = firm.organizationId): Promise<Entry[]> {
    const entries: Entry[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await app.gql(LOG, { id, first: 100, after }, token), 'profileAccessLog');
      entries.push(...page.edges.map((e: { node: Entry }) => e.node));
      if (!page.pageInfo.hasNextPage) return entries;
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ clock });
    authority = await loginAuthority(app);
    firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    other = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    bank2 = await registerOrg(app, 'BANK', { verifyWith: authority });
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput({ financials: [LATEST, { ...MIDDLE, revenue: MIDDLE_REVENUE }, OLDEST] }) }, firm.token), 'upsertEnterpriseProfile');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('refuses bad grants precisely and writes nothing', async () => {
    const before = await consentCount();
    const now = clock.now().getTime();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ granteeOrganizationId: firm.organizationId, sections: ['BASIC'] }, 'BAD_USER_INPUT', 'input.granteeOrganizationId'],
      [{ granteeOrganizationId: bank.organizationId, sections: [] }, 'BAD_USER_INPUT', 'input.sections'],
      [{ granteeOrganizationId: bank.organizationId, sections: ['BASIC'], expiresAt: new Date(now - HOUR).toISOString() }, 'BAD_USER_INPUT', 'input.expiresAt'],
      [{ granteeOrganizationId: bank.organizationId, sections: ['BASIC'], expiresAt: new Date(now + 366 * DAY).toISOString() }, 'BAD_USER_INPUT', 'input.expiresAt'],
      [{ granteeOrganizationId: bank.organizationId, sections: ['FINANCIALS'], financialYears: [LATEST.year + 1] }, 'BAD_USER_INPUT', 'input.financialYears'],
      [{ granteeOrganizationId: bank.organizationId, sections: ['BASIC'], financialYears: [LATEST.year] }, 'BAD_USER_INPUT', 'input.financialYears'],
      [{ granteeOrganizationId: '00000000-0000-4000-8000-000000000000', sections: ['BASIC'] }, 'NOT_FOUND', ''],
      [{ sections: ['BASIC'] }, 'BAD_USER_INPUT', 'input.granteeOrganizationId'],
    ];
    for (const [input, code, field] of cases) {
      const e = errorOf(await grant(input));
      expect({ input, code: e?.extensions?.code, field: e?.extensions?.field ?? '' }).toEqual({ input, code, field });
      expect(e!.message).toMatch(/^\p{Script=Han}/u);
    }
    // A scope that does not exist is refused by the schema.
    expect(errorOf(await grant({ granteeOrganizationId: bank.organizationId, sections: ['SALARIES'] }))?.extensions?.code).toBe('BAD_USER_INPUT');
    // A bank cannot give consent; the grantee cannot read another's profile by granting.
    expect(errorOf(await grant({ granteeOrganizationId: firm.organizationId, sections: ['BASIC'] }, bank.token))?.extensions?.code).toBe('FORBIDDEN');
    expect(await consentCount()).toBe(before);
  });

  let standing: string;

  it('a bank reads exactly the granted sections and years, as they were when granted', async () => {
    // Before any consent: refused (and logged).
    expect(errorOf(await readAs(bank, 'foundedOn'))?.extensions?.code).toBe('FORBIDDEN');
    const given = ok(await grant({ granteeOrganizationId: bank.organizationId, sections: ['BASIC', 'FINANCIALS'], financialYears: [MIDDLE.year] }), 'grantProfileConsent');
    expect(given).toMatchObject({ status: 'ACTIVE', purpose: 'STANDING', sections: ['BASIC', 'FINANCIALS'], financialYears: [MIDDLE.year], grantor: { id: firm.organizationId }, grantee: { id: bank.organizationId } });
    expect(new Date(given.expiresAt).getTime() - new Date(given.startsAt).getTime()).toBe(365 * DAY);
    standing = given.id;

    const read = ok(await readAs(bank, 'foundedOn mainProducts financials { year revenue }'), 'enterpriseProfile');
    expect(read).toEqual({ foundedOn: '2012-03-01', mainProducts: ['精密齿轮减速机', '谐波减速器'], financials: [{ year: MIDDLE.year, revenue: MIDDLE_REVENUE }] });
    // Sections outside the scope: refused, naming them.
    for (const [fields, name] of [['ipAssets { inventionPatents }', '知识产权'], ['financingNeed { amount }', '需求'], ['assessments { tier }', '梯度评估']] as const) {
      const e = errorOf(await readAs(bank, `foundedOn ${fields}`));
      expect(e?.extensions?.code).toBe('FORBIDDEN');
      expect(e?.message).toContain(name);
      expect(e?.message).not.toContain(String(MIDDLE_REVENUE));
    }
    // Through a fragment too.
    expect(errorOf(await app.gql(`query($id: ID!) { enterpriseProfile(organizationId: $id) { ...F } } fragment F on EnterpriseProfile { ipAssets { trademarks } }`, { id: firm.organizationId }, bank.token))?.extensions?.code).toBe('FORBIDDEN');

    // The firm edits its figures and adds nothing: the bank keeps the snapshot.
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput({ financials: [LATEST, { ...MIDDLE, revenue: EDITED_REVENUE }, OLDEST] }) }, firm.token), 'upsertEnterpriseProfile');
    expect(ok(await readAs(bank, 'financials { year revenue }'), 'enterpriseProfile').financials).toEqual([{ year: MIDDLE.year, revenue: MIDDLE_REVENUE }]);
    // The firm and the AUTHORITY read the current figures.
    expect(ok(await readAs(firm, 'financials { year revenue }'), 'enterpriseProfile').financials.map((y: { revenue: number }) => y.revenue)).toContain(EDITED_REVENUE);
    expect(ok(await readAs({ ...firm, token: authority }, 'financials { year revenue }'), 'enterpriseProfile').financials).toHaveLength(3);
    // Another bank has no consent.
    expect(errorOf(await readAs(bank2, 'foundedOn'))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('only the firm revokes, once; nothing is read after revocation', async () => {
    expect(errorOf(await app.gql(REVOKE, { id: standing }, bank.token))?.extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await app.gql(REVOKE, { id: standing }, other.token))?.extensions?.code).toBe('NOT_FOUND');
    const revoked = ok(await app.gql(REVOKE, { id: standing }, firm.token), 'revokeProfileConsent');
    expect(revoked).toMatchObject({ id: standing, status: 'REVOKED' });
    expect(errorOf(await app.gql(REVOKE, { id: standing }, firm.token))?.extensions?.code).toBe('CONFLICT');
    const e = errorOf(await readAs(bank, 'foundedOn'));
    expect(e?.extensions?.code).toBe('FORBIDDEN');
    expect(e?.message).toMatch(/^\p{Script=Han}/u);
  });

  let expiring: string;

  it('nothing is read after expiry', async () => {
    const given = ok(await grant({ granteeOrganizationId: bank.organizationId, sections: ['IP'], expiresAt: new Date(clock.now().getTime() + HOUR).toISOString() }), 'grantProfileConsent');
    expiring = given.id;
    expect(ok(await readAs(bank, 'ipAssets { inventionPatents }'), 'enterpriseProfile').ipAssets.inventionPatents).toBe(3);
    clock.advance(2 * HOUR);
    expect(errorOf(await readAs(bank, 'ipAssets { inventionPatents }'))?.extensions?.code).toBe('FORBIDDEN');
    const given2 = ok(await app.gql(CONSENTS, { r: 'GIVEN' }, firm.token), 'profileConsents');
    expect(given2.edges.map((e: { node: { id: string; status: string } }) => [e.node.id, e.node.status])).toEqual(expect.arrayContaining([[standing, 'REVOKED'], [expiring, 'EXPIRED']]));
    const received = ok(await app.gql(CONSENTS, { r: 'RECEIVED' }, bank.token), 'profileConsents');
    expect(received.totalCount).toBe(2);
    expect(ok(await app.gql(CONSENTS, { r: 'RECEIVED' }, bank2.token), 'profileConsents').totalCount).toBe(0);
  });

  it('every read and refusal is in the firm’s access log, with ids and section names only', async () => {
    const entries = await logOf(firm.token);
    const bankEntries = entries.filter((e) => e.reader.id === bank.organizationId);
    const reads = bankEntries.filter((e) => e.outcome === 'READ');
    const refusals = bankEntries.filter((e) => e.outcome === 'REFUSED');
    // 3 reads under the standing consent (profile, snapshot after the edit, …) and 1 under the expiring one.
    expect(reads.filter((e) => e.consentId === standing)).toHaveLength(2);
    expect(reads.find((e) => e.consentId === standing)).toMatchObject({ operation: 'ENTERPRISE_PROFILE', financialYears: [MIDDLE.year], readerUserId: bank.userId, organization: { id: firm.organizationId } });
    expect(reads.filter((e) => e.consentId === expiring).map((e) => e.sections)).toEqual([['IP']]);
    // Refusals: before any consent, 4 out of scope, after revocation, after expiry.
    expect(refusals).toHaveLength(7);
    expect(refusals.filter((e) => e.consentId === standing).map((e) => [...e.sections].sort())).toEqual(
      expect.arrayContaining([['BASIC', 'IP'], ['BASIC', 'NEEDS'], ['BASIC', 'TIER_ASSESSMENTS'], ['IP']]),
    );
    expect(refusals.filter((e) => e.consentId === null).map((e) => e.sections)).toEqual(expect.arrayContaining([['BASIC'], ['IP']]));
    // Another bank's refusal, the AUTHORITY's read; never the firm's own reads.
    expect(entries.some((e) => e.reader.id === bank2.organizationId && e.outcome === 'REFUSED')).toBe(true);
    expect(entries.some((e) => e.reader.id !== firm.organizationId && e.consentId === null && e.outcome === 'READ' && e.financialYears.length === 3)).toBe(true);
    expect(entries.some((e) => e.reader.id === firm.organizationId)).toBe(false);
    const dump = JSON.stringify(await sql(app, 'SELECT * FROM profile_access_log'));
    for (const figure of [MIDDLE_REVENUE, EDITED_REVENUE, LATEST.revenue]) expect(dump).not.toContain(String(figure));

    // The AUTHORITY reads the firm's log (or every firm's); another organization is refused.
    expect((await logOf(authority)).length).toBe(entries.length);
    expect((await logOf(authority, null)).length).toBeGreaterThanOrEqual(entries.length);
    expect(errorOf(await app.gql(LOG, { id: firm.organizationId, first: 5 }, bank.token))?.extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await app.gql(LOG, { id: firm.organizationId, first: 101 }, firm.token))?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shareProfile is a default consent: the whole profile while the case is open, 90 days after its decision, then nothing', async () => {
    const product = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: { eligibility: { tiers: [], minAnnualRevenue: 10_000_000, maxDebtRatio: 0.7 } } });
    await publishListing(app, bank.token, product.id);
    const requested = ok(await app.gql('mutation($i: MatchRequestInput!) { requestMatch(input: $i) { id } }', { i: { listingId: product.id, shareProfile: true } }, firm.token), 'requestMatch');
    // The bank's leads: the firm's profile and the figures in its reasons, each read logged (one INSERT for the page).
    await app.drain();
    const leads = ok(await app.gql('query($id: ID!) { leads(listingId: $id, first: 100) { enterprise { id } profile { foundedOn } reasons { code label } } }', { id: product.id }, bank.token), 'leads');
    const lead = leads.find((l: { enterprise: { id: string } }) => l.enterprise.id === firm.organizationId);
    expect(lead.profile).toEqual({ foundedOn: '2012-03-01' });
    expect(lead.reasons.find((r: { code: string }) => r.code === 'CREDIT.MARGIN.REVENUE').label).not.toMatch(/授权后可见/);
    const [leadRow] = await sql(app, "SELECT sections::text[] AS sections, consent_id, subject_id FROM profile_access_log WHERE operation = 'LEAD' AND organization_id = $1", [firm.organizationId]);
    expect(leadRow.subject_id).toBe(product.id);
    expect(leadRow.sections).toEqual(expect.arrayContaining(['BASIC', 'FINANCIALS']));
    expect(leadRow.consent_id).not.toBeNull();
    const all = 'foundedOn ipAssets { inventionPatents } financingNeed { amount } tierFacts { strategicEmergingIndustry } financials { year revenue }';
    const read = ok(await readAs(bank, all), 'enterpriseProfile');
    expect(read.financials.map((y: { year: number }) => y.year)).toEqual([LATEST.year, MIDDLE.year, OLDEST.year]);
    expect(read.financials[1].revenue).toBe(EDITED_REVENUE); // the snapshot of the request's time
    const [consent] = await sql(app, 'SELECT id, purpose, sections FROM profile_consents WHERE match_request_id = $1', [requested.id]);
    expect(consent).toMatchObject({ purpose: 'MATCH_REQUEST' });

    ok(await app.gql(RESPOND, { id: requested.id, accept: true }, bank.token), 'respondToMatchRequest');
    const decision = await app.gql('mutation($id: ID!, $i: CreditDecisionInput!) { recordCreditDecision(requestId: $id, input: $i) { id } }', { id: requested.id, i: { approved: false, declineReasonCode: 'CREDIT_RISK_REJECTED' } }, bank.token);
    expect(decision.errors).toBeUndefined();
    clock.advance(89 * DAY);
    expect(errorOf(await readAs(bank, 'foundedOn'))).toBeUndefined();
    clock.advance(2 * DAY);
    expect(errorOf(await readAs(bank, 'foundedOn'))?.extensions?.code).toBe('FORBIDDEN');
    const mine = ok(await app.gql(CONSENTS, { r: 'GIVEN' }, firm.token), 'profileConsents');
    expect(mine.edges.find((e: { node: { id: string } }) => e.node.id === consent.id).node.status).toBe('ENDED');
    const last = (await logOf(firm.token))[0]!;
    expect(last).toMatchObject({ outcome: 'REFUSED', consentId: null, reader: { id: bank.organizationId } });
  });

  it('a consent for a case goes to its listing owner only, and not once the case ended', async () => {
    const product = await createListing(app, bank2.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank2.token, product.id);
    const requested = ok(await app.gql('mutation($i: MatchRequestInput!) { requestMatch(input: $i) { id } }', { i: { listingId: product.id, shareProfile: false } }, firm.token), 'requestMatch');
    expect(errorOf(await grant({ matchRequestId: requested.id, granteeOrganizationId: bank.organizationId, sections: ['BASIC'] }))?.extensions?.field).toBe('input.granteeOrganizationId');
    expect(errorOf(await grant({ matchRequestId: requested.id, sections: ['BASIC'] }, other.token))?.extensions?.code).toBe('NOT_FOUND');
    const given = ok(await grant({ matchRequestId: requested.id, sections: ['NEEDS'] }), 'grantProfileConsent');
    expect(given).toMatchObject({ purpose: 'MATCH_REQUEST', grantee: { id: bank2.organizationId }, status: 'ACTIVE' });
    expect(ok(await readAs(bank2, 'financingNeed { amount }'), 'enterpriseProfile').financingNeed.amount).toBe(5_000_000);
    ok(await app.gql('mutation($id: ID!) { cancelMatchRequest(id: $id) { id } }', { id: requested.id }, firm.token), 'cancelMatchRequest');
    expect(errorOf(await readAs(bank2, 'financingNeed { amount }'))?.extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await grant({ matchRequestId: requested.id, sections: ['NEEDS'] }))?.extensions?.field).toBe('input.matchRequestId');
  });

  it('the grantee hears of a consent given and revoked, and a case consent shows on the case timeline', async () => {
    const NOTICES = '{ notificationsConnection(first: 100) { edges { node { id kind kindCode title body } } } }';
    const notices = async (org: Org) => (ok(await app.gql(NOTICES, {}, org.token), 'notificationsConnection').edges as Array<{ node: { id: string; kind: string; kindCode: string; title: string; body: string } }>).map((e) => e.node);
    await app.drain();
    // Only what this test causes: the earlier case consent to bank2 left its own notice.
    const before = new Set((await notices(bank2)).map((n) => n.id));
    const product = await createListing(app, bank2.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank2.token, product.id);
    const requested = ok(await app.gql('mutation($i: MatchRequestInput!) { requestMatch(input: $i) { id } }', { i: { listingId: product.id, shareProfile: false } }, firm.token), 'requestMatch');
    const given = ok(await grant({ matchRequestId: requested.id, sections: ['BASIC', 'IP'] }), 'grantProfileConsent');
    ok(await app.gql(REVOKE, { id: given.id }, firm.token), 'revokeProfileConsent');
    await app.drain();
    const mine = (await notices(bank2)).filter((n) => n.kind.startsWith('profile-consent.') && !before.has(n.id));
    expect(mine.map((n) => n.kindCode).sort()).toEqual(['PROFILE_CONSENT_GRANTED', 'PROFILE_CONSENT_REVOKED']);
    for (const n of mine) {
      expect(n.title).toMatch(/^“.+”(授权贵机构查看企业档案|已撤销对贵机构的档案授权)$/);
      expect(n.body).toContain('基本信息');
      expect(n.body).not.toMatch(/BASIC|\d{7,}/);
    }
    // The grantor did it itself: no notice of its own consents.
    expect((await notices(firm)).filter((n) => n.kind.startsWith('profile-consent.'))).toEqual([]);
    const TIMELINE = 'query($r: MatchRequestRole!) { matchRequests(role: $r, first: 10) { edges { node { id timeline(first: 20) { entries { kind note } } } } } }';
    for (const [token, role] of [[firm.token, 'SENT'], [bank2.token, 'RECEIVED']] as const) {
      const edges = ok(await app.gql(TIMELINE, { r: role }, token), 'matchRequests').edges as Array<{ node: { id: string; timeline: { entries: Array<{ kind: string; note: string }> } } }>;
      const entries = edges.find((e) => e.node.id === requested.id)!.node.timeline.entries;
      expect(entries.filter((e) => e.kind.startsWith('CONSENT_'))).toEqual([
        { kind: 'CONSENT_GRANTED', note: expect.stringMatching(/^企业授权查看档案：基本信息/) },
        { kind: 'CONSENT_REVOKED', note: expect.stringMatching(/^企业撤销档案授权：基本信息/) },
      ]);
    }
  });
});
