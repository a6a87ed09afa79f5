import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import {
  AppError,
  badInput,
  conflict,
  echoInput,
  forbidden,
  isUniqueViolation,
  notFound,
  unauthenticated,
  parseId,
  recordEvent,
} from '../../../platform/src/index.js';
import type { Actor } from '../access/access-policy.js';
import { authorizeKind, authorizeQuery, authorizeRow } from '../access/authorize.js';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../auth/password-hasher.js';
import { revokeSessionsOf } from '../auth/session.store.js';
import { actorChanged } from '../auth/actor-cache.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { MEMBER_ROLES, type MemberRole } from '../users/member-role.js';
import { UserEntity } from '../users/user.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { memberInvitationMail, type InvitationMail } from './invitation-mail.js';
import { MAX_TOKEN_LENGTH, hashInvitationToken, invitationExpiry, newInvitationToken } from './invitation-token.js';
import { InvitationMailer } from './invitation-mailer.js';

/** Members plus pending invitations an organization may have: lists stay one page, no paging. */
export const MAX_MEMBERS = 200;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalises and checks an invitee address; BAD_USER_INPUT naming `field`. */
export function parseEmail(raw: string, field: string): string {
  const email = String(raw ?? '').trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput('邮箱格式不正确 (email is not a valid address)', field);
  return email;
}

export function parseRole(raw: string, field: string): MemberRole {
  if (!MEMBER_ROLES.includes(raw as MemberRole)) throw badInput(`未知角色 ${echoInput(raw)} (role must be OWNER, ADMIN or MEMBER)`, field);
  return raw as MemberRole;
}

export interface AcceptInvitationCommand {
  token: string;
  password: string;
  /** For a new account; an existing account keeps its name when this is blank. */
  displayName: string;
}

const TOKEN_INVALID = '邀请无效：链接不完整或不是本平台签发的邀请 (the invitation token is invalid)';
const TOKEN_USED = '邀请已使用：每个邀请只能接受一次，请直接登录 (the invitation was already accepted)';
const TOKEN_REVOKED = '邀请已被撤销，请联系邀请方重新发送 (the invitation was revoked)';
const TOKEN_EXPIRED = '邀请已过期（有效期 7 天），请联系邀请方重新发送 (the invitation has expired)';

/**
 * Members of an organization and the invitations that add them. Who may call what is decided by the
 * access policy (roles on the rule); what an ADMIN may do to OWNERs, and the last OWNER, are
 * business rules checked here.
 */
@Injectable()
export class MembersService {
  constructor(private readonly mailer: InvitationMailer) {}

  /** The caller's organization's members, oldest first (bounded by MAX_MEMBERS). */
  async members(manager: EntityManager, actor: Actor | undefined): Promise<UserEntity[]> {
    if (!actor) throw unauthenticated('请先登录 (sign in first)');
    return manager.find(UserEntity, { where: { organizationId: actor.organizationId }, order: { createdAt: 'ASC', id: 'ASC' }, take: MAX_MEMBERS });
  }

  /** Pending (not accepted, not revoked, not expired) invitations of the caller's organization; OWNER/ADMIN only. */
  async pendingInvitations(manager: EntityManager, actor: Actor | undefined): Promise<InvitationEntity[]> {
    if (!actor) throw unauthenticated('请先登录 (sign in first)');
    authorizeQuery(actor, 'invitations');
    return manager
      .createQueryBuilder(InvitationEntity, 'i')
      .where('i.organization_id = :org AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()', { org: actor.organizationId })
      .orderBy('i.created_at', 'DESC')
      .take(MAX_MEMBERS)
      .getMany();
  }

