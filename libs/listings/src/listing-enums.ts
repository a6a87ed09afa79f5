export const LISTING_KINDS = ['SERVICE_OFFERING', 'CREDIT_PRODUCT', 'CHALLENGE', 'PARK_VACANCY'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const LISTING_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const CREDIT_PRODUCT_TYPES = [
  'IP_PLEDGE',
  'LOAN_INVESTMENT_LINKAGE',
  'CREDIT_LOAN',
  'TALENT_LOAN',
  'ORDER_FINANCING',
  'SUPPLY_CHAIN',
  'TECH_REFINANCING',
  'OTHER',
] as const;
export type CreditProductType = (typeof CREDIT_PRODUCT_TYPES)[number];

export const RATE_TYPES = ['FIXED', 'LPR_FLOATING'] as const;
export const GUARANTEE_METHODS = ['CREDIT', 'IP_PLEDGE', 'EQUITY_PLEDGE', 'GUARANTEE_COMPANY', 'MORTGAGE', 'RECEIVABLES_PLEDGE'] as const;

export const IP_OWNERSHIPS = ['POSTER', 'SOLVER', 'SHARED', 'BY_CONTRACT'] as const;
export type IpOwnership = (typeof IP_OWNERSHIPS)[number];
export const COOPERATION_MODES = ['JOINT_RD', 'COMMISSIONED_RD', 'TECH_TRANSFER', 'PROCUREMENT'] as const;

export const APPLICATION_STATUSES = ['SUBMITTED', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'CLOSED_BY_OWNER'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Undecided applications: closing their challenge moves them to CLOSED_BY_OWNER (ADR 0028). */
export const OPEN_APPLICATION_STATUSES = ['SUBMITTED', 'SHORTLISTED'] as const satisfies readonly ApplicationStatus[];
/**
 * Applications whose `shareProfile` consent lets the challenge's owner read the applicant's profile
 * (mirrors SHARING_MATCH_REQUEST_STATUSES): not once it was withdrawn, rejected or closed with its
 * challenge — the consent was given for this application, which no longer needs the financials.
 */
export const SHARING_APPLICATION_STATUSES = ['SUBMITTED', 'SHORTLISTED', 'ACCEPTED'] as const satisfies readonly ApplicationStatus[];
export const APPLICATION_DECISIONS = ['SHORTLIST', 'ACCEPT', 'REJECT'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];
/** DOMAIN.md §2.2: one to three solvers per need. */
export const MAX_ACCEPTED_PER_CHALLENGE = 3;

export const VACANCY_USES = ['PRODUCTION', 'RD', 'WAREHOUSE', 'OFFICE'] as const;
export const VACANCY_TENURES = ['LEASE', 'SALE', 'LEASE_OR_SALE'] as const;

/** Which organization kind may create each listing kind. */
export const LISTING_OWNER_KIND = {
  SERVICE_OFFERING: 'SERVICE_PROVIDER',
  CREDIT_PRODUCT: 'BANK',
  CHALLENGE: 'ANCHOR_ENTERPRISE',
  PARK_VACANCY: 'PARK_OPERATOR',
} as const;
