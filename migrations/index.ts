import { Init1795259069504 } from './1795259069504-Init.js';
import { EnterpriseProfiles1795261187091 } from './1795261187091-EnterpriseProfiles.js';
import { Listings1795262294810 } from './1795262294810-Listings.js';
import { Matches1795266149105 } from './1795266149105-Matches.js';
import { MatchRequestsAndInsights1795268364161 } from './1795268364161-MatchRequestsAndInsights.js';
import { LoginThrottle1795273516149 } from './1795273516149-LoginThrottle.js';
import { MailMessages1796399747240 } from './1796399747240-MailMessages.js';
import { MembersAndInvitations1796400102980 } from './1796400102980-MembersAndInvitations.js';
import { VerificationDesk1796400147119 } from './1796400147119-VerificationDesk.js';
import { SessionsAndThrottles1796399768835 } from './1796399768835-SessionsAndThrottles.js';
import { NotificationReadsAndTargets1796400119271 } from './1796400119271-NotificationReadsAndTargets.js';
import { UsccClaimResolution1796403730419 } from './1796403730419-UsccClaimResolution.js';
import { EnterpriseImports1796404795879 } from './1796404795879-EnterpriseImports.js';
import { EnterpriseImportRows1796406089365 } from './1796406089365-EnterpriseImportRows.js';
import { ImportFanoutAndPurge1796410533759 } from './1796410533759-ImportFanoutAndPurge.js';
import { TitleProvenance1796410701863 } from './1796410701863-TitleProvenance.js';
import { TitleReviewPending1796410810911 } from './1796410810911-TitleReviewPending.js';
import { Timeline1796432830145 } from './1796432830145-Timeline.js';
import { ChallengeClosureAndConsent1796433210303 } from './1796433210303-ChallengeClosureAndConsent.js';
import { Outcomes1796433254603 } from './1796433254603-Outcomes.js';
import { Conversations1796433697197 } from './1796433697197-Conversations.js';
import { Deadlines1796436289706 } from './1796436289706-Deadlines.js';
import { Vouchers1796443409469 } from './1796443409469-Vouchers.js';
import { RecommendationPushes1796443427832 } from './1796443427832-RecommendationPushes.js';
import { ListingLifecycle1796443610214 } from './1796443610214-ListingLifecycle.js';
import { PolicyRewards1796443701663 } from './1796443701663-PolicyRewards.js';
import { ProfileConsents1796443735789 } from './1796443735789-ProfileConsents.js';
import { ChallengeProjectRecords1796446332547 } from './1796446332547-ChallengeProjectRecords.js';
import { ServiceProviderSelections1796450250142 } from './1796450250142-ServiceProviderSelections.js';
import { MatchRebuildPartitions1796460043000 } from './1796460043000-MatchRebuildPartitions.js';
import { MatchReasonsJson1796468014157 } from './1796468014157-MatchReasonsJson.js';

/** Applied in this order; `npm run migration:generate` appends here. */
export const MIGRATIONS: Function[] = [
  Init1795259069504,
  EnterpriseProfiles1795261187091,
  Listings1795262294810,
  Matches1795266149105,
  MatchRequestsAndInsights1795268364161,
  LoginThrottle1795273516149,
  MailMessages1796399747240,
  SessionsAndThrottles1796399768835,
  MembersAndInvitations1796400102980,
  NotificationReadsAndTargets1796400119271,
  VerificationDesk1796400147119,
  UsccClaimResolution1796403730419,
  EnterpriseImports1796404795879,
  EnterpriseImportRows1796406089365,
  ImportFanoutAndPurge1796410533759,
  TitleProvenance1796410701863,
  TitleReviewPending1796410810911,
  Timeline1796432830145,
  ChallengeClosureAndConsent1796433210303,
  Outcomes1796433254603,
  Conversations1796433697197,
  Deadlines1796436289706,
  Vouchers1796443409469,
  RecommendationPushes1796443427832,
  ListingLifecycle1796443610214,
  PolicyRewards1796443701663,
  ProfileConsents1796443735789,
  ChallengeProjectRecords1796446332547,
  ServiceProviderSelections1796450250142,
  MatchRebuildPartitions1796460043000,
  MatchReasonsJson1796468014157,
];