  /**
   * Invites `email` into the caller's organization. A pending invitation to the same address is
   * replaced (revoked, a new token is mailed): a lost mail is re-sent by inviting again.
   */
  async inviteMember(manager: EntityManager, actor: Actor | undefined, rawEmail: string, rawRole: string): Promise<InvitationEntity> {
    authorizeKind(actor, 'inviteMember');
    const email = parseEmail(rawEmail, 'email');
    const role = parseRole(rawRole, 'role');
    if (role === 'OWNER' && actor!.role !== 'OWNER') {
      throw forbidden('只有负责人 (OWNER) 可以邀请负责人 (inviteMember: only an OWNER may invite another OWNER)');
    }
    // Serialises invitations and membership changes of one organization (capacity, duplicates).
    const org = await this.lockOrganization(manager, actor!.organizationId);
    if (await manager.existsBy(UserEntity, { email, organizationId: org.id })) {
      throw conflict('该邮箱已是本机构成员，无需邀请 (this address already belongs to a member of your organization)', 'email');
    }
    await this.revokePending(manager, org.id, email, actor!.userId);
    const [{ n }] = await manager.query(
      `SELECT (SELECT count(*) FROM users WHERE organization_id = $1) + (SELECT count(*) FROM invitations WHERE organization_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()) AS n`,
      [org.id],
    );
    if (Number(n) >= MAX_MEMBERS) {
      throw conflict(`每个机构最多 ${MAX_MEMBERS} 名成员（含待接受的邀请），请先撤销邀请或移除成员 (at most ${MAX_MEMBERS} members and pending invitations per organization)`);
    }
    const { invitation, raw } = await this.createInvitation(manager, { organizationId: org.id, email, role, kind: 'MEMBER', invitedBy: actor!.userId });
    await this.mailer.send(manager, memberInvitationMail({ to: email, rawToken: raw, role, organizationName: org.name, inviterOrganizationName: org.name, expiresAt: invitation.expiresAt }));
    return invitation;
  }

  async revokeInvitation(manager: EntityManager, actor: Actor | undefined, rawId: string): Promise<InvitationEntity> {
    if (!actor) authorizeKind(actor, 'revokeInvitation');
    const id = parseId(rawId, 'id');
    const invitation = await manager.findOne(InvitationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!invitation) throw notFound(`邀请 ${id} 不存在 (invitation not found)`);
    authorizeRow(actor, 'revokeInvitation', { ownerOrganizationId: invitation.organizationId });
    if (invitation.role === 'OWNER' && actor!.role !== 'OWNER') {
      throw forbidden('只有负责人 (OWNER) 可以撤销负责人邀请 (revokeInvitation: only an OWNER may revoke an invitation for an OWNER)');
    }
    if (invitation.acceptedAt) throw conflict('邀请已被接受，不能撤销；如需移除请使用 removeMember (the invitation was already accepted)');
    if (invitation.revokedAt) throw conflict('邀请已撤销 (the invitation was already revoked)');
    invitation.revokedAt = new Date();
    await manager.save(invitation);
    await recordEvent(manager, { type: 'invitation.revoked', aggregateType: 'invitation', aggregateId: invitation.id, data: eventData(invitation), actorUserId: actor!.userId });
    return invitation;
  }

  /**
   * Accepts an invitation: creates the account, or attaches an existing account that belongs to no
   * organization once its password is verified. Returns the user, signed in by the caller.
   */
  async acceptInvitation(manager: EntityManager, cmd: AcceptInvitationCommand): Promise<{ user: UserEntity; organization: OrganizationEntity; invitation: InvitationEntity }> {
    authorizeKind(undefined, 'acceptInvitation');
    const token = String(cmd.token ?? '').trim();
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) throw badInput(TOKEN_INVALID, 'token');
    if (String(cmd.password ?? '').length > 1024) throw badInput('密码过长 (password is longer than 1024 characters)', 'password');
    const displayName = String(cmd.displayName ?? '').trim();
    if (displayName.length > 100) throw badInput('姓名/显示名称最多 100 个字符 (displayName must be at most 100 characters)', 'displayName');

    const invitation = await manager
      .createQueryBuilder(InvitationEntity, 'i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :h', { h: hashInvitationToken(token) })
      .getOne();
    if (!invitation) throw badInput(TOKEN_INVALID, 'token');
    if (invitation.acceptedAt) throw badInput(TOKEN_USED, 'token');
    if (invitation.revokedAt) throw badInput(TOKEN_REVOKED, 'token');
    if (invitation.expiresAt.getTime() <= Date.now()) throw badInput(TOKEN_EXPIRED, 'token');

