import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, inTransaction, keysetCursor } from '../../../../libs/platform/src/index.js';
import { seesRow } from '../../../../libs/identity/src/index.js';
import { ChallengeApplicationService, visibleApplications } from '../../../../libs/listings/src/index.js';
import type { ApplicationDecision, ApplicationStatus } from '../../../../libs/listings/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { SafeIntScalar } from '../graphql/scalars.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  ApplicationDecisionEnum,
  ApplicationStatusEnum,
  ChallengeApplicationConnectionModel,
  ChallengeApplicationInput,
  ChallengeApplicationModel,
} from './listing.inputs.js';
import { ChallengeModel } from './listing.models.js';
import { toApplicationModel, toListingModel } from './listing.mapper.js';
import { TimelineConnectionModel } from '../timeline/timeline.models.js';
import { TIMELINE_FIRST_DEFAULT, timelineConnection } from '../timeline/timeline.mapper.js';

/** 揭榜: apply, decide, withdraw; applications visible to applicant, challenge owner and AUTHORITY. */
@Resolver(() => ChallengeApplicationModel)
export class ChallengeApplicationResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ChallengeApplicationService,
  ) {}

  @Mutation(() => ChallengeApplicationModel, { description: '企业揭榜：对已发布且未过截止日期（含当天）的榜单提交申请，仅限企业账号，每家企业同一榜单只能有一份有效申请 (ENTERPRISE only, on a published challenge up to its applyBy date)' })
  async applyToChallenge(@Args('input', { description: '揭榜申请 (the application)' }) input: ChallengeApplicationInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.apply(m, actor, input)));
  }

  @Mutation(() => ChallengeApplicationModel, { description: '对揭榜申请作出决定（入围、接受或拒绝），仅限发榜方 (the challenge\'s owner only: shortlist, accept or reject)' })
  async decideChallengeApplication(
    @Args('id', { type: () => ID, description: '揭榜申请 ID (application id)' }) id: string,
    @Args('decision', { type: () => ApplicationDecisionEnum, description: '决定 (decision)' }) decision: ApplicationDecision,
    @Context() ctx: RequestContext,
    @Args('comment', { type: () => String, nullable: true, description: '评审意见，最多 2000 字；不传则保留原意见，传 null 或空白则清除 (comment, at most 2000 characters; omitted keeps the stored one, null or blank clears it)' }) comment?: string | null,
    @Args('reasonCode', { type: () => String, nullable: true, description: '拒绝理由代码，取自揭榜挂帅理由列表（declineReasons(kind: CHALLENGE)）；拒绝时必填，「其他」须同时填写 comment (a CHALLENGE reason code; required with REJECT; CHALLENGE_OTHER needs a comment)' }) reasonCode?: string | null,
    @Args('contractValue', { type: () => SafeIntScalar, nullable: true, description: '合同金额，单位：元，0 至 100 亿元；仅接受时可填 (contract value, whole yuan 0–10^10; ACCEPT only)' }) contractValue?: number | null,
  ) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.decide(m, actor, id, decision, comment, { reasonCode, contractValue })));
  }

  @Mutation(() => ChallengeApplicationModel, { description: '撤回揭榜申请，仅限申请方，且申请处于已提交或已入围状态；撤回后可重新申请 (the applicant only, while SUBMITTED or SHORTLISTED; a new application may follow)' })
  async withdrawChallengeApplication(@Args('id', { type: () => ID, description: '揭榜申请 ID (application id)' }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.withdraw(m, actor, id)));
  }

  @Query(() => ChallengeApplicationModel, {
    nullable: true,
    description: '查看一份揭榜申请：申请方、发榜方和主管部门可见；不存在时为 null，存在但无权查看时返回 FORBIDDEN (for its applicant, the challenge owner and AUTHORITY; null when there is no such application, FORBIDDEN for others)',
  })
  async challengeApplication(@Args('id', { type: () => ID, description: '揭榜申请 ID (application id)' }) id: string, @Context() ctx: RequestContext) {
    try {
      return toApplicationModel(await this.applications.getVisible(ctx.requireActor(), id));
    } catch (err) {
      // One not-found behaviour for single-object queries (ADR 0032): null.
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  @Query(() => ChallengeApplicationConnectionModel, {
    description: '本企业的揭榜申请，新的在前，可按状态筛选；仅限企业账号 (ENTERPRISE only: the caller\'s enterprise\'s own 揭榜 applications, newest first)',
  })
  async myChallengeApplications(
    @Context() ctx: RequestContext,
    @Args('status', { type: () => ApplicationStatusEnum, nullable: true, description: '只看该状态；不填表示全部 (only this status; all when omitted)' }) status?: ApplicationStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<ChallengeApplicationConnectionModel> {
    const page = await this.applications.mine(ctx.requireActor(), status, first ?? 20, after);
    return {
      edges: page.rows.map((a) => ({ cursor: keysetCursor(a), node: toApplicationModel(a) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => ChallengeModel, { description: '所申请的榜单 (the challenge applied to)' })
  async challenge(@Parent() application: ChallengeApplicationModel, @Context() ctx: RequestContext) {
    const full = await ctx.loaders.listing.load(application.challengeId);
    if (!full) throw new Error(`application ${application.id} has no challenge`);
    return toListingModel(full);
  }

  @ResolveField(() => TimelineConnectionModel, { description: '申请的时间线，按发生先后排列：提交、入围、接受或拒绝、撤回等每一步 (the application\'s timeline, oldest first: every step)' })
  async timeline(
    @Parent() application: ChallengeApplicationModel,
    @Args('first', { type: () => Int, nullable: true, defaultValue: TIMELINE_FIRST_DEFAULT, description: '每页步骤数，1–100，默认 50 (steps per page, 1–100, default 50)' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<TimelineConnectionModel> {
    return timelineConnection(this.dataSource.manager, 'CHALLENGE_APPLICATION', application.id, first ?? TIMELINE_FIRST_DEFAULT, after);
  }

  @ResolveField(() => OrganizationModel, { description: '申请企业 (the applying enterprise)' })
  async applicant(@Parent() application: ChallengeApplicationModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(application.applicantOrganizationId);
    if (!org) throw new Error(`application ${application.id} has no applicant`);
    return toOrganizationModel(org);
  }
}

/** The plain Challenge.applications list is bounded (issue 24): a 揭榜 rarely draws more; the connection pages through all. */
const MAX_PLAIN_APPLICATIONS = 100;

@Resolver(() => ChallengeModel)
export class ChallengeResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applicationService: ChallengeApplicationService,
  ) {}

  @ResolveField(() => TimelineConnectionModel, {
    nullable: true,
    description:
      '榜单的历程，按发生先后排列：发布、条款修改（预算、截止日期、指标，列出修改的字段）、关闭；发榜方、主管部门和揭榜过该榜单的企业可见，其他人为空 ' +
      '(the challenge\'s history, oldest first: publication, edits of its terms naming the changed fields, closure; for its owner, the AUTHORITY and enterprises that applied to it, null for others)',
  })
  async history(
    @Parent() challenge: ChallengeModel,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: TIMELINE_FIRST_DEFAULT, description: '每页步骤数，1–100，默认 50 (steps per page, 1–100, default 50)' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<TimelineConnectionModel | null> {
    const actor = ctx.actor;
    if (!actor) return null;
    const parties = { parties: [challenge.ownerOrganizationId] };
    // Applicants were told of every change anyway: any application of theirs, whatever its status, grants the history.
    const applied = !seesRow(actor, 'Challenge.history', parties) && (await ctx.loaders.applicationsByChallenge.load(challenge.id)).some((a) => a.applicantOrganizationId === actor.organizationId);
    if (!seesRow(actor, 'Challenge.history', { ...parties, granted: applied })) return null;
    return timelineConnection(this.dataSource.manager, 'CHALLENGE', challenge.id, first ?? TIMELINE_FIRST_DEFAULT, after);
  }

  @ResolveField(() => [ChallengeApplicationModel], {
    description: `揭榜申请，新的在前，最多 ${MAX_PLAIN_APPLICATIONS} 份：发榜方和主管部门可见全部，其他人只见自己的 (newest first, at most ${MAX_PLAIN_APPLICATIONS}; all for the owner and AUTHORITY; others see only their own)`,
    deprecationReason: '请使用 applicationsConnection（Relay 分页，含 totalCount 和 pageInfo）(use applicationsConnection)',
  })
  async applications(@Parent() challenge: ChallengeModel, @Context() ctx: RequestContext) {
    const all = await ctx.loaders.applicationsByChallenge.load(challenge.id);
    return visibleApplications(ctx.actor, challenge.ownerOrganizationId, all).slice(0, MAX_PLAIN_APPLICATIONS).map(toApplicationModel);
  }

  @ResolveField(() => ChallengeApplicationConnectionModel, {
    description: '揭榜申请（Relay 分页），新的在前：发榜方和主管部门可见全部，其他人只见自己的 (a Relay page of the applications, newest first; all for the owner and AUTHORITY, others only their own)',
  })
  async applicationsConnection(
    @Parent() challenge: ChallengeModel,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<ChallengeApplicationConnectionModel> {
    const page = await this.applicationService.pageForChallenge(ctx.actor, { id: challenge.id, ownerOrganizationId: challenge.ownerOrganizationId }, first ?? 20, after);
    return {
      edges: page.rows.map((a) => ({ cursor: keysetCursor(a), node: toApplicationModel(a) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }
}
