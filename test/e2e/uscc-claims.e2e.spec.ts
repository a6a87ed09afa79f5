import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginAuthority, ok, registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';

/**
 * A USCC is a claim until the AUTHORITY verifies it. The squatting case: a firm registers a USCC
 * that is not its own; the AUTHORITY then imports that USCC with the real firm's (confidential)
 * figures. The registrant must read none of them; the import flags the row; the desk shows the
 * second claim. And a profile the AUTHORITY imported is hidden from its organization again once
 * its verification is revoked.
 */

const IMPORT = `mutation($i: EnterpriseImportInput!) {
  importEnterprises(input: $i) { total created updated unchanged rejectedRows claimConflicts rejected { row uscc field reason } firms { organizationId outcome } }
}`;
const PROFILE = `query($id: ID!) {
  enterpriseProfile(organizationId: $id) {
    tier tierCertifiedOn industryCode mainProducts capabilities ipAssets { inventionPatents utilityModels } financials { year revenue rdExpense }
    assessments { tier verdict }
  }
}`;
const DESK = `query($filter: OrganizationFilter) { organizations(filter: $filter) { totalCount edges { node { id claimConflict { uscc importedName importCount } } } } }`;
const ORGANIZATION = `query($id: ID!) { organization(id: $id) { id claimConflict { uscc } } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeVerification(id: $id, reason: $reason) { id } }`;

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
const HEADER =
  '统一社会信用代码,企业名称,行政区划代码,行业代码,梯度,认定日期,成立日期,主营起始日期,主导产品,核心技术,发明专利,实用新型,外观设计,软件著作权,商标,年度,营业收入,主营业务收入,研发费用,净利润,资产总额,负债总额,从业人数,研发人数';
/** The bureau's figures: distinctive numbers and texts that appear nowhere else. */
const SECRET = { revenue: 987_654_321, rdExpense: 55_555_555, product: '机密型号XJ-9太赫兹探测芯片', capability: '绝密级晶圆键合工艺', patents: 77 };
const bureauCsv = (uscc: string, name: string) =>
  Buffer.from(
    `${HEADER}\n${uscc},${name},330281,C3971,小巨人,2024-07-15,2008-01-01,2008-01-01,${SECRET.product},${SECRET.capability},${SECRET.patents},40,2,6,9,` +
      `${YEAR},${SECRET.revenue},950000000,${SECRET.rdExpense},88000000,1200000000,400000000,860,190\n`,
  ).toString('base64');

