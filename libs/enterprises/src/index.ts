/**
 * libs/enterprises: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { bigintNumber } from './bigint-number.js';
export { countedLapsedSql, countedTitleSql, effectiveTierSql } from './effective-tier.sql.js';
export { EnterpriseFinancialsEntity } from './enterprise-financials.entity.js';
export { EnterpriseProfileEntity, ipAssetsOf, type ReviewRiskValue } from './enterprise-profile.entity.js';
export { EnterpriseProfileService, hidesAuthorityData, profileImportedAtSql } from './enterprise-profile.service.js';
export { MATCH_SIDE_PROFILE_FIELDS, MATCH_SIDE_YEAR_FIELDS, SKIPPED_RESCORING, type SkippedRescoring, TIER_PROFILE_FIELDS, TIER_YEAR_FIELDS, scoringChanges, type ProfileState } from './scoring-relevance.js';
export {
  enterpriseCandidates,
  type EnterpriseCandidatesFilter,
  type EnterpriseRowsFilter,
  financingNeedAmount,
  hasEnterpriseProfileSql,
  loadEnterpriseRows,
} from './enterprise-rows.read-model.js';
export {
  ENTERPRISE_TIERS,
  type EnterpriseTier,
  HONOURS,
  MAIN_PRODUCT_FIELDS,
  RD_INSTITUTION_LEVELS,
  SERVICE_CATEGORIES,
  type ServiceCategory,
  TIER_NAMES,
} from './enterprise-tier.js';
export { EnterprisesModule } from './enterprises.module.js';
export { checkUpload, EnterpriseImportRuns, NightlyImportPurgeScheduler, type OutcomeCount } from './import/enterprise-import-runs.js';
export {
  ENTERPRISE_IMPORT_STATUSES,
  EnterpriseImportEntity,
  EnterpriseImportRowEntity,
  type EnterpriseImportStatus,
  IMPORT_ROW_OUTCOME_LABELS,
  IMPORT_ROW_OUTCOMES,
  IMPORT_STATUS_LABELS,
  type ImportRowOutcome,
} from './import/enterprise-import.entity.js';
export {
  EnterpriseImporter,
  importFileFormat,
  type ImportOutcome,
  type ImportRejection,
  type MappedColumn,
  parseEnterpriseSheet,
  type UnknownColumn,
} from './import/enterprise-import.js';
export { COLUMN_BY_KEY, type ImportColumnKey, MONEY_UNITS, type MoneyUnit } from './import/import-columns.js';
export { readSheetIsolated } from './import/read-sheet-isolated.js';
export { SHEET_LIMITS } from './import/sheet-limits.js';
export { describeIndustryCodeProblem, industryName } from '../../codes/src/index.js';
export { industryNestsSql } from './industry-nesting.sql.js';
export { profileFacts } from './profile-facts.js';
export { isCalendarDate, type ProfileCommand, validateProfile } from './profile-input.js';
export { ReviewRiskQuery } from './review-risk.query.js';
export { TitleDecisionEntity } from './title-decision.entity.js';
export { TitleDecisionService } from './title-decision.service.js';
export { countedTier, TITLE_PROVENANCE_TEXT, TITLE_PROVENANCES, titleCounts, type TitleProvenance } from './title-provenance.js';
export { type TitleReviewAction, TitleReviewMarkEntity } from './title-review/title-review-mark.entity.js';
export { TitleReviewService } from './title-review/title-review.service.js';
export {
  CONSENT_AFTER_DECISION_DAYS,
  CONSENT_MAX_DAYS,
  CONSENT_PURPOSES,
  CONSENT_STATUSES,
  type CaseStanding,
  type ConsentPurpose,
  type ConsentStatus,
  consentState,
  missingSections,
  PROFILE_SECTION_LABELS,
  PROFILE_SECTIONS,
  type ProfileSection,
  sectionLabels,
  sectionNames,
} from './consent/consent-scope.js';
export { ProfileConsentEntity, type FinancialsSnapshotYear } from './consent/profile-consent.entity.js';
export { ACCESS_OPERATIONS, ACCESS_OUTCOMES, ACCESS_SECTIONS, type AccessOperation, type AccessOutcome, type AccessSection, ProfileAccessEntity } from './consent/profile-access.entity.js';
export { CONSENT_ROLES, type ConsentRole, ConsentService, type GrantConsentCommand, recordCaseConsent } from './consent/consent.service.js';
export { type AccessRecord, AccessLogService } from './consent/access-log.service.js';
export { NightlyAccessLogPurgeScheduler, PurgeAccessLogHandler } from './consent/access-log-purge.js';
