/** What a timeline belongs to. */
export const TIMELINE_SUBJECTS = ['MATCH_REQUEST', 'CHALLENGE_APPLICATION', 'CHALLENGE'] as const;
export type TimelineSubject = (typeof TIMELINE_SUBJECTS)[number];

/**
 * The kinds of step. Stored as text (not a PostgreSQL enum) so a new kind needs no migration; the
 * GraphQL enum is built from this list.
 */
export const TIMELINE_ENTRY_KINDS = [
  'CREATED',
  'STATUS_CHANGED',
  'INFO_REQUESTED',
  'INFO_PROVIDED',
  'MESSAGE',
  'REMINDER',
  'ESCALATION',
  'DECISION',
  'EDITED',
  'CLOSED',
  'CONSENT_GRANTED',
  'CONSENT_REVOKED',
] as const;
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

export const TIMELINE_ENTRY_KIND_LABELS: Record<TimelineEntryKind, string> = {
  CREATED: '提交',
  STATUS_CHANGED: '状态变更',
  INFO_REQUESTED: '要求补充材料',
  INFO_PROVIDED: '已补充材料',
  MESSAGE: '留言',
  REMINDER: '到期提醒',
  ESCALATION: '逾期上报',
  DECISION: '结果登记',
  EDITED: '内容修改',
  CLOSED: '关闭',
  CONSENT_GRANTED: '授权查看档案',
  CONSENT_REVOKED: '撤销档案授权',
};

export const TIMELINE_NOTE_MAX_CHARS = 2000;