describe('USCC claims and AUTHORITY data', () => {
  let app: TestApp;
  let authority: string;

  const importList = async (uscc: string, name: string) => ok(await app.gql(IMPORT, { i: { filename: 'list.csv', contentBase64: bureauCsv(uscc, name) } }, authority), 'importEnterprises');
  const usccOf = async (org: Org): Promise<string> => (await sql(app, 'SELECT uscc FROM organizations WHERE id = $1', [org.organizationId]))[0].uscc;
  const leaks = (value: unknown) => {
    const text = JSON.stringify(value);
    return [String(SECRET.revenue), String(SECRET.rdExpense), SECRET.product, SECRET.capability, '2024-07-15'].filter((s) => text.includes(s));
  };

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a squatted USCC leaks nothing: the import attaches nothing, flags the row, and the desk shows the conflict', async () => {
    const squatter = await registerOrg(app, 'ENTERPRISE');
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, squatter.token), 'upsertEnterpriseProfile');
    await app.drain();
    const uscc = await usccOf(squatter);
    const before = await sql(app, 'SELECT version, imported_at FROM enterprise_profiles WHERE organization_id = $1', [squatter.organizationId]);

    const report = await importList(uscc, '宁波真实企业科技有限公司');
    expect(report).toMatchObject({ total: 1, created: 0, updated: 0, unchanged: 0, rejectedRows: 1, claimConflicts: 1, firms: [] });
    expect(report.rejected).toEqual([{ row: 2, uscc, field: 'uscc', reason: expect.stringContaining('尚未通过主管部门审核') }]);
    expect(report.rejected[0].reason).toContain('未导入');

    // Nothing was attached: the squatter's own profile is untouched and reads back without the bureau's figures.
    expect(await sql(app, 'SELECT version, imported_at FROM enterprise_profiles WHERE organization_id = $1', [squatter.organizationId])).toEqual(before);
    await app.drain();
    const own = ok(await app.gql(PROFILE, { id: squatter.organizationId }, squatter.token), 'enterpriseProfile');
    expect(own.financials.map((f: { revenue: number }) => f.revenue)).toEqual(profileInput().financials.map((f) => f.revenue));
    expect(own).toMatchObject({ tier: 'NONE', tierCertifiedOn: null, ipAssets: { inventionPatents: profileInput().ipAssets.inventionPatents } });
    expect(leaks(own)).toEqual([]);
    expect(await sql(app, 'SELECT count(*)::int AS n FROM enterprise_financials WHERE revenue = $1', [SECRET.revenue])).toEqual([{ n: 0 }]);

    // The desk shows the second claim, to the AUTHORITY only.
    const desk = ok(await app.gql(DESK, { filter: { claimConflict: true, query: uscc } }, authority), 'organizations');
    expect(desk.edges).toEqual([{ node: { id: squatter.organizationId, claimConflict: { uscc, importedName: '宁波真实企业科技有限公司', importCount: 1 } } }]);
    expect(ok(await app.gql(DESK, { filter: { claimConflict: false, query: uscc } }, authority), 'organizations').totalCount).toBe(0);
    expect(ok(await app.gql(ORGANIZATION, { id: squatter.organizationId }, squatter.token), 'organization').claimConflict).toBeNull();

    // The same list again: still nothing attached, the conflict counted again.
    expect(await importList(uscc, '宁波真实企业科技有限公司')).toMatchObject({ created: 0, updated: 0, claimConflicts: 1 });
    expect((await sql(app, 'SELECT import_count FROM uscc_claim_conflicts WHERE organization_id = $1', [squatter.organizationId]))[0].import_count).toBe(2);
  });

  it('a profile the AUTHORITY imported is read by its verified organization, and hidden again once the verification is revoked', async () => {
    const firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    const uscc = await usccOf(firm);
    const report = await importList(uscc, '宁波已核实企业有限公司');
    expect(report).toMatchObject({ created: 1, claimConflicts: 0, firms: [{ organizationId: firm.organizationId, outcome: 'CREATED' }] });
    await app.drain();
    const verifiedView = ok(await app.gql(PROFILE, { id: firm.organizationId }, firm.token), 'enterpriseProfile');
    expect(verifiedView.financials[0]).toEqual({ year: YEAR, revenue: SECRET.revenue, rdExpense: SECRET.rdExpense });

    ok(await app.gql(REVOKE, { id: firm.organizationId, reason: '机构资质存疑，重新核查' }, authority), 'revokeVerification');
    const hidden = await app.gql(PROFILE, { id: firm.organizationId }, firm.token);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(hidden.data?.enterpriseProfile ?? null).toBeNull();
    expect(leaks(hidden)).toEqual([]);
    // Nor may it overwrite the bureau's figures unreviewed.
    const version = (await sql(app, 'SELECT version FROM enterprise_profiles WHERE organization_id = $1', [firm.organizationId]))[0].version;
    const overwrite = await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm.token);
    expect(overwrite.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(leaks(overwrite)).toEqual([]);
    expect((await sql(app, 'SELECT version FROM enterprise_profiles WHERE organization_id = $1', [firm.organizationId]))[0].version).toBe(version);
    // The AUTHORITY still reads it.
    expect(ok(await app.gql(PROFILE, { id: firm.organizationId }, authority), 'enterpriseProfile').financials[0].revenue).toBe(SECRET.revenue);
  });
});
