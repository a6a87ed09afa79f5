/**
 * Regression set for claimed vs confirmed titles (DOMAIN.md §8.10, issue 15 item 8). Each firm is a
 * profile row (tier, certification date, provenance) judged on 2026-06-30, with the arithmetic in
 * its row: whether its title counts for others (statistics, bank eligibility, challenge
 * preferences), what its own self-assessment reads (a claim is used, marked), whether it can be at
 * 复核 risk, and what a firm's own edit does to the provenance.
 */
import { describe, expect, it } from '@jest/globals';
import type { EnterpriseProfileEntity } from '../../../../libs/enterprises/src/enterprise-profile.entity.js';
import type { EnterpriseTier } from '../../../../libs/enterprises/src/enterprise-tier.js';
import { profileFacts } from '../../../../libs/enterprises/src/profile-facts.js';
import { countedTier, provenanceAfterOwnEdit, titleCounts, type TitleProvenance } from '../../../../libs/enterprises/src/title-provenance.js';
import { highestEligible, reviewRisk } from '../../../../libs/tier-assessments/src/assessment-verdicts.js';
import { CLAIMED_TITLE_NOTE, MIIT_2022, MIIT_2026, effectiveTier, evaluateTiers, type TierOutcome } from '../../../../libs/tiers/src/index.js';
import { enterpriseSide } from '../../../../libs/matching/src/sets/match-sides.js';
import { scoreMatch } from '../../../../libs/matching/src/core/scorer.js';
import { challenge, credit, firm } from '../../matching/match-test-kit.js';
import { AS_OF, a3, b1, crit, littleGiant, specialized } from '../tier-test-kit.js';

interface Title {
  tier: EnterpriseTier;
  tierCertifiedOn: string | null;
  tierProvenance: TitleProvenance | null;
}

/** A stored profile with only what the title logic reads. */
const row = (t: Title) =>
  ({
    organizationId: 'firm',
    industryCode: 'C3484',
    foundedOn: '2012-03-01',
    mainBusinessSince: '2013-01-01',
    inventionPatents: 5,
    utilityModels: 0,
    designPatents: 0,
    softwareCopyrights: 0,
    trademarks: 0,
    tierFacts: {},
    financials: [],
    ...t,
  }) as unknown as EnterpriseProfileEntity;

/** The tier others see today: counted provenance, then validity (3 years). */
const seenByOthers = (t: Title) => enterpriseSide(row(t), '330281', [], AS_OF).tier;
/** The title facts the firm's own self-assessment uses. */
const ownTitle = (t: Title) => {
  const f = profileFacts(row(t), AS_OF, 'own');
  return { certifiedTier: f.certifiedTier, certifiedTierClaimed: f.certifiedTierClaimed, tierCertifiedOn: f.tierCertifiedOn };
};
const countedTitle = (t: Title) => {
  const f = profileFacts(row(t), AS_OF, 'counted');
  return { certifiedTier: f.certifiedTier, certifiedTierClaimed: f.certifiedTierClaimed, tierCertifiedOn: f.tierCertifiedOn };
};
const failingReview = (tier: 'SPECIALIZED_SME' | 'LITTLE_GIANT'): TierOutcome => ({ tier, ruleSet: 'MIIT-2022', eligible: false, verdict: 'NOT_ELIGIBLE', criteria: [], missingData: [] });