    const org = await this.lockOrganization(manager, invitation.organizationId);
    if (invitation.kind === 'OWNER_ACTIVATION' && (await manager.existsBy(UserEntity, { organizationId: org.id, role: 'OWNER' }))) {
      throw conflict('该企业已有负责人账号，请联系其负责人邀请您加入 (the organization already has an OWNER; ask them for an invitation)', 'token');
    }
    const existing = await manager
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.passwordHash')
      .setLock('pessimistic_write')
      .where('u.email = :email', { email: invitation.email })
      .getOne();
    let user: UserEntity;
    if (existing) {
      if (existing.organizationId === org.id) throw conflict('您已是该机构成员，请直接登录 (you are already a member of this organization; sign in)', 'token');
      if (existing.organizationId !== null) {
        throw conflict(
          '该邮箱的账号已属于其他机构。一个账号只能属于一个机构：请先由原机构移除该账号，或请邀请方改用其他邮箱 ' +
            '(the account with this email belongs to another organization; it must be removed there first, or be invited with another address)',
          'token',
        );
      }
      if (!(await verifyPassword(existing.passwordHash, cmd.password))) {
        throw badInput('该邮箱已有平台账号，请输入该账号的密码以接受邀请 (this email has an account: enter its password to accept)', 'password');
      }
      existing.organizationId = org.id;
      existing.role = invitation.role;
      if (displayName) existing.displayName = displayName;
      user = await manager.save(existing);
      await actorChanged(manager, { userIds: [existing.id] });
    } else {
      if (cmd.password.length < MIN_PASSWORD_LENGTH) {
        throw badInput(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符 (password must be at least ${MIN_PASSWORD_LENGTH} characters)`, 'password');
      }
      if (displayName.length < 1) throw badInput('请填写姓名/显示名称（1–100 个字符）(displayName must be 1–100 characters)', 'displayName');
      try {
        user = await manager.save(
          manager.create(UserEntity, { email: invitation.email, passwordHash: await hashPassword(cmd.password), displayName, organizationId: org.id, role: invitation.role }),
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('该邮箱刚刚已被注册，请重试 (the email was registered meanwhile; try again)', 'token');
        throw err;
      }
    }
    invitation.acceptedAt = new Date();
    invitation.acceptedBy = user.id;
    await manager.save(invitation);
    await recordEvent(manager, {
      type: 'invitation.accepted',
      aggregateType: 'invitation',
      aggregateId: invitation.id,
      data: { ...eventData(invitation), userId: user.id },
      actorUserId: user.id,
    });
    return { user, organization: org, invitation };
  }

  /** OWNER: any change. ADMIN: between ADMIN and MEMBER, never touching an OWNER. The last OWNER stays. */
  async changeMemberRole(manager: EntityManager, actor: Actor | undefined, rawUserId: string, rawRole: string): Promise<UserEntity> {
    if (!actor) authorizeKind(actor, 'changeMemberRole');
    const userId = parseId(rawUserId, 'userId');
    const role = parseRole(rawRole, 'role');
    const target = await this.memberTarget(manager, actor!, userId, 'changeMemberRole');
    if ((role === 'OWNER' || target.role === 'OWNER') && actor!.role !== 'OWNER') {
      throw forbidden('只有负责人 (OWNER) 可以任命或变更负责人 (changeMemberRole: only an OWNER may make or change an OWNER)');
    }
    if (target.role === role) return target;
    if (target.role === 'OWNER') await this.keepAnOwner(manager, target, `不能变更机构唯一负责人的角色：请先将另一名成员设为负责人 (the last OWNER cannot be demoted; make another member OWNER first)`);
    const from = target.role;
    target.role = role;
    await manager.save(target);
    await actorChanged(manager, { userIds: [target.id] });
    await recordEvent(manager, { type: 'member.role-changed', aggregateType: 'organization', aggregateId: target.organizationId!, data: { organizationId: target.organizationId!, userId: target.id, from, to: role }, actorUserId: actor!.userId });
    return target;
  }

  /**
   * Detaches the member from the organization (organization_id NULL; the account and its history
   * stay) and revokes its sessions. Its tokens stop working at once: the actor is loaded on every
   * request and a user without an organization is no actor. A manager may remove itself (leave) unless it is the last OWNER.
   */
  async removeMember(manager: EntityManager, actor: Actor | undefined, rawUserId: string): Promise<UserEntity> {
    if (!actor) authorizeKind(actor, 'removeMember');
    const userId = parseId(rawUserId, 'userId');
    const target = await this.memberTarget(manager, actor!, userId, 'removeMember');
    if (target.role === 'OWNER' && actor!.role !== 'OWNER') {
      throw forbidden('只有负责人 (OWNER) 可以移除负责人 (removeMember: only an OWNER may remove an OWNER)');
    }
    if (target.role === 'OWNER') await this.keepAnOwner(manager, target, '不能移除机构唯一的负责人：请先将另一名成员设为负责人 (the last OWNER cannot be removed or leave; make another member OWNER first)');
    const organizationId = target.organizationId!;
    target.organizationId = null;
    target.role = 'MEMBER';
    await manager.save(target);
    await actorChanged(manager, { userIds: [target.id] });
    // Its sessions end too (loadActor would refuse a user without an organization anyway).
    await revokeSessionsOf(manager, target.id, 'MEMBER_REMOVED');
    await recordEvent(manager, { type: 'member.removed', aggregateType: 'organization', aggregateId: organizationId, data: { organizationId, userId: target.id }, actorUserId: actor!.userId });
    return Object.assign(target, { organizationId });
  }

  // ------------------------------------------------------------------ shared with owner activation

  async lockOrganization(manager: EntityManager, id: string): Promise<OrganizationEntity> {
    const org = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound(`机构 ${id} 不存在 (organization not found)`);
    return org;
  }

  /** Revokes pending invitations to `email` into the organization; returns how many. */
  async revokePending(manager: EntityManager, organizationId: string, email: string, byUserId: string): Promise<number> {
    const pending = await manager.find(InvitationEntity, { where: { organizationId, email, acceptedAt: IsNull(), revokedAt: IsNull() } });
    for (const p of pending) {
      p.revokedAt = new Date();
      await manager.save(p);
      await recordEvent(manager, { type: 'invitation.revoked', aggregateType: 'invitation', aggregateId: p.id, data: eventData(p), actorUserId: byUserId });
    }
    return pending.length;
  }

  async createInvitation(
    manager: EntityManager,
    params: Pick<InvitationEntity, 'organizationId' | 'email' | 'role' | 'kind' | 'invitedBy'>,
  ): Promise<{ invitation: InvitationEntity; raw: string }> {
    const { raw, hash } = newInvitationToken();
    const invitation = await manager.save(manager.create(InvitationEntity, { ...params, tokenHash: hash, expiresAt: invitationExpiry(), acceptedAt: null, acceptedBy: null, revokedAt: null }));
    await recordEvent(manager, { type: 'invitation.created', aggregateType: 'invitation', aggregateId: invitation.id, data: eventData(invitation), actorUserId: params.invitedBy });
    return { invitation, raw };
  }

  sendMail(manager: EntityManager, mail: InvitationMail): Promise<void> {
    return this.mailer.send(manager, mail);
  }

  // ------------------------------------------------------------------ helpers

  /** The member acted on, locked with its organization; access decided on the member's organization. */
  private async memberTarget(manager: EntityManager, actor: Actor, userId: string, mutation: 'changeMemberRole' | 'removeMember'): Promise<UserEntity> {
    const found = await manager.findOneBy(UserEntity, { id: userId });
    if (!found || found.organizationId === null) throw notFound(`成员 ${userId} 不存在 (member not found)`);
    authorizeRow(actor, mutation, { ownerOrganizationId: found.organizationId });
    await this.lockOrganization(manager, found.organizationId);
    // Re-read under the organization lock: a concurrent change may have moved or removed it.
    const target = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!target || target.organizationId !== found.organizationId) throw notFound(`成员 ${userId} 不存在 (member not found)`);
    return target;
  }

  /** CONFLICT unless another OWNER remains besides `target` (the organization row is locked by the caller). */
  private async keepAnOwner(manager: EntityManager, target: UserEntity, message: string): Promise<void> {
    const owners = await manager.countBy(UserEntity, { organizationId: target.organizationId!, role: 'OWNER' });
    if (owners <= 1) throw new AppError('CONFLICT', message, { field: 'userId' });
  }
}

function eventData(i: InvitationEntity) {
  return { invitationId: i.id, organizationId: i.organizationId, kind: i.kind, role: i.role };
}
