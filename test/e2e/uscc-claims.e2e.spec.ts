import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { loginAuthority, ok, registerOrg, sql, usccTag, type Org } from '../helpers/listing-fixtures.js';
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

const RESOLVE = `mutation($id: ID!, $outcome: UsccClaimOutcome!, $reason: String!) {
  resolveUsccClaim(organizationId: $id, outcome: $outcome, reason: $reason) { id uscc usccReleased verified verification { state reason } claimConflict { outcome reason decidedAt } }
}`;
const RESUBMIT = `mutation($i: ResubmitOrganizationInput!) { resubmitOrganization(input: $i) { id uscc usccReleased verification { state } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { kind title body } }`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000abd';

function expectError(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  if (field) expect(error.extensions?.field).toBe(field);
  expect(res.data ?? null).toBeNull();
  return error;
}

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

  /** Everything a refused decision or resubmission could have written. */
  const snapshot = async () =>
    (
      await sql(
        app,
        `SELECT (SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM organizations o) AS orgs,
                (SELECT md5(string_agg(c::text, '|' ORDER BY c.id)) FROM uscc_claim_conflicts c) AS conflicts,
                (SELECT count(*)::int FROM organization_verification_decisions) AS decisions,
                (SELECT count(*)::int FROM outbox_events WHERE type NOT IN ('enterprise-assessment.changed', 'notification.created')) AS events`,
      )
    )[0];
  const openConflictIds = async () =>
    ok<{ edges: Array<{ node: { id: string } }> }>(await app.gql(DESK, { filter: { claimConflict: true } }, authority), 'organizations').edges.map((e) => e.node.id);
  /** A registrant whose USCC an AUTHORITY import then claims (an open conflict). */
  const squatted = async (importedName: string): Promise<{ squatter: Org; uscc: string }> => {
    const squatter = await registerOrg(app, 'ENTERPRISE');
    const uscc = await usccOf(squatter);
    expect(await importList(uscc, importedName)).toMatchObject({ created: 0, claimConflicts: 1 });
    return { squatter, uscc };
  };

  it('CLAIM_RELEASED: the squatter is rejected and told why, the USCC freed; a re-import creates the real firm, which the squatter cannot read', async () => {
    const { squatter, uscc } = await squatted('宁波被冒用企业科技有限公司');
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, squatter.token), 'upsertEnterpriseProfile');
    expect(await openConflictIds()).toContain(squatter.organizationId);

    const reason = '经核实，该机构并非该统一社会信用代码所属企业';
    const released = ok(await app.gql(RESOLVE, { id: squatter.organizationId, outcome: 'CLAIM_RELEASED', reason }, authority), 'resolveUsccClaim');
    expect(released).toMatchObject({ uscc, usccReleased: true, verified: false, verification: { state: 'REJECTED', reason }, claimConflict: { outcome: 'CLAIM_RELEASED', reason } });
    expect(released.claimConflict.decidedAt).toEqual(expect.any(String));
    const [row] = await sql(app, 'SELECT uscc, released_uscc, verification_state FROM organizations WHERE id = $1', [squatter.organizationId]);
    expect(row).toEqual({ uscc: null, released_uscc: uscc, verification_state: 'REJECTED' });
    const [conflictRow] = await sql(app, 'SELECT outcome, decided_by, decided_at FROM uscc_claim_conflicts WHERE organization_id = $1', [squatter.organizationId]);
    expect(conflictRow.outcome).toBe('CLAIM_RELEASED');
    expect(conflictRow.decided_by).toEqual(expect.any(String));
    expect(conflictRow.decided_at).toBeInstanceOf(Date);
    expect(await openConflictIds()).not.toContain(squatter.organizationId);
    // Its members keep their accounts.
    expect(await sql(app, 'SELECT count(*)::int AS n FROM users WHERE organization_id = $1', [squatter.organizationId])).toEqual([{ n: 1 }]);
    const decided = await sql(app, `SELECT payload FROM outbox_events WHERE type = 'organization.verification-decided' AND aggregate_id = $1`, [squatter.organizationId]);
    expect(decided.map((e) => e.payload)).toEqual([{ organizationId: squatter.organizationId, decisionId: expect.any(String), state: 'REJECTED', version: 1, usccReleased: true }]);
    await app.drain();
    const inbox = ok<Array<{ kind: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, squatter.token), 'notifications');
    const notice = inbox.find((n) => n.kind === 'organization.uscc-released');
    expect(notice?.body).toContain(reason);
    expect(notice?.body).toContain(uscc);
    expect(inbox.some((n) => n.kind === 'organization.rejected')).toBe(false);

    // The real firm arrives with the next import: a new, verified organization holding the figures.
    const report = await importList(uscc, '宁波被冒用企业科技有限公司');
    expect(report).toMatchObject({ created: 1, claimConflicts: 0, rejectedRows: 0 });
    const realId = report.firms[0].organizationId;
    expect(realId).not.toBe(squatter.organizationId);
    expect(await sql(app, 'SELECT uscc, verified FROM organizations WHERE id = $1', [realId])).toEqual([{ uscc, verified: true }]);
    await app.drain();
    expect(ok(await app.gql(PROFILE, { id: realId }, authority), 'enterpriseProfile').financials[0].revenue).toBe(SECRET.revenue);
    // The squatter reads nothing of it: neither the real firm's profile nor anything in its own.
    const foreign = await app.gql(PROFILE, { id: realId }, squatter.token);
    expect(leaks(foreign)).toEqual([]);
    expect(foreign.data?.enterpriseProfile ?? null).toBeNull();
    expect(leaks(await app.gql(PROFILE, { id: squatter.organizationId }, squatter.token))).toEqual([]);
    expect(await openConflictIds()).not.toContain(squatter.organizationId);

    // A released organization resubmits only with a USCC of its own: not without one, not the real firm's, not a mistyped one.
    const before = await snapshot();
    expectError(await app.gql(RESUBMIT, { i: { note: '已更正' } }, squatter.token), 'BAD_USER_INPUT', 'input.uscc');
    expectError(await app.gql(RESUBMIT, { i: { uscc, note: '已更正' } }, squatter.token), 'CONFLICT', 'input.uscc');
    const own = makeUscc('91', '330281', usccTag());
    const mistyped = own.slice(0, 17) + (own[17] === '0' ? '1' : '0');
    expectError(await app.gql(RESUBMIT, { i: { uscc: mistyped } }, squatter.token), 'BAD_USER_INPUT', 'input.uscc');
    expect(await snapshot()).toEqual(before);
    const resubmitted = ok(await app.gql(RESUBMIT, { i: { uscc: own.toLowerCase(), note: '此前代码填写错误，已更正' } }, squatter.token), 'resubmitOrganization');
    expect(resubmitted).toEqual({ id: squatter.organizationId, uscc: own, usccReleased: false, verification: { state: 'PENDING' } });
    expect((await sql(app, 'SELECT released_uscc FROM organizations WHERE id = $1', [squatter.organizationId]))[0].released_uscc).toBe(uscc);
  });

  it('CLAIMANT_CONFIRMED: the registrant is verified and a re-import attaches the figures to it', async () => {
    const { squatter: registrant, uscc } = await squatted('宁波自行注册企业有限公司');
    const confirmed = ok(await app.gql(RESOLVE, { id: registrant.organizationId, outcome: 'CLAIMANT_CONFIRMED', reason: '已核对营业执照原件' }, authority), 'resolveUsccClaim');
    expect(confirmed).toMatchObject({ uscc, usccReleased: false, verified: true, verification: { state: 'VERIFIED' }, claimConflict: { outcome: 'CLAIMANT_CONFIRMED', reason: '已核对营业执照原件' } });
    expect(await openConflictIds()).not.toContain(registrant.organizationId);
    const report = await importList(uscc, '宁波自行注册企业有限公司');
    expect(report).toMatchObject({ created: 1, claimConflicts: 0, firms: [{ organizationId: registrant.organizationId, outcome: 'CREATED' }] });
    await app.drain();
    expect(ok(await app.gql(PROFILE, { id: registrant.organizationId }, registrant.token), 'enterpriseProfile').financials[0].revenue).toBe(SECRET.revenue);
    const inbox = ok<Array<{ kind: string }>>(await app.gql(NOTIFICATIONS, {}, registrant.token), 'notifications');
    expect(inbox.map((n) => n.kind)).toContain('organization.verified');
  });

  it('verifying a registrant with verifyOrganization confirms its claim too: the conflict leaves the desk', async () => {
    const { squatter: registrant } = await squatted('宁波直接核实企业有限公司');
    ok(await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: registrant.organizationId }, authority), 'verifyOrganization');
    const [row] = await sql(app, 'SELECT outcome, reason, decided_by FROM uscc_claim_conflicts WHERE organization_id = $1', [registrant.organizationId]);
    expect(row).toEqual({ outcome: 'CLAIMANT_CONFIRMED', reason: null, decided_by: expect.any(String) });
    expect(await openConflictIds()).not.toContain(registrant.organizationId);
  });

  it('refusals: exact codes, nothing written', async () => {
    const { squatter } = await squatted('宁波拒绝用例企业有限公司');
    const plain = await registerOrg(app, 'ENTERPRISE');
    const before = await snapshot();
    const call = (vars: Record<string, unknown>, token?: string) => app.gql(RESOLVE, { id: squatter.organizationId, outcome: 'CLAIM_RELEASED', reason: '核实不符', ...vars }, token);
    expectError(await call({}, squatter.token), 'FORBIDDEN');
    expectError(await call({}), 'UNAUTHENTICATED');
    expectError(await call({ id: plain.organizationId }, authority), 'CONFLICT');
    expectError(await call({ id: UNKNOWN_ID }, authority), 'NOT_FOUND');
    expectError(await call({ reason: '   ' }, authority), 'BAD_USER_INPUT', 'reason');
    expectError(await call({ reason: '理'.repeat(501) }, authority), 'BAD_USER_INPUT', 'reason');
    expect(await snapshot()).toEqual(before);
    // Decided once, it is no longer open: deciding again is CONFLICT.
    ok(await call({}, authority), 'resolveUsccClaim');
    const after = await snapshot();
    expectError(await call({ outcome: 'CLAIMANT_CONFIRMED' }, authority), 'CONFLICT');
    expect(await snapshot()).toEqual(after);
  });
});
