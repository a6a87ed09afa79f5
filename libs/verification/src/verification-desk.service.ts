import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../identity/src/index.js';
import { VerificationService, validateReason, type DecisionOutcome, VERIFICATION_REASON_MAX_CHARS } from '../../identity/src/index.js';
import { loadListingRows, ListingService, ChallengeApplicationService } from '../../listings/src/index.js';
import { MatchRequestService } from '../../matching/src/index.js';

export interface RevocationOutcome extends DecisionOutcome {
  closedListingIds: string[];
  cancelledMatchRequestIds: string[];
  withdrawnApplicationIds: string[];
}

/**
 * Revoking a verification, with its consequences in the same transaction: the organization's
 * PUBLISHED listings are closed through the listings' own close path (下架 by the AUTHORITY, with the
 * reason; search and match sets follow its `listing.closed` events; the rows stay, CLOSED), and its
 * open match requests, on either side, are cancelled through the match-request workflow, and its
 * SUBMITTED/SHORTLISTED 揭榜 applications are withdrawn (the challenge's owner is told why; ACCEPTED
 * ones stay: a contract exists). Publishing stops by itself: publishListing is for verified
 * organizations only.
 */
@Injectable()
export class VerificationDeskService {
  constructor(
    private readonly verification: VerificationService,
    private readonly listings: ListingService,
    private readonly matchRequests: MatchRequestService,
    private readonly applications: ChallengeApplicationService,
  ) {}

  async revoke(manager: EntityManager, actor: Actor | undefined, id: string, reason: string): Promise<RevocationOutcome> {
    const outcome = await this.verification.decide(manager, actor, id, 'REVOKE', reason);
    const org = outcome.organization;
    const why = validateReason(reason, 'reason', true)!;
    const closedReason = Array.from(`机构资质已被主管部门撤销：${why}`).slice(0, VERIFICATION_REASON_MAX_CHARS).join('');
    const published = await loadListingRows(manager, { ownerId: org.id, published: true });
    const closedListingIds: string[] = [];
    for (const { listing } of published) {
      await this.listings.close(manager, actor, listing.id, closedReason);
      closedListingIds.push(listing.id);
    }
    const cancelled = await this.matchRequests.cancelForRevokedOrganization(manager, org.id, actor!.userId);
    const withdrawn = await this.applications.withdrawForRevokedOrganization(manager, org.id, actor!.userId);
    return { ...outcome, closedListingIds, cancelledMatchRequestIds: cancelled.map((r) => r.id), withdrawnApplicationIds: withdrawn.map((a) => a.id) };
  }
}
