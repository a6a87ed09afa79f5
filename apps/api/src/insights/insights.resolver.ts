import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InsightsService, type Period, AuditLogService, RANKING_WEIGHTS, DeclineReasonInsightsService, MatchmakingFunnelService } from '../../../../libs/insights/src/index.js';
import { authorizeQuery } from '../../../../libs/identity/src/index.js';
import type { QueryName } from '../../../../libs/identity/src/index.js';
import type { RankingWeights } from '../../../../libs/insights/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { ListingKindEnum } from '../listings/listing.models.js';
import { connectionOf } from '../graphql/connection.js';
import { checkPageSize, offsetAfter, offsetConnection } from '../../../../libs/platform/src/index.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  auditOperation,
  auditOutcome,
  AuditEntryConnectionModel,
  ChallengeInsightRowModel,
  DeclineReasonInsightRowModel,
  FinancingRowModel,
  MatchmakingFunnelRowModel,
  MatchmakingRowModel,
  ServiceInstitutionRankModel,
  TierPipelineRowModel,
} from './insights.models.js';
import { AuditLogFilterInput, InsightsPeriodInput } from './insights.inputs.js';

const ServiceInstitutionRankConnection = connectionOf(ServiceInstitutionRankModel, 'ServiceInstitutionRank', {
  zh: '服务机构排名',
  en: 'ranked service institution',
  orderZh: '排名靠前的在前',
  orderEn: 'best first',
  unit: '家',
});

/** GraphQL Date values arrive as Dates at UTC midnight. */
export const toPeriod = (p: InsightsPeriodInput): Period => ({ from: isoDay(p.from), to: isoDay(p.to) });
const isoDay = (d: Date) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : String(d));

/** The city's view (AUTHORITY only): tier pipeline, matchmaking, financing, 揭榜, service institutions, audit log. */
@Resolver()
export class InsightsResolver {
  constructor(
    private readonly insights: InsightsService,
    private readonly audit: AuditLogService,
    private readonly declines: DeclineReasonInsightsService,
    private readonly funnel: MatchmakingFunnelService,
    @Inject(RANKING_WEIGHTS) private readonly weights: RankingWeights,
  ) {}

  private authority(ctx: RequestContext, query: QueryName) {
    const actor = ctx.requireActor();
    authorizeQuery(actor, query);
    return actor;
  }

  @Query(() => [TierPipelineRowModel], { description: '梯度培育情况：按县级地区统计已认定梯度、已符合更高梯度和复核风险的企业数，仅限主管部门 (AUTHORITY only: enterprises per county by certified tier, eligible-not-certified tier and 复核 risk)' })
  tierPipeline(@Context() ctx: RequestContext, @Args('regionCode', { type: () => String, nullable: true, description: '省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (a region code; includes the areas under it)' }) regionCode?: string | null) {
    this.authority(ctx, 'tierPipeline');
    return this.insights.tierPipeline(regionCode);
  }