describe('claimed vs confirmed titles: ten firms on 2026-06-30', () => {
  it('1. 甬江精密 claims 国家重点小巨人 (certified 2025-03-01, the original bug): counted nowhere, own view marked', () => {
    // 2025-03-01 + 3 years = 2028-03-01 > 2026-06-30: valid by date, but only CLAIMED → others see NONE.
    const t: Title = { tier: 'KEY_LITTLE_GIANT', tierCertifiedOn: '2025-03-01', tierProvenance: 'CLAIMED' };
    expect(titleCounts(t.tierProvenance)).toBe(false);
    expect(seenByOthers(t)).toBe('NONE');
    expect(ownTitle(t)).toEqual({ certifiedTier: 'KEY_LITTLE_GIANT', certifiedTierClaimed: true, tierCertifiedOn: '2025-03-01' });
    // A 重点小巨人-only credit product: the claim is not admitted; the confirmed twin is (the control).
    const product = credit({ eligibleTiers: ['KEY_LITTLE_GIANT'] });
    expect(scoreMatch(firm({ tier: seenByOthers(t) }), product).eligible).toBe(false);
    expect(scoreMatch(firm({ tier: seenByOthers({ ...t, tierProvenance: 'CONFIRMED' }) }), product).eligible).toBe(true);
  });

  it('2. the same firm once the AUTHORITY confirms: counted as 国家重点小巨人, own view unmarked', () => {
    const t: Title = { tier: 'KEY_LITTLE_GIANT', tierCertifiedOn: '2025-03-01', tierProvenance: 'CONFIRMED' };
    expect(seenByOthers(t)).toBe('KEY_LITTLE_GIANT');
    expect(ownTitle(t)).toEqual({ certifiedTier: 'KEY_LITTLE_GIANT', certifiedTierClaimed: undefined, tierCertifiedOn: '2025-03-01' });
  });

  it('3. 慈溪汇能 imported 专精特新 2023-07-01: counted; expires 2026-07-01, so inside the 12-month window and at risk when the review fails', () => {
    // Window: 2026-07-01 − 12 months = 2025-07-01 ≤ 2026-06-30 < 2026-07-01.
    const t: Title = { tier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-07-01', tierProvenance: 'IMPORTED' };
    expect(seenByOthers(t)).toBe('SPECIALIZED_SME');
    expect(reviewRisk(t, failingReview('SPECIALIZED_SME'), AS_OF)).toMatchObject({ tier: 'SPECIALIZED_SME', expiresOn: '2026-07-01' });
  });

  it('4. 北仑拓远 claims the same 专精特新 2023-07-01: not counted and never at 复核 risk (a claim is no title to re-review)', () => {
    const t: Title = { tier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-07-01', tierProvenance: 'CLAIMED' };
    expect(seenByOthers(t)).toBe('NONE');
    expect(reviewRisk(t, failingReview('SPECIALIZED_SME'), AS_OF)).toBeNull();
  });

  it('5. 镇海博达: claim of 小巨人 rejected by the AUTHORITY → counts nowhere, not even in its own self-assessment', () => {
    const t: Title = { tier: 'LITTLE_GIANT', tierCertifiedOn: '2024-05-10', tierProvenance: 'REJECTED' };
    expect(seenByOthers(t)).toBe('NONE');
    expect(ownTitle(t)).toEqual({ certifiedTier: 'NONE', certifiedTierClaimed: undefined, tierCertifiedOn: undefined });
    expect(reviewRisk(t, failingReview('LITTLE_GIANT'), AS_OF)).toBeNull();
    // Own 2022 小巨人 application: the prerequisite (a valid 专精特新 or 小巨人 title) is not met.
    expect(crit(a3(littleGiant(ownTitle(t))), 'A3.PREREQ').status).toBe('UNMET');
  });

  it('6. 江北恒盛: confirmed 小巨人 certified 2023-06-29 has lapsed (2026-06-29 ≤ 2026-06-30): confirmation does not revive it', () => {
    const t: Title = { tier: 'LITTLE_GIANT', tierCertifiedOn: '2023-06-29', tierProvenance: 'CONFIRMED' };
    expect(effectiveTier({ tier: countedTier(t.tier, t.tierProvenance), certifiedOn: t.tierCertifiedOn }, AS_OF)).toBe('NONE');
    expect(seenByOthers(t)).toBe('NONE');
    // Expired: not at risk either (§8.2), whatever the review.
    expect(reviewRisk(t, failingReview('LITTLE_GIANT'), AS_OF)).toBeNull();
  });

  it('7. 余姚瑞达 claims 专精特新 (2024-07-01) and meets every 2022 小巨人 condition: eligible in its own view (marked), not in the statistics', () => {
    // SAMPLE_LITTLE_GIANT holds 专精特新 from 2024-07-01; as a claim the prerequisite is met only in the firm's own view.
    const t: Title = { tier: 'SPECIALIZED_SME', tierCertifiedOn: '2024-07-01', tierProvenance: 'CLAIMED' };
    const own = a3(littleGiant(ownTitle(t)));
    expect(own.eligible).toBe(true);
    expect(crit(own, 'A3.PREREQ')).toMatchObject({ status: 'MET' });
    expect(crit(own, 'A3.PREREQ').actual).toContain(CLAIMED_TITLE_NOTE);
    const counted = a3(littleGiant(countedTitle(t)));
    expect(counted.eligible).toBe(false);
    expect(crit(counted, 'A3.PREREQ').status).toBe('UNMET');
    // The eligible tier the AUTHORITY's pipeline reads comes from the counted evaluation (rules in force for 2022-only here: MIIT-2022 rows).
    const rows = (facts: Parameters<typeof evaluateTiers>[1]) =>
      [MIIT_2022, MIIT_2026].flatMap((rs) => evaluateTiers(rs, facts, { mode: 'NEW' }).map((o) => ({ tier: o.tier, ruleSet: o.ruleSet, mode: 'NEW' as const, eligible: o.eligible })));
    const before2026 = '2026-03-31';
    expect(highestEligible(rows(littleGiant({ ...ownTitle(t), asOf: before2026 })), before2026)).toBe('LITTLE_GIANT');
    expect(highestEligible(rows(littleGiant({ ...countedTitle(t), asOf: before2026 })), before2026)).not.toBe('LITTLE_GIANT');
  });

  it('8. 奉化科创 confirmed 专精特新 2024-07-01: the same firm is eligible for 小巨人 everywhere, no mark', () => {
    const t: Title = { tier: 'SPECIALIZED_SME', tierCertifiedOn: '2024-07-01', tierProvenance: 'CONFIRMED' };
    const o = a3(littleGiant(ownTitle(t)));
    expect(o.eligible).toBe(true);
    expect(crit(o, 'A3.PREREQ').actual ?? '').not.toContain(CLAIMED_TITLE_NOTE);
    expect(a3(littleGiant(countedTitle(t))).eligible).toBe(true);
  });

  it('9. 象山禾新 claims 创新型 (2025-01-01) without 科技型 registration: 2026 专精特新 base condition met in its own view only (marked)', () => {
    const t: Title = { tier: 'INNOVATIVE_SME', tierCertifiedOn: '2025-01-01', tierProvenance: 'CLAIMED' };
    const own = b1(specialized({ ...ownTitle(t), techOrInnovativeSmeValid: undefined }));
    expect(crit(own, 'B1.BASE')).toMatchObject({ status: 'MET' });
    expect(crit(own, 'B1.BASE').actual).toContain(CLAIMED_TITLE_NOTE);
    // Counted: no title and 科技型 status unknown → UNKNOWN, not MET.
    expect(crit(b1(specialized({ ...countedTitle(t), techOrInnovativeSmeValid: undefined })), 'B1.BASE').status).toBe('UNKNOWN');
  });

  it('10. 宁海精创 imported 创新型 (2025-01-01): the 2026 base condition is met without a mark; a 创新型-preferring challenge sees 创新型', () => {
    const t: Title = { tier: 'INNOVATIVE_SME', tierCertifiedOn: '2025-01-01', tierProvenance: 'IMPORTED' };
    const o = b1(specialized({ ...ownTitle(t), techOrInnovativeSmeValid: undefined }));
    expect(crit(o, 'B1.BASE').status).toBe('MET');
    expect(crit(o, 'B1.BASE').actual ?? '').not.toContain(CLAIMED_TITLE_NOTE);
    const prefers = challenge({ preferredTiers: ['INNOVATIVE_SME'] });
    const preference = (tier: EnterpriseTier) => {
      const r = scoreMatch(firm({ tier }), prefers);
      return r.eligible ? r.reasons.find((x) => x.code === 'CHALLENGE.POSTER_TIER_PREFERENCE')?.label : undefined;
    };
    expect(preference(seenByOthers(t))).toContain('，符合');
    // The same title only claimed is not in the poster's preference.
    expect(preference(seenByOthers({ ...t, tierProvenance: 'CLAIMED' }))).toContain('不在偏好内');
  });

  it('11. 海曙新远 has no title: no provenance, NONE for everyone', () => {
    const t: Title = { tier: 'NONE', tierCertifiedOn: null, tierProvenance: null };
    expect(seenByOthers(t)).toBe('NONE');
    expect(ownTitle(t).certifiedTier).toBe('NONE');
    expect(provenanceAfterOwnEdit(null, 'NONE', null)).toBeNull();
  });
});

describe('what a firm’s own edit does to the provenance', () => {
  const confirmed: Title = { tier: 'LITTLE_GIANT', tierCertifiedOn: '2024-05-10', tierProvenance: 'CONFIRMED' };
  const rejected: Title = { ...confirmed, tierProvenance: 'REJECTED' };
  it.each<[string, Title | null, EnterpriseTier, string | null, TitleProvenance | null]>([
    ['re-sending the confirmed title unchanged keeps CONFIRMED', confirmed, 'LITTLE_GIANT', '2024-05-10', 'CONFIRMED'],
    ['changing the confirmed title’s date → CLAIMED', confirmed, 'LITTLE_GIANT', '2024-05-11', 'CLAIMED'],
    ['raising the confirmed tier → CLAIMED', confirmed, 'KEY_LITTLE_GIANT', '2024-05-10', 'CLAIMED'],
    ['lowering the confirmed tier → CLAIMED', confirmed, 'SPECIALIZED_SME', '2024-05-10', 'CLAIMED'],
    ['dropping the title → none', confirmed, 'NONE', null, null],
    ['re-sending a rejected claim unchanged stays REJECTED', rejected, 'LITTLE_GIANT', '2024-05-10', 'REJECTED'],
    ['correcting a rejected claim’s date → a new CLAIM', rejected, 'LITTLE_GIANT', '2024-06-10', 'CLAIMED'],
    ['an imported title re-sent unchanged stays IMPORTED', { ...confirmed, tierProvenance: 'IMPORTED' }, 'LITTLE_GIANT', '2024-05-10', 'IMPORTED'],
    ['a first profile with a title → CLAIMED', null, 'SPECIALIZED_SME', '2025-01-01', 'CLAIMED'],
    ['a title without a date is a claim too', null, 'INNOVATIVE_SME', null, 'CLAIMED'],
  ])('%s', (_what, existing, tier, date, expected) => {
    expect(provenanceAfterOwnEdit(existing, tier, date)).toBe(expected);
  });
});
