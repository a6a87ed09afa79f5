/**
 * libs/listings: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { ChallengeApplicationEntity } from './challenges/challenge-application.entity.js';
export { canSeeApplication, ChallengeApplicationService, visibleApplications } from './challenges/challenge-application.service.js';
export { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from './entities/listing-details.entity.js';
export { ListingEntity } from './entities/listing.entity.js';
export { ParkEntity } from './entities/park.entity.js';
export { TAKEDOWN_APPEAL_STATUSES, TakedownAppealEntity, type TakedownAppealStatus } from './entities/takedown-appeal.entity.js';
export {
  APPLICATION_DECISIONS,
  APPLICATION_STATUSES,
  OPEN_APPLICATION_STATUSES,
  type ApplicationDecision,
  type ApplicationStatus,
  COOPERATION_MODES,
  CREDIT_PRODUCT_TYPES,
  GUARANTEE_METHODS,
  IP_OWNERSHIPS,
  LISTING_KINDS,
  LISTING_STATUSES,
  type ListingKind,
  RATE_TYPES,
  VACANCY_TENURES,
  VACANCY_USES,
} from './listing-enums.js';
export {
  type ChallengeInputCommand,
  type CreditProductInputCommand,
  industryPrefixProblem,
  type ParkInputCommand,
  type ParkVacancyInputCommand,
  type ServiceOfferingInputCommand,
} from './listing-input.js';
export {
  isPublishedListingSql,
  type ListingColumn,
  type ListingPageRow,
  type ListingReadShape,
  type ListingRow,
  type ListingRowsFilter,
  listingRowOf,
  listingSelectSql,
  publicOrganizationOf,
  publicOrganizationSql,
  loadListingRows,
  loadListingStamps,
  loadStampedListingRows,
  type ListingStamp,
  PARK_COLUMNS,
  type ParkField,
  PUBLIC_ORGANIZATION_COLUMNS,
  type PublicOrganizationField,
  shareLockedListing,
} from './listing-rows.read-model.js';
export { canSeeListing, type FullListing, listingCursor, ListingService } from './listing.service.js';
export { ListingsModule } from './listings.module.js';
export { workingCalendarProvider } from './working-calendar.provider.js';
