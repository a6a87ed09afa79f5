import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/index.js';
import {
  MembersService,
  parseEmail,
  authorizeKind,
  RateLimiter,
  OwnerActivationService,
  OrganizationDetailsService,
  TokenService,
  startSession,
} from '../../../../libs/identity/src/index.js';
import type { MemberRole } from '../../../../libs/identity/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { AuthPayloadModel, OrganizationModel, UserModel } from './identity.models.js';
import { toInvitationModel, toOrganizationModel, toUserModel } from './identity.mappers.js';
import { InvitationModel, MemberRoleEnum, OwnerActivationResultModel } from './members.models.js';
import { UpdateOrganizationInput } from './members.inputs.js';

/** Members, invitations, owner activation and the organization's own details (issue 13). */
@Resolver()
export class MembersResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberService: MembersService,
    private readonly activation: OwnerActivationService,
    private readonly details: OrganizationDetailsService,
    private readonly tokens: TokenService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Query(() => [UserModel], { description: '本机构的全部成员（任何角色可查看），按加入先后排序；每个机构最多 200 人 (the caller’s organization’s members, at most 200).' })
  async members(@Context() ctx: RequestContext): Promise<UserModel[]> {
    const rows = await this.memberService.members(this.dataSource.manager, ctx.actor);
    return rows.map(toUserModel);
  }

  @Query(() => [InvitationModel], { description: '本机构待接受（未过期、未撤销）的邀请，最新在前；仅负责人/管理员 (pending invitations; OWNER/ADMIN only).' })
  async invitations(@Context() ctx: RequestContext): Promise<InvitationModel[]> {
    const rows = await this.memberService.pendingInvitations(this.dataSource.manager, ctx.actor);
    return rows.map(toInvitationModel);
  }

  @Mutation(() => InvitationModel, {
    description:
      '邀请同事加入本机构（负责人/管理员；只有负责人可邀请负责人）。向该邮箱发送邀请邮件，7 天内有效；对同一邮箱的未接受邀请会被新邀请取代 ' +
      '(OWNER/ADMIN invite a colleague by mail; valid 7 days; a pending invitation to the same address is replaced).',
  })
  async inviteMember(
    @Args('email', { description: '受邀邮箱 (the invitee’s address).' }) email: string,
    @Args('role', { type: () => MemberRoleEnum, description: '接受后的角色 (the role granted).' }) role: MemberRole,
    @Context() ctx: RequestContext,
  ): Promise<InvitationModel> {
    const actor = ctx.actor;
    // Throttled per client address, organization and invitee, after the caller is known to be allowed.
    authorizeKind(actor, 'inviteMember');
    await this.rateLimiter.consume([
      { rule: 'inviteMember.address', subject: ctx.req?.ip ?? 'unknown' },
      { rule: 'inviteMember.organization', subject: actor!.organizationId },
      { rule: 'inviteMember.email', subject: parseEmail(email, 'email') },
    ]);
    return toInvitationModel(await inTransaction(this.dataSource, (m) => this.memberService.inviteMember(m, actor, email, role)));
  }

  @Mutation(() => AuthPayloadModel, {
    description:
      '用邮件中的令牌接受邀请并登录：新邮箱创建账号；已有且不属于任何机构的账号需输入其原密码；属于其他机构的账号返回 CONFLICT。' +
      '令牌过期、已使用、已撤销或无效时返回 BAD_USER_INPUT（field: token）' +
      ' (accept with the mailed token and sign in: creates the account, or attaches an existing account without an organization after its password is checked).',
  })
  async acceptInvitation(
    @Args('token', { description: '邮件链接中的令牌 (the token from the mail link).' }) token: string,
    @Args('password', { description: '新账号的密码（至少 10 个字符），或已有账号的密码 (new password, or the existing account’s).' }) password: string,
    @Args('displayName', { description: '姓名/显示名称，1–100 字；已有账号留空则不变 (display name; blank keeps an existing account’s).' }) displayName: string,
  ): Promise<AuthPayloadModel> {
    // The account and its first session are written together, as register does.
    return inTransaction(this.dataSource, async (m) => {
      const { user, organization } = await this.memberService.acceptInvitation(m, { token, password, displayName });
      const session = await startSession(m, user.id, this.tokens.lifetimeSeconds);
      const accessToken = await this.tokens.issue({ userId: user.id, organizationId: organization.id, sessionId: session.id, expiresAt: session.expiresAt });
      return { accessToken, user: toUserModel(user) };
    });
  }

  @Mutation(() => InvitationModel, { description: '撤销本机构未接受的邀请（负责人/管理员）(revoke a pending invitation; OWNER/ADMIN).' })
  async revokeInvitation(@Args('id', { type: () => ID, description: '邀请 ID。' }) id: string, @Context() ctx: RequestContext): Promise<InvitationModel> {
    const actor = ctx.actor;
    return toInvitationModel(await inTransaction(this.dataSource, (m) => this.memberService.revokeInvitation(m, actor, id)));
  }

  @Mutation(() => UserModel, {
    description:
      '变更成员角色（负责人/管理员）。只有负责人可任命或变更负责人；机构唯一的负责人不能降级（CONFLICT）' +
      ' (change a member’s role; only an OWNER makes or changes OWNERs; the last OWNER cannot be demoted).',
  })
  async changeMemberRole(
    @Args('userId', { type: () => ID, description: '成员的用户 ID (the member’s user id).' }) userId: string,
    @Args('role', { type: () => MemberRoleEnum, description: '新角色 (the new role).' }) role: MemberRole,
    @Context() ctx: RequestContext,
  ): Promise<UserModel> {
    const actor = ctx.actor;
    return toUserModel(await inTransaction(this.dataSource, (m) => this.memberService.changeMemberRole(m, actor, userId, role)));
  }

  @Mutation(() => UserModel, {
    description:
      '将成员移出本机构（负责人/管理员；可移除自己即退出）。账号保留但与机构解除关联，其登录立即失效；唯一的负责人不能被移除（CONFLICT）' +
      ' (detach a member; its sessions stop at once; the last OWNER cannot be removed).',
  })
  async removeMember(@Args('userId', { type: () => ID, description: '成员的用户 ID (the member’s user id).' }) userId: string, @Context() ctx: RequestContext): Promise<UserModel> {
    const actor = ctx.actor;
    return toUserModel(await inTransaction(this.dataSource, (m) => this.memberService.removeMember(m, actor, userId)));
  }

  @Mutation(() => InvitationModel, {
    description:
      '主管部门向其录入的企业发送激活邀请，接受者成为该企业首个负责人；企业已有负责人时返回 CONFLICT ' +
      '(AUTHORITY: invite an imported firm’s first OWNER; CONFLICT when it already has one).',
  })
  async inviteOrganizationOwner(
    @Args('organizationId', { type: () => ID, description: '企业机构 ID (the ENTERPRISE organization).' }) organizationId: string,
    @Args('email', { description: '接收激活邀请的邮箱 (the address to invite).' }) email: string,
    @Context() ctx: RequestContext,
  ): Promise<InvitationModel> {
    const actor = ctx.actor;
    return toInvitationModel(await inTransaction(this.dataSource, (m) => this.activation.inviteOrganizationOwner(m, actor, organizationId, email)));
  }

  @Mutation(() => [OwnerActivationResultModel], {
    description:
      '主管部门批量发送激活邀请：一次 1–1000 家企业（如导入报告 firms 中的 organizationId），发往各企业导入时的“邮箱”；已有负责人、无邮箱或已有待接受激活邀请的企业跳过并说明原因 ' +
      '(AUTHORITY: activation invitations for up to 1,000 imported firms, each to its imported 邮箱; others are reported as skipped).',
  })
  async inviteImportedOwners(
    @Args('organizationIds', { type: () => [ID], description: '企业机构 ID 列表，1–1000 个 (organization ids, 1–1,000).' }) organizationIds: string[],
    @Context() ctx: RequestContext,
  ): Promise<OwnerActivationResultModel[]> {
    const actor = ctx.actor;
    const results = await inTransaction(this.dataSource, (m) => this.activation.inviteImportedOwners(m, actor, organizationIds));
    return results.map((r) => ({ ...r, invitation: r.invitation ? toInvitationModel(r.invitation) : null }));
  }

  @Mutation(() => OrganizationModel, {
    description:
      '维护本机构的联系方式、地址、网址和简介（负责人/管理员）。机构名称和统一社会信用代码只能由主管部门变更并重新审核 ' +
      '(OWNER/ADMIN edit contact details, address, website and description; the legal name and USCC change only through the AUTHORITY).',
  })
  async updateOrganization(@Args('input', { description: '要更新的机构信息；未给出的字段不变 (the details to change).' }) input: UpdateOrganizationInput, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const org = await inTransaction(this.dataSource, (m) => this.details.update(m, actor, input));
    ctx.loaders.organization.clear(org.id);
    return toOrganizationModel(org);
  }
}
