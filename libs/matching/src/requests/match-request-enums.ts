export const MATCH_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED'] as const;
export type MatchRequestStatus = (typeof MATCH_REQUEST_STATUSES)[number];

export const MATCH_OUTCOMES = ['SUCCESS', 'FAILURE'] as const;
export type MatchOutcome = (typeof MATCH_OUTCOMES)[number];

export const MATCH_REQUEST_ROLES = ['SENT', 'RECEIVED'] as const;
export type MatchRequestRole = (typeof MATCH_REQUEST_ROLES)[number];

/** Open requests: at most one per enterprise and listing (a second is CONFLICT). */
export const OPEN_MATCH_REQUEST_STATUSES = ['PENDING', 'ACCEPTED'] as const satisfies readonly MatchRequestStatus[];

/**
 * Requests whose `shareProfile` consent lets the listing's owner read the enterprise profile:
 * not once the enterprise cancelled it or the owner declined it (consent was given for this
 * request; a declined or cancelled one no longer needs the financials).
 */
export const SHARING_MATCH_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'COMPLETED'] as const satisfies readonly MatchRequestStatus[];

export const MATCH_REQUEST_STATUS_LABELS: Record<MatchRequestStatus, string> = {
  PENDING: '待回复',
  ACCEPTED: '已接受',
  DECLINED: '已婉拒',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
};
