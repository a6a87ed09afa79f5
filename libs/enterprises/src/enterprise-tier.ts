export const ENTERPRISE_TIERS = ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'] as const;
export type EnterpriseTier = (typeof ENTERPRISE_TIERS)[number];

export const SERVICE_CATEGORIES = [
  'TECH_INNOVATION',
  'INTELLECTUAL_PROPERTY',
  'DIGITAL_TRANSFORMATION',
  'GREEN_LOW_CARBON',
  'FINANCING_ADVISORY',
  'MARKET_EXPANSION',
  'MANAGEMENT_CONSULTING',
  'INDUSTRY_MATCHING',
  'TALENT_TRAINING',
  'LEGAL_TAX',
  'TESTING_CERTIFICATION',
  'POLICY_APPLICATION',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const RD_INSTITUTION_LEVELS = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'BELOW_MUNICIPAL', 'NONE'] as const;
export const MAIN_PRODUCT_FIELDS = ['KEY_CHAIN_BREAKTHROUGH', 'SIX_FOUNDATIONS_OR_KEY_SUPPLIER', 'OTHER'] as const;
export const HONOURS = ['HIGH_TECH_ENTERPRISE', 'TECH_INNOVATION_DEMO', 'IP_ADVANTAGE', 'IP_DEMO'] as const;

/** Chinese names of the tiers, for texts people read. */
export const TIER_NAMES: Record<EnterpriseTier, string> = {
  NONE: '未认定梯度',
  INNOVATIVE_SME: '创新型中小企业',
  SPECIALIZED_SME: '专精特新中小企业',
  LITTLE_GIANT: '专精特新“小巨人”企业',
  KEY_LITTLE_GIANT: '国家重点“小巨人”企业',
};
