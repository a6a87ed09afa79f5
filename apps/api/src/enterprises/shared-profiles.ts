import type { ChallengeApplicationService } from '../../../../libs/listings/src/index.js';
import type { MatchRequestService } from '../../../../libs/matching/src/index.js';

/**
 * Which of `enterpriseIds` shared their profile with `ownerOrganizationId`: through a match request
 * to one of its listings or a 揭榜 application to one of its challenges, each while its consent
 * lasts (SHARING_MATCH_REQUEST_STATUSES, SHARING_APPLICATION_STATUSES). The one grant behind
 * `enterpriseProfile` and the figures of `leads`.
 */
export async function profilesSharedWith(
  requests: MatchRequestService,
  applications: ChallengeApplicationService,
  ownerOrganizationId: string,
  enterpriseIds: readonly string[],
): Promise<Set<string>> {
  const [viaRequests, viaApplications] = await Promise.all([
    requests.sharedProfiles(ownerOrganizationId, enterpriseIds),
    applications.sharedProfiles(ownerOrganizationId, enterpriseIds),
  ]);
  return new Set([...viaRequests, ...viaApplications]);
}
