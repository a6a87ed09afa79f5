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

/** New notifications; API processes deliver each to `Subscription.notificationAdded` of its organization's users. */
export const NOTIFICATION_ADDED = 'notification.added';

export interface NotificationAddedMessage {
  /** Ids and recipients only; the subscriber reads the row. At most {@link NOTIFICATIONS_PER_MESSAGE}. */
  notifications: Array<{ id: string; organizationId: string }>;
}

/** Two UUIDs and JSON punctuation are ~95 bytes: 50 per message stays far below the 7,999-byte limit. */
export const NOTIFICATIONS_PER_MESSAGE = 50;

/**
 * An asynchronous enterprise import changed (a status, a recorded batch): API processes deliver it to
 * `Subscription.enterpriseImportProgress(id)`, reading the row. Published by whichever process made
 * the change, after its commit.
 */
export const ENTERPRISE_IMPORT_PROGRESS = 'enterprise-import.progress';

export interface EnterpriseImportProgressMessage {
  importId: string;
}

/** A message was written on a case's conversation; API processes deliver it to `Subscription.caseMessageAdded` of both sides. */
export const CASE_MESSAGE_ADDED = 'case-message.added';

export interface CaseMessageAddedMessage {
  messageId: string;
  /** The two sides of the case (the sender's organization and the other); the subscriber reads the row. */
  organizationIds: [string, string];
}

/** Recommendations pushed to firms (issue 18); API processes deliver them to `Subscription.recommendationAdded` of the firms' members. */
export const RECOMMENDATION_ADDED = 'recommendation.added';

export interface RecommendationAddedMessage {
  listingId: string;
  /** The pushed firms, at most {@link RECOMMENDATIONS_PER_MESSAGE} per message; the subscriber reads its firm's push row. */
  organizationIds: string[];
}

/**
 * A UUID in a JSON array is 39 bytes: 180 firms and the listing id are ~7.1 KB, below the 7,999-byte
 * limit, so a product pushed to 1,300 firms goes out in 8 messages rather than 27 (each one a round
 * trip on the pub/sub connection, on the path publish → push delivered).
 */
export const RECOMMENDATIONS_PER_MESSAGE = 180;
