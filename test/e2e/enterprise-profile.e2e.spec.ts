import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { confirmTitle, UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';

const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { organization { id } } } }`;
const PROFILE = `query($id: ID!, $rs: String) { enterpriseProfile(organizationId: $id) {
  version tier tierExpiresOn reviewRisk { tier expiresOn verdict failing { code } }
  assessments(ruleSet: $rs) { tier ruleSet eligible verdict score passedBy profileVersion missingData criteria { code status met points } }
} }`;

/** yyyy-mm-dd in Beijing time, shifted by whole months. */
function beijingDate(monthsFromNow: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCMonth(d.getUTCMonth() + monthsFromNow);
  return d.toISOString().slice(0, 10);
}

describe('enterprise profile (一企一档) and tier assessments over GraphQL', () => {
  let app: TestApp;
  let authority: string;
  const firms: Array<{ token: string; id: string }> = [];

  async function registerEnterprise(regionCode = '330281') {
    const tag = randomBytes(4).toString('hex').toUpperCase().replace(/[IOZSV]/g, 'A');
    const res = await app.gql(REGISTER, {
      i: {
        email: `firm-${tag.toLowerCase()}@profile.test`,
        password: 'profile-password-1',
        displayName: '档案测试',
        organization: { kind: 'ENTERPRISE', name: `余姚市档案测试${tag}有限公司`, uscc: makeUscc('91', regionCode, tag), regionCode },
      },
    });
    expect(res.errors).toBeUndefined();
    return { token: res.data!.register.accessToken as string, id: res.data!.register.user.organization.id as string };
  }

  const outboxCount = async () =>
    (await app.started.runtime.database.dataSource.query("SELECT count(*)::int AS n FROM outbox_events WHERE type NOT IN ('enterprise-assessment.changed', 'notification.created')"))[0].n as number;

  beforeAll(async () => {
    app = await startTestApp();
    authority = (await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: TEST_AUTHORITY })).data!.login.accessToken;
    firms.push(await registerEnterprise(), await registerEnterprise());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('upserts a profile; the scoring worker then shows 创新型 passed by score', async () => {
    const [firm] = firms;
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm!.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.upsertEnterpriseProfile).toMatchObject({ version: 1, tier: 'NONE', industryCode: 'C3484', industryName: '通用设备制造业' });
    const last = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
    expect(res.data!.upsertEnterpriseProfile.financials.map((f: { year: number }) => f.year)).toEqual([last, last - 1, last - 2]);

    await app.drain();
    const read = await app.gql(PROFILE, { id: firm!.id, rs: 'MIIT-2022' }, firm!.token);
    expect(read.errors).toBeUndefined();
    const innovative = read.data!.enterpriseProfile.assessments.find((a: { tier: string }) => a.tier === 'INNOVATIVE_SME');
    expect(innovative).toMatchObject({ ruleSet: 'MIIT-2022', eligible: true, verdict: 'ELIGIBLE', passedBy: 'SCORE', profileVersion: 1 });
    expect(innovative.score).toBeGreaterThanOrEqual(60);
    expect(read.data!.enterpriseProfile.assessments.map((a: { tier: string }) => a.tier)).toEqual(['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT']);
  });

  it('re-scores when a number crosses a threshold: R&D below 1 % and shrinking revenue fail 创新型', async () => {
    const [firm] = firms;
    const base = profileInput();
    const weak = base.financials.map((y) => ({ ...y, revenue: 30_000_000 - (base.financials[0]!.year - y.year) * -2_000_000, mainBusinessRevenue: 27_000_000 - (base.financials[0]!.year - y.year) * -1_800_000, rdExpense: 100_000 }));
    const res = await app.gql(UPSERT_PROFILE, { i: { ...base, financials: weak } }, firm!.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.upsertEnterpriseProfile.version).toBe(2);
    await app.drain();
    const read = await app.gql(PROFILE, { id: firm!.id, rs: 'MIIT-2022' }, firm!.token);
    const innovative = read.data!.enterpriseProfile.assessments.find((a: { tier: string }) => a.tier === 'INNOVATIVE_SME');
    expect(innovative).toMatchObject({ eligible: false, verdict: 'NOT_ELIGIBLE', profileVersion: 2 });
    expect(innovative.score).toBeLessThan(60);
  });

  it('shows the tier rules in force by default (创新型 2022, the others 2026 after 2026-04-01)', async () => {
    const read = await app.gql(PROFILE, { id: firms[0]!.id }, firms[0]!.token);
    expect(read.errors).toBeUndefined();
    const sets = Object.fromEntries(read.data!.enterpriseProfile.assessments.map((a: { tier: string; ruleSet: string }) => [a.tier, a.ruleSet]));
    expect(sets).toEqual({ INNOVATIVE_SME: 'MIIT-2022', SPECIALIZED_SME: 'MIIT-2026', LITTLE_GIANT: 'MIIT-2026' });
    const unknown = await app.gql(PROFILE, { id: firms[0]!.id, rs: 'MIIT-1999' }, firms[0]!.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the firm itself and the AUTHORITY read the profile', async () => {
    const other = await app.gql(PROFILE, { id: firms[0]!.id }, firms[1]!.token);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data?.enterpriseProfile ?? null).toBeNull();
    const byAuthority = await app.gql(PROFILE, { id: firms[0]!.id }, authority);
    expect(byAuthority.errors).toBeUndefined();
    expect(byAuthority.data!.enterpriseProfile.version).toBe(2);
    const none = await app.gql(PROFILE, { id: firms[1]!.id }, firms[1]!.token);
    expect(none.data!.enterpriseProfile).toBeNull();
  });

  const base = profileInput();
  const year0 = base.financials[0]!;
  const badCases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown industry code', { industryCode: 'C99' }, 'input.industryCode'],
    ['malformed industry code', { industryCode: '3484' }, 'input.industryCode'],
    ['future financial year', { financials: [{ ...year0, year: 2099 }] }, 'input.financials[0].year'],
    ['duplicate financial year', { financials: [year0, { ...year0 }] }, 'input.financials[1].year'],
    ['negative money', { financials: [{ ...year0, rdExpense: -1 }] }, 'input.financials[0].rdExpense'],
    ['主营业务收入 above 营业收入', { financials: [{ ...year0, mainBusinessRevenue: year0.revenue + 1 }] }, 'input.financials[0].mainBusinessRevenue'],
    ['R&D employees above employees', { financials: [{ ...year0, rdEmployees: 500 }] }, 'input.financials[0].rdEmployees'],
    ['liabilities with no assets', { financials: [{ ...year0, totalAssets: null }] }, 'input.financials[0].totalAssets'],
    ['founding date in the future', { foundedOn: '2099-01-01' }, 'input.foundedOn'],
    ['certification date without a tier', { tierCertifiedOn: '2024-01-01' }, 'input.tierCertifiedOn'],
    ['unknown region in the space need', { spaceNeed: { ...base.spaceNeed, regionCodes: ['999999'] } }, 'input.spaceNeed.regionCodes[0]'],
    ['negative patents', { ipAssets: { ...base.ipAssets, inventionPatents: -2 } }, 'input.ipAssets.inventionPatents'],
  ];

  it.each(badCases)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_name, override, field) => {
    const [firm] = firms;
    const before = await outboxCount();
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput(override) }, firm!.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0]!.message.length).toBeGreaterThan(5);
    expect(await outboxCount()).toBe(before);
    const read = await app.gql(PROFILE, { id: firm!.id }, firm!.token);
    expect(read.data!.enterpriseProfile.version).toBe(2);
  });

  it('flags 复核 risk for a titled firm that expires within 12 months and no longer qualifies', async () => {
    const firm = firms[1]!;
    const certifiedOn = beijingDate(-34); // 3-year validity ends in about 2 months
    const weak = profileInput().financials.map((y) => ({ ...y, rdExpense: 50_000 }));
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'INNOVATIVE_SME', tierCertifiedOn: certifiedOn, financials: weak }) }, firm.token);
    expect(res.errors).toBeUndefined();
    // Only a title the AUTHORITY confirmed can be at 复核 risk (DOMAIN.md §8.10).
    await confirmTitle(app, authority, firm.id, 'INNOVATIVE_SME', certifiedOn);
    await app.drain();

    const read = await app.gql(PROFILE, { id: firm.id }, firm.token);
    const profile = read.data!.enterpriseProfile;
    expect(profile.reviewRisk).toMatchObject({ tier: 'INNOVATIVE_SME', expiresOn: profile.tierExpiresOn });
    expect(['NOT_ELIGIBLE', 'UNDETERMINED']).toContain(profile.reviewRisk.verdict);
    expect(profile.reviewRisk.failing.length).toBeGreaterThan(0);

    const list = `query($r: String) { enterprisesAtReviewRisk(regionCode: $r) { organizationId regionCode risk { tier expiresOn } } }`;
    const ningbo = await app.gql(list, { r: '330200' }, authority);
    expect(ningbo.errors).toBeUndefined();
    expect(ningbo.data!.enterprisesAtReviewRisk.map((e: { organizationId: string }) => e.organizationId)).toContain(firm.id);
    const hangzhou = await app.gql(list, { r: '330100' }, authority);
    expect(hangzhou.data!.enterprisesAtReviewRisk.map((e: { organizationId: string }) => e.organizationId)).not.toContain(firm.id);
    const bad = await app.gql(list, { r: '12345' }, authority);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const denied = await app.gql(list, {}, firm.token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('clears the risk once the firm qualifies again', async () => {
    const firm = firms[1]!;
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'INNOVATIVE_SME', tierCertifiedOn: beijingDate(-34) }) }, firm.token);
    expect(res.errors).toBeUndefined();
    await app.drain();
    const read = await app.gql(PROFILE, { id: firm.id }, firm.token);
    expect(read.data!.enterpriseProfile.reviewRisk).toBeNull();
  });
});
