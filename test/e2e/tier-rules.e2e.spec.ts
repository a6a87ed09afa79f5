/**
 * Issue 15 / DOMAIN.md §8.7–§8.8 over HTTP: a firm states its 小巨人 field lists separately and dates
 * its events; the stored facts read back as written, the worker's assessment applies them, and a
 * date outside its stated year is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, financialsEnding, profileInput } from '../helpers/profile-fixtures.js';
import { beijingDate, ok, registerOrg, type Org } from '../helpers/listing-fixtures.js';

const FACTS = `query($id: ID!) { enterpriseProfile(organizationId: $id) {
  tierFacts { mainProductInPriorityField mainProductInSixFoundations mainProductInTopTenSectors mainProductInCyberPowerField keyChainRole
    awards { level year rank awardedOn } makerChina { year group reachedOn } equityRounds { receivedOn amount } }
  a22: assessments(ruleSet: "MIIT-2022") { ruleSet tier missingData criteria { code status actual } }
  a26: assessments(ruleSet: "MIIT-2026") { ruleSet tier missingData criteria { code status actual } } } }`;

type Assessment = { ruleSet: string; tier: string; missingData: string[]; criteria: Array<{ code: string; status: string; actual: string | null }> };

describe('小巨人 field lists and dated events (§8.7, §8.8) over HTTP', () => {
  let app: TestApp;
  let firm: Org;
  const today = beijingDate(0);
  const year = Number(today.slice(0, 4));

  const read = async () => {
    const p = ok<{ tierFacts: Record<string, unknown>; a22: Assessment[]; a26: Assessment[] }>(await app.gql(FACTS, { id: firm.organizationId }, firm.token), 'enterpriseProfile');
    return { tierFacts: p.tierFacts, assessments: [...p.a22, ...p.a26] };
  };
  const criterion = (as: Assessment[], ruleSet: string, code: string) => as.find((a) => a.ruleSet === ruleSet && a.tier === 'LITTLE_GIANT')!.criteria.find((c) => c.code === code);
  const upsert = async (tierFacts: Record<string, unknown>) => {
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tierFacts: { ...profileInput().tierFacts, ...tierFacts } }) }, firm.token);
    await app.drain();
    return res;
  };

  beforeAll(async () => {
    app = await startTestApp();
    firm = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the former combined flag alone leaves the 2026 六基 criterion open and asks for it; 2022 品 is met', async () => {
    expect((await upsert({ mainProductInPriorityField: true, keyChainRole: false })).errors).toBeUndefined();
    const { assessments } = await read();
    expect(criterion(assessments, 'MIIT-2026', 'B2.FIELD.SIX_FOUNDATIONS')?.status).toBe('UNKNOWN');
    expect(assessments.find((a) => a.ruleSet === 'MIIT-2026' && a.tier === 'LITTLE_GIANT')!.missingData).toContain('mainProductInSixFoundations');
    expect(criterion(assessments, 'MIIT-2022', 'A3.PRODUCT')?.status).toBe('MET');
  });

  it('split facts: 十大重点产业 only meets 2022 品 but not the 2026 field; dated events read back as dates', async () => {
    const res = await upsert({
      mainProductInSixFoundations: false,
      mainProductInTopTenSectors: true,
      mainProductInCyberPowerField: false,
      keyChainRole: false,
      awards: [{ level: 'PROVINCIAL', year, rank: 2, awardedOn: today }],
      makerChina: { year, group: 'TOP500', reachedOn: today },
      equityRounds: [{ receivedOn: today, amount: 6_000_000 }],
    });
    expect(res.errors).toBeUndefined();
    const { tierFacts, assessments } = await read();
    expect(tierFacts).toMatchObject({
      mainProductInSixFoundations: false,
      mainProductInTopTenSectors: true,
      awards: [{ level: 'PROVINCIAL', year, rank: 2, awardedOn: today }],
      makerChina: { year, group: 'TOP500', reachedOn: today },
      equityRounds: [{ receivedOn: today, amount: 6_000_000 }],
    });
    expect(criterion(assessments, 'MIIT-2026', 'B2.FIELD.SIX_FOUNDATIONS')?.status).toBe('UNMET');
    expect(criterion(assessments, 'MIIT-2026', 'B2.FIELD')?.status).toBe('UNMET');
    expect(criterion(assessments, 'MIIT-2022', 'A3.PRODUCT')?.status).toBe('MET');
    const innovative = assessments.find((a) => a.ruleSet === 'MIIT-2022' && a.tier === 'INNOVATIVE_SME')!;
    expect(innovative.criteria.find((c) => c.code === 'A1.DIRECT.EQUITY')).toMatchObject({ status: 'MET', actual: '600万元' });
    expect(innovative.criteria.find((c) => c.code === 'A1.DIRECT.AWARD')?.status).toBe('MET');
  });

  it.each([
    ['an award date outside its stated year', { awards: [{ level: 'NATIONAL', year: year - 1, rank: 1, awardedOn: today }] }, 'input.tierFacts.awards[0].awardedOn'],
    ['a 创客中国 date outside its stated year', { makerChina: { year: year - 1, group: 'TOP50', reachedOn: today } }, 'input.tierFacts.makerChina.reachedOn'],
    ['an equity round in the future', { equityRounds: [{ receivedOn: beijingDate(1), amount: 1 }] }, 'input.tierFacts.equityRounds[0].receivedOn'],
    ['an equity round of 0 yuan', { equityRounds: [{ receivedOn: today, amount: 0 }] }, 'input.tierFacts.equityRounds[0].amount'],
    ['51 equity rounds', { equityRounds: Array.from({ length: 51 }, () => ({ receivedOn: today, amount: 1 })) }, 'input.tierFacts.equityRounds'],
  ])('%s is refused with BAD_USER_INPUT naming the field', async (_l, facts, field) => {
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tierFacts: { ...profileInput().tierFacts, ...facts } }) }, firm.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('SME size by industry (§8.6): a software firm with 350 staff and 1.2亿元 revenue is not an SME; an industrial firm with the same figures is', async () => {
    // 工信部联企业〔2011〕300号 第四条: 软件和信息技术服务业 中小微 = 从业人员 < 300 人 or 营业收入 < 10000万元 —
    // 350 ≥ 300 and 12000万 ≥ 10000万, so neither condition holds. 工业: < 1000 人 or < 40000万元 — 350 < 1000 holds.
    const big = financialsEnding().map((y) => ({ ...y, employees: 350, revenue: 120_000_000, mainBusinessRevenue: 108_000_000 }));
    const smeOf = async (industryCode: string) => {
      const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ industryCode, financials: big }) }, firm.token);
      expect(res.errors).toBeUndefined();
      await app.drain();
      const { assessments } = await read();
      return assessments.map((a) => ({ ruleSet: a.ruleSet, tier: a.tier, sme: a.criteria.find((c) => c.code.endsWith('.SME'))?.status }));
    };
    const software = await smeOf('I6511');
    expect(software.length).toBeGreaterThanOrEqual(6);
    for (const a of software) expect(a).toMatchObject({ sme: 'UNMET' });
    const industrial = await smeOf('C3484');
    for (const a of industrial) expect(a).toMatchObject({ sme: 'MET' });
  });
});
