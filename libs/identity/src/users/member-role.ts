/** A user's role inside its organization. */
export const MEMBER_ROLES = ['OWNER', 'ADMIN', 'MEMBER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** How roles are named in Chinese texts (mails, messages). */
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  OWNER: '负责人',
  ADMIN: '管理员',
  MEMBER: '成员',
};

/** Roles that manage members and the organization's details. */
export const MANAGER_ROLES: readonly MemberRole[] = ['OWNER', 'ADMIN'];
