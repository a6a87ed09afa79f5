import { MEMBER_ROLE_LABELS, type MemberRole } from '../users/member-role.js';
import { INVITATION_TTL_DAYS } from './invitation-token.js';

/** What MailService.queue takes (libs/mail), built here so the texts are testable without a mailer. */
export interface InvitationMail {
  to: string;
  kind: 'member.invited' | 'owner.activation';
  subject: string;
  lines: string[];
  action: { label: string; path: string };
}

export interface InvitationMailParams {
  to: string;
  rawToken: string;
  role: MemberRole;
  organizationName: string;
  /** The inviting organization (the organization itself, or the AUTHORITY for an activation). */
  inviterOrganizationName: string;
  expiresAt: Date;
}

const acceptPath = (raw: string) => `/invitations/accept?token=${encodeURIComponent(raw)}`;
const beijing = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

/** A colleague invited by its organization. */
export function memberInvitationMail(p: InvitationMailParams): InvitationMail {
  const role = MEMBER_ROLE_LABELS[p.role];
  return {
    to: p.to,
    kind: 'member.invited',
    subject: `${p.inviterOrganizationName}邀请您以${role}身份加入平台`,
    lines: [
      `${p.inviterOrganizationName}邀请您加入“${p.organizationName}”，角色为${role}。`,
      `请点击下方链接设置密码并接受邀请；如您已有未归属任何机构的平台账号，请输入该账号的密码。`,
      `邀请 ${INVITATION_TTL_DAYS} 天内有效（至北京时间 ${beijing(p.expiresAt)}），仅可使用一次。`,
    ],
    action: { label: '接受邀请', path: acceptPath(p.rawToken) },
  };
}

/** The AUTHORITY invites an imported firm's contact to become its first 负责人. */
export function ownerActivationMail(p: InvitationMailParams): InvitationMail {
  return {
    to: p.to,
    kind: 'owner.activation',
    subject: `${p.inviterOrganizationName}邀请您开通“${p.organizationName}”的平台账号`,
    lines: [
      `${p.inviterOrganizationName}已将“${p.organizationName}”录入本平台，并邀请您作为该企业的${MEMBER_ROLE_LABELS.OWNER}开通账号。`,
      `接受邀请后，您可查看和完善企业档案、邀请同事加入，并对接服务、金融产品、揭榜挂帅项目和园区空间。`,
      `邀请 ${INVITATION_TTL_DAYS} 天内有效（至北京时间 ${beijing(p.expiresAt)}），仅可使用一次。`,
      `如您不是该企业的联系人，请忽略本邮件并告知主管部门。`,
    ],
    action: { label: '开通账号', path: acceptPath(p.rawToken) },
  };
}
