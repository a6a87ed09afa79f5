/**
 * Which rules judge a tier (pure: no Nest, no TypeORM).
 *
 * - New applications: the rule set in force on the assessment date ({@link ruleSetInForce}).
 * - Re-reviews (复核): the rule set in force on the RE-REVIEW date — the title's expiry — in its
 *   re-review mode, unless a row of {@link REVIEW_CAMPAIGNS} (data) names the batch and another
 *   standard ({@link reviewRuleSetFor}). The certification date alone no longer decides.
 */
import type { AssessedTier, CertifiedTier } from './tier-types.js';
import { tierExpiresOn } from './validity.js';

/** 2026 rules (工信部企业〔2026〕2号) apply to new 专精特新 / 小巨人 applications, and to re-reviews dated, from this day. */
export const MIIT_2026_EFFECTIVE = '2026-04-01';

/**
 * The rule set that judges a tier on `date`: 创新型 keeps 2022 Annex 1 until a merged standard is
 * published (工信部企业〔2026〕2号第三十条); the other tiers use the 2026 criteria from 2026-04-01.
 */
export function ruleSetInForce(tier: AssessedTier, date: string): string {
  if (tier === 'INNOVATIVE_SME') return 'MIIT-2022';
  return date.slice(0, 10) >= MIIT_2026_EFFECTIVE ? 'MIIT-2026' : 'MIIT-2022';
}

/**
 * A named re-review campaign that overrides the date rule: titles of `tiers` certified (or last
 * renewed) between `certifiedFrom` and `certifiedTo` (inclusive) whose re-review date falls between
 * `reviewFrom` and `reviewTo` (inclusive) are re-reviewed under `ruleSetId`, re-review mode.
 */
export interface ReviewCampaign {
  id: string;
  /** Chinese name, shown to people. */
  label: string;
  /** The document that decided it (文号). */
  document: string;
  tiers: readonly AssessedTier[];
  certifiedFrom: string;
  certifiedTo: string;
  reviewFrom: string;
  reviewTo: string;
  ruleSetId: string;
  /** Why, in Chinese, citing the document. */
  basis: string;
}

/**
 * The campaign table. One row: the 2026 小巨人 re-review of the 5th batch (recognised 2023) and of
 * the 2nd batch (recognised 2020, renewed by the 2023 re-review) is judged by the 2022 standard.
 * Profiles record no batch number; both batches hold a title certified or renewed in 2023 (MIIT
 * publishes one 小巨人 batch a year), which is what the row matches.
 */
export const REVIEW_CAMPAIGNS: readonly ReviewCampaign[] = [
  {
    id: 'MIIT-2026-LG-REVIEW-BATCH5-BATCH2',
    label: '2026年第五批及第二批（2023年复核通过）专精特新"小巨人"企业复核',
    document: '工信厅企业函〔2026〕117号',
    tiers: ['LITTLE_GIANT'],
    certifiedFrom: '2023-01-01',
    certifiedTo: '2023-12-31',
    reviewFrom: '2026-01-01',
    reviewTo: '2026-12-31',
    ruleSetId: 'MIIT-2022',
    basis:
      '依工信厅企业函〔2026〕117号，2026年对第五批及第二批（2023年复核通过）专精特新"小巨人"企业的复核沿用《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）标准',
  },
];

/** How a title will be re-reviewed. */
export interface ReviewRuleChoice {
  /** Rule set id (MIIT-2022 / MIIT-2026); always evaluated in REVIEW mode. */
  ruleSetId: string;
  /** The re-review date: the title's expiry (first day it is no longer valid by itself). */
  reviewDate: string;
  /** The campaign row that decided, if any. */
  campaign?: ReviewCampaign;
  /** Why these rules, in Chinese, citing the document. */
  basis: string;
}

/** The tier whose rules re-review a certified title (重点小巨人 is re-reviewed as 小巨人). */
export function reviewedTier(tier: CertifiedTier): AssessedTier | undefined {
  if (tier === 'NONE') return undefined;
  return tier === 'KEY_LITTLE_GIANT' ? 'LITTLE_GIANT' : tier;
}

/**
 * The rules a title certified on `certifiedOn` is re-reviewed by: a matching campaign row, else
 * the rule set in force on its expiry. Undefined for no title.
 */
export function reviewRuleSetFor(
  title: { tier: CertifiedTier; certifiedOn: string },
  campaigns: readonly ReviewCampaign[] = REVIEW_CAMPAIGNS,
): ReviewRuleChoice | undefined {
  const tier = reviewedTier(title.tier);
  if (!tier) return undefined;
  const certifiedOn = title.certifiedOn.slice(0, 10);
  const reviewDate = tierExpiresOn(certifiedOn);
  const campaign = campaigns.find(
    (c) => c.tiers.includes(tier) && c.certifiedFrom <= certifiedOn && certifiedOn <= c.certifiedTo && c.reviewFrom <= reviewDate && reviewDate <= c.reviewTo,
  );
  if (campaign) return { ruleSetId: campaign.ruleSetId, reviewDate, campaign, basis: campaign.basis };
  const ruleSetId = ruleSetInForce(tier, reviewDate);
  const basis =
    tier === 'INNOVATIVE_SME'
      ? `复核日期${reviewDate}；依《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号）第三十条，创新型中小企业在新标准发布前沿用工信部企业〔2022〕63号附件1`
      : ruleSetId === 'MIIT-2026'
        ? `复核日期${reviewDate}在2026年4月1日及以后，按《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号）的复核条件`
        : `复核日期${reviewDate}早于2026年4月1日，按《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）复核`;
  return { ruleSetId, reviewDate, basis };
}
