import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction, keysetCursor, parseId } from '../../../../libs/platform/src/index.js';
import { IdentityService, VerificationService, seesRow, OrganizationDetailsService } from '../../../../libs/identity/src/index.js';
import { VerificationDeskService } from '../../../../libs/verification/src/index.js';
import type { UsccClaimOutcome } from '../../../../libs/identity/src/index.js';
import type { RequestContext, Loaders } from '../graphql/request-context.js';
import DataLoader from 'dataloader';
import { OrganizationModel, UserModel } from './identity.models.js';
import { OrganizationContactModel } from './members.models.js';
import { toOrganizationModel } from './identity.mappers.js';
import {
  OrganizationConnectionModel,
  OrganizationVerificationModel,
  UsccClaimConflictModel,
  UsccClaimOutcomeEnum,
  VerificationDecisionModel,
  VerificationDeciderModel,
} from './verification.models.js';
import { OrganizationFilterInput, ResubmitOrganizationInput } from './verification.inputs.js';


@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly verifications: VerificationService,
    private readonly desk: VerificationDeskService,
    private readonly details: OrganizationDetailsService,
  ) {}

  /** Per request (keyed by the request's loaders): which organizations' contact details the caller may read. */
  private readonly contactLoaders = new WeakMap<Loaders, DataLoader<string, boolean>>();

  @ResolveField(() => OrganizationContactModel, {
    nullable: true,
    description:
      '联系方式：本机构、主管部门，以及对接申请或揭榜申请已被接受（ACCEPTED/COMPLETED）的对方机构可见；其他人为 null ' +
      '(contact details; null unless the caller is the organization, the AUTHORITY, or the other side of an accepted match request or 揭榜 application).',
  })
  async contact(@Parent() org: OrganizationModel, @Context() ctx: RequestContext): Promise<OrganizationContactModel | null> {
    const actor = ctx.actor;
    if (!actor) return null;
    let loader = this.contactLoaders.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const visible = await this.details.contactVisible(this.dataSource.manager, actor, ids);
        return ids.map((id) => visible.has(id));
      });
      this.contactLoaders.set(ctx.loaders, loader);
    }
    if (!(await loader.load(org.id))) return null;
    return Object.assign(new OrganizationContactModel(), org.contactDetails);
  }

  /** Organizations are public registry facts (name, USCC, region); any signed-in user may look one up. */
  @Query(() => OrganizationModel, { nullable: true, description: '按 ID 查看一个机构（须登录）；不存在时为 null (an organization by id; signed-in callers).' })
  async organization(@Args('id', { type: () => ID, description: '机构 ID (organization id).' }) id: string, @Context() ctx: RequestContext): Promise<OrganizationModel | null> {
    ctx.requireActor();
    const org = await ctx.loaders.organization.load(parseId(id, 'id'));
    return org ? toOrganizationModel(org) : null;
  }

  @Query(() => OrganizationConnectionModel, {
    description: '机构审核台（仅主管部门）：按条件筛选机构，新注册在前 (the verification desk, AUTHORITY only; newest first).',
  })
  async organizations(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => OrganizationFilterInput, nullable: true, description: '筛选条件 (filter).' }) filter?: OrganizationFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 20, description: '每页条数，1–100 (page size).' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (cursor of the previous page).' }) after?: string | null,
  ): Promise<OrganizationConnectionModel> {
    const actor = ctx.requireActor();
    const page = await this.verifications.page(actor, filter ?? {}, first, after);
    for (const org of page.rows) ctx.loaders.organization.prime(org.id, org);
    return {
      edges: page.rows.map((o) => ({ cursor: keysetCursor(o), node: toOrganizationModel(o) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => OrganizationModel, { description: '审核通过（待审核或待补充材料的机构），仅限主管部门 (AUTHORITY only: verify a PENDING or NEEDS_INFO organization).' })
  async verifyOrganization(@Args('id', { type: () => ID, description: '机构 ID (organization id).' }) id: string, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const org = await inTransaction(this.dataSource, (manager) => this.identity.verifyOrganization(manager, actor, id));
    ctx.loaders.organization.clear(org.id);
    return toOrganizationModel(org);
  }

  @Mutation(() => OrganizationModel, { description: '仅主管部门：驳回待审核或待补充材料的机构，须填写原因 (AUTHORITY only: reject, with a reason).' })
  async rejectOrganization(
    @Args('id', { type: () => ID, description: '机构 ID (organization id).' }) id: string,
    @Args('reason', { description: '驳回原因，1–500 字，将通知该机构 (reason, 1–500 characters, sent to the organization).' }) reason: string,
    @Context() ctx: RequestContext,
  ): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const { organization } = await inTransaction(this.dataSource, (manager) => this.verifications.decide(manager, actor, id, 'REJECT', reason, 'reason'));
    ctx.loaders.organization.clear(organization.id);
    return toOrganizationModel(organization);
  }

  @Mutation(() => OrganizationModel, { description: '仅主管部门：要求待审核机构补充材料 (AUTHORITY only: ask a PENDING organization for more information).' })
  async requestOrganizationInfo(
    @Args('id', { type: () => ID, description: '机构 ID (organization id).' }) id: string,
    @Args('message', { description: '需补充的内容，1–500 字，将通知该机构 (what is needed, 1–500 characters).' }) message: string,
    @Context() ctx: RequestContext,
  ): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const { organization } = await inTransaction(this.dataSource, (manager) => this.verifications.decide(manager, actor, id, 'REQUEST_INFO', message, 'message'));
    ctx.loaders.organization.clear(organization.id);
    return toOrganizationModel(organization);
  }

  @Mutation(() => OrganizationModel, {
    description:
      '仅主管部门：撤销已通过机构的资质，须填写原因；其已发布信息全部下架，进行中的对接申请全部取消并通知对方 ' +
      '(AUTHORITY only: revoke; its published listings are closed and its open match requests cancelled).',
  })
  async revokeVerification(
    @Args('id', { type: () => ID, description: '机构 ID (organization id).' }) id: string,
    @Args('reason', { description: '撤销原因，1–500 字，将通知该机构并作为下架原因 (reason, 1–500 characters).' }) reason: string,
    @Context() ctx: RequestContext,
  ): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const { organization } = await inTransaction(this.dataSource, (manager) => this.desk.revoke(manager, actor, id, reason));
    ctx.loaders.organization.clear(organization.id);
    return toOrganizationModel(organization);
  }

  @Mutation(() => OrganizationModel, {
    description:
      '仅主管部门：处理统一社会信用代码申领冲突（自行注册的机构与导入名单申领同一代码）。CLAIMANT_CONFIRMED 审核通过该机构；' +
      'CLAIM_RELEASED 驳回该机构并释放代码，之后导入该代码将为真实企业新建机构；均通知该机构 ' +
      '(AUTHORITY only: decide an open USCC claim conflict; confirm the registrant, or reject it and release the USCC).',
  })
  async resolveUsccClaim(
    @Args('organizationId', { type: () => ID, description: '自行注册、申领该代码的机构 ID (the registrant organization).' }) organizationId: string,
    @Args('outcome', { type: () => UsccClaimOutcomeEnum, description: '处理结果 (the decision).' }) outcome: UsccClaimOutcome,
    @Args('reason', { description: '处理理由，1–500 字，将通知该机构 (reason, 1–500 characters, sent to the organization).' }) reason: string,
    @Context() ctx: RequestContext,
  ): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const { organization } = await inTransaction(this.dataSource, (manager) => this.verifications.resolveClaim(manager, actor, organizationId, outcome, reason));
    ctx.loaders.organization.clear(organization.id);
    ctx.loaders.claimConflict.clear(organization.id);
    return toOrganizationModel(organization);
  }

  @Mutation(() => OrganizationModel, {
    description:
      '本机构负责人或管理员：待补充材料、未通过或已撤销资质的机构更正信息（名称、地区、统一社会信用代码）后重新提交审核（回到待审核）；' +
      '已通过的机构不能重新提交；代码被主管部门释放的机构须填写本机构正确的代码 ' +
      '(an OWNER or ADMIN resubmits its NEEDS_INFO, REJECTED or REVOKED organization, possibly with a corrected USCC; back to PENDING).',
  })
  async resubmitOrganization(
    @Args('input', { type: () => ResubmitOrganizationInput, description: '更正内容与说明 (corrections and a note).' }) input: ResubmitOrganizationInput,
    @Context() ctx: RequestContext,
  ): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const { organization } = await inTransaction(this.dataSource, (manager) => this.verifications.resubmit(manager, actor, input));
    ctx.loaders.organization.clear(organization.id);
    return toOrganizationModel(organization);
  }

  @ResolveField(() => OrganizationVerificationModel, { description: '审核状态与最近一次决定 (verification state and last decision).' })
  async verification(@Parent() org: OrganizationModel, @Context() ctx: RequestContext): Promise<OrganizationVerificationModel> {
    // No actor right after `register` (the new token is in the answer): the state only.
    const actor = ctx.actor;
    const details = seesRow(actor, 'Organization.verification', { parties: [org.id] });
    let decidedBy: VerificationDeciderModel | null = null;
    if (details && org.verificationDecidedBy) {
      const user = await ctx.loaders.user.load(org.verificationDecidedBy);
      // A decider removed from the AUTHORITY since (organization_id NULL) is named without an organization.
      const userOrg = user?.organizationId ? await ctx.loaders.organization.load(user.organizationId) : null;
      decidedBy = { displayName: seesRow(actor, 'VerificationDecider.displayName') ? (user?.displayName ?? null) : null, organizationName: userOrg?.name ?? null };
    }
    return {
      organizationId: org.id,
      state: org.verificationState,
      reason: details ? org.verificationReason : null,
      decidedAt: org.verificationDecidedAt,
      decidedBy,
      decidedByUserId: org.verificationDecidedBy,
    };
  }

  @ResolveField(() => UsccClaimConflictModel, {
    nullable: true,
    description: '仅主管部门可见：该机构的统一社会信用代码也出现在主管部门导入的名单中（第二个申领）；其他调用者为 null (AUTHORITY only; null for others).',
  })
  async claimConflict(@Parent() org: OrganizationModel, @Context() ctx: RequestContext): Promise<UsccClaimConflictModel | null> {
    if (!seesRow(ctx.actor, 'Organization.claimConflict')) return null;
    const row = await ctx.loaders.claimConflict.load(org.id);
    return row
      ? {
          uscc: row.uscc,
          importedName: row.importedName,
          firstSeenAt: row.firstSeenAt,
          lastSeenAt: row.lastSeenAt,
          importCount: row.importCount,
          outcome: row.outcome,
          reason: row.reason,
          decidedAt: row.decidedAt,
        }
      : null;
  }

  @ResolveField(() => [VerificationDecisionModel], {
    description: '审核历史，最新在前，最多 100 条；仅主管部门和机构本身可见，其他调用者为空列表；请只对单个机构查询 (decision history; AUTHORITY and the organization itself).',
  })
  async verificationHistory(@Parent() org: OrganizationModel, @Context() ctx: RequestContext): Promise<VerificationDecisionModel[]> {
    if (!seesRow(ctx.actor, 'Organization.verificationHistory', { parties: [org.id] })) return [];
    const rows = await this.verifications.history(org.id);
    return rows.map((d) => ({ id: d.id, fromState: d.fromState, toState: d.toState, reason: d.reason, decidedAt: d.decidedAt }));
  }
}

@Resolver(() => UserModel)
export class UserResolver {
  @ResolveField(() => OrganizationModel, { description: '账号所属的机构 (the organization the account belongs to).' })
  async organization(@Parent() user: UserModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    const org = await ctx.loaders.organization.load(user.organizationId);
    if (!org) throw new Error(`user ${user.id} has no organization`);
    return toOrganizationModel(org);
  }
}
