import { describe, expect, it } from '@jest/globals';
import { demoEnterprises } from '../../../apps/api/src/demo/demo-enterprises.js';
import { validateProfile } from '../../../libs/enterprises/src/profile-input.js';
import { profileFacts } from '../../../libs/enterprises/src/profile-facts.js';
import type { EnterpriseProfileEntity } from '../../../libs/enterprises/src/enterprise-profile.entity.js';
import { validateUscc } from '../../../libs/identity/src/uscc/uscc.js';
import { RULE_SETS, evaluateTiers, reviewRuleSetFor, ruleSetInForce } from '../../../libs/tiers/src/index.js';
import { reviewRisk } from '../../../libs/tier-assessments/src/assessment-verdicts.js';
import type { AssessedTier } from '../../../libs/tiers/src/tier-types.js';

const TODAY = '2026-11-21';
const firms = demoEnterprises(TODAY);

function asEntity(i: number): EnterpriseProfileEntity {
  const p = validateProfile(firms[i]!.profile, TODAY);
  return {
    ...p,
    ...p.ipAssets,
    organizationId: `demo-${i}`,
    tierCertifiedOn: p.tierCertifiedOn ?? null,
    // As the seed writes them (DOMAIN.md §8.10): demo titles are confirmed or imported, so they count.
    tierProvenance: p.tier === 'NONE' ? null : 'IMPORTED',
    tierFacts: p.tierFacts ?? {},
    financials: p.financials.map((y) => ({ organizationId: `demo-${i}`, netProfit: null, totalAssets: null, totalLiabilities: null, employees: null, rdEmployees: null, equityFinancing: null, ...y })),
  } as unknown as EnterpriseProfileEntity;
}

/** The highest tier each demo firm qualifies for under the rules in force on TODAY. */
function highestEligible(i: number): string {
  const facts = profileFacts(asEntity(i), TODAY);
  let best = 'NONE';
  for (const tier of ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'] as AssessedTier[]) {
    const outcome = evaluateTiers(RULE_SETS[ruleSetInForce(tier, TODAY)]!, facts).find((o) => o.tier === tier)!;
    if (outcome.eligible) best = tier;
  }
  return best;
}

describe('demo enterprises', () => {
  it('are about 30 valid profiles with valid, unique USCCs', () => {
    expect(firms.length).toBeGreaterThanOrEqual(28);
    expect(new Set(firms.map((f) => f.uscc)).size).toBe(firms.length);
    for (const f of firms) {
      expect(validateUscc(f.uscc)).toEqual({ ok: true });
      expect(() => validateProfile(f.profile, TODAY)).not.toThrow();
    }
  });

  it('land in every tier, from none to 小巨人', () => {
    const tiers = new Set(firms.map((_, i) => highestEligible(i)));
    expect([...tiers].sort()).toEqual(['INNOVATIVE_SME', 'LITTLE_GIANT', 'NONE', 'SPECIALIZED_SME']);
  });

  it('include titled firms at 复核 risk', () => {
    const atRisk = firms.filter((_, i) => {
      const entity = asEntity(i);
      if (entity.tier === 'NONE' || !entity.tierCertifiedOn) return false;
      const tier = (entity.tier === 'KEY_LITTLE_GIANT' ? 'LITTLE_GIANT' : entity.tier) as AssessedTier;
      // The rules in force on the re-review date (the expiry), or a campaign row's (§8.4).
      const choice = reviewRuleSetFor({ tier: entity.tier, certifiedOn: entity.tierCertifiedOn })!;
      const outcome = evaluateTiers(RULE_SETS[choice.ruleSetId]!, profileFacts(entity, TODAY), { mode: 'REVIEW' }).find((o) => o.tier === tier);
      return reviewRisk(entity, outcome, TODAY, choice) !== null;
    });
    expect(atRisk.length).toBeGreaterThanOrEqual(3);
  });
});
