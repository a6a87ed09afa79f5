import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { AppError, badInput } from '../../../../libs/platform/src/errors/app-error.js';
import { EnterpriseProfileService } from '../../../../libs/enterprises/src/enterprise-profile.service.js';
import { MatchRequestService } from '../../../../libs/matching/src/requests/match-request.service.js';
import { ReviewRiskQuery } from '../../../../libs/enterprises/src/review-risk.query.js';
import { RULE_SETS } from '../../../../libs/tiers/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { EnterpriseProfileInput, EnterpriseProfileModel, ReviewRiskEntryModel } from './profile.models.js';
import { toAssessmentModel, toProfileModel } from './profile.mapper.js';
import { TierAssessmentModel } from './tier.models.js';

@Resolver(() => EnterpriseProfileModel)
export class EnterpriseProfileResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfileService,
    private readonly risks: ReviewRiskQuery,
    private readonly matchRequests: MatchRequestService,
  ) {}

  @Query(() => EnterpriseProfileModel, {
    nullable: true,
    description: 'Own profile, AUTHORITY, or an owner of a listing the enterprise shared its profile with.',
  })
  async enterpriseProfile(@Args('organizationId', { type: () => ID }) organizationId: string, @Context() ctx: RequestContext) {
    const actor = ctx.requireActor();
    const profile = await this.profiles.read(actor, organizationId, async (id) => (await this.matchRequests.sharedProfiles(actor.organizationId, [id])).has(id));
    return profile ? toProfileModel(profile) : null;
  }

  @Mutation(() => EnterpriseProfileModel, { description: "ENTERPRISE only; creates or replaces the caller's profile." })
  async upsertEnterpriseProfile(@Args('input') input: EnterpriseProfileInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    const saved = await inTransaction(this.dataSource, (manager) => this.profiles.upsertOwn(manager, actor, input));
    return toProfileModel(saved);
  }

  @Query(() => [ReviewRiskEntryModel], { description: 'AUTHORITY only: enterprises whose title is at 复核 risk, soonest expiry first.' })
  async enterprisesAtReviewRisk(
    @Context() ctx: RequestContext,
    @Args('regionCode', { nullable: true, description: 'A province, city or county code; includes the areas under it.' }) regionCode?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
  ) {
    const actor = ctx.requireActor();
    if (actor.kind !== 'AUTHORITY') throw new AppError('FORBIDDEN', '仅主管部门可查看复核风险名单 (AUTHORITY only)');
    if (first < 1 || first > 500) throw badInput('first 需在 1–500 之间 (first must be 1–500)', 'first');
    return this.risks.list(regionCode, first);
  }

  @ResolveField(() => OrganizationModel)
  async organization(@Parent() profile: EnterpriseProfileModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(profile.organizationId);
    if (!org) throw new Error(`profile ${profile.organizationId} has no organization`);
    return toOrganizationModel(org);
  }

  @ResolveField(() => [TierAssessmentModel], {
    description: 'Latest assessment per tier, computed by the scoring workers. Without ruleSet: the rule set in force for each tier today.',
  })
  async assessments(
    @Parent() profile: EnterpriseProfileModel,
    @Context() ctx: RequestContext,
    @Args('ruleSet', { nullable: true, description: 'MIIT-2022 or MIIT-2026' }) ruleSet?: string,
  ) {
    if (ruleSet !== undefined && ruleSet !== null && !RULE_SETS[ruleSet]) {
      throw badInput(`未知规则集 ${ruleSet}（可选 ${Object.keys(RULE_SETS).join(', ')}）`, 'ruleSet');
    }
    const rows = await ctx.loaders.assessments.load(`${profile.organizationId}|${ruleSet ?? ''}`);
    return rows.map(toAssessmentModel);
  }
}
