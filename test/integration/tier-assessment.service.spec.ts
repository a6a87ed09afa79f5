import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { validateProfile, type ProfileCommand } from '../../libs/enterprises/src/profile-input.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { TierAssessmentService } from '../../libs/tier-assessments/src/tier-assessment.service.js';
import { financialsEnding, profileInput } from '../helpers/profile-fixtures.js';
import { openTestDataSource } from '../helpers/test-database.js';

const TODAY = '2026-11-21';

describe('TierAssessmentService on PostgreSQL', () => {
  let ctx: Awaited<ReturnType<typeof openTestDataSource>>;
  let ds: DataSource;
  let profiles: EnterpriseProfileService;
  let service: TierAssessmentService;

  beforeAll(async () => {
    ctx = await openTestDataSource();
    ds = ctx.dataSource;
    profiles = new EnterpriseProfileService(ds);
    service = new TierAssessmentService(ds, profiles);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A firm whose title (if any) the AUTHORITY confirmed (DOMAIN.md §8.10), unless `claimed`. */
  async function enterpriseWith(input: Record<string, unknown>, claimed = false): Promise<string> {
    const tag = randomBytes(4).toString('hex').toUpperCase().replace(/[IOZSV]/g, 'A');
    return ds.transaction(async (m) => {
      const org = await m.save(m.create(OrganizationEntity, { kind: 'ENTERPRISE', name: `测试${tag}`, uscc: makeUscc('91', '330281', tag), regionCode: '330281', verified: true }));
      const command = validateProfile(profileInput({ financials: financialsEnding(2025), ...input }) as unknown as ProfileCommand, TODAY);
      await profiles.write(m, org.id, command, null, undefined, claimed ? undefined : 'CONFIRMED');
      return org.id;
    });
  }

  const count = async (id: string) => Number((await ds.query('SELECT count(*) AS n FROM tier_assessments WHERE organization_id = $1', [id]))[0].n);

  it('stores one row per rule set and tier, and a replay of the same version and day inserts nothing', async () => {
    const id = await enterpriseWith({});
    const first = await service.assess(id, TODAY);
    expect(first).toMatchObject({ profileVersion: 1, inserted: 6, reviewRisk: null });
    const again = await service.assess(id, TODAY);
    expect(again!.inserted).toBe(0);
    expect(await count(id)).toBe(6);
    const nextDay = await service.assess(id, '2026-11-22');
    expect(nextDay!.inserted).toBe(6); // history: a new day is a new row
  });

  it('returns the latest per tier under the rules in force, or under a named rule set', async () => {
    const id = await enterpriseWith({});
    await service.assess(id, TODAY);
    const inForce = (await service.latest([id])).get(id)!;
    expect(inForce.map((a) => [a.tier, a.ruleSet])).toEqual([
      ['INNOVATIVE_SME', 'MIIT-2022'],
      ['SPECIALIZED_SME', 'MIIT-2026'],
      ['LITTLE_GIANT', 'MIIT-2026'],
    ]);
    const named = (await service.latest([id], 'MIIT-2022')).get(id)!;
    expect(named.map((a) => a.ruleSet)).toEqual(['MIIT-2022', 'MIIT-2022', 'MIIT-2022']);
  });

  it('records 复核 risk for a title expiring within 12 months that is no longer met, in REVIEW mode too', async () => {
    const weak = financialsEnding(2025).map((y) => ({ ...y, rdExpense: 10_000 }));
    const id = await enterpriseWith({ tier: 'INNOVATIVE_SME', tierCertifiedOn: '2024-01-10', financials: weak });
    const result = await service.assess(id, TODAY);
    expect(result!.reviewRisk).toMatchObject({ tier: 'INNOVATIVE_SME', expiresOn: '2027-01-10', ruleSet: 'MIIT-2022' });
    expect(result!.inserted).toBe(9); // 6 application-mode rows + 3 review-mode rows
    const [row] = await ds.query('SELECT review_risk_expires_on::text AS d FROM enterprise_profiles WHERE organization_id = $1', [id]);
    expect(row.d).toBe('2027-01-10');
  });

  it('does not flag the same title while it is only the firm’s claim (§8.10), and marks the claim in its own assessment', async () => {
    const weak = financialsEnding(2025).map((y) => ({ ...y, rdExpense: 10_000 }));
    const id = await enterpriseWith({ tier: 'SPECIALIZED_SME', tierCertifiedOn: '2024-01-10', financials: weak }, true);
    const result = await service.assess(id, TODAY);
    expect(result!.reviewRisk).toBeNull();
    expect(result!.inserted).toBe(9); // the firm's own view still gets its review-mode rows
    const [row] = await ds.query('SELECT review_risk, tier_provenance FROM enterprise_profiles WHERE organization_id = $1', [id]);
    expect(row).toEqual({ review_risk: null, tier_provenance: 'CLAIMED' });
    const [prereq] = await ds.query(
      `SELECT c->>'actual' AS actual FROM tier_assessments a, jsonb_array_elements(a.criteria) c
        WHERE a.organization_id = $1 AND a.mode = 'NEW' AND a.rule_set = 'MIIT-2022' AND c->>'code' = 'A3.PREREQ'`,
      [id],
    );
    expect(prereq.actual).toContain('称号为企业自报，尚待确认');
  });

  it('does not flag a title that expires more than 12 months ahead', async () => {
    const weak = financialsEnding(2025).map((y) => ({ ...y, rdExpense: 10_000 }));
    const id = await enterpriseWith({ tier: 'INNOVATIVE_SME', tierCertifiedOn: '2025-06-01', financials: weak });
    expect((await service.assess(id, TODAY))!.reviewRisk).toBeNull();
  });

  it('sizes the firm by its stored industry: a software firm with 350 staff and 1.2亿元 is not an SME (§8.6)', async () => {
    const big = financialsEnding(2025).map((y) => ({ ...y, employees: 350, revenue: 120_000_000, mainBusinessRevenue: 110_000_000, rdExpense: 7_200_000 }));
    const software = await enterpriseWith({ industryCode: 'I6511', financials: big });
    const factory = await enterpriseWith({ industryCode: 'C3484', financials: big });
    await service.assess(software, TODAY);
    await service.assess(factory, TODAY);
    const sme = async (id: string) =>
      (await ds.query(
        `SELECT DISTINCT c->>'status' AS status FROM tier_assessments a, jsonb_array_elements(a.criteria) c
          WHERE a.organization_id = $1 AND c->>'code' LIKE '%.SME'`,
        [id],
      )).map((r: { status: string }) => r.status);
    expect(await sme(software)).toEqual(['UNMET']);
    expect(await sme(factory)).toEqual(['MET']);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM tier_assessments WHERE organization_id = $1 AND eligible', [software]);
    expect(n).toBe(0);
  });

  it('pages through every enterprise for the nightly run', async () => {
    const seen: string[] = [];
    for await (const page of service.allProfileIds(2)) seen.push(...page);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM enterprise_profiles');
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
  });
});
