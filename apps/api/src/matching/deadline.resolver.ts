import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, inTransaction, type Clock } from '../../../../libs/platform/src/index.js';
import { DeadlineDeskService, MatchRequestService, matchDeadlineStage, overdueCursor } from '../../../../libs/matching/src/index.js';
import { overdueDeadline, type DeadlineStage } from '../../../../libs/calendar/src/index.js';
import { regionName } from '../../../../libs/identity/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ChallengeApplicationModel } from '../listings/listing.inputs.js';
import { toApplicationModel } from '../listings/listing.mapper.js';
import { ChallengeApplicationService } from '../../../../libs/listings/src/index.js';
import { MatchRequestModel } from './match-request.models.js';
import { toMatchRequestModel } from './match-request.mapper.js';
import { OverdueRequestConnectionModel, OverdueRequestFilterInput, OverdueRequestModel } from './deadline.models.js';

const APPLICATION_STAGE: Partial<Record<string, DeadlineStage>> = { SUBMITTED: 'RESPOND', SHORTLISTED: 'DECIDE' };

/** Deadlines on match requests: `overdue`, and the owner's request for information that pauses the clock. */
@Resolver(() => MatchRequestModel)
export class MatchRequestDeadlineResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: MatchRequestService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField(() => Boolean, { description: '是否已超过当前时限：待回复的看答复时限，已接受的看办理时限（登记授信决定或服务交付即视为办结）；等待企业补充材料期间为 false (past the running deadline: respondBy while PENDING, decideBy while ACCEPTED until a credit decision or service delivery is recorded; false while waiting on the firm)' })
  overdue(@Parent() r: MatchRequestModel): boolean {
    const stage = matchDeadlineStage(r.status, r.outcomeFacts.outcomeRecordedAt);
    return overdueDeadline(stage, r, r.awaitingInformationSince != null, this.clock.now()) !== null;
  }

  @Mutation(() => MatchRequestModel, { description: '发布方要求企业补充材料（待回复或已接受的申请）；企业答复前办理时限暂停 (the listing\'s owner asks the firm for information on a PENDING or ACCEPTED request; the deadlines pause until the firm answers)' })
  async requestMatchInformation(
    @Args('id', { type: () => ID, description: '对接申请 ID (match request id)' }) id: string,
    @Args('message', { description: '需要补充的材料或信息，1–2000 字 (what to provide, 1–2,000 characters)' }) message: string,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.requestInformation(m, actor, id, message)));
  }

  @Mutation(() => MatchRequestModel, { description: '企业答复发布方的补充材料要求；时限恢复计算，并顺延暂停的工作时间 (the requesting enterprise answers; the deadlines run again, moved on by the paused working time)' })
  async provideMatchInformation(
    @Args('id', { type: () => ID, description: '对接申请 ID (match request id)' }) id: string,
    @Args('message', { description: '补充的信息，1–2000 字 (the information, 1–2,000 characters)' }) message: string,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.provideInformation(m, actor, id, message)));
  }
}

@Resolver(() => ChallengeApplicationModel)
export class ChallengeApplicationDeadlineResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ChallengeApplicationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField(() => Boolean, { description: '是否已超过当前时限：已提交的看答复时限，已入围的看决定时限；等待申请企业补充材料期间为 false (past the running deadline: respondBy while SUBMITTED, decideBy while SHORTLISTED; false while waiting on the applicant)' })
  overdue(@Parent() a: ChallengeApplicationModel): boolean {
    return overdueDeadline(APPLICATION_STAGE[a.status] ?? null, a, a.awaitingInformationSince != null, this.clock.now()) !== null;
  }

  @Mutation(() => ChallengeApplicationModel, { description: '发榜企业要求揭榜企业补充材料（已提交或已入围的申请）；答复前评审时限暂停 (the challenge\'s owner asks the applicant for information on a SUBMITTED or SHORTLISTED application; the deadlines pause until it answers)' })
  async requestChallengeApplicationInformation(
    @Args('id', { type: () => ID, description: '揭榜申请 ID (application id)' }) id: string,
    @Args('message', { description: '需要补充的材料或信息，1–2000 字 (what to provide, 1–2,000 characters)' }) message: string,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.requestInformation(m, actor, id, message)));
  }

  @Mutation(() => ChallengeApplicationModel, { description: '揭榜企业答复补充材料要求；评审时限恢复计算，并顺延暂停的工作时间 (the applicant answers; the deadlines run again, moved on by the paused working time)' })
  async provideChallengeApplicationInformation(
    @Args('id', { type: () => ID, description: '揭榜申请 ID (application id)' }) id: string,
    @Args('message', { description: '补充的信息，1–2000 字 (the information, 1–2,000 characters)' }) message: string,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.provideInformation(m, actor, id, message)));
  }
}

/** The AUTHORITY's overdue desk (逾期督办台账). */
@Resolver(() => OverdueRequestModel)
export class OverdueDeskResolver {
  constructor(private readonly desk: DeadlineDeskService) {}

  @Query(() => OverdueRequestConnectionModel, { description: '逾期督办台账：超过时限仍未办理的对接申请和揭榜申请，逾期最久的在前，仅限主管部门 (overdue match requests and 揭榜 applications, most overdue first; AUTHORITY only)' })
  async overdueRequests(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => OverdueRequestFilterInput, nullable: true, description: '筛选条件 (filters)' }) filter?: OverdueRequestFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<OverdueRequestConnectionModel> {
    const page = await this.desk.overdue(ctx.requireActor(), filter ?? {}, first ?? 20, after);
    return {
      edges: page.rows.map((r) => ({
        cursor: overdueCursor(r),
        node: { ...r, regionName: regionName(r.regionCode) ?? null },
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => OrganizationModel, { description: '应办理的机构（发布方）(the institution that should act, the owner)' })
  async ownerOrganization(@Parent() item: OverdueRequestModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(item.ownerOrganizationId);
    if (!org) throw new Error(`overdue case ${item.id} has no owner`);
    return toOrganizationModel(org);
  }

  @ResolveField(() => OrganizationModel, { description: '发起申请的企业 (the requesting or applying firm)' })
  async firm(@Parent() item: OverdueRequestModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(item.firmOrganizationId);
    if (!org) throw new Error(`overdue case ${item.id} has no firm`);
    return toOrganizationModel(org);
  }
}
