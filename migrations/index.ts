import { Init1795259069504 } from './1795259069504-Init.js';
import { EnterpriseProfiles1795261187091 } from './1795261187091-EnterpriseProfiles.js';
import { Listings1795262294810 } from './1795262294810-Listings.js';
import { Matches1795266149105 } from './1795266149105-Matches.js';
import { MatchRequestsAndInsights1795268364161 } from './1795268364161-MatchRequestsAndInsights.js';
import { LoginThrottle1795273516149 } from './1795273516149-LoginThrottle.js';
import { NotificationReadsAndTargets1796400119271 } from './1796400119271-NotificationReadsAndTargets.js';

/** Applied in this order; `npm run migration:generate` appends here. */
export const MIGRATIONS: Function[] = [
  Init1795259069504,
  EnterpriseProfiles1795261187091,
  Listings1795262294810,
  Matches1795266149105,
  MatchRequestsAndInsights1795268364161,
  LoginThrottle1795273516149,
  NotificationReadsAndTargets1796400119271,
];
