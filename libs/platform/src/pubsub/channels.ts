/** The pub/sub channels of the product and what their messages carry (ids only, never entities). */

/** Match requests whose state changed; API processes deliver them to `Subscription.matchRequestUpdated`. */
export const MATCH_REQUEST_UPDATED = 'match-request.updated';

export interface MatchRequestUpdatedMessage {
  matchRequestId: string;
  enterpriseOrganizationId: string;
  ownerOrganizationId: string;
  /** The request's version at the event; the subscriber reads the current row. */
  version: number;
}
