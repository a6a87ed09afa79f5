/** What a conversation belongs to: a match request (对接申请) or a 揭榜 application. */
export const CASE_SUBJECTS = ['MATCH_REQUEST', 'CHALLENGE_APPLICATION'] as const;
export type CaseSubject = (typeof CASE_SUBJECTS)[number];

export const CASE_MESSAGE_MAX_CHARS = 2000;
export const CASE_MESSAGE_MAX_ATTACHMENTS = 5;
/** Characters of a message quoted on the case's timeline and in the notice. */
export const CASE_MESSAGE_EXCERPT_CHARS = 60;

/**
 * Statuses after which a case's conversation is read-only (the case ended without a live
 * relationship). Listed as the ended ones, so a status added later (e.g. waiting for the firm)
 * keeps the conversation open.
 */
export const CLOSED_CASE_STATUSES: Record<CaseSubject, readonly string[]> = {
  MATCH_REQUEST: ['DECLINED', 'CANCELLED', 'COMPLETED'],
  CHALLENGE_APPLICATION: ['REJECTED', 'WITHDRAWN', 'CLOSED_BY_OWNER'],
};

/** Statuses from which both sides see each other's contact details (as `Organization.contact` grants). */
export const CONTACT_CASE_STATUSES: Record<CaseSubject, readonly string[]> = {
  MATCH_REQUEST: ['ACCEPTED', 'COMPLETED'],
  CHALLENGE_APPLICATION: ['ACCEPTED'],
};

export const CASE_SUBJECT_LABELS: Record<CaseSubject, string> = { MATCH_REQUEST: '对接申请', CHALLENGE_APPLICATION: '揭榜申请' };
