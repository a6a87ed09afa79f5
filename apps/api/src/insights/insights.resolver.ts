import { Inject } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { InsightsService, requireAuthority, type Period } from '../../../../libs/insights/src/insights.service.js';
import { AuditLogService } from '../../../../libs/insights/src/audit-log.service.js';
import { RANKING_WEIGHTS } from '../../../../libs/insights/src/insights.module.js';
import type { RankingWeights } from '../../../../libs/insights/src/service-ranking.js';
import type { RequestContext } from '../graphql/request-context.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  AuditEntryConnectionModel,
  AuditLogFilterInput,
  ChallengeInsightRowModel,
  FinancingRowModel,
  InsightsPeriodInput,
  MatchmakingRowModel,
  ServiceInstitutionRankModel,
  TierPipelineRowModel,
} from './insights.models.js';

/** GraphQL Date values arrive as Dates at UTC midnight. */
export const toPeriod = (p: InsightsPeriodInput): Period => ({ from: isoDay(p.from), to: isoDay(p.to) });
const isoDay = (d: Date) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : String(d));

/** The city's view (AUTHORITY only): tier pipeline, matchmaking, financing, 揭榜, service institutions, audit log. */
@Resolver()
export class InsightsResolver {
  constructor(
    private readonly insights: InsightsService,
    private readonly audit: AuditLogService,
    @Inject(RANKING_WEIGHTS) private readonly weights: RankingWeights,
  ) {}

  private authority(ctx: RequestContext) {
    const actor = ctx.requireActor();
    requireAuthority(actor);
    return actor;
  }

  @Query(() => [TierPipelineRowModel], { description: 'AUTHORITY only: enterprises per county by certified tier, eligible-not-certified tier and 复核 risk.' })
  tierPipeline(@Context() ctx: RequestContext, @Args('regionCode', { type: () => String, nullable: true }) regionCode?: string | null) {
    this.authority(ctx);
    return this.insights.tierPipeline(regionCode);
  }

  @Query(() => [MatchmakingRowModel], { description: 'AUTHORITY only: match requests per month, region and listing kind.' })
  matchmakingInsights(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode?: string | null,
  ) {
    this.authority(ctx);
    return this.insights.matchmaking(toPeriod(period), regionCode);
  }

  @Query(() => [FinancingRowModel], { description: 'AUTHORITY only: credit-product match requests by product type, with amounts.' })
  financingInsights(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode?: string | null,
  ) {
    this.authority(ctx);
    return this.insights.financing(toPeriod(period), regionCode);
  }

  @Query(() => [ChallengeInsightRowModel], { description: 'AUTHORITY only: 揭榜 per anchor enterprise.' })
  challengeInsights(@Context() ctx: RequestContext, @Args('period', { type: () => InsightsPeriodInput }) period: InsightsPeriodInput) {
    this.authority(ctx);
    return this.insights.challenges(toPeriod(period));
  }

  @Query(() => [ServiceInstitutionRankModel], { description: 'AUTHORITY only: service institutions ranked by weighted inputs (DOMAIN.md §4.4); weights from SERVICE_RANKING_WEIGHTS.' })
  async serviceInstitutionRanking(
    @Context() ctx: RequestContext,
    @Args('period', { type: () => InsightsPeriodInput }) period: InsightsPeriodInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
  ): Promise<ServiceInstitutionRankModel[]> {
    this.authority(ctx);
    const ranked = await this.insights.serviceRanking(toPeriod(period), first ?? 50, this.weights);
    const orgs = await Promise.all(ranked.map((r) => ctx.loaders.organization.load(r.organizationId)));
    return ranked.map((r, i) => ({ ...r, organization: toOrganizationModel(orgs[i]!) }));
  }

  @Query(() => AuditEntryConnectionModel, { description: 'AUTHORITY only: every mutation call (who, organization, operation, target, time, outcome), newest first.' })
  async auditLog(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true }) filter?: AuditLogFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AuditEntryConnectionModel> {
    this.authority(ctx);
    const page = await this.audit.page(filter ?? {}, first ?? 50, after);
    return { edges: page.rows.map((r) => ({ cursor: r.id, node: r })), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }
}