  @Query(() => [MatchmakingRowModel], { description: '对接情况：按月份、企业所在地区和发布信息类别统计对接申请，仅限主管部门 (AUTHORITY only: match requests per month, region and listing kind)' })
  matchmakingInsights(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput, description: '统计区间 (the period)' }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true, description: '企业所在地区：省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (the enterprises\' region; includes the areas under it)' }) regionCode?: string | null,
  ) {
    this.authority(ctx, 'matchmakingInsights');
    return this.insights.matchmaking(toPeriod(period), regionCode);
  }

  @Query(() => [FinancingRowModel], { description: '融资对接情况：按产品类型统计金融产品的对接申请与金额，按申请发起的整月汇总，仅限主管部门 (AUTHORITY only: credit-product match requests by product type, with amounts; whole months)' })
  financingInsights(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput, description: '统计区间 (the period)' }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true, description: '企业所在地区：省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (the enterprises\' region; includes the areas under it)' }) regionCode?: string | null,
  ) {
    this.authority(ctx, 'financingInsights');
    return this.insights.financing(toPeriod(period), regionCode);
  }

  @Query(() => [DeclineReasonInsightRowModel], {
    description:
      '婉拒与拒绝理由统计：按机构、理由列表、环节和理由代码，统计区间内作出的决定，仅限主管部门 (AUTHORITY only: declines, credit not granted and 揭榜 rejections per institution, kind, stage and reason, decided in the period)',
  })
  declineReasonInsights(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput, description: '统计区间 (the period)' }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true, description: '被婉拒企业所在地区：省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (the turned-down firms\' region; includes the areas under it)' }) regionCode?: string | null,
  ) {
    this.authority(ctx, 'declineReasonInsights');
    return this.declines.declineReasons(toPeriod(period), regionCode);
  }

  @Query(() => [MatchmakingFunnelRowModel], {
    description:
      '对接漏斗：匹配 → 推送 → 查看 → 申请 → 答复 → 接受 → 成功（金融产品含获批金额），按资源类型、企业所在地区和发布机构统计，口径见 README；与 XLSX 导出 matchmaking-funnel 同源，仅限主管部门 (AUTHORITY only: the matchmaking funnel per kind, region and institution; the same rows as the matchmaking-funnel export)',
  })
  matchmakingFunnel(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput, description: '统计区间：进入推荐集的日期（北京时间，含首尾）(the period: when pairs were matched)' }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true, description: '企业所在地区：省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (the firms\' region; includes the areas under it)' }) regionCode?: string | null,
    @Args('kinds', { type: () => [ListingKindEnum], nullable: true, description: '只统计这些资源类型，最多 4 个；不填表示全部 (only these kinds; null: all)' }) kinds?: string[] | null,
  ) {
    this.authority(ctx, 'matchmakingFunnel');
    return this.funnel.funnel(toPeriod(period), regionCode, kinds);
  }

  @Query(() => [ChallengeInsightRowModel], { description: '揭榜挂帅情况：按链主企业统计，仅限主管部门 (AUTHORITY only: 揭榜 per anchor enterprise)' })
  challengeInsights(@Context() ctx: RequestContext, @Args('period', { type: () => InsightsPeriodInput, description: '统计区间 (the period)' }) period: InsightsPeriodInput) {
    this.authority(ctx, 'challengeInsights');
    return this.insights.challenges(toPeriod(period));
  }

  @Query(() => [ServiceInstitutionRankModel], {
    description: '优质服务机构排名：按申请量、接受率、响应速度、完成率、成功率和满意度加权计算，仅限主管部门 (AUTHORITY only: service institutions ranked by weighted inputs; weights from SERVICE_RANKING_WEIGHTS)',
    deprecationReason: '请使用 serviceInstitutionRankingConnection（Relay 分页，含 totalCount 和 pageInfo）(use serviceInstitutionRankingConnection)',
  })
  async serviceInstitutionRanking(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput, description: '统计区间 (the period)' }) period: InsightsPeriodInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: '返回前几名，1–500，默认 50 (how many, 1–500, default 50)' }) first = 50,
  ): Promise<ServiceInstitutionRankModel[]> {
    this.authority(ctx, 'serviceInstitutionRanking');
    const ranked = await this.insights.serviceRanking(toPeriod(period), first ?? 50, this.weights);
    const orgs = await Promise.all(ranked.map((r) => ctx.loaders.organization.load(r.organizationId)));
    return ranked.map((r, i) => ({ ...r, organization: toOrganizationModel(orgs[i]!) }));
  }

  @Query(() => ServiceInstitutionRankConnection, {
    description: '优质服务机构排名（Relay 分页），排名靠前的在前，仅限主管部门 (AUTHORITY only: a Relay page of the service institution ranking, best first)',
  })
  async serviceInstitutionRankingConnection(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput, description: '统计区间 (the period)' }) period: InsightsPeriodInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；排名最多翻到第 10000 名 (the previous page’s endCursor; the first 10,000 ranks)' }) after?: string | null,
  ) {
    this.authority(ctx, 'serviceInstitutionRankingConnection');
    checkPageSize(first ?? 20);
    const offset = offsetAfter(after);
    const page = await this.insights.serviceRankingPage(toPeriod(period), first ?? 20, offset, this.weights);
    const orgs = await Promise.all(page.rows.map((r) => ctx.loaders.organization.load(r.organizationId)));
    return offsetConnection(page.rows.map((r, i) => ({ ...r, organization: toOrganizationModel(orgs[i]!) })), offset, page.total);
  }

  @Query(() => AuditEntryConnectionModel, { description: '操作日志：每次 mutation 调用（用户、机构、操作、对象、时间、结果），新的在前，仅限主管部门 (AUTHORITY only: every mutation call, newest first)' })
  async auditLog(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true, description: '筛选条件 (filter)' }) filter?: AuditLogFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<AuditEntryConnectionModel> {
    this.authority(ctx, 'auditLog');
    const page = await this.audit.page(filter ?? {}, first ?? 20, after);
    return {
      edges: page.rows.map((r) => ({ cursor: r.id, node: { ...r, operation: auditOperation(r.operation), outcome: auditOutcome(r.outcome) } })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      filter: filter ?? {},
    };
  }
}

/** AuditEntryConnection.totalCount: counted only when a client asks for it (the log is the largest table). */
@Resolver(() => AuditEntryConnectionModel)
export class AuditEntryConnectionResolver {
  constructor(private readonly audit: AuditLogService) {}

  @ResolveField(() => Int, { description: '符合筛选条件的日志总数，单位：条；只在请求该字段时计算 (entries matching the filter; counted only when asked for)' })
  totalCount(@Parent() connection: AuditEntryConnectionModel): Promise<number> {
    return this.audit.count(connection.filter);
  }
}
